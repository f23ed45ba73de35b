// A contest in a temp folder with a roster, a config whose phases are set in
// Korea time, and a clock the test moves: the fixture of the contest tests.
#pragma once

#include "tests/gallery/fixtures.h"
#include "tests/support/test_database.h"

namespace poster::testing {

inline constexpr const char* kRoster =
    "employee_id,name,department,email,roles\n"
    "A1,관리자,혁신정책과,a1@city.go.kr,admin;employee\n"
    "M1,검토자하나,혁신정책과,,moderator;employee\n"
    "M2,검토자둘,정보통신과,,moderator;employee\n"
    "J1,심사하나,외부,,judge\n"
    "J2,심사둘,외부,,judge\n"
    "J3,심사셋,교통정책과,,judge;employee\n"
    "E1,작가하나,민원봉사과,,employee\n"
    "E2,작가둘,균형발전과,,employee\n"
    "E3,작가셋,도시계획과,,employee\n"
    "V1,투표하나,세정과,,employee\n"
    "V2,투표둘,회계과,,employee\n"
    "V3,투표셋,복지정책과,,employee\n";

// Submission 2-13 Nov, voting 16-20 Nov (through the 20th), judging 16-25 Nov.
inline constexpr const char* kContestToml = R"(
[contest]
name = "테스트 공모전"
time_zone = "Asia/Seoul"
[phases.submission]
start = 2026-11-02T09:00:00
end = 2026-11-13
[phases.review]
start = 2026-11-02T09:00:00
[phases.voting]
start = 2026-11-16T09:00:00
end = 2026-11-20
[phases.judging]
start = 2026-11-16T09:00:00
end = 2026-11-25
[results]
objection_days = 3
)";

class Contest {
 public:
  Contest() : clock_(KoreaTime(3, 10)) {
    catalogue_.emplace(*gallery::Catalogue::Open(dir_.path() / "data", clock_,
                                                 DatabaseFor((dir_.path() / "data").string())));
    REQUIRE(catalogue_->InitContest(kContestToml, "test.toml", "operator").ok());
    WriteText(dir_ / "roster.csv", kRoster);
    REQUIRE(catalogue_->ImportRoster(dir_ / "roster.csv", "operator").ok());
  }

  gallery::Catalogue& catalogue() { return *catalogue_; }
  FakeClock& clock() { return clock_; }
  const TempDir& dir() const { return dir_; }

  // A new entry by `author` (on 3 Nov unless the clock says otherwise).
  int64_t Submit(const std::string& author, uint32_t seed,
                 std::vector<std::string> co_authors = {}) {
    gallery::Submission submission = Declared("포스터 " + std::to_string(seed), author);
    submission.co_authors = std::move(co_authors);
    Result<gallery::Entry> entry = catalogue_->Add(IngestedPoster(seed), submission, author);
    REQUIRE(entry.ok());
    return entry->id;
  }

  int64_t SubmitApproved(const std::string& author, uint32_t seed,
                         std::vector<std::string> co_authors = {}) {
    int64_t id = Submit(author, seed, std::move(co_authors));
    REQUIRE(catalogue_->Decide(id, voting::EntryAction::kApprove, "", "M1").ok());
    return id;
  }

 private:
  TempDir dir_;
  FakeClock clock_;
  std::optional<gallery::Catalogue> catalogue_;
};

}  // namespace poster::testing
