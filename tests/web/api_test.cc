// The JSON API against a real server on 127.0.0.1, with libcurl as the client.
#include <sqlite3.h>

#include <opencv2/imgcodecs.hpp>
#include <opencv2/wechat_qrcode.hpp>
#include <regex>
#include <set>

#include "assets/assets.h"
#include "tests/web/fixture.h"

using namespace poster;
using namespace poster::testing;
using nlohmann::json;

TEST_CASE("every answer carries the security headers", "[web]") {
  WebContest contest;
  auto anonymous = contest.Anonymous();
  for (const std::string& path :
       std::vector<std::string>{"/api/contest", "/api/gallery", "/api/nothing-here",
                                "/media/" + std::string(64, 'a') + "/640.webp"}) {
    INFO(path);
    HttpReply reply = anonymous->Get(path);
    CHECK_THAT(reply.Header("content-security-policy"),
               Catch::Contains("default-src 'self'") && Catch::Contains("script-src 'self'"));
    CHECK(reply.Header("x-content-type-options") == "nosniff");
    CHECK(reply.Header("x-frame-options") == "DENY");
    CHECK(reply.Header("referrer-policy") == "same-origin");
  }
}

TEST_CASE("an invitation sets the first password once and then sign-in works", "[web][accounts]") {
  WebContest contest;
  std::string token = *contest.catalogue().Invite("E1001", "operator");
  HttpClient browser(contest.url());
  CHECK(Json(browser.Accept(token, "짧음"))["code"] == "weak_password");
  CHECK(Json(browser.Accept(token, "E1001"))["code"] == "weak_password");
  HttpReply accepted = browser.Accept(token, kPassword);
  REQUIRE(accepted.status == 200);
  CHECK_THAT(accepted.Header("set-cookie"),
             Catch::Contains("HttpOnly") && Catch::Contains("SameSite=Lax"));
  CHECK(Json(browser.Get("/api/me"))["employee_id"] == "E1001");
  HttpClient again(contest.url());
  CHECK(Json(again.Accept(token, kPassword))["code"] == "invitation_used");  // sign in instead
  CHECK(again.SignIn("E1001", "wrong password").status == 401);
  CHECK(again.SignIn("E1001", kPassword).status == 200);
  REQUIRE(again.Post("/api/auth/logout", "{}").status == 200);
  CHECK(again.Get("/api/me").status == 401);
}

TEST_CASE(
    "an invitation link names its person before a password is chosen; a used one says sign in",
    "[web][accounts]") {
  WebContest contest;
  std::string token = *contest.catalogue().Invite("E1001", "operator");
  HttpClient browser(contest.url());
  HttpReply open = browser.Post("/api/auth/invitation", json{{"token", token}}.dump());
  REQUIRE(open.status == 200);
  json person = Json(open);
  CHECK(person["employee_id"] == "E1001");
  CHECK_FALSE(person["name"].get<std::string>().empty());
  CHECK(person.contains("department"));
  CHECK(person.contains("expires_at"));
  REQUIRE(browser.Accept(token, kPassword).status == 200);
  HttpClient later(contest.url());
  HttpReply used = later.Post("/api/auth/invitation", json{{"token", token}}.dump());
  CHECK(used.status == 409);
  CHECK(Json(used)["code"] == "invitation_used");
  CHECK_THAT(Json(used)["message"].get<std::string>(), Catch::Contains("로그인"));
  HttpReply unknown = later.Post("/api/auth/invitation", json{{"token", "no-such-token"}}.dump());
  CHECK(Json(unknown)["code"] == "invalid_token");
  CHECK_FALSE(Json(unknown).contains("name"));
  CHECK(Json(later.Post("/api/auth/invitation", json{{"token", 7}}.dump()))["code"] ==
        "bad_request");
}

