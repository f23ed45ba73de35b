// The tally: components, normalisation, ranks, tie-breaks at every tier boundary.
#include <algorithm>
#include <random>

#include "tests/voting/fixtures.h"

using namespace poster;
using namespace poster::testing;
using voting::TallyEntry;

namespace {

// An entry judged by `judges` with the same score on every criterion.
TallyEntry Entry(int64_t id, int votes, std::vector<std::pair<std::string, int>> judges,
                 int day = 3) {
  TallyEntry entry{id, Kst(day, 9), votes, {}, {}};
  for (const auto& [judge, score] : judges)
    entry.scores.push_back({judge, {score, score, score, score}});
  return entry;
}

const voting::TallyRow& Row(const voting::TallyResult& result, int64_t id) {
  auto it = std::find_if(result.rows.begin(), result.rows.end(),
                         [&](const auto& r) { return r.id == id; });
  REQUIRE(it != result.rows.end());
  return *it;
}

std::vector<int64_t> Order(const voting::TallyResult& result) {
  std::vector<int64_t> ids;
  for (const auto& row : result.rows) ids.push_back(row.id);
  return ids;
}

std::string TierOf(const voting::TallyResult& result, int64_t id) {
  const auto& row = Row(result, id);
  return row.tier ? voting::Rules().tiers[*row.tier].name : "";
}

}  // namespace

TEST_CASE("judges count 70 %, peers 30 %, each on 0-100 over the field", "[voting][tally]") {
  voting::TallyResult result = voting::Tally(
      voting::Rules(), {Entry(1, 10, {{"J1", 9}, {"J2", 9}}), Entry(2, 30, {{"J1", 5}, {"J2", 5}}),
                        Entry(3, 20, {{"J1", 7}, {"J2", 7}})});
  CHECK(Order(result) == std::vector<int64_t>{1, 3, 2});
  const auto& first = Row(result, 1);
  CHECK(first.judge_component == Approx(100));
  CHECK(first.peer_component == Approx(0));
  CHECK(first.combined == Approx(70));
  CHECK(first.judge_raw == Approx(90));
  CHECK(first.criterion_means == std::vector<double>{9, 9, 9, 9});
  CHECK(Row(result, 2).combined == Approx(30));
  CHECK(Row(result, 3).combined == Approx(50));
}

TEST_CASE("one runaway entry does not flatten the others", "[voting][tally]") {
  std::vector<TallyEntry> entries;
  for (int i = 1; i <= 9; ++i) entries.push_back(Entry(i, i, {{"J1", 5}}));
  entries.push_back(Entry(10, 1000, {{"J1", 5}}));  // a department voted as a block
  voting::TallyResult percentile = voting::Tally(voting::Rules(), entries);
  CHECK(Row(percentile, 9).peer_component - Row(percentile, 1).peer_component ==
        Approx(8 * 100.0 / 9));
  voting::Rules minmax;
  minmax.normalization = voting::Normalization::kMinMax;
  voting::TallyResult flattened = voting::Tally(minmax, entries);
  CHECK(Row(flattened, 9).peer_component - Row(flattened, 1).peer_component < 1.0);
  voting::Rules winsorized;
  winsorized.normalization = voting::Normalization::kWinsorized;
  voting::TallyResult clipped = voting::Tally(winsorized, entries);
  CHECK(Row(clipped, 9).peer_component - Row(clipped, 1).peer_component > 50);
}

TEST_CASE("harsh and lenient judges count the same with z-scores", "[voting][tally]") {
  // Entry 1 is the best of the harsh judge's pile, entry 3 the worst of the lenient one's.
  std::vector<TallyEntry> entries = {Entry(1, 0, {{"harsh", 4}}), Entry(2, 0, {{"harsh", 2}}),
                                     Entry(3, 0, {{"lenient", 8}}), Entry(4, 0, {{"lenient", 10}})};
  voting::TallyResult z = voting::Tally(voting::Rules(), entries);
  CHECK(Row(z, 1).judge_z == Approx(1.0));
  CHECK(Row(z, 3).judge_z == Approx(-1.0));
  CHECK(Row(z, 1).rank < Row(z, 3).rank);
  voting::Rules raw;
  raw.judge_scaling = voting::JudgeScaling::kRawMean;
  voting::TallyResult means = voting::Tally(raw, entries);
  CHECK(Row(means, 3).rank <
        Row(means, 1).rank);  // the lenient judge's worst outranks the harsh one's best
  CHECK(Row(means, 1).judge_raw == Approx(40));  // both figures are kept either way
  CHECK(Row(means, 1).judge_z == Approx(1.0));
}

