// The awards over HTTP: tiers on every list of entries once announced (and in
// the static export), published judges' comments on the results, objections
// filed and answered, and the admin's dashboard.
#include "tests/web/fixture.h"

using namespace poster;
using namespace poster::testing;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

// Two approved entries by E1001 and E1002, a vote and J0001's scores with a
// comment on the first; judging and voting open.
std::vector<int64_t> ScoredContest(WebContest& contest) {
  std::vector<int64_t> ids = {contest.Entry("E1001", 1, true), contest.Entry("E1002", 2, true)};
  contest.Open(voting::Phase::kVoting);
  contest.Open(voting::Phase::kJudging);
  REQUIRE(contest.catalogue().AssignJudges("seed", "operator").ok());
  REQUIRE(contest.catalogue().CastVote("E2001", ids[0]).ok());
  return ids;
}

json TierOf(const json& entries, int64_t id) {
  for (const json& e : entries)
    if (e.value("entry", int64_t{0}) == id) return e.value("tier", json());
  return json("(missing)");
}

json ExportedData(const fs::path& site) {
  std::string text = ReadText(site / "static" / "data.js");
  const std::string prefix = "window.POSTER_DATA = ";
  REQUIRE(text.rfind(prefix, 0) == 0);
  return json::parse(text.substr(prefix.size(), text.rfind(';') - prefix.size()));
}

}  // namespace

TEST_CASE("the winner's tier is on its card, its page and in my entries only after announcing",
          "[web][awards]") {
  WebContest contest;
  std::vector<int64_t> ids = ScoredContest(contest);
  auto judge = contest.As("J0001");
  REQUIRE(judge
              ->Post("/api/judge/scores",
                     "{\"entry\":" + std::to_string(ids[0]) + ",\"scores\":[10,10,10,10]}")
              .status == 200);
  auto author = contest.As("E1001");
  auto admin = contest.As("A0001");
  CHECK(TierOf(Json(author->Get("/api/gallery"))["entries"], ids[0]).is_null());
  CHECK_FALSE(Json(author->Get("/api/entries/" + std::to_string(ids[0]))).contains("tier"));
  REQUIRE(admin->Get("/api/results").status == 200);  // the admin's preview gives no badge
  CHECK(TierOf(Json(author->Get("/api/gallery"))["entries"], ids[0]).is_null());
  REQUIRE(admin->Post("/api/admin/announce", "").status == 200);
  CHECK(TierOf(Json(contest.Anonymous()->Get("/api/gallery"))["entries"], ids[0]) == "최우수");
  json page = Json(contest.Anonymous()->Get("/api/entries/" + std::to_string(ids[0])));
  CHECK(page["tier"] == "최우수");
  CHECK(page["tier_en"] == "Grand prize");
  CHECK(TierOf(Json(author->Get("/api/my/entries"))["entries"], ids[0]) == "최우수");
  CHECK(Json(author->Get("/api/entries/" + std::to_string(ids[0])))["tier"] == "최우수");

  fs::path site = contest.dir() / "site";
  REQUIRE(gallery::ExportSite(contest.catalogue(), site, "http://x").ok());
  json data = ExportedData(site);
  CHECK(TierOf(data["gallery"]["entries"], ids[0]) == "최우수");
  CHECK(data["entries"][std::to_string(ids[0])]["tier"] == "최우수");
}

