// One award per person (1인 1상) and entries excluded from the awards: the
// cascade of award places down the ranking.
#include <algorithm>

#include "tests/voting/fixtures.h"

using namespace poster;
using namespace poster::testing;
using voting::TallyEntry;

namespace {

// Entry `id` by `authors` (ids; named 이름<id>) with judge score `score` and no votes.
TallyEntry By(int64_t id, int score, std::vector<std::string> authors) {
  TallyEntry entry{id, Kst(3, 9), 0, {{"J1", {score, score, score, score}}}, {}};
  for (const std::string& person : authors) entry.authors.push_back({person, "이름" + person});
  return entry;
}

voting::Rules OneAward() {
  voting::Rules rules;
  rules.one_award_per_person = true;
  rules.tie_breaks = {voting::TieBreak::kJudgeScore};
  return rules;
}

const voting::TallyRow& AwardRow(const voting::TallyResult& result, int64_t id) {
  auto it = std::find_if(result.rows.begin(), result.rows.end(),
                         [&](const auto& r) { return r.id == id; });
  REQUIRE(it != result.rows.end());
  return *it;
}

std::string AwardTier(const voting::TallyResult& result, int64_t id) {
  const auto& row = AwardRow(result, id);
  return row.tier ? voting::Rules().tiers[*row.tier].name : "";
}

}  // namespace

TEST_CASE("1인 1상: a person with the three top entries holds only the first award",
          "[voting][awards]") {
  std::vector<TallyEntry> entries = {By(1, 10, {"E1"}), By(2, 9, {"E1"}), By(3, 8, {"E1"}),
                                     By(4, 7, {"E2"}),  By(5, 6, {"E3"}), By(6, 5, {"E4"})};
  voting::TallyResult result = voting::Tally(OneAward(), entries);
  CHECK(AwardTier(result, 1) == "최우수");
  CHECK(AwardTier(result, 2) == "");
  CHECK(AwardTier(result, 3) == "");
  CHECK(AwardTier(result, 4) == "우수");  // the two 우수 places pass to ranks 4 and 5
  CHECK(AwardTier(result, 5) == "우수");
  CHECK(AwardTier(result, 6) == "장려");
  CHECK(AwardRow(result, 2).rank == 2);  // the ranking itself is unchanged
  CHECK_THAT(
      AwardRow(result, 2).notes.back(),
      Catch::Contains("1인 1상") && Catch::Contains("이름E1 already holds 최우수 for entry 1"));
  CHECK_THAT(AwardRow(result, 2).notes_ko.back(),
             Catch::Contains("이름E1 님은 이미 1번으로 최우수를 받아"));
  CHECK_THAT(AwardRow(result, 4).notes.back(),
             Catch::Contains("Holds 우수 (by rank alone: 장려) because entries 2, 3"));
  CHECK_THAT(AwardRow(result, 4).notes_ko.back(),
             Catch::Contains("우수를 받습니다(순위만으로는 장려)"));
  // 장려 is left short by the cascade; 입선 was out of reach of six entries anyway.
  REQUIRE(result.notes.size() == 1);
  CHECK_THAT(result.notes[0], Catch::StartsWith("장려 has 1 of its 3 places filled"));
  // Off (the default): the same table gives the person all three.
  voting::Rules off = OneAward();
  off.one_award_per_person = false;
  voting::TallyResult plain = voting::Tally(off, entries);
  CHECK(AwardTier(plain, 2) == "우수");
  CHECK(AwardTier(plain, 3) == "우수");
  CHECK(AwardRow(plain, 2).notes.empty());
}

TEST_CASE("1인 1상 counts co-authors: a winning team's members hold an award each",
          "[voting][awards]") {
  // E2 co-authored the winner, so E2's own entry 2 is passed over; E3, who
  // co-authored entry 3 with E2, is blocked too (E2 holds 최우수).
  std::vector<TallyEntry> entries = {By(1, 10, {"E1", "E2"}), By(2, 9, {"E2"}),
                                     By(3, 8, {"E3", "E2"}), By(4, 7, {"E3"}), By(5, 6, {"E4"})};
  voting::TallyResult result = voting::Tally(OneAward(), entries);
  CHECK(AwardTier(result, 1) == "최우수");
  CHECK(AwardTier(result, 2) == "");
  CHECK(AwardTier(result, 3) == "");
  CHECK_THAT(AwardRow(result, 3).notes.back(), Catch::Contains("이름E2 already holds 최우수"));
  CHECK(AwardTier(result, 4) == "우수");  // E3 holds nothing yet
  CHECK(AwardTier(result, 5) == "우수");
}