TEST_CASE("the tie-break chain: judge score, then peer votes, then earlier submission",
          "[voting][tally]") {
  voting::Rules rules;
  rules.judge_weight = 0.5;
  rules.peer_weight = 0.5;
  // 1 and 2 tie on combined (judge 100/peer 0 vs judge 0/peer 100): judges decide.
  voting::TallyResult by_judges =
      voting::Tally(rules, {Entry(1, 0, {{"J1", 9}}), Entry(2, 10, {{"J1", 3}})});
  CHECK(Order(by_judges) == std::vector<int64_t>{1, 2});
  CHECK_THAT(Row(by_judges, 2).notes.front(), Catch::Contains("ranked below it by judge score"));
  CHECK_THAT(Row(by_judges, 2).notes_ko.front(), Catch::Contains("심사 점수"));
  // Equal on everything but submission time: the earlier one goes first.
  voting::TallyResult by_time =
      voting::Tally(voting::Rules(), {Entry(1, 5, {{"J1", 7}}, 9), Entry(2, 5, {{"J1", 7}}, 4)});
  CHECK(Order(by_time) == std::vector<int64_t>{2, 1});
  CHECK_THAT(Row(by_time, 1).notes.front(), Catch::Contains("earlier submission"));
}

TEST_CASE("entries tied on every key across a tier boundary share the higher tier",
          "[voting][tally]") {
  voting::Rules rules;
  rules.tie_breaks = {voting::TieBreak::kJudgeScore, voting::TieBreak::kPeerVotes};
  // 1 clear winner, then 2 and 3 tied for 우수 (2 places) and 4, 5, 6 tied at the 우수/장려 edge?
  // No: ranks: 1 | 2 | 3,4 tied across 우수(2-3) / 장려(4-6)
  std::vector<TallyEntry> entries = {Entry(1, 9, {{"J1", 10}}), Entry(2, 8, {{"J1", 9}}),
                                     Entry(3, 5, {{"J1", 7}}), Entry(4, 5, {{"J1", 7}}),
                                     Entry(5, 1, {{"J1", 3}})};
  voting::TallyResult shared = voting::Tally(rules, entries);
  CHECK(Row(shared, 3).rank == 3);
  CHECK(Row(shared, 4).rank == 3);
  CHECK(TierOf(shared, 1) == "최우수");
  CHECK(TierOf(shared, 2) == "우수");
  CHECK(TierOf(shared, 3) == "우수");
  CHECK(TierOf(shared, 4) == "우수");  // shared: a third 우수
  CHECK(TierOf(shared, 5) == "장려");  // and 장려 starts at rank 5
  CHECK_THAT(Row(shared, 4).notes.back(), Catch::Contains("share rank 3 and the higher tier"));
}

TEST_CASE("with lots, ties across a boundary are ordered by the published seed",
          "[voting][tally]") {
  voting::Rules rules;
  rules.tie_breaks = {voting::TieBreak::kJudgeScore};
  rules.still_tied = voting::StillTied::kLot;
  rules.tiers = {{"최우수", "Grand prize", 1}, {"우수", "Excellence", 2}};
  std::vector<TallyEntry> entries;
  for (int64_t id = 1; id <= 6; ++id) entries.push_back(Entry(id, 0, {{"J1", 6}}));  // all tied
  rules.lot_seed = "2026 혁신주간";
  voting::TallyResult drawn = voting::Tally(rules, entries);
  std::vector<int> ranks;
  for (const auto& row : drawn.rows) ranks.push_back(row.rank);
  CHECK(ranks == std::vector<int>{1, 2, 3, 4, 5, 6});
  CHECK(drawn.rows[0].tier == 0u);
  CHECK(drawn.rows[2].tier == 1u);
  CHECK_FALSE(drawn.rows[3].tier.has_value());
  CHECK_THAT(drawn.rows[0].notes.back(),
             Catch::Contains("drawn by lot") && Catch::Contains("2026 혁신주간"));
  CHECK(Order(voting::Tally(rules, entries)) == Order(drawn));  // the same seed, the same draw
  rules.lot_seed = "another seed";
  CHECK(Order(voting::Tally(rules, entries)) != Order(drawn));
}

TEST_CASE("ties inside one tier share their rank without drawing lots", "[voting][tally]") {
  voting::Rules rules;
  rules.tie_breaks = {voting::TieBreak::kPeerVotes};
  rules.still_tied = voting::StillTied::kLot;
  voting::TallyResult result = voting::Tally(
      rules, {Entry(1, 9, {{"J1", 9}}), Entry(2, 5, {{"J1", 5}}), Entry(3, 5, {{"J1", 5}})});
  CHECK(Row(result, 2).rank == 2);
  CHECK(Row(result, 3).rank == 2);  // both 우수 whichever comes first: no lot
  CHECK(TierOf(result, 3) == "우수");
}