TEST_CASE("employee numbers sign in in any case, and typos in either case share one lock",
          "[web][accounts]") {
  WebContest contest;
  contest.As("E1001");
  HttpClient phone(contest.url());
  HttpReply lower = phone.SignIn("e1001", kPassword);
  REQUIRE(lower.status == 200);
  CHECK(Json(lower)["employee_id"] == "E1001");  // the roster's spelling, everywhere after
  CHECK(Json(phone.Get("/api/me"))["employee_id"] == "E1001");
  HttpClient guesser(contest.url());
  for (const char* id : {"e1001", "E1001", "e1001", "E1001", "e1001"})
    CHECK(guesser.SignIn(id, "a wrong password").status == 401);
  CHECK(guesser.SignIn("E1001", kPassword).status == 429);
}

TEST_CASE("a new invitation replaces the earlier one, and a used one ends the rest",
          "[web][accounts]") {
  WebContest contest;
  std::string first = *contest.catalogue().Invite("E1001", "operator");
  std::string second = *contest.catalogue().Invite("E1001", "operator");
  HttpClient browser(contest.url());
  CHECK(Json(browser.Accept(first, kPassword))["code"] == "invalid_token");  // replaced
  std::string third = *contest.catalogue().Invite("E1001", "operator");
  std::vector<std::pair<std::string, std::string>> all = *contest.catalogue().InviteAll("operator");
  std::string fourth;
  for (const auto& [id, token] : all) {
    if (id == "E1001") fourth = token;
  }
  REQUIRE_FALSE(fourth.empty());  // E1001 has no password yet: invited again
  CHECK(Json(browser.Accept(third, kPassword))["code"] == "invalid_token");
  CHECK(browser.Accept(fourth, kPassword).status == 200);
  HttpClient other(contest.url());
  CHECK(Json(other.Accept(second, "another password 1"))["code"] == "invalid_token");
  REQUIRE(other.SignIn("E1001", kPassword).status == 200);
  // A forgotten password: a new link sets another and signs out everywhere else.
  std::string reset = *contest.catalogue().Invite("E1001", "operator");
  HttpClient phone(contest.url());
  REQUIRE(phone.Accept(reset, "a new password 2").status == 200);
  CHECK(other.Get("/api/me").status == 401);
  CHECK(browser.Get("/api/me").status == 401);
  CHECK(phone.Get("/api/me").status == 200);
  CHECK(other.SignIn("E1001", kPassword).status == 401);
}

TEST_CASE("the roles a person acts as are the ones the routes let them in with",
          "[web][accounts]") {
  WebContest contest;
  std::map<std::string, json> expected = {
      {"A0001", {"employee", "moderator", "judge", "admin"}},  // an admin acts as every role
      {"M0001", {"employee", "moderator"}},
      {"J0001", {"judge"}},
      {"E1001", {"employee"}}};
  std::map<std::string, std::string> route = {{"moderator", "/api/review/queue"},
                                              {"judge", "/api/judge/tasks"},
                                              {"admin", "/api/admin/roster"}};
  for (const auto& [id, acts_as] : expected) {
    INFO(id);
    auto browser = contest.As(id);
    CHECK(Json(browser->Get("/api/me"))["acts_as"] == acts_as);
    for (const auto& [role, path] : route) {
      bool granted = std::find(acts_as.begin(), acts_as.end(), role) != acts_as.end();
      CHECK((browser->Get(path).status == 200) == granted);
    }
  }
}

TEST_CASE("passwords are stored as Argon2id, sessions only as hashes", "[web][accounts][sqlite]") {
  WebContest contest;
  auto browser = contest.As("E1001");
  auto first = [&](const char* sql) {
    sqlite3* db = nullptr;
    sqlite3_open((contest.dir() / "data" / "contest.db").c_str(), &db);
    sqlite3_stmt* statement = nullptr;
    sqlite3_prepare_v2(db, sql, -1, &statement, nullptr);
    std::string value = sqlite3_step(statement) == SQLITE_ROW
                            ? reinterpret_cast<const char*>(sqlite3_column_text(statement, 0))
                            : "";
    sqlite3_finalize(statement);
    sqlite3_close(db);
    return value;
  };
  CHECK_THAT(first("SELECT password_hash FROM users"), Catch::StartsWith("$argon2id$"));
  CHECK(first("SELECT count(*) FROM sessions WHERE length(token_sha256) = 64") == "1");
}

