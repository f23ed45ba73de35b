// The exhibition over HTTP (GET /api/exhibition): what the lobby screen and
// the printed sheets show in each phase, to anyone, and never more than the
// public may see; their links built from the public URL the admin gave.
#include <atomic>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/wechat_qrcode.hpp>

#include "tests/support/test_database.h"
#include "tests/web/fixture.h"

using namespace poster;
using namespace poster::testing;
using nlohmann::json;

namespace {

const std::string kPublicUrl = "https://poster.city.go.kr/2026";
const std::string kWindow =
    "[phases.voting]\nstart = 2026-11-21T09:00:00\nend = 2026-11-23T18:00:00\n";

// The clock of the hall, read by the server's threads while the test moves it.
class HallClock : public Clock {
 public:
  explicit HallClock(TimePoint now) { Set(now); }
  TimePoint Now() const override { return TimePoint(std::chrono::milliseconds(millis_.load())); }
  void Set(TimePoint now) {
    millis_ = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count();
  }

 private:
  std::atomic<int64_t> millis_{0};
};

// A contest served at kPublicUrl (with a trailing slash, as an admin may type
// it) on the hall's clock, with the sample roster.
class Hall {
 public:
  explicit Hall(const std::string& extra_config) : clock_(KoreaTime(20, 9)) {
    catalogue_.emplace(std::move(
        *gallery::Catalogue::Open(dir_ / "data", clock_, DatabaseFor((dir_ / "data").string()))));
    std::string config =
        "[phases.submission]\nstart = \"contest\"\n[phases.review]\nstart = \"contest\"\n" +
        extra_config;
    REQUIRE(catalogue_->InitContest(config, "hall.toml", "operator").ok());
    REQUIRE(catalogue_->ImportRoster(SourceDir() / "assets" / "samples" / "roster.csv", "operator")
                .ok());
    gallery::ServerOptions options;
    options.port = 0;
    options.public_url = kPublicUrl + "/";
    options.log_file = (log_dir_ / "server.log").string();
    server_ = std::move(*gallery::Server::Start(*catalogue_, options));
    local_ = "http://127.0.0.1:" + std::to_string(server_->port());
  }

  gallery::Catalogue& catalogue() { return *catalogue_; }
  HallClock& clock() { return clock_; }
  std::unique_ptr<HttpClient> Anonymous() { return std::make_unique<HttpClient>(local_); }
  std::unique_ptr<HttpClient> Admin() {
    auto client = Anonymous();
    Result<std::string> token = catalogue_->Invite("A0001", "operator");
    REQUIRE(token.ok());
    REQUIRE(client->Accept(*token, kPassword).status == 200);
    return client;
  }

  // An entry by `author` (with `co_author`, when given), approved when asked.
  int64_t Entry(const std::string& author, uint32_t seed, bool approve,
                const std::string& co_author = "") {
    synth::PosterSpec spec;
    spec.seed = seed;
    Result<ingest::Poster> poster =
        ingest::Process(synth::Encode(synth::DrawPoster(spec), ".png"), ingest::Settings());
    REQUIRE(poster.ok());
    gallery::Submission submission;
    submission.author = author;
    submission.title = "전시 포스터 " + std::to_string(seed);
    submission.theme = "시민행복";
    if (!co_author.empty()) submission.co_authors = {co_author};
    Result<gallery::Entry> entry = catalogue_->Add(*poster, submission, author);
    REQUIRE(entry.ok());
    if (approve)
      REQUIRE(catalogue_->Decide(entry->id, voting::EntryAction::kApprove, "", "operator").ok());
    return entry->id;
  }

