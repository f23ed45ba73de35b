// Each judge's own order, the order-effect check, blind judging and recusal.
#include <algorithm>
#include <set>

#include "tests/voting/fixtures.h"

using namespace poster;
using namespace poster::testing;

namespace {

std::vector<int64_t> Numbers(int count) {
  std::vector<int64_t> numbers;
  for (int i = 1; i <= count; ++i) numbers.push_back(i);
  return numbers;
}

// docs/tally.md's recipe, written out again: FNV-1a 64 of the text, splitmix64.
uint64_t Fnv(std::string_view text) {
  uint64_t hash = 0xcbf29ce484222325ull;
  for (unsigned char c : text) hash = (hash ^ c) * 0x100000001b3ull;
  return hash;
}
uint64_t SplitMix(uint64_t z) {
  z += 0x9e3779b97f4a7c15ull;
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ull;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebull;
  return z ^ (z >> 31);
}
uint64_t OrderKey(std::string_view seed, std::string_view judge, int64_t entry) {
  return SplitMix(Fnv(seed) ^ SplitMix(Fnv("order:" + std::string(judge)) ^ uint64_t(entry)));
}

std::vector<voting::Candidate> Candidates(int count) {
  std::vector<voting::Candidate> entries;
  for (int i = 1; i <= count; ++i) entries.push_back({i, {"E" + std::to_string(1000 + i)}, {}, {}});
  return entries;
}

std::vector<voting::Person> Judges(int count) {
  std::vector<voting::Person> judges;
  for (int i = 1; i <= count; ++i) judges.push_back(Judge("J" + std::to_string(i)));
  return judges;
}

bool Has(const std::vector<voting::Assignment>& list, const std::string& judge, int64_t entry) {
  return std::find(list.begin(), list.end(), voting::Assignment{judge, entry}) != list.end();
}

}  // namespace

// ---- each judge's own order ------------------------------------------------

TEST_CASE("each judge is shown the same entries in an order of their own", "[voting][order]") {
  std::vector<int64_t> j1 = voting::JudgeOrder("2026 공모전", "J1", Numbers(12));
  std::vector<int64_t> j2 = voting::JudgeOrder("2026 공모전", "J2", Numbers(12));
  CHECK(j1 != j2);
  CHECK(j1 != Numbers(12));
  std::vector<int64_t> sorted = j1;
  std::sort(sorted.begin(), sorted.end());
  CHECK(sorted == Numbers(12));
  CHECK(voting::JudgeOrder("2026 공모전", "J1", Numbers(12)) == j1);
  CHECK(voting::JudgeOrder("another seed", "J1", Numbers(12)) != j1);
}

TEST_CASE("a judge's order does not depend on the order their entries are given in",
          "[voting][order]") {
  std::vector<int64_t> reversed = Numbers(9);
  std::reverse(reversed.begin(), reversed.end());
  CHECK(voting::JudgeOrder("s", "J3", reversed) == voting::JudgeOrder("s", "J3", Numbers(9)));
}

TEST_CASE("an entry taken off a judge's list leaves the others in the order they had",
          "[voting][order]") {
  std::vector<int64_t> before = voting::JudgeOrder("s", "J1", Numbers(10));
  std::vector<int64_t> fewer = Numbers(10);
  fewer.erase(fewer.begin() + 4);  // entry 5 goes
  std::vector<int64_t> expected = before;
  expected.erase(std::find(expected.begin(), expected.end(), 5));
  CHECK(voting::JudgeOrder("s", "J1", fewer) == expected);
}

TEST_CASE("anyone can redo a judge's order from the seed by the published recipe",
          "[voting][order]") {
  std::vector<int64_t> by_hand = Numbers(20);
  std::sort(by_hand.begin(), by_hand.end(), [](int64_t a, int64_t b) {
    return OrderKey("poster", "J0002", a) < OrderKey("poster", "J0002", b);
  });
  CHECK(voting::JudgeOrder("poster", "J0002", Numbers(20)) == by_hand);
}

// ---- the order-effect check ------------------------------------------------

TEST_CASE("a judge's weighted total is the tally's 10-100 scale", "[voting][order]") {
  voting::Rules rules;  // weights 30, 30, 20, 20; scores 1-10
  CHECK(*voting::WeightedTotal(rules, {10, 10, 10, 10}) == Approx(100));
  CHECK(*voting::WeightedTotal(rules, {1, 1, 1, 1}) == Approx(10));
  CHECK(*voting::WeightedTotal(rules, {8, 6, 5, 5}) == Approx(62));  // (240+180+100+100)/10
  CHECK_FALSE(voting::WeightedTotal(rules, {8, 6, 5}));
}