TEST_CASE("five wrong passwords lock sign-in for that person", "[web][accounts]") {
  WebContest contest;
  contest.As("E1001");
  HttpClient attacker(contest.url());
  for (int i = 0; i < 5; ++i)
    CHECK(attacker.SignIn("E1001", "guess " + std::to_string(i)).status == 401);
  HttpReply locked = attacker.SignIn("E1001", kPassword);
  CHECK(locked.status == 429);
  CHECK(Json(locked)["code"] == "too_many_attempts");
}

TEST_CASE("colleagues behind one address do not lock each other out", "[web][accounts]") {
  WebContest contest;
  contest.As("E1001");
  HttpClient office(contest.url());  // everyone here comes from 127.0.0.1, as behind a proxy
  for (const char* id : {"E1002", "E1003", "E1004", "E1005", "E1006", "E2001"})
    CHECK(office.SignIn(id, "a typo in the password").status == 401);
  CHECK(office.SignIn("E1001", kPassword).status == 200);
  // One machine guessing on and on is still stopped (here: invitation tokens,
  // which count against the address alone).
  HttpClient guesser(contest.url());
  int refused = 0;
  for (int i = 0; i < 100; ++i)
    refused +=
        Json(guesser.Accept("guess-" + std::to_string(i), kPassword))["code"] == "invalid_token";
  CHECK(refused == 100 - 6);  // the six typos above count too
  CHECK(Json(guesser.Accept("one more", kPassword))["code"] == "too_many_attempts");
  CHECK(guesser.SignIn("E1001", kPassword).status == 429);
}

TEST_CASE("changes need the session's CSRF token and our own origin", "[web][accounts]") {
  WebContest contest;
  int64_t entry = contest.Entry("E1001", 1, true);
  contest.Open(voting::Phase::kVoting);
  auto voter = contest.As("E2001");
  std::string good = voter->csrf();
  voter->set_csrf("");
  CHECK(Json(voter->Post("/api/votes", json{{"entry", entry}}.dump()))["code"] == "csrf_failed");
  voter->set_csrf("forged");
  CHECK(voter->Post("/api/votes", json{{"entry", entry}}.dump()).status == 403);
  voter->set_csrf(good);
  CHECK(voter->Post("/api/votes", json{{"entry", entry}}.dump(), {"Origin: https://evil.example"})
            .status == 403);
  HttpReply voted = voter->Post("/api/votes", json{{"entry", entry}}.dump());
  CHECK(voted.status == 200);
  CHECK(Json(voted)["remaining"] == 2);
}

TEST_CASE("an upload is ingested with the CLI's limits and codes, refusals in Korean",
          "[web][upload]") {
  WebContest contest;
  auto author = contest.As("E1001");
  HttpReply accepted = author->PostForm("/api/entries", {{"file", PosterPng(3), "poster.png"},
                                                         {"title", "웹에서 올린 포스터"},
                                                         {"theme", "시민행복"},
                                                         {"co_authors", "E1002"}});
  REQUIRE(accepted.status == 201);
  json entry = Json(accepted);
  CHECK(entry["author"] == "E1001");
  CHECK(entry["co_authors"] == json::array({"E1002"}));
  CHECK_THAT(entry["thumbnails"][0]["url"].get<std::string>(), Catch::StartsWith("/media/"));
  CHECK_FALSE(entry["thumbnails"][0].contains("path"));  // no server paths in answers
  HttpReply gif = author->PostForm(
      "/api/entries", {{"file", "GIF89a not really", "poster.png"}, {"title", "움짤"}});
  CHECK(gif.status == 422);
  CHECK(Json(gif)["code"] == "unsupported_format");
  CHECK_THAT(Json(gif)["message"].get<std::string>(), Catch::Contains("GIF 형식"));
  HttpReply small = author->PostForm(
      "/api/entries", {{"file", PosterPng(4, 600, 900), "small.png"}, {"title", "작은 것"}});
  CHECK(Json(small)["code"] == "dimensions_too_small");
  CHECK(author->PostForm("/api/entries", {{"title", "파일 없음"}}).status == 400);
  CHECK(contest.Anonymous()->PostForm("/api/entries", {{"file", PosterPng(5), "p.png"}}).status ==
        401);
}