TEST_CASE("1인 1상 with too few eligible entries leaves tiers short and says so",
          "[voting][awards]") {
  voting::Rules rules = OneAward();
  rules.tiers = {{"최우수", "Grand prize", 1}, {"우수", "Excellence", 2}};
  std::vector<TallyEntry> entries = {By(1, 10, {"E1"}), By(2, 9, {"E1"}), By(3, 8, {"E2"}),
                                     By(4, 7, {"E2"})};
  voting::TallyResult result = voting::Tally(rules, entries);
  CHECK(AwardTier(result, 1) == "최우수");
  CHECK(AwardTier(result, 3) == "우수");
  CHECK(AwardTier(result, 2) == "");
  CHECK(AwardTier(result, 4) == "");
  REQUIRE(result.notes.size() == 1);
  CHECK(result.notes[0] ==
        "우수 has 1 of its 2 places filled: not enough eligible entries (passed over: 2, 4).");
  CHECK_THAT(result.notes_ko[0], Catch::Contains("우수는 2자리 중 1자리만 채웠습니다"));
}

TEST_CASE("1인 1상 and shared ties: the tie shares the place, a held person is passed over",
          "[voting][awards]") {
  voting::Rules rules = OneAward();
  // Entries 2, 3 and 4 tie at rank 2 on every key; E1 (entry 1's author) wrote 3.
  std::vector<TallyEntry> entries = {By(1, 10, {"E1"}), By(2, 8, {"E2"}), By(3, 8, {"E1"}),
                                     By(4, 8, {"E3"}), By(5, 6, {"E4"})};
  voting::TallyResult result = voting::Tally(rules, entries);
  CHECK(AwardRow(result, 2).rank == 2);
  CHECK(AwardRow(result, 3).rank == 2);
  CHECK(AwardRow(result, 4).rank == 2);
  CHECK(AwardTier(result, 2) == "우수");
  CHECK(AwardTier(result, 3) == "");
  CHECK(AwardTier(result, 4) == "우수");
  CHECK(AwardTier(result, 5) == "장려");  // two 우수 places used: 장려 from the next place
  // Without 1인 1상 the three would straddle 우수/장려 and share 우수.
  voting::Rules off = rules;
  off.one_award_per_person = false;
  voting::TallyResult shared = voting::Tally(off, entries);
  CHECK(AwardTier(shared, 3) == "우수");
  CHECK_THAT(AwardRow(shared, 3).notes.back(), Catch::Contains("and the higher tier"));
  CHECK_THAT(AwardRow(result, 2).notes.front(), Catch::Contains("share rank 2."));
}

TEST_CASE("1인 1상 inside one tie: the person's first entry in table order holds the award",
          "[voting][awards]") {
  std::vector<TallyEntry> entries = {By(1, 10, {"E9"}), By(2, 8, {"E1"}), By(3, 8, {"E1"}),
                                     By(4, 6, {"E2"})};
  voting::TallyResult result = voting::Tally(OneAward(), entries);
  CHECK(AwardTier(result, 2) == "우수");
  CHECK(AwardTier(result, 3) == "");
  CHECK_THAT(AwardRow(result, 3).notes.back(), Catch::Contains("already holds 우수 for entry 2"));
  CHECK(AwardTier(result, 4) == "우수");
}

TEST_CASE("an excluded entry passes its place on by the same cascade", "[voting][awards]") {
  voting::Rules rules;  // 1인 1상 off: exclusion alone
  std::vector<TallyEntry> entries = {By(1, 10, {"E1"}), By(2, 9, {"E2"}), By(3, 8, {"E3"}),
                                     By(4, 7, {"E4"})};
  voting::TallyResult result = voting::Tally(rules, entries, {1});
  CHECK(AwardTier(result, 1) == "");
  CHECK(AwardRow(result, 1).rank == 1);
  CHECK_THAT(AwardRow(result, 1).notes.back(), Catch::Contains("Excluded from the awards"));
  CHECK(AwardTier(result, 2) == "최우수");
  CHECK(AwardTier(result, 3) == "우수");
  CHECK(AwardTier(result, 4) == "우수");
  CHECK_THAT(AwardRow(result, 2).notes.back(),
             Catch::Contains("Holds 최우수 (by rank alone: 우수) because entries 1 above it"));
  // With 1인 1상, an excluded entry's people hold nothing, so their next entry may win.
  voting::Rules one = OneAward();
  entries.push_back(By(5, 6, {"E1"}));
  voting::TallyResult both = voting::Tally(one, entries, {1});
  CHECK(AwardTier(both, 5) == "장려");
}

TEST_CASE("entries below every tier are not noted as passed over", "[voting][awards]") {
  voting::Rules rules = OneAward();
  rules.tiers = {{"최우수", "Grand prize", 1}};
  voting::TallyResult result =
      voting::Tally(rules, {By(1, 10, {"E1"}), By(2, 9, {"E2"}), By(3, 8, {"E1"})});
  CHECK(AwardTier(result, 1) == "최우수");
  CHECK(AwardRow(result, 3).notes.empty());
  CHECK(result.notes.empty());
}