TEST_CASE("fewer entries than prizes: every entry gets a tier, in order", "[voting][tally]") {
  voting::TallyResult result =
      voting::Tally(voting::Rules(),
                    {Entry(1, 3, {{"J1", 9}}), Entry(2, 2, {{"J1", 7}}), Entry(3, 1, {{"J1", 5}})});
  CHECK(TierOf(result, 1) == "최우수");
  CHECK(TierOf(result, 2) == "우수");
  CHECK(TierOf(result, 3) == "우수");
}

TEST_CASE("when nobody voted, peers count the same for everyone", "[voting][tally]") {
  voting::TallyResult result =
      voting::Tally(voting::Rules(), {Entry(1, 0, {{"J1", 5}}), Entry(2, 0, {{"J1", 8}})});
  CHECK(Row(result, 1).peer_component == Approx(50));
  CHECK(Row(result, 2).peer_component == Approx(50));
  CHECK(Order(result) == std::vector<int64_t>{2, 1});
}

TEST_CASE("an entry without judge scores counts 0 for judges, and says so", "[voting][tally]") {
  voting::TallyResult result =
      voting::Tally(voting::Rules(), {Entry(1, 10, {}), Entry(2, 0, {{"J1", 5}})});
  CHECK(Row(result, 1).judges == 0);
  CHECK(Row(result, 1).judge_component == 0);
  CHECK_THAT(Row(result, 1).notes.front(), Catch::Contains("No judge has scored"));
}

TEST_CASE("the same facts in any order give the same table", "[voting][tally]") {
  std::vector<TallyEntry> entries;
  for (int64_t id = 1; id <= 40; ++id) {
    entries.push_back(Entry(id, int(id * 7 % 11),
                            {{"J1", int(id % 10) + 1}, {"J2", int(id * 3 % 10) + 1}},
                            1 + int(id % 20)));
  }
  voting::TallyResult first = voting::Tally(voting::Rules(), entries);
  std::mt19937 shuffle(7);
  std::shuffle(entries.begin(), entries.end(), shuffle);
  voting::TallyResult second = voting::Tally(voting::Rules(), entries);
  REQUIRE(first.rows.size() == second.rows.size());
  for (size_t i = 0; i < first.rows.size(); ++i) {
    CHECK(first.rows[i].id == second.rows[i].id);
    CHECK(first.rows[i].combined == second.rows[i].combined);  // exactly, not approximately
    CHECK(first.rows[i].notes == second.rows[i].notes);
  }
}

TEST_CASE("a tie among thousands names its span, not every other entry", "[voting][tally]") {
  // 5,000 entries nobody voted for and nobody judged: one tie group. Listing
  // every other entry in each note would make 25 million numbers of text.
  voting::Rules rules;
  std::vector<TallyEntry> entries = {Entry(1, 9, {{"J1", 9}})};
  for (int64_t id = 2; id <= 5001; ++id) entries.push_back(Entry(id, 0, {}));
  voting::TallyResult result = voting::Tally(rules, entries);
  const voting::TallyRow& tied = Row(result, 4000);
  CHECK(tied.rank == 2);
  REQUIRE_FALSE(tied.notes.empty());
  size_t text = 0;
  for (const auto& row : result.rows) {
    for (const auto& note : row.notes) text += note.size();
    for (const auto& note : row.notes_ko) text += note.size();
  }
  CHECK(text < 5001 * 2000);  // bounded per entry, whatever the group's size
  std::string note;
  for (const auto& n : tied.notes)
    if (n.find("Tied") != std::string::npos) note = n;
  CHECK_THAT(note, Catch::Contains("4,999 other entries") && Catch::Contains("ranks 2 to 5001") &&
                       Catch::Contains("2, 3, 4"));
  std::string ko;
  for (const auto& n : tied.notes_ko)
    if (n.find("동점") != std::string::npos) ko = n;
  CHECK_THAT(ko, Catch::Contains("4,999편") && Catch::Contains("2위부터 5001위"));
  // A small tie still names each entry it is tied with.
  voting::TallyResult small = voting::Tally(
      rules, {Entry(1, 9, {{"J1", 9}}), Entry(2, 5, {{"J1", 5}}), Entry(3, 5, {{"J1", 5}})});
  CHECK_THAT(Row(small, 2).notes.back(), Catch::Contains("Tied with entries 3 on every"));
}