TEST_CASE("an upload over the size cap is refused with 413 before it is all read",
          "[web][upload]") {
  WebContest contest("[ingest]\nmax_megabytes = 1\n");
  auto author = contest.As("E1001");
  std::string big(3 << 20, 'x');
  HttpReply refused =
      author->PostForm("/api/entries", {{"file", big, "big.png"}, {"title", "큰 파일"}});
  CHECK(refused.status == 413);
  CHECK(Json(refused)["code"] == "file_too_large");
}

TEST_CASE("thumbnails are public only once approved, and cached forever", "[web][media]") {
  WebContest contest;
  int64_t pending = contest.Entry("E1001", 6, false);
  gallery::Entry entry = *contest.catalogue().Get(pending);
  std::string thumb = "/media/" + entry.sha256 + "/640.webp",
              original = "/media/" + entry.sha256 + "/original";
  CHECK(contest.Anonymous()->Get(thumb).status == 404);
  CHECK(contest.As("E2001")->Get(thumb).status == 404);
  CHECK(contest.As("E1001")->Get(thumb).status == 200);
  CHECK(contest.As("M0001")->Get(original).status == 200);
  REQUIRE(contest.catalogue().Decide(pending, voting::EntryAction::kApprove, "", "operator").ok());
  HttpReply image = contest.Anonymous()->Get(thumb);
  CHECK(image.status == 200);
  CHECK(image.Header("content-type") == "image/webp");
  CHECK(image.Header("cache-control") == "public, max-age=31536000, immutable");
  HttpReply download = contest.Anonymous()->Get(original);
  CHECK(download.Header("x-content-type-options") == "nosniff");
  CHECK_THAT(download.Header("content-disposition"), Catch::StartsWith("attachment"));
  CHECK(contest.Anonymous()->Get("/media/" + entry.sha256 + "/..%2F..%2Fcontest.db").status == 404);
}

TEST_CASE("a thumbnail answered from memory is refused the moment its entry leaves the gallery",
          "[web][media]") {
  WebContest contest;
  int64_t id = contest.Entry("E1001", 7, true);
  gallery::Entry entry = *contest.catalogue().Get(id);
  std::string thumb = "/media/" + entry.sha256 + "/320.webp";
  auto anyone = contest.Anonymous();
  HttpReply first = anyone->Get(thumb), again = anyone->Get(thumb);
  REQUIRE(first.status == 200);
  CHECK(again.body == first.body);
  CHECK(again.Header("content-length") == std::to_string(first.body.size()));
  CHECK(again.Header("x-content-type-options") == "nosniff");  // the headers every answer carries
  CHECK(anyone->Get("/media/" + entry.sha256 + "/321.webp").status == 404);  // no such size
  auto admin = contest.As("A0001");
  REQUIRE(
      admin
          ->Post("/api/admin/entries/" + std::to_string(id) + "/disqualify", R"({"reason":"표절"})")
          .status == 200);
  CHECK(anyone->Get(thumb).status == 404);
  CHECK(contest.As("E1001")->Get(thumb).status == 200);  // its author still sees it
}

TEST_CASE("results are sealed until announced, then public as JSON and CSV", "[web][results]") {
  WebContest contest;
  contest.Entry("E1001", 1, true);
  auto admin = contest.As("A0001");
  CHECK(Json(contest.Anonymous()->Get("/api/results"))["code"] == "results_sealed");
  CHECK(admin->Get("/api/results").status == 200);
  REQUIRE(admin->Post("/api/admin/announce", "{}").status == 200);
  HttpReply csv = contest.Anonymous()->Get("/api/results.csv");
  CHECK(csv.status == 200);
  CHECK(csv.body.rfind("\xEF\xBB\xBF순위", 0) == 0);
  json table = Json(contest.Anonymous()->Get("/api/results"));
  REQUIRE(table["rows"].size() == 1);
  CHECK(table["rows"][0]["author_name"] == "한시민");
  CHECK(Json(contest.Anonymous()->Get("/api/contest"))["results_state"] == "announced");
}

