// Citizens' choice in the store (issue 12): one like per device and entry,
// the device's and the address's limits on the catalogue's clock (moved, never
// slept through), every drop counted, the audit holding the table to the log,
// and the 시민 인기상 apart from the tiers.
#include <algorithm>

#include "tests/gallery/contest_fixture.h"
#include "tests/support/test_database.h"

using namespace poster;
using namespace poster::testing;

namespace {

// A contest whose [citizens] the test sets, on a clock inside the voting week.
class Likes {
 public:
  explicit Likes(const std::string& citizens = "", int entries = 1) : clock_(KoreaTime(3, 10)) {
    catalogue_.emplace(*gallery::Catalogue::Open(dir_.path() / "data", clock_,
                                                 DatabaseFor((dir_.path() / "data").string())));
    REQUIRE(
        catalogue_->InitContest(std::string(kContestToml) + citizens, "t.toml", "operator").ok());
    WriteText(dir_ / "roster.csv", kRoster);
    REQUIRE(catalogue_->ImportRoster(dir_ / "roster.csv", "operator").ok());
    for (int i = 0; i < entries; ++i) {
      std::string author = "E" + std::to_string(1 + i % 3);  // three entries each at most
      Result<gallery::Entry> entry = catalogue_->Add(
          Poster(uint32_t(i)), Declared("포스터 " + std::to_string(i), author), "operator");
      REQUIRE(entry.ok());
      REQUIRE(catalogue_->Decide(entry->id, voting::EntryAction::kApprove, "", "M1").ok());
      ids_.push_back(entry->id);
    }
    clock_.Set(KoreaTime(17, 10));  // the voting week: likes are taken
  }

  gallery::Catalogue& catalogue() { return *catalogue_; }
  FakeClock& clock() { return clock_; }
  const std::vector<int64_t>& ids() const { return ids_; }
  std::filesystem::path db() const { return dir_.path() / "data" / "contest.db"; }

  std::string Device() {
    Result<std::string> token = catalogue_->NewCitizenDevice();
    REQUIRE(token.ok());
    return *token;
  }

  std::map<std::string, int64_t> Drops() {
    Result<gallery::CitizenLikeReport> report = catalogue_->CitizenLikeReportFor("operator");
    REQUIRE(report.ok());
    return report->drops;
  }

  int64_t Count(int64_t entry) {
    Result<gallery::CitizenLikeReport> report = catalogue_->CitizenLikeReportFor("operator");
    REQUIRE(report.ok());
    auto it = report->likes.find(entry);
    return it == report->likes.end() ? 0 : it->second;
  }

 private:
  // One poster per seed, ingested once for the whole test binary (ingest is the slow part).
  static const ingest::Poster& Poster(uint32_t seed) {
    static std::map<uint32_t, ingest::Poster> posters;
    auto it = posters.find(seed);
    if (it == posters.end())
      it = posters.emplace(seed, IngestedPoster(900 + seed, ".png", 800)).first;
    return it->second;
  }

  TempDir dir_;
  FakeClock clock_;
  std::optional<gallery::Catalogue> catalogue_;
  std::vector<int64_t> ids_;
};

std::string Code(const Result<gallery::CitizenLike>& like) {
  return like.ok() ? "ok" : like.status().code();
}

std::string DetailOf(const Status& status, const std::string& key) {
  for (const Detail& detail : status.details())
    if (detail.key == key) return detail.value;
  return "";
}

int64_t Total(const std::map<std::string, int64_t>& drops) {
  int64_t total = 0;
  for (const auto& [reason, count] : drops) total += count;
  return total;
}

}  // namespace

TEST_CASE("a device likes a poster once; a second like is counted as a duplicate",
          "[gallery][citizens]") {
  Likes likes;
  std::string phone = likes.Device();
  Result<gallery::CitizenLike> first = likes.catalogue().LikeAsCitizen(likes.ids()[0], phone, "a");
  REQUIRE(first.ok());
  CHECK(first->likes == 1);  // lobby = "live" by default
  CHECK(Code(likes.catalogue().LikeAsCitizen(likes.ids()[0], phone, "a")) == "already_liked");
  CHECK(likes.Count(likes.ids()[0]) == 1);
  CHECK(likes.Drops() == std::map<std::string, int64_t>{{"duplicate", 1}});
}

