// What a request says is checked before it is used: every JSON field for its
// type and, at full width, its range (400 bad_request naming the field, never
// a 500, nothing stored); ids in paths at any length; and what the server
// writes in its log, which never holds a password, a token or a cookie.
#include <sqlite3.h>

#include <fstream>
#include <sstream>

#include "tests/web/fixture.h"

using namespace poster;
using namespace poster::testing;

namespace {

struct BadBody {
  std::string path;
  std::string body;
  std::string field;  // the field the answer must name; "" for a body that is not an object
};

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream file(path);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("wrong-typed and out-of-range JSON fields are refused with 400 naming the field",
          "[web][requests]") {
  WebContest contest;
  int64_t approved = contest.Entry("E1002", 1, true), pending = contest.Entry("E1002", 2, false);
  contest.Open(voting::Phase::kVoting);
  contest.Open(voting::Phase::kJudging);
  REQUIRE(contest.catalogue().AssignJudges("seed", "operator").ok());
  std::string a = std::to_string(approved), p = std::to_string(pending);
  const std::vector<BadBody> bodies = {
      {"/api/auth/login", "{\"employee_id\":123,\"password\":\"x\"}", "employee_id"},
      {"/api/auth/login", "{\"employee_id\":\"E1001\",\"password\":[]}", "password"},
      {"/api/auth/login", "{\"employee_id\":\"E1001\"}", "password"},
      {"/api/auth/login", "[1,2]", ""},
      {"/api/auth/login", "{\"employee_id\":", ""},
      {"/api/auth/accept", "{\"token\":7,\"password\":\"공모전 비밀번호 2026\"}", "token"},
      {"/api/votes", "{\"entry\":\"" + a + "\"}", "entry"},
      {"/api/votes", "{\"entry\":1.5}", "entry"},
      {"/api/votes", "{\"entry\":99999999999999999999}", "entry"},
      {"/api/votes", "{\"entry\":-1}", "entry"},
      {"/api/votes", "{\"entry\":18446744073709551615}", "entry"},
      {"/api/review/" + p + "/decision", "{\"action\":5}", "action"},
      {"/api/review/" + p + "/decision", "{\"action\":\"approve\",\"reason\":{}}", "reason"},
      {"/api/judge/scores", "{\"entry\":" + a + ",\"scores\":[4294967304,8,8,8]}", "scores"},
      {"/api/judge/scores", "{\"entry\":" + a + ",\"scores\":\"8,7,9,6\"}", "scores"},
      {"/api/judge/scores", "{\"entry\":" + a + ",\"scores\":[8,7,9,6.5]}", "scores"},
      {"/api/judge/scores", "{\"entry\":4294967297,\"scores\":[8,7,9,6]}", ""},
      {"/api/judge/scores", "{\"entry\":true,\"scores\":[8,7,9,6]}", "entry"},
      {"/api/admin/phases", "{\"phase\":1,\"change\":\"open\"}", "phase"},
      {"/api/admin/phases", "{\"phase\":\"review\",\"change\":false}", "change"},
      {"/api/admin/invitations", "{\"all\":\"yes\"}", "all"},
      {"/api/admin/invitations", "{\"employee_id\":2002}", "employee_id"},
      {"/api/admin/judges/assign", "{\"seed\":7}", "seed"},
      {"/api/admin/entries/" + a + "/disqualify", "{\"reason\":1}", "reason"},
  };
  std::unique_ptr<HttpClient> admin = contest.As("A0001"), judge = contest.As("J0001"),
                              voter = contest.As("E2001"), moderator = contest.As("M0001");
  for (const BadBody& bad : bodies) {
    HttpClient& client = bad.path.find("/api/judge/") == 0    ? *judge
                         : bad.path.find("/api/review/") == 0 ? *moderator
                         : bad.path.find("/api/admin/") == 0  ? *admin
                                                              : *voter;
    HttpReply reply = client.Post(bad.path, bad.body);
    INFO(bad.path << " " << bad.body << " -> " << reply.status << " " << reply.body);
    nlohmann::json answer = Json(reply);
    if (bad.field.empty()) {  // no such entry to score, or not an object: refused, never 500
      CHECK(reply.status >= 400);
      CHECK(reply.status < 500);
      continue;
    }
    CHECK(reply.status == 400);
    CHECK(answer["code"] == "bad_request");
    CHECK(answer["details"]["field"] == bad.field);
    CHECK(answer["details"]["expected"].is_string());
  }
  CHECK(contest.catalogue().BallotOf("E2001")->entries.empty());
  Result<std::vector<gallery::JudgeTask>> tasks = contest.catalogue().JudgeTasks("J0001");
  REQUIRE(tasks.ok());
  for (const gallery::JudgeTask& task : *tasks) CHECK_FALSE(task.scores.has_value());
  CHECK(contest.catalogue().Get(pending)->status == "submitted");
  CHECK(contest.catalogue().Get(approved)->status == "approved");
}

TEST_CASE("ids in paths longer than any id answer 404, never 500", "[web][requests]") {
  WebContest contest;
  std::unique_ptr<HttpClient> admin = contest.As("A0001");
  const std::string huge = "99999999999999999999";
  for (HttpReply reply :
       {admin->Get("/api/entries/" + huge), admin->Get("/api/entries/" + huge + "/qr.png"),
        admin->Delete("/api/votes/" + huge), admin->Post("/api/review/" + huge + "/claim", ""),
        admin->Post("/api/entries/" + huge + "/withdraw", ""),
        admin->Post("/api/admin/entries/" + huge + "/disqualify", "{}")}) {
    INFO(reply.status << " " << reply.body);
    CHECK(reply.status == 404);
  }
}

TEST_CASE("signing out says so when the session could not be ended", "[web][accounts][sqlite]") {
  WebContest contest;
  std::unique_ptr<HttpClient> person = contest.As("E1001");
  sqlite3* db = nullptr;
  REQUIRE(sqlite3_open((contest.dir() / "data" / "contest.db").c_str(), &db) == SQLITE_OK);
  REQUIRE(sqlite3_exec(db,
                       "CREATE TRIGGER keep_sessions BEFORE DELETE ON sessions BEGIN "
                       "SELECT RAISE(ABORT, 'sessions are kept'); END",
                       nullptr, nullptr, nullptr) == SQLITE_OK);
  HttpReply failed = person->Post("/api/auth/logout", "");
  CHECK(failed.status == 500);
  CHECK(Json(failed)["code"] == "store_failed");
  CHECK(failed.Header("set-cookie").empty());
  CHECK(person->Get("/api/me").status == 200);  // still signed in, and told so
  REQUIRE(sqlite3_exec(db, "DROP TRIGGER keep_sessions", nullptr, nullptr, nullptr) == SQLITE_OK);
  sqlite3_close(db);
  CHECK(person->Post("/api/auth/logout", "").status == 200);
  CHECK(person->Get("/api/me").status == 401);
  CHECK(ReadFile(contest.log_path()).find("store_failed") != std::string::npos);
}

TEST_CASE("the log has a line per request and never a password, token or cookie", "[web][log]") {
  WebContest contest;
  Result<std::string> token = contest.catalogue().Invite("E1001", "operator");
  REQUIRE(token.ok());
  HttpClient browser(contest.url());
  REQUIRE(browser.Accept(*token, kPassword).status == 200);
  REQUIRE(browser.SignIn("E1001", kPassword).status == 200);
  CHECK(browser.SignIn("E1001", "틀린 비밀번호 입니다 0000").status == 401);
  CHECK(browser.Get("/api/entries/987654321").status == 404);
  CHECK(browser.Get("/?invite=" + *token).status == 200);
  Result<gallery::Session> session = contest.catalogue().SessionFor("E1001");
  REQUIRE(session.ok());
  HttpClient cookie_holder(contest.url());
  cookie_holder.Get("/api/me", {"Cookie: poster_session=" + session->token});

  std::string log = ReadFile(contest.log_path());
  INFO(log);
  CHECK(log.find("POST /api/auth/accept 200") != std::string::npos);
  CHECK(log.find("POST /api/auth/login 200") != std::string::npos);
  CHECK(log.find("POST /api/auth/login 401") != std::string::npos);
  CHECK(log.find("GET /api/entries/(\\d+) 404") != std::string::npos);
  CHECK(log.find("GET /api/me 200") != std::string::npos);
  CHECK(log.find(" ms") != std::string::npos);
  for (const std::string& secret :
       {std::string(kPassword), std::string("틀린 비밀번호"), *token, session->token,
        browser.csrf(), std::string("987654321"), std::string("invite=")})
    CHECK(log.find(secret) == std::string::npos);
}