TEST_CASE("staff see who made an entry and how", "[web][review]") {
  WebContest contest;
  int64_t id = contest.Entry("E1001", 1, false);
  auto moderator = contest.As("M0001");
  json queue = Json(moderator->Get("/api/review/queue"));
  REQUIRE(queue["entries"].size() == 1);
  const json& entry = queue["entries"][0];
  CHECK(entry["entry"] == id);
  CHECK(entry["author_name"] == "한시민");
  CHECK(entry["department"] == "민원봉사과");
  CHECK(entry.contains("prompt"));
  CHECK(entry.contains("description"));
  CHECK(Json(contest.As("E1001")->Get("/api/my/entries"))["entries"][0]["author_name"] == "한시민");
}

TEST_CASE("only employees have votes to cast", "[web][votes]") {
  WebContest contest;
  json judge = Json(contest.As("J0001")->Get("/api/my/ballot"));
  CHECK(judge["eligible"] == false);
  CHECK(judge["remaining"] == 0);
  json employee = Json(contest.As("E1002")->Get("/api/my/ballot"));
  CHECK(employee["eligible"] == true);
  CHECK(employee["remaining"] == employee["budget"]);
  CHECK(employee["budget"].get<int>() > 0);
}

TEST_CASE("the page and every script and style it names are served", "[web][pages]") {
  WebContest contest;
  auto browser = contest.Anonymous();
  HttpReply index = browser->Get("/");
  REQUIRE(index.status == 200);
  CHECK_THAT(index.Header("content-type"), Catch::StartsWith("text/html"));
  std::regex asset(R"re((?:src|href)="(static/[a-z0-9.-]+)")re");
  int served = 0;
  std::set<std::string> named;
  for (std::sregex_iterator it(index.body.begin(), index.body.end(), asset), end; it != end; ++it) {
    std::string path = "/" + (*it)[1].str();
    std::string plain = std::regex_replace(path, std::regex(R"(\.[0-9a-f]{8}\.)"), ".");
    named.insert(plain);  // served under its content-hashed name (assets_test.cc)
    INFO(path);
    HttpReply file = browser->Get(path);
    CHECK(file.status == 200);
    if (plain != "/static/data.js") CHECK_FALSE(file.body.empty());  // data.js: for the export
    std::string type = file.Header("content-type");
    bool script = path.size() > 3 && path.substr(path.size() - 3) == ".js";
    CHECK_THAT(type, Catch::StartsWith(script ? "text/javascript" : "text/css"));
    ++served;
  }
  CHECK(served >= 10);
  for (const assets::File& file : assets::All()) {  // and none is embedded but left unnamed
    std::string path(file.path);
    if (path.substr(0, 4) != "web/" || path == "web/index.html") continue;
    INFO(path);
    CHECK(named.count("/static/" + path.substr(4)) == 1);
  }
  CHECK(browser->Get("/static/../contest.db").status == 404);
  CHECK(browser->Get("/static/nothing.js").status == 404);
}

TEST_CASE("the exhibition QR code decodes to the entry's citizens' page", "[web][exhibition]") {
  WebContest contest;
  int64_t id = contest.Entry("E1001", 1, true);
  HttpReply png = contest.Anonymous()->Get("/api/entries/" + std::to_string(id) + "/qr.png");
  REQUIRE(png.status == 200);
  cv::Mat image =
      cv::imdecode(std::vector<uint8_t>(png.body.begin(), png.body.end()), cv::IMREAD_COLOR);
  cv::wechat_qrcode::WeChatQRCode decoder;
  std::vector<std::string> found = decoder.detectAndDecode(image);
  REQUIRE(found.size() == 1);
  CHECK(found[0] == contest.url() + "/p/" + std::to_string(id));
}