TEST_CASE("the results show the comments an admin published, after announcing, without names",
          "[web][awards]") {
  WebContest contest;
  std::vector<int64_t> ids = ScoredContest(contest);
  std::string a = std::to_string(ids[0]);
  auto judge = contest.As("J0001");
  REQUIRE(judge
              ->Post("/api/judge/scores",
                     "{\"entry\":" + a + ",\"scores\":[9,8,9,7],\"comment\":\"따뜻한 색감\"}")
              .status == 200);
  json tasks = Json(judge->Get("/api/judge/tasks"))["tasks"];  // in the judge's own order
  for (const json& task : tasks) {
    if (task["entry"] == ids[0]) CHECK(task["comment"] == "따뜻한 색감");
  }
  auto admin = contest.As("A0001");
  json comments = Json(admin->Get("/api/admin/comments"))["comments"];
  REQUIRE(comments.size() == 1);
  CHECK(comments[0]["judge_name"] == "최심사");
  json published =
      Json(admin->Post("/api/admin/comments/publish", "{\"judge\":\"J0001\",\"entry\":" + a + "}"));
  CHECK(published["comments"][0]["published"] == true);
  CHECK_FALSE(Json(admin->Get("/api/results"))["rows"][0].contains("comments"));  // sealed
  REQUIRE(admin->Post("/api/admin/announce", "").status == 200);
  HttpReply results = contest.Anonymous()->Get("/api/results");
  json row = Json(results)["rows"][0];
  CHECK(row["entry"] == ids[0]);
  CHECK(row["comments"] == json::array({"따뜻한 색감"}));
  CHECK(results.body.find("J0001") == std::string::npos);
  CHECK(results.body.find("최심사") == std::string::npos);
}

TEST_CASE("an objection filed on the results is answered by an admin and seen by its filer",
          "[web][awards]") {
  WebContest contest;
  std::vector<int64_t> ids = ScoredContest(contest);
  std::string body = "{\"entry\":" + std::to_string(ids[0]) + ",\"text\":\"재검토를 바랍니다\"}";
  auto voter = contest.As("E2001");
  HttpReply early = voter->Post("/api/objections", body);
  CHECK(early.status == 422);
  CHECK(Json(early)["code"] == "objection_closed");
  CHECK(Json(early)["message"].get<std::string>().find("결과가 아직 발표되지 않아") == 0);
  auto admin = contest.As("A0001");
  REQUIRE(admin->Post("/api/admin/announce", "").status == 200);
  HttpReply filed = voter->Post("/api/objections", body);
  REQUIRE(filed.status == 201);
  int64_t id = Json(filed)["id"];
  CHECK_FALSE(Json(filed).contains("filer"));  // no employee number outside the admin's view
  CHECK(contest.As("J0001")->Post("/api/objections", body).status == 403);
  json listed = Json(admin->Get("/api/admin/objections"))["objections"];
  REQUIRE(listed.size() == 1);
  CHECK(listed[0]["filer"] == "E2001");
  CHECK(listed[0]["filer_name"].get<std::string>().size() > 0);
  REQUIRE(admin
              ->Post("/api/admin/objections/" + std::to_string(id) + "/answer",
                     "{\"answer\":\"심사 기록을 다시 확인했습니다\"}")
              .status == 200);
  json mine = Json(voter->Get("/api/my/objections"))["objections"];
  REQUIRE(mine.size() == 1);
  CHECK(mine[0]["answered"] == true);
  CHECK(mine[0]["answer"] == "심사 기록을 다시 확인했습니다");
  CHECK(Json(contest.As("E1003")->Get("/api/my/objections"))["objections"].empty());
}

TEST_CASE("the admin's dashboard answers entries, the queue, turnout and judges in one request",
          "[web][awards]") {
  WebContest contest;
  ScoredContest(contest);
  contest.Entry("E1003", 3, false);
  auto admin = contest.As("A0001");
  HttpReply reply = admin->Get("/api/admin/dashboard");
  REQUIRE(reply.status == 200);
  json d = Json(reply);
  CHECK(d["entries_by_state"]["approved"] == 2);
  CHECK(d["entries_by_state"]["submitted"] == 1);
  CHECK(d["review_queue"] == 1);
  CHECK(d["turnout"]["votes_cast"] == 1);
  CHECK(d["turnout"]["distinct_voters"] == 1);
  CHECK(d["turnout"]["eligible_voters"].get<int>() > 1);
  REQUIRE(d["judges"].size() >= 1);
  CHECK(d["judges"][0]["judge"] == "J0001");
  CHECK(d["judges"][0]["name"] == "최심사");
  CHECK(d["judges"][0]["assigned"] == 2);
  CHECK(d["judges"][0]["scored"] == 0);
  CHECK(d.contains("outbox"));
  CHECK(contest.As("M0001")->Get("/api/admin/dashboard").status == 403);
}