 private:
  TempDir dir_, log_dir_;
  HallClock clock_;
  std::optional<gallery::Catalogue> catalogue_;
  std::unique_ptr<gallery::Server> server_;
  std::string local_;
};

json Exhibition(Hall& hall, const std::string& query = "") {
  HttpReply reply = hall.Anonymous()->Get("/api/exhibition" + query);
  REQUIRE(reply.status == 200);
  return Json(reply);
}

const json& Shown(const json& exhibition, int64_t entry) {
  for (const json& shown : exhibition["entries"])
    if (shown["entry"] == entry) return shown;
  FAIL("entry " << entry << " is not in the exhibition");
  static const json none;
  return none;
}

std::string DecodedQr(const std::string& png) {
  cv::Mat image = cv::imdecode(std::vector<uint8_t>(png.begin(), png.end()), cv::IMREAD_COLOR);
  std::vector<std::string> found = cv::wechat_qrcode::WeChatQRCode().detectAndDecode(image);
  return found.size() == 1 ? found[0] : "";
}

// Entries 1 (E1001) above 2 (E1002), scored by J0001 in the judging phase.
void Judge(Hall& hall, int64_t first, int64_t second) {
  REQUIRE(hall.catalogue()
              .SetPhase(voting::Phase::kJudging, gallery::PhaseChange::kOpen, "operator")
              .ok());
  REQUIRE(hall.catalogue().AssignJudges("seed", "operator").ok());
  REQUIRE(hall.catalogue().Score("J0001", first, {10, 10, 10, 10}).ok());
  REQUIRE(hall.catalogue().Score("J0001", second, {5, 5, 5, 5}).ok());
}

}  // namespace

TEST_CASE("the exhibition shows approved entries only, linked at the public URL, without numbers",
          "[web][exhibition]") {
  Hall hall("");
  int64_t shown = hall.Entry("E1001", 1, true, "E1002");
  int64_t pending = hall.Entry("E1003", 2, false);
  HttpReply reply = hall.Admin()->Get("/api/exhibition");  // an admin sees what the public sees
  REQUIRE(reply.status == 200);
  json exhibition = Json(reply);
  CHECK(exhibition == Exhibition(hall));
  CHECK(exhibition["public_url"] == kPublicUrl);
  CHECK(exhibition["phase"] == "before_voting");
  REQUIRE(exhibition["entries"].size() == 1);
  const json& entry = Shown(exhibition, shown);
  std::string page = kPublicUrl + "/p/" + std::to_string(shown);
  CHECK(entry["page_url"] == page);
  CHECK(entry["short_url"] == page);
  CHECK(entry["title"] == "전시 포스터 1");
  CHECK(entry["author_name"] == "한시민");
  CHECK(entry["department"] == "민원봉사과");
  CHECK(entry["co_author_names"] == json::array({"오균형"}));
  CHECK(entry["theme"] == "시민행복");
  CHECK_FALSE(entry.contains("tier"));
  CHECK(reply.body.find("E100") == std::string::npos);  // no employee number, anywhere
  CHECK(reply.body.find("\"entry\":" + std::to_string(pending)) == std::string::npos);
  std::string thumbnail = entry["thumbnail"];
  CHECK_THAT(thumbnail, Catch::StartsWith("/media/") && Catch::EndsWith("/640.webp"));
  auto anyone = hall.Anonymous();
  CHECK(anyone->Get(thumbnail).status == 200);
  HttpReply qr = anyone->Get(entry["qr_url"]);
  REQUIRE(qr.status == 200);
  CHECK(qr.Header("content-type") == "image/png");
  CHECK(DecodedQr(qr.body) == page);
}