TEST_CASE("totals rising with position correlate +1, falling -1", "[voting][order]") {
  voting::OrderEffect rising = voting::CheckOrderEffect("J1", {40.0, 50.0, 60.0, 70.0});
  REQUIRE(rising.spearman);
  CHECK(*rising.spearman == Approx(1.0));
  CHECK(*rising.first_half_mean == Approx(45));
  CHECK(*rising.second_half_mean == Approx(65));
  voting::OrderEffect falling = voting::CheckOrderEffect("J1", {70.0, 60.0, 50.0, 40.0});
  CHECK(*falling.spearman == Approx(-1.0));
}

TEST_CASE("equal totals share their mean rank in the correlation", "[voting][order]") {
  voting::OrderEffect effect = voting::CheckOrderEffect("J1", {50.0, 50.0, 70.0, 60.0});
  REQUIRE(effect.spearman);
  CHECK(*effect.spearman == Approx(3.5 / std::sqrt(22.5)));
}

TEST_CASE("fewer than three scores, or all the same, give no correlation", "[voting][order]") {
  CHECK_FALSE(voting::CheckOrderEffect("J1", {50.0, std::nullopt, 60.0}).spearman);
  CHECK(voting::CheckOrderEffect("J1", {50.0, std::nullopt, 60.0, 70.0}).spearman);
  CHECK_FALSE(voting::CheckOrderEffect("J1", {55.0, 55.0, 55.0, 55.0}).spearman);
  voting::OrderEffect none = voting::CheckOrderEffect("J1", {});
  CHECK(none.assigned == 0);
  CHECK_FALSE(none.first_half_mean);
}

TEST_CASE("unscored entries keep their positions and the middle of an odd list is in no half",
          "[voting][order]") {
  voting::OrderEffect effect =
      voting::CheckOrderEffect("J1", {30.0, std::nullopt, 99.0, 50.0, 70.0});
  CHECK(effect.assigned == 5);
  CHECK(effect.scored == 4);
  CHECK(*effect.first_half_mean == Approx(30));   // positions 1-2
  CHECK(*effect.second_half_mean == Approx(60));  // positions 4-5; 3 (99) in neither
  REQUIRE(effect.spearman);                       // positions 1, 3, 4, 5
  CHECK(*effect.spearman == Approx(0.4));
}

// ---- blind judging -----------------------------------------------------------

TEST_CASE("judges see no authors until the announcement, by default", "[voting][blind]") {
  voting::Rules rules;
  CHECK(voting::AuthorsHidden(rules, {.judge = true}));
  CHECK_FALSE(voting::AuthorsHidden(rules, {.judge = true, .announced = true}));
  CHECK_FALSE(voting::AuthorsHidden(rules, {.staff = true, .judge = true}));
  CHECK_FALSE(voting::AuthorsHidden(rules, {.voting_open = true}));
  rules.blind_judges = false;
  CHECK_FALSE(voting::AuthorsHidden(rules, {.judge = true}));
}

TEST_CASE("with blind voting nobody but staff sees authors while voting is open",
          "[voting][blind]") {
  voting::Rules rules;
  rules.blind_voters = true;
  CHECK(voting::AuthorsHidden(rules, {.voting_open = true}));
  CHECK_FALSE(voting::AuthorsHidden(rules, {.voting_open = false}));
  CHECK_FALSE(voting::AuthorsHidden(rules, {.staff = true, .voting_open = true}));
  CHECK_FALSE(voting::AuthorsHidden(rules, {.voting_open = true, .announced = true}));
}

// ---- recusal -----------------------------------------------------------------

TEST_CASE("a recusal needs the entry on the judge's list, unscored, and a reason",
          "[voting][recusal]") {
  voting::RecusalFacts facts{"J1",  3,     true,
                             false, false, "같은 팀에서 함께 일하는 동료의 작품입니다"};
  CHECK(voting::CheckRecusal(facts).ok());
  facts.assigned = false;
  facts.scored = true;
  CHECK(voting::CheckRecusal(facts).code() == voting::kNotAssigned);
  facts.assigned = true;
  CHECK(voting::CheckRecusal(facts).code() == voting::kAlreadyScored);
  facts.scored = false;
  facts.announced = true;
  CHECK(voting::CheckRecusal(facts).code() == voting::kOutsideWindow);
}

TEST_CASE("a recusal's reason is 10 to 500 characters once trimmed", "[voting][recusal]") {
  voting::RecusalFacts facts{"J1", 3, true, false, false, ""};
  auto code = [&](std::string reason) {
    facts.reason = std::move(reason);
    return voting::CheckRecusal(facts).code();
  };
  CHECK(code("가족이출품한작품입니") == "");  // 10 Hangul syllables
  CHECK(code("가족이출품한작품입") == voting::kReasonRequired);
  CHECK(code("   가족이출품한작품입   ") == voting::kReasonRequired);
  CHECK(code(std::string(500, 'x')) == "");
  CHECK(code(std::string(501, 'x')) == voting::kReasonRequired);
  CHECK(code("my sister\xff's poster") == voting::kReasonRequired);
  CHECK(voting::CheckRecusal(facts).detail("min") == "10");
}

