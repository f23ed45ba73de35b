// Citizens' choice over HTTP (issue 12): the page /p/N a poster's QR code
// opens (small, escaped, with the device's signed cookie) and its like, under
// load from many phones and against forged cookies and other sites.
#include <sqlite3.h>

#include <atomic>
#include <regex>
#include <thread>

#include "tests/web/fixture.h"

using namespace poster;
using namespace poster::testing;

namespace {

int64_t LikeRecords(const std::filesystem::path& db) {
  sqlite3* handle = nullptr;
  REQUIRE(sqlite3_open_v2(db.c_str(), &handle, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK);
  sqlite3_stmt* query = nullptr;
  sqlite3_prepare_v2(handle, "SELECT count(*) FROM audit_log WHERE action = 'citizen.like'", -1,
                     &query, nullptr);
  sqlite3_step(query);
  int64_t count = sqlite3_column_int64(query, 0);
  sqlite3_finalize(query);
  sqlite3_close(handle);
  return count;
}

std::string LikePath(int64_t entry) { return "/api/citizen/like/" + std::to_string(entry); }

int64_t RowsOf(gallery::Catalogue& catalogue, int64_t entry) {
  Result<gallery::CitizenLikeReport> report = catalogue.CitizenLikeReportFor("operator");
  REQUIRE(report.ok());
  return report->likes.count(entry) ? report->likes.at(entry) : 0;
}

}  // namespace

TEST_CASE("500 phones like one poster at once and every like is counted once",
          "[web][citizens][sqlite]") {
  WebContest contest;
  int64_t entry = contest.Entry("E1001", 1, true);
  contest.Open(voting::Phase::kVoting);
  std::atomic<int> liked{0}, refused{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 25; ++t) {
    threads.emplace_back([&] {
      for (int phone = 0; phone < 20; ++phone) {
        HttpClient client(contest.url());
        if (client.Get("/p/" + std::to_string(entry)).status != 200) ++refused;
        HttpReply like = client.Post(LikePath(entry), "{}");
        ++(like.status == 200 ? liked : refused);
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  CHECK(liked == 500);
  CHECK(refused == 0);
  Result<gallery::CitizenLikeCounts> counts = contest.catalogue().CitizenLikes();
  REQUIRE(counts.ok());
  CHECK(counts->likes.at(entry) == 500);
  CHECK(RowsOf(contest.catalogue(), entry) == 500);
  CHECK(LikeRecords(contest.dir() / "data" / "contest.db") == 500);
  Result<gallery::AuditReport> audit = contest.catalogue().VerifyAudit();
  REQUIRE(audit.ok());
  CHECK(audit->problems.empty());
}

TEST_CASE(
    "a like without the device's cookie, or with a forged one, is refused and the answer "
    "hands out a cookie",
    "[web][citizens]") {
  WebContest contest;
  int64_t entry = contest.Entry("E1001", 1, true);
  contest.Open(voting::Phase::kVoting);
  auto forged = contest.Anonymous();
  HttpReply refused = forged->Post(LikePath(entry), "{}", {"Cookie: poster_device=00.11"});
  CHECK(refused.status == 401);
  CHECK(Json(refused)["code"] == "device_required");
  CHECK(Json(refused)["message"].get<std::string>().find("쿠키") != std::string::npos);
  auto phone = contest.Anonymous();
  HttpReply first = phone->Post(LikePath(entry), "{}");
  CHECK(first.status == 401);
  std::string cookie = first.Header("set-cookie");
  CHECK(cookie.find("poster_device=") == 0);
  CHECK(cookie.find("HttpOnly") != std::string::npos);
  CHECK(cookie.find("SameSite=Lax") != std::string::npos);
  CHECK(cookie.find("Max-Age=31536000") != std::string::npos);
  HttpReply second = phone->Post(LikePath(entry), "{}");  // with the cookie it was handed
  CHECK(second.status == 200);
  CHECK(Json(second)["likes"] == 1);
  HttpReply again = phone->Post(LikePath(entry), "{}");
  CHECK(again.status == 409);
  CHECK(Json(again)["code"] == "already_liked");
}

TEST_CASE("a like sent from another site's page is refused by the origin check",
          "[web][citizens]") {
  WebContest contest;
  int64_t entry = contest.Entry("E1001", 1, true);
  contest.Open(voting::Phase::kVoting);
  auto phone = contest.Anonymous();
  REQUIRE(phone->Get("/p/" + std::to_string(entry)).status == 200);
  HttpReply elsewhere = phone->Post(LikePath(entry), "{}", {"Origin: https://evil.example"});
  CHECK(elsewhere.status == 403);
  CHECK(Json(elsewhere)["code"] == "csrf_failed");
  CHECK(phone->Post(LikePath(entry), "{}", {"Origin: " + contest.url()}).status == 200);
}

TEST_CASE(
    "likes over the device's limit answer 429 with Retry-After, and closed after the "
    "announcement",
    "[web][citizens]") {
  WebContest contest("[citizens]\ndevice_per_minute = 1\ndevice_burst = 1\n");
  int64_t a = contest.Entry("E1001", 1, true), b = contest.Entry("E1001", 2, true);
  contest.Open(voting::Phase::kVoting);
  auto phone = contest.Anonymous();
  REQUIRE(phone->Get("/p/" + std::to_string(a)).status == 200);
  REQUIRE(phone->Post(LikePath(a), "{}").status == 200);
  HttpReply limited = phone->Post(LikePath(b), "{}");
  CHECK(limited.status == 429);
  CHECK(Json(limited)["code"] == "like_rate_limited");
  CHECK(std::stoi(limited.Header("retry-after")) >= 59);
  REQUIRE(contest.As("A0001")->Post("/api/admin/announce", "").status == 200);
  auto late = contest.Anonymous();
  REQUIRE(late->Get("/p/" + std::to_string(b)).status == 200);
  HttpReply closed = late->Post(LikePath(b), "{}");
  CHECK(closed.status == 409);
  CHECK(Json(closed)["code"] == "likes_closed");
  nlohmann::json report = Json(contest.As("A0001")->Get("/api/admin/citizens"));
  CHECK(report["drops"]["device_rate"] == 1);
  CHECK(report["drops"]["closed"] == 1);
  CHECK(report["likes"][std::to_string(a)] == 1);
}

TEST_CASE("the citizens' page weighs under 150 KB with its poster and escapes a hostile title",
          "[web][citizens]") {
  WebContest contest;
  synth::PosterSpec spec;
  spec.seed = 5;
  Result<ingest::Poster> poster =
      ingest::Process(synth::Encode(synth::DrawPoster(spec), ".png"), ingest::Settings());
  REQUIRE(poster.ok());
  gallery::Submission submission;
  submission.author = "E1001";
  submission.title = "<script>alert('x')</script>\"><img src=x onerror=alert(1)>&";
  submission.theme = "시민행복";
  Result<gallery::Entry> entry = contest.catalogue().Add(*poster, submission, "E1001");
  REQUIRE(entry.ok());
  REQUIRE(
      contest.catalogue().Decide(entry->id, voting::EntryAction::kApprove, "", "operator").ok());
  int64_t pending = contest.Entry("E1001", 6, false);

  auto phone = contest.Anonymous();
  HttpReply page = phone->Get("/p/" + std::to_string(entry->id));
  REQUIRE(page.status == 200);
  CHECK(page.Header("content-type").find("text/html") == 0);
  CHECK(page.body.find("<script>alert") == std::string::npos);
  CHECK(page.body.find("<img src=x") == std::string::npos);
  CHECK(page.body.find("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&quot;&gt;&lt;img") !=
        std::string::npos);
  CHECK(page.body.find("lang=\"ko\"") != std::string::npos);
  CHECK(page.body.find("좋아요") != std::string::npos);
  CHECK(page.Header("content-security-policy").find("script-src 'sha256-") != std::string::npos);
  std::smatch image;
  REQUIRE(
      std::regex_search(page.body, image, std::regex("<img src=\"([^\"]+)\" width=\"(\\d+)\"")));
  CHECK(image[2] == "640");
  HttpReply thumbnail = phone->Get(image[1]);
  REQUIRE(thumbnail.status == 200);
  size_t weight = page.body.size() + thumbnail.body.size();
  INFO("page " << page.body.size() << " B + thumbnail " << thumbnail.body.size() << " B");
  CHECK(weight < 150 * 1024);

  HttpReply english = phone->Get("/p/" + std::to_string(entry->id), {"Accept-Language: en-GB,en"});
  CHECK(english.body.find("lang=\"en\"") != std::string::npos);
  CHECK(english.body.find("Like") != std::string::npos);
  CHECK(phone->Get("/p/" + std::to_string(entry->id) + "?lang=en").body.find("lang=\"en\"") !=
        std::string::npos);
  for (std::string missing : {std::to_string(pending), std::string("999")}) {
    HttpReply none = phone->Get("/p/" + missing);
    CHECK(none.status == 404);
    CHECK(none.Header("content-type").find("text/html") == 0);
    CHECK(none.body.find("작품을 찾을 수 없습니다") != std::string::npos);
  }
}
