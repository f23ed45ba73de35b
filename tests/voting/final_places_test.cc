// The pairwise final in the tally: finalists keep the places the table gives
// them and take them in the final's order; a judge is never shown a pair that
// holds an entry they may not judge.
#include "tests/voting/fixtures.h"

using namespace poster;
using namespace poster::testing;
using voting::PairOutcome;
using voting::TallyEntry;

namespace {

// An entry with `votes` votes and no scores; `final_rank` its rank in the final.
TallyEntry Voted(int64_t id, int votes, int final_rank = 0) {
  TallyEntry entry{id, Kst(3, 9), votes, {}, {}};
  entry.final_rank = final_rank;
  return entry;
}

std::vector<int64_t> Ids(const voting::TallyResult& result) {
  std::vector<int64_t> ids;
  for (const voting::TallyRow& row : result.rows) ids.push_back(row.id);
  return ids;
}

std::vector<int> Ranks(const voting::TallyResult& result) {
  std::vector<int> ranks;
  for (const voting::TallyRow& row : result.rows) ranks.push_back(row.rank);
  return ranks;
}

bool Noted(const voting::TallyRow& row, const std::string& words) {
  for (const std::string& note : row.notes)
    if (note.find(words) != std::string::npos) return true;
  return false;
}

}  // namespace

TEST_CASE("finalists take the places the table gives them, in the final's order",
          "[voting][final]") {
  // By votes the table is 1, 2, 3, 4; the final (1 and 3) puts 3 first.
  voting::TallyResult result =
      voting::Tally(voting::Rules(), {Voted(1, 10, 2), Voted(2, 8), Voted(3, 6, 1), Voted(4, 4)});
  CHECK(Ids(result) == std::vector<int64_t>{3, 2, 1, 4});
  CHECK(Ranks(result) == std::vector<int>{1, 2, 3, 4});
  CHECK(result.rows[0].tier == 0u);  // 최우수 goes with the first place
  CHECK(Noted(result.rows[0], "Placed by the pairwise final: 1 of its 2 finalists"));
  CHECK(Noted(result.rows[2], "Placed by the pairwise final: 2 of its 2 finalists"));
  CHECK(result.rows[0].notes_ko.back().find("결선 비교 심사") != std::string::npos);
  CHECK_FALSE(Noted(result.rows[1], "pairwise final"));
}

TEST_CASE("finalists the final could not tell apart keep the table's order between them",
          "[voting][final]") {
  voting::TallyResult result =
      voting::Tally(voting::Rules(), {Voted(1, 10, 1), Voted(2, 8, 1), Voted(3, 6, 1)});
  CHECK(Ids(result) == std::vector<int64_t>{1, 2, 3});
  CHECK(Ranks(result) == std::vector<int>{1, 2, 3});  // the votes still tell them apart
}

TEST_CASE("finalists tied on every key and in the final share a rank; told apart, they do not",
          "[voting][final]") {
  voting::Rules rules;
  rules.tie_breaks = {};
  voting::TallyResult shared = voting::Tally(rules, {Voted(1, 5, 1), Voted(2, 5, 1), Voted(3, 1)});
  CHECK(Ranks(shared) == std::vector<int>{1, 1, 3});
  voting::TallyResult apart = voting::Tally(rules, {Voted(1, 5, 2), Voted(2, 5, 1), Voted(3, 1)});
  CHECK(Ids(apart) == std::vector<int64_t>{2, 1, 3});
  CHECK(Ranks(apart) == std::vector<int>{1, 2, 3});
}

TEST_CASE("a judge is never shown a pair holding an entry barred to them", "[voting][final]") {
  const std::vector<int64_t> finalists = {11, 12, 13, 14};
  voting::PairwiseRules rules;
  std::vector<voting::PairJudgment> log;
  std::set<int64_t> barred = {12};
  int shown = 0;
  while (std::optional<voting::PairToShow> pair =
             voting::NextPair(rules, finalists, log, "J1", "seed", barred)) {
    CHECK(pair->left != 12);
    CHECK(pair->right != 12);
    log.push_back({"J1", pair->left, pair->right, PairOutcome::kLeft});
    ++shown;
  }
  CHECK(shown == 3);  // the pairs of 11, 13 and 14
}

TEST_CASE("MayJudge bars authors, co-authors, recused judges and, when configured, departments",
          "[voting][final]") {
  voting::Rules rules;
  voting::Person judge{"J1", "기획과", {voting::Role::kJudge}};
  voting::Candidate entry{7, {"E1", "E2"}, {"기획과"}, {}};
  CHECK(voting::MayJudge(rules, judge, entry));
  rules.judge_conflict_department = true;
  CHECK_FALSE(voting::MayJudge(rules, judge, entry));
  rules.judge_conflict_department = false;
  entry.recused = {"J1"};
  CHECK_FALSE(voting::MayJudge(rules, judge, entry));
  entry.recused = {};
  entry.authors.push_back("J1");
  CHECK_FALSE(voting::MayJudge(rules, judge, entry));
}