TEST_CASE("the trusted proxy header signs people in only when switched on", "[web][accounts]") {
  WebContest contest;
  const std::vector<std::string> from_proxy = {"X-Remote-User: A0001"};
  CHECK(contest.Anonymous()->Get("/api/me", from_proxy).status == 401);  // off by default

  gallery::ServerOptions options;
  options.port = 0;
  options.trusted_user_header = "X-Remote-User";
  std::unique_ptr<gallery::Server> behind_proxy =
      std::move(*gallery::Server::Start(contest.catalogue(), options));
  HttpClient browser(behind_proxy->url());
  HttpReply me = browser.Get("/api/me", from_proxy);
  REQUIRE(me.status == 200);
  CHECK(Json(me)["employee_id"] == "A0001");
  HttpClient stranger(behind_proxy->url());
  CHECK(stranger.Get("/api/me", {"X-Remote-User: NOBODY"}).status == 401);  // not on the roster
  // Changes still need the CSRF token.
  CHECK(Json(browser.Post("/api/admin/phases", R"({"phase":"voting","change":"open"})"))["code"] ==
        "csrf_failed");
}

TEST_CASE("an upload without a title takes its file's name in NFC, typed text too",
          "[web][upload]") {
  WebContest contest;
  auto author = contest.As("E1001");
  // "균형발전" as a Mac names a file: decomposed jamo (NFD).
  const std::string nfd =
      "\xE1\x84\x80\xE1\x85\xB2\xE1\x86\xAB\xE1\x84\x92\xE1\x85\xA7\xE1\x86\xBC\xE1\x84\x87\xE1"
      "\x85\xA1\xE1\x86\xAF\xE1\x84\x8C\xE1\x85\xA5\xE1\x86\xAB";
  HttpReply named = author->PostForm("/api/entries", {{"file", PosterPng(6), nfd + ".png"}});
  REQUIRE(named.status == 201);
  CHECK(Json(named)["title"] == "균형발전");
  HttpReply typed = author->PostForm(
      "/api/entries", {{"file", PosterPng(7), "p.png"},
                       {"title", nfd},
                       {"theme",
                        "\xE1\x84\x89\xE1\x85\xB5\xE1\x84\x86\xE1\x85\xB5\xE1\x86\xAB\xE1\x84\x92"
                        "\xE1\x85\xA2\xE1\x86\xBC\xE1\x84\x87\xE1\x85\xA9\xE1\x86\xA8"},
                       {"ai_tools", "Cafe\xCC\x81"}});
  REQUIRE(typed.status == 201);
  CHECK(Json(typed)["title"] == "균형발전");
  CHECK(Json(typed)["theme"] == "시민행복");
  CHECK(Json(typed)["ai_tools"] == "Caf\xC3\xA9");
}

TEST_CASE("an author is told their poster resembles another, never which; moderators are",
          "[web][review]") {
  WebContest contest;
  synth::PosterSpec spec;
  spec.seed = 7;
  auto add = [&](const std::string& author, const char* ext) {
    Result<ingest::Poster> poster =
        ingest::Process(synth::Encode(synth::DrawPoster(spec), ext), ingest::Settings());
    REQUIRE(poster.ok());
    gallery::Submission submission;
    submission.author = author;
    submission.title = std::string("닮은 포스터 ") + ext;
    return contest.catalogue().Add(*poster, submission, author)->id;
  };
  int64_t original = add("E1001", ".png");
  int64_t copy = add("E1002", ".jpg");
  auto author = contest.As("E1002");
  json mine = Json(author->Get("/api/my/entries"))["entries"][0];
  CHECK(mine["flags"].dump().find("near_duplicate") != std::string::npos);
  CHECK_FALSE(mine.contains("near_duplicate_of"));
  json page = Json(author->Get("/api/entries/" + std::to_string(copy)));
  CHECK_FALSE(page.contains("near_duplicate_of"));
  CHECK(author->Get("/api/entries/" + std::to_string(original)).status == 404);
  auto moderator = contest.As("M0001");
  json queue = Json(moderator->Get("/api/review/queue"))["entries"];
  bool named = false;
  for (const json& entry : queue)
    if (entry["entry"] == copy) named = entry["near_duplicate_of"] == json::array({original});
  CHECK(named);
}