TEST_CASE("with a quorum a recused entry goes to the least-loaded other judge",
          "[voting][recusal]") {
  voting::Rules rules;
  rules.judges_per_entry = 2;
  Result<std::vector<voting::Assignment>> before =
      voting::AssignJudges(rules, Judges(4), Candidates(6), "s");
  REQUIRE(before.ok());
  voting::Assignment recused = before->front();
  Result<std::vector<voting::Assignment>> after =
      voting::Recuse(rules, *before, recused, Judges(4), Candidates(6), "s");
  REQUIRE(after.ok());
  CHECK(after->size() == before->size());
  CHECK_FALSE(Has(*after, recused.judge, recused.entry));
  std::set<std::string> on_entry;
  for (const voting::Assignment& a : *after)
    if (a.entry == recused.entry) on_entry.insert(a.judge);
  CHECK(on_entry.size() == 2);
  for (const voting::Assignment& a : *before) {  // nothing else moved
    if (!(a == recused)) CHECK(Has(*after, a.judge, a.entry));
  }
}

TEST_CASE("when every judge scores every entry a recused entry just leaves the list",
          "[voting][recusal]") {
  voting::Rules rules;
  Result<std::vector<voting::Assignment>> before =
      voting::AssignJudges(rules, Judges(3), Candidates(2), "s");
  REQUIRE(before.ok());
  Result<std::vector<voting::Assignment>> after =
      voting::Recuse(rules, *before, {"J2", 1}, Judges(3), Candidates(2), "s");
  REQUIRE(after.ok());
  CHECK(after->size() == 5);
  CHECK_FALSE(Has(*after, "J2", 1));
}

TEST_CASE("a recusal nobody can take over is refused with not_enough_judges", "[voting][recusal]") {
  voting::Rules rules;
  rules.judges_per_entry = 2;
  Result<std::vector<voting::Assignment>> before =
      voting::AssignJudges(rules, Judges(2), Candidates(2), "s");
  REQUIRE(before.ok());
  CHECK(voting::Recuse(rules, *before, {"J1", 1}, Judges(2), Candidates(2), "s").status().code() ==
        voting::kNotEnoughJudges);
  CHECK(voting::Recuse(rules, *before, {"J9", 1}, Judges(2), Candidates(2), "s").status().code() ==
        voting::kNotAssigned);
}

TEST_CASE("a judge who recused is never given that entry again", "[voting][recusal]") {
  voting::Rules rules;
  rules.judges_per_entry = 2;
  std::vector<voting::Candidate> entries = Candidates(3);
  entries[0].recused = {"J1", "J2"};
  Result<std::vector<voting::Assignment>> all =
      voting::AssignJudges(rules, Judges(4), entries, "s");
  REQUIRE(all.ok());
  CHECK_FALSE(Has(*all, "J1", 1));
  CHECK_FALSE(Has(*all, "J2", 1));
  // J3 leaves: entry 1 has only J4 left who may take it, and J4 has it already.
  Result<std::vector<voting::Assignment>> dropped =
      voting::Reassign(rules, *all, {}, "J3", Judges(4), entries, "s");
  CHECK(dropped.status().code() == voting::kNotEnoughJudges);
}

TEST_CASE("docs/tally.md's worked example of judges' orders and an order effect holds",
          "[voting][order]") {
  const std::string seed = "2026 혁신주간 공개 시드";
  CHECK(voting::JudgeOrder(seed, "J0001", Numbers(6)) == std::vector<int64_t>{1, 6, 3, 4, 2, 5});
  CHECK(voting::JudgeOrder(seed, "J0002", Numbers(6)) == std::vector<int64_t>{2, 1, 4, 5, 6, 3});
  CHECK(voting::JudgeOrder(seed, "J0003", Numbers(6)) == std::vector<int64_t>{6, 2, 4, 5, 3, 1});
  CHECK(OrderKey(seed, "J0001", 1) == 0x3b6136b668efaf30ull);
  voting::OrderEffect effect =
      voting::CheckOrderEffect("J0001", {55.0, 60.0, 58.0, 72.0, 70.0, 81.0});
  CHECK(*effect.spearman == Approx(1.0 - 6.0 * 4 / (6 * 35)));
  CHECK(*effect.first_half_mean == Approx(173.0 / 3));
  CHECK(*effect.second_half_mean == Approx(223.0 / 3));
}