TEST_CASE("a forged, altered or missing device token is refused with device_required",
          "[gallery][citizens]") {
  Likes likes;
  std::string phone = likes.Device();
  CHECK(likes.catalogue().ValidCitizenDevice(phone));
  std::string altered = phone;
  altered[0] = altered[0] == 'a' ? 'b' : 'a';
  for (const std::string& token : {std::string(), std::string("abc.def"), altered,
                                   phone.substr(0, phone.size() - 1), phone + "0"}) {
    INFO(token);
    CHECK_FALSE(likes.catalogue().ValidCitizenDevice(token));
    CHECK(Code(likes.catalogue().LikeAsCitizen(likes.ids()[0], token, "a")) == "device_required");
  }
  CHECK(likes.Drops() == std::map<std::string, int64_t>{{"no_device", 5}});
  CHECK(Code(likes.catalogue().LikeAsCitizen(99, phone, "a")) == "not_found");
  CHECK(likes.Drops().at("unknown_entry") == 1);
}

TEST_CASE("a script of 10,000 likes from one device counts only what the device's limit allows",
          "[gallery][citizens]") {
  Likes likes("[citizens]\ndevice_per_minute = 2\ndevice_burst = 3\n", 6);
  std::string script = likes.Device();
  int accepted = 0;
  std::string retry_after;
  for (int i = 0; i < 10'000; ++i) {  // one every 6 ms: a minute in all
    Result<gallery::CitizenLike> like =
        likes.catalogue().LikeAsCitizen(likes.ids()[size_t(i) % 6], script, "198.51.100.7");
    if (like.ok()) ++accepted;
    if (!like.ok() && like.status().code() == "like_rate_limited" && retry_after.empty())
      retry_after = DetailOf(like.status(), "retry_after");
    likes.clock().Advance(std::chrono::milliseconds(6));
  }
  CHECK(accepted == 3 + 1);  // the burst, then one refilled in the minute (2 a minute)
  CHECK(retry_after == "30");
  std::map<std::string, int64_t> drops = likes.Drops();
  CHECK(Total(drops) == 10'000 - accepted);
  CHECK(drops["device_rate"] > 4'000);  // the rest are duplicates of the four it liked
  CHECK(drops["duplicate"] > 4'000);
  CHECK(drops.count("address_rate") == 0);  // a device's script spends none of its address's
  Result<gallery::AuditReport> audit = likes.catalogue().VerifyAudit();
  REQUIRE(audit.ok());
  CHECK(audit->problems.empty());
}

TEST_CASE("10,000 likes from one address with fresh devices count only what its limit allows",
          "[gallery][citizens]") {
  Likes likes("[citizens]\naddress_per_minute = 60\naddress_burst = 20\n");
  int accepted = 0;
  for (int i = 0; i < 10'000; ++i) {
    if (likes.catalogue().LikeAsCitizen(likes.ids()[0], likes.Device(), "203.0.113.9").ok())
      ++accepted;
    likes.clock().Advance(std::chrono::milliseconds(6));
  }
  CHECK(accepted == 20 + 59);  // the burst, then one a second for the 59.994 s that follow
  CHECK(likes.Count(likes.ids()[0]) == accepted);
  CHECK(likes.Drops() == std::map<std::string, int64_t>{{"address_rate", 10'000 - accepted}});
  // Another address is not held back by this one.
  CHECK(likes.catalogue().LikeAsCitizen(likes.ids()[0], likes.Device(), "203.0.113.10").ok());
}

TEST_CASE("a phone on the hall's shared address still likes where hundreds of others liked",
          "[gallery][citizens]") {
  Likes likes("", 3);  // the default limits
  const std::string hall = "10.20.30.40";
  for (int visitor = 0; visitor < 400; ++visitor) {
    INFO(visitor);
    REQUIRE(likes.catalogue()
                .LikeAsCitizen(likes.ids()[size_t(visitor) % 3], likes.Device(), hall)
                .ok());
    likes.clock().Advance(std::chrono::milliseconds(50));  // 400 visitors in 20 s
  }
  std::string script = likes.Device();  // and one phone in the hall runs a script
  for (int i = 0; i < 10'000; ++i)
    (void)likes.catalogue().LikeAsCitizen(likes.ids()[size_t(i) % 3], script, hall);
  std::string phone = likes.Device();
  for (int64_t entry : likes.ids()) CHECK(likes.catalogue().LikeAsCitizen(entry, phone, hall).ok());
  CHECK(likes.Drops().count("address_rate") == 0);
}

TEST_CASE("likes are taken from the opening of voting until the announcement",
          "[gallery][citizens]") {
  Likes likes;
  std::string phone = likes.Device();
  likes.clock().Set(KoreaTime(16, 8, 59));  // voting opens at 09:00
  Result<gallery::CitizenLike> early = likes.catalogue().LikeAsCitizen(likes.ids()[0], phone, "a");
  CHECK(Code(early) == "likes_closed");
  CHECK(DetailOf(early.status(), "reason") == "not_open");
  likes.clock().Set(KoreaTime(16, 9));
  CHECK(likes.catalogue().LikeAsCitizen(likes.ids()[0], phone, "a").ok());
  REQUIRE(likes.catalogue().Announce("A1").ok());
  Result<gallery::CitizenLike> late =
      likes.catalogue().LikeAsCitizen(likes.ids()[0], likes.Device(), "a");
  CHECK(Code(late) == "likes_closed");
  CHECK(DetailOf(late.status(), "reason") == "announced");
  CHECK(likes.Drops().at("closed") == 2);
}

TEST_CASE("with the lobby sealed, counts are hidden until the announcement",
          "[gallery][citizens]") {
  Likes likes("[citizens]\nlobby = \"sealed\"\n");
  Result<gallery::CitizenLike> like =
      likes.catalogue().LikeAsCitizen(likes.ids()[0], likes.Device(), "a");
  REQUIRE(like.ok());
  CHECK_FALSE(like->likes.has_value());
  Result<gallery::CitizenLikeCounts> sealed = likes.catalogue().CitizenLikes();
  REQUIRE(sealed.ok());
  CHECK_FALSE(sealed->shown);
  CHECK(sealed->likes.empty());
  REQUIRE(likes.catalogue().Announce("A1").ok());
  Result<gallery::CitizenLikeCounts> shown = likes.catalogue().CitizenLikes();
  REQUIRE(shown.ok());
  CHECK(shown->shown);
  CHECK(shown->likes == std::map<int64_t, int64_t>{{likes.ids()[0], 1}});
}

TEST_CASE("audit verify recomputes the likes and finds a deleted or an added like row",
          "[gallery][citizens][audit]") {
  Likes likes;
  for (int i = 0; i < 3; ++i)
    REQUIRE(likes.catalogue().LikeAsCitizen(likes.ids()[0], likes.Device(), "a").ok());
  Result<gallery::AuditReport> clean = likes.catalogue().VerifyAudit();
  REQUIRE(clean.ok());
  CHECK(clean->problems.empty());
  CHECK(std::count(clean->checked.begin(), clean->checked.end(), "citizen_likes") == 1);

  RunSql(likes.db(),
         "DELETE FROM citizen_likes WHERE device = (SELECT device FROM citizen_likes LIMIT 1)");
  Result<gallery::AuditReport> deleted = likes.catalogue().VerifyAudit();
  REQUIRE(deleted.ok());
  // The row is missing, and the tally of the tables (2 likes) is not the log's (3).
  CHECK(deleted->problems ==
        std::vector<std::string>{"citizen_likes: 1 logged like(s) of entry 1 are missing",
                                 "the tally recomputed from the log differs from the tally of "
                                 "the tables"});

  RunSql(likes.db(),
         "INSERT INTO citizen_likes VALUES ('00', 1, '2026-11-17T01:00:00.000Z'), "
         "('01', 1, '2026-11-17T01:00:00.000Z')");
  Result<gallery::AuditReport> added = likes.catalogue().VerifyAudit();
  REQUIRE(added.ok());
  CHECK(std::count(added->problems.begin(), added->problems.end(),
                   "citizen_likes: 2 like(s) of entry 1 are not in the log") == 1);
}

TEST_CASE("the 시민 인기상 goes to the most-liked poster apart from the tiers, from the log too",
          "[gallery][citizens][results]") {
  Likes likes("", 3);
  const std::vector<int64_t>& ids = likes.ids();
  for (int i = 0; i < 3; ++i)
    REQUIRE(likes.catalogue().LikeAsCitizen(ids[2], likes.Device(), "a").ok());
  REQUIRE(likes.catalogue().LikeAsCitizen(ids[1], likes.Device(), "a").ok());
  Result<gallery::Results> announced = likes.catalogue().Announce("A1");
  REQUIRE(announced.ok());
  REQUIRE(announced->citizens_choice.has_value());
  CHECK(announced->citizens_choice->name == "시민 인기상");
  CHECK(announced->citizens_choice->likes == 3);
  REQUIRE(announced->citizens_choice->winners.size() == 1);
  CHECK(announced->citizens_choice->winners[0].entry == ids[2]);
  Result<gallery::Results> shown = likes.catalogue().ResultsFor("");  // the public's winners view
  REQUIRE(shown.ok());
  REQUIRE(shown->citizens_choice.has_value());
  CHECK(shown->citizens_choice->winners[0].entry == ids[2]);
  Result<gallery::AuditReport> audit = likes.catalogue().VerifyAudit();
  REQUIRE(audit.ok());
  CHECK(audit->problems.empty());
}

TEST_CASE("citizens' likes enter the combined score only when the config gives them a weight",
          "[gallery][citizens][results]") {
  for (int weight : {0, 40}) {
    INFO(weight);
    Likes likes("[citizens]\nweight = " + std::to_string(weight) + "\n", 2);
    REQUIRE(likes.catalogue().LikeAsCitizen(likes.ids()[1], likes.Device(), "a").ok());
    Result<gallery::Results> results = likes.catalogue().ResultsFor("A1");
    REQUIRE(results.ok());
    std::map<int64_t, double> combined;
    for (const gallery::ResultRow& row : results->rows) combined[row.tally.id] = row.tally.combined;
    if (weight == 0) {
      CHECK(combined[likes.ids()[0]] == combined[likes.ids()[1]]);  // no votes, no scores
    } else {
      CHECK(combined[likes.ids()[1]] > combined[likes.ids()[0]]);
    }
  }
}

TEST_CASE("a bad [citizens] setting is refused with config_invalid naming the key",
          "[gallery][citizens][config]") {
  for (auto [toml, key] : std::vector<std::pair<std::string, std::string>>{
           {"lobby = \"loud\"", "citizens.lobby"},
           {"opens = \"results\"", "citizens.opens"},
           {"weight = 120", "citizens.weight"},
           {"device_per_minute = 0", "citizens.device_per_minute"},
           {"address_burst = -1", "citizens.address_burst"},
           {"address_per_minute = 5", "citizens.address_per_minute"},
           {"cookie_days = 500", "citizens.cookie_days"},
           {"award_name = \"\"", "citizens.award_name"},
           {"colour = 1", "citizens.colour"}}) {
    INFO(toml);
    Result<gallery::ContestConfig> config = gallery::ParseConfig("[citizens]\n" + toml, "c.toml");
    REQUIRE_FALSE(config.ok());
    CHECK(config.status().code() == "config_invalid");
    CHECK(config.status().message().find(key) != std::string::npos);
  }
  Result<gallery::ContestConfig> defaults = gallery::ParseConfig("", "c.toml");
  REQUIRE(defaults.ok());
  CHECK(defaults->citizens.enabled);
  CHECK(defaults->citizens.lobby == gallery::LikesDisplay::kLive);
  CHECK(defaults->rules.citizen_weight == 0);
  CHECK(defaults->citizens.address.per_minute == 1200);
}