TEST_CASE("the exhibition's phase follows the voting window to the millisecond, then the award",
          "[web][exhibition]") {
  Hall hall(kWindow + "[results]\nobjection_days = 0\n");
  int64_t first = hall.Entry("E1001", 1, true), second = hall.Entry("E1002", 2, true);
  CHECK(Exhibition(hall)["phase"] == "before_voting");
  hall.clock().Set(KoreaTime(21, 9) - std::chrono::milliseconds(1));
  CHECK(Exhibition(hall)["phase"] == "before_voting");
  hall.clock().Set(KoreaTime(21, 9));
  CHECK(Exhibition(hall)["phase"] == "voting");
  hall.clock().Set(KoreaTime(23, 18) - std::chrono::milliseconds(1));
  CHECK(Exhibition(hall)["phase"] == "voting");
  hall.clock().Set(KoreaTime(23, 18));  // the end is not in the window
  json closed = Exhibition(hall);
  CHECK(closed["phase"] == "voting_closed");
  CHECK(closed["results_state"] == "sealed");
  Judge(hall, first, second);
  CHECK_FALSE(Shown(Exhibition(hall), first).contains("tier"));  // scored, not announced
  REQUIRE(hall.catalogue().Announce("operator").ok());
  json announced = Exhibition(hall);
  CHECK(announced["phase"] == "announced");
  CHECK(announced["results_state"] == "final");
  CHECK(Shown(announced, first)["tier"] == "최우수");
  CHECK(Shown(announced, first)["tier_en"] == "Grand prize");
  CHECK(Shown(announced, second)["tier"] == "우수");
  REQUIRE(hall.catalogue().RevokeAward(first, "다른 공모전 수상작", "operator").ok());
  json revoked = Exhibition(hall);
  CHECK_FALSE(Shown(revoked, first).contains("tier"));
  CHECK(Shown(revoked, first)["revoked"]["tier"] == "최우수");
  CHECK(Shown(revoked, second)["tier"] == "우수");  // the others keep theirs
}

TEST_CASE("with blind voting the exhibition names no author while voting is open, even to admins",
          "[web][exhibition]") {
  Hall hall(kWindow + "[voting]\nblind = true\n");
  int64_t id = hall.Entry("E1001", 1, true, "E1002");
  hall.clock().Set(KoreaTime(22, 12));
  auto admin = hall.Admin();
  for (HttpReply reply :
       {hall.Anonymous()->Get("/api/exhibition"), admin->Get("/api/exhibition")}) {
    REQUIRE(reply.status == 200);
    json exhibition = Json(reply);
    CHECK(exhibition["phase"] == "voting");
    CHECK(exhibition["authors_hidden"] == true);
    const json& entry = Shown(exhibition, id);
    for (const char* field : {"author", "author_name", "co_author_names", "department"})
      CHECK_FALSE(entry.contains(field));
    CHECK(reply.body.find("한시민") == std::string::npos);
    CHECK(reply.body.find("민원봉사과") == std::string::npos);
  }
  hall.clock().Set(KoreaTime(24, 9));  // voting closed: the names are public again
  json after = Exhibition(hall);
  CHECK(after["authors_hidden"] == false);
  CHECK(Shown(after, id)["author_name"] == "한시민");
}

TEST_CASE("one sheet's entry is answered alone; a bad or unexhibited number is refused",
          "[web][exhibition]") {
  Hall hall("");
  int64_t shown = hall.Entry("E1001", 1, true);
  hall.Entry("E1002", 2, true);
  int64_t pending = hall.Entry("E1003", 3, false);
  json one = Exhibition(hall, "?entry=" + std::to_string(shown));
  REQUIRE(one["entries"].size() == 1);
  CHECK(one["entries"][0]["entry"] == shown);
  CHECK(one["phase"] == "before_voting");
  auto anyone = hall.Anonymous();
  for (std::string bad : {"abc", "0", "-3", "+3", "1.5", "", "99999999999999999999"}) {
    INFO("?entry=" << bad);
    HttpReply refused = anyone->Get("/api/exhibition?entry=" + bad);
    CHECK(refused.status == 400);
    CHECK(Json(refused)["code"] == "bad_request");
    CHECK(Json(refused)["details"]["field"] == "entry");
    CHECK_THAT(Json(refused)["message"].get<std::string>(), Catch::Contains("작품 번호"));
  }
  for (int64_t hidden : {pending, int64_t{999}}) {
    HttpReply missing = anyone->Get("/api/exhibition?entry=" + std::to_string(hidden));
    CHECK(missing.status == 404);
    CHECK(Json(missing)["code"] == "not_found");
  }
}
