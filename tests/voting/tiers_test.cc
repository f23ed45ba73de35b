// Tiers re-derived when entries may hold no award (a revoked 수상, 1인 1상):
// the place left vacant or the entries below moving up, at every boundary.
#include "tests/voting/fixtures.h"

using namespace poster;
using voting::TallyRow;
using voting::Vacancy;

namespace {

// Rows with ids 1..n and the given ranks, tiers as Tally fills them.
std::vector<TallyRow> Ranked(std::vector<int> ranks) {
  std::vector<TallyRow> rows;
  for (size_t i = 0; i < ranks.size(); ++i) {
    TallyRow row;
    row.id = int64_t(i + 1);
    row.rank = ranks[i];
    rows.push_back(row);
  }
  return voting::AssignTiers(voting::Rules(), rows, {}, Vacancy::kLeaveVacant);
}

std::vector<int> Consecutive(int n) {
  std::vector<int> ranks;
  for (int i = 1; i <= n; ++i) ranks.push_back(i);
  return ranks;
}

// Each row's tier as its Korean name, "" for none, in row order.
std::vector<std::string> Tiers(const std::vector<TallyRow>& rows) {
  std::vector<std::string> names;
  for (const TallyRow& row : rows)
    names.push_back(row.tier ? voting::Rules().tiers[*row.tier].name : "");
  return names;
}

std::vector<std::string> After(const std::vector<TallyRow>& rows, std::set<int64_t> excluded,
                               Vacancy vacancy) {
  return Tiers(voting::AssignTiers(voting::Rules(), rows, excluded, vacancy));
}

const std::vector<std::string> kTwelve = {"최우수", "우수", "우수", "장려", "장려", "장려",
                                          "입선",   "입선", "입선", "입선", "",     ""};

}  // namespace

TEST_CASE("with nothing excluded the tiers are the tally's, either way a vacancy is filled",
          "[voting][tiers]") {
  std::vector<voting::TallyEntry> entries;
  for (int i = 1; i <= 12; ++i)
    entries.push_back({i, testing::Kst(3, 9, i), i, {{"J1", {i % 10 + 1, 5, 5, 5}}}, {}});
  std::vector<TallyRow> tallied = voting::Tally(voting::Rules(), entries).rows;
  CHECK(Tiers(tallied) == kTwelve);
  CHECK(After(tallied, {}, Vacancy::kLeaveVacant) == kTwelve);
  CHECK(After(tallied, {}, Vacancy::kMoveUp) == kTwelve);
}

TEST_CASE("revoking the 1st leaves 최우수 vacant, or moves every entry below up one place",
          "[voting][tiers]") {
  std::vector<TallyRow> rows = Ranked(Consecutive(12));
  CHECK(After(rows, {1}, Vacancy::kLeaveVacant) ==
        std::vector<std::string>{"", "우수", "우수", "장려", "장려", "장려", "입선", "입선", "입선",
                                 "입선", "", ""});
  CHECK(After(rows, {1}, Vacancy::kMoveUp) ==
        std::vector<std::string>{"", "최우수", "우수", "우수", "장려", "장려", "장려", "입선",
                                 "입선", "입선", "입선", ""});
}

TEST_CASE("revoking the last awarded entry gives its 입선 to the 11th only when places move up",
          "[voting][tiers]") {
  std::vector<TallyRow> rows = Ranked(Consecutive(12));
  std::vector<std::string> vacant = kTwelve, moved = kTwelve;
  vacant[9] = "";
  moved[9] = "";
  moved[10] = "입선";
  CHECK(After(rows, {10}, Vacancy::kLeaveVacant) == vacant);
  CHECK(After(rows, {10}, Vacancy::kMoveUp) == moved);
}

TEST_CASE("revoking one of two entries sharing a tier leaves the other its tier",
          "[voting][tiers]") {
  // ranks 1, 2, 3, 3, 5, ...: entries 3 and 4 tie across the 우수/장려 boundary and share 우수
  std::vector<TallyRow> rows = Ranked({1, 2, 3, 3, 5, 6, 7, 8, 9, 10, 11});
  REQUIRE(Tiers(rows) == std::vector<std::string>{"최우수", "우수", "우수", "우수", "장려", "장려",
                                                  "입선", "입선", "입선", "입선", ""});
  CHECK(After(rows, {4}, Vacancy::kLeaveVacant) ==
        std::vector<std::string>{"최우수", "우수", "우수", "", "장려", "장려", "입선", "입선",
                                 "입선", "입선", ""});
  CHECK(After(rows, {4}, Vacancy::kMoveUp) ==
        std::vector<std::string>{"최우수", "우수", "우수", "", "장려", "장려", "장려", "입선",
                                 "입선", "입선", "입선"});
  // revoking the 1st moves the tied pair up together: both 우수 still, and 장려 from rank 5
  CHECK(After(rows, {1}, Vacancy::kMoveUp) ==
        std::vector<std::string>{"", "최우수", "우수", "우수", "장려", "장려", "장려", "입선",
                                 "입선", "입선", "입선"});
}

TEST_CASE("revoking twice excludes both: two places vacant, or everyone below two up",
          "[voting][tiers]") {
  std::vector<TallyRow> rows = Ranked(Consecutive(12));
  CHECK(After(rows, {1, 3}, Vacancy::kLeaveVacant) ==
        std::vector<std::string>{"", "우수", "", "장려", "장려", "장려", "입선", "입선", "입선",
                                 "입선", "", ""});
  CHECK(After(rows, {1, 3}, Vacancy::kMoveUp) ==
        std::vector<std::string>{"", "최우수", "", "우수", "우수", "장려", "장려", "장려", "입선",
                                 "입선", "입선", "입선"});
}

TEST_CASE("an excluded entry that held no tier changes nobody's", "[voting][tiers]") {
  std::vector<TallyRow> rows = Ranked(Consecutive(12));
  CHECK(After(rows, {12}, Vacancy::kMoveUp) == kTwelve);
  CHECK(After(rows, {12}, Vacancy::kLeaveVacant) == kTwelve);
}

TEST_CASE("the vacancy rule is named vacant or next", "[voting][tiers]") {
  CHECK(voting::ParseVacancy("vacant") == Vacancy::kLeaveVacant);
  CHECK(voting::ParseVacancy("next") == Vacancy::kMoveUp);
  CHECK_FALSE(voting::ParseVacancy("moveup"));
  CHECK(voting::VacancyName(Vacancy::kMoveUp) == "next");
}
