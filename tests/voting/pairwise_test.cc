// The pairwise final: the order from the answers, the next pair by what it
// would teach, and when a judge is done.
#include <cmath>
#include <random>
#include <set>

#include "tests/voting/fixtures.h"

using namespace poster;
using voting::PairJudgment;
using voting::PairOutcome;

namespace {

const std::vector<int64_t> kFour = {11, 12, 13, 14};

PairJudgment Says(const std::string& judge, int64_t left, int64_t right, PairOutcome outcome) {
  return {judge, left, right, outcome};
}

std::vector<int64_t> Order(const std::vector<voting::PairwiseRow>& rows) {
  std::vector<int64_t> out;
  for (const auto& row : rows) out.push_back(row.entry);
  return out;
}

// Kendall's tau between an order and the truth (the first is the best).
double Tau(const std::vector<int64_t>& order, const std::vector<int64_t>& truth) {
  auto place = [&](int64_t entry) {
    return std::find(order.begin(), order.end(), entry) - order.begin();
  };
  int concordant = 0, discordant = 0;
  for (size_t i = 0; i < truth.size(); ++i)
    for (size_t j = i + 1; j < truth.size(); ++j)
      (place(truth[i]) < place(truth[j]) ? concordant : discordant)++;
  return double(concordant - discordant) / double(concordant + discordant);
}

// A contest of `strengths` (entry i + 1 has strengths[i]) played by judges who
// answer as Bradley-Terry says, each asking NextPair (or, when `random_pairs`,
// taking any unanswered pair) until `answers` are in.
std::vector<PairJudgment> Play(const std::vector<double>& strengths, int answers, bool random_pairs,
                               uint32_t seed) {
  std::vector<int64_t> finalists;
  for (size_t i = 0; i < strengths.size(); ++i) finalists.push_back(int64_t(i) + 1);
  std::mt19937 random(seed);
  std::vector<PairJudgment> log;
  const char* judges[] = {"J1", "J2", "J3"};
  for (int k = 0; int(log.size()) < answers && k < 10 * answers; ++k) {
    std::string judge = judges[k % 3];
    int64_t left = 0, right = 0;
    if (random_pairs) {
      left = int64_t(random() % finalists.size()) + 1;
      right = int64_t(random() % finalists.size()) + 1;
      if (left == right) continue;
    } else {
      auto pair = voting::NextPair({}, finalists, log, judge, "seed-" + std::to_string(seed));
      if (!pair) continue;
      left = pair->left;
      right = pair->right;
    }
    double p = 1 / (1 + std::exp(strengths[size_t(right - 1)] - strengths[size_t(left - 1)]));
    bool left_wins = std::uniform_real_distribution<double>(0, 1)(random) < p;
    log.push_back(Says(judge, left, right, left_wins ? PairOutcome::kLeft : PairOutcome::kRight));
  }
  return log;
}

}  // namespace

TEST_CASE("the pairwise order follows who beat whom", "[voting][pairwise]") {
  std::vector<PairJudgment> log;
  for (int i = 0; i < 3; ++i) {
    log.push_back(Says("J1", 11, 12, PairOutcome::kLeft));
    log.push_back(Says("J2", 13, 12, PairOutcome::kRight));  // 12 beats 13
    log.push_back(Says("J3", 13, 14, PairOutcome::kLeft));
  }
  auto rows = voting::PairwiseOrder(kFour, log);
  CHECK(Order(rows) == std::vector<int64_t>{11, 12, 13, 14});
  CHECK(rows[0].wins == 3);
  CHECK(rows[1].answers == 6);
  CHECK(rows[0].rank == 1);
  CHECK(rows[3].rank == 4);
  CHECK(std::isfinite(rows[0].strength));  // held by the reference though it never lost
}

TEST_CASE("with no answers, or only even ones, every finalist shares the first place",
          "[voting][pairwise]") {
  for (const auto& log : {std::vector<PairJudgment>{},
                          std::vector<PairJudgment>{Says("J1", 11, 12, PairOutcome::kEven),
                                                    Says("J1", 13, 14, PairOutcome::kEven)}}) {
    auto rows = voting::PairwiseOrder(kFour, log);
    REQUIRE(rows.size() == 4);
    for (const auto& row : rows) CHECK(row.rank == 1);
    CHECK(Order(rows) == kFour);  // then by entry number
  }
}

TEST_CASE("an even answer counts half to each, and a skip not at all", "[voting][pairwise]") {
  auto rows = voting::PairwiseOrder(
      kFour, {Says("J1", 11, 12, PairOutcome::kEven), Says("J1", 13, 14, PairOutcome::kSkip)});
  for (const auto& row : rows) {
    CHECK(row.wins == (row.entry <= 12 ? 0.5 : 0));
    CHECK(row.answers == (row.entry <= 12 ? 1 : 0));
  }
}

TEST_CASE(
    "answers naming a poster that is not a finalist, or one poster twice, are refused and ignored",
    "[voting][pairwise]") {
  CHECK(voting::CheckPairJudgment(kFour, Says("J1", 11, 99, PairOutcome::kLeft)).code() ==
        "invalid_pair");
  CHECK(voting::CheckPairJudgment(kFour, Says("J1", 12, 12, PairOutcome::kLeft)).code() ==
        "invalid_pair");
  CHECK(voting::CheckPairJudgment(kFour, Says("J1", 12, 11, PairOutcome::kLeft)).ok());
  auto rows = voting::PairwiseOrder(
      kFour, {Says("J1", 11, 99, PairOutcome::kLeft), Says("J1", 12, 12, PairOutcome::kLeft)});
  for (const auto& row : rows) CHECK(row.answers == 0);
}

TEST_CASE("a judge never sees the same pair twice and is done when every pair is answered",
          "[voting][pairwise]") {
  std::vector<PairJudgment> log;
  std::set<std::pair<int64_t, int64_t>> seen;
  for (int i = 0; i < 6; ++i) {
    auto pair = voting::NextPair({}, kFour, log, "J1", "공개 시드");
    REQUIRE(pair);
    CHECK(pair->left != pair->right);
    CHECK(
        seen.insert({std::min(pair->left, pair->right), std::max(pair->left, pair->right)}).second);
    log.push_back(
        Says("J1", pair->left, pair->right, i % 2 ? PairOutcome::kLeft : PairOutcome::kSkip));
  }
  CHECK_FALSE(voting::NextPair({}, kFour, log, "J1", "공개 시드"));
  CHECK(voting::NextPair({}, kFour, log, "J2", "공개 시드"));  // another judge still has pairs
}

TEST_CASE("a judge stops at their most answers, and nobody compares fewer than two finalists",
          "[voting][pairwise]") {
  voting::PairwiseRules rules;
  rules.max_per_judge = 2;
  std::vector<PairJudgment> log = {Says("J1", 11, 12, PairOutcome::kLeft),
                                   Says("J1", 13, 14, PairOutcome::kRight)};
  CHECK_FALSE(voting::NextPair(rules, kFour, log, "J1", "s"));
  CHECK(voting::NextPair(rules, kFour, log, "J2", "s"));
  CHECK_FALSE(voting::NextPair({}, {11}, {}, "J1", "s"));
  CHECK_FALSE(voting::NextPair({}, {}, {}, "J1", "s"));
}

TEST_CASE("the next pair is the same for the same answers and seed, and the sides vary",
          "[voting][pairwise]") {
  auto first = voting::NextPair({}, kFour, {}, "J1", "2026 시드");
  auto again = voting::NextPair({}, kFour, {}, "J1", "2026 시드");
  REQUIRE(first);
  REQUIRE(again);
  CHECK(first->left == again->left);
  CHECK(first->right == again->right);
  int smaller_left = 0;
  for (int j = 0; j < 40; ++j) {
    auto pair = voting::NextPair({}, kFour, {}, "J" + std::to_string(j), "2026 시드");
    REQUIRE(pair);
    smaller_left += pair->left < pair->right;
  }
  CHECK(smaller_left > 5);
  CHECK(smaller_left < 35);
}

TEST_CASE("a pair already settled by many answers is not shown while an open one is",
          "[voting][pairwise]") {
  std::vector<PairJudgment> log;
  for (int i = 0; i < 8; ++i)
    log.push_back(Says("J" + std::to_string(i), 11, 12, PairOutcome::kLeft));
  auto pair = voting::NextPair({}, kFour, log, "J9", "s");
  REQUIRE(pair);
  CHECK(std::make_pair(std::min(pair->left, pair->right), std::max(pair->left, pair->right)) !=
        std::make_pair(int64_t(11), int64_t(12)));
}

TEST_CASE("a judge who keeps answering against everyone else is trusted less",
          "[voting][pairwise]") {
  std::vector<PairJudgment> log;
  for (int i = 0; i < 6; ++i) {
    log.push_back(Says("J1", 11, 12, PairOutcome::kLeft));
    log.push_back(Says("J2", 11, 12, PairOutcome::kLeft));
    log.push_back(Says("J3", 11, 12, PairOutcome::kRight));
  }
  auto belief = voting::ReplayPairwise(kFour, log);
  REQUIRE(belief.judges.size() == 3);
  auto trust = [&](size_t i) {
    return belief.judges[i].alpha / (belief.judges[i].alpha + belief.judges[i].beta);
  };
  CHECK(trust(2) < trust(0));
  CHECK(trust(2) < trust(1));
  CHECK(belief.entries[0].mean > belief.entries[1].mean);
  CHECK(belief.entries[0].variance < 1);
  CHECK(belief.entries[2].variance == 1);  // 13 was never shown
}

TEST_CASE("on a final with known strengths, the chosen pairs recover the order",
          "[voting][pairwise]") {
  const std::vector<double> strengths = {2.0, 1.4, 0.9, 0.5, 0.0, -0.6};
  const std::vector<int64_t> truth = {1, 2, 3, 4, 5, 6};
  std::vector<int64_t> finalists = truth;
  double chosen = 0, random = 0;
  const int kRuns = 8;
  for (uint32_t seed = 1; seed <= kRuns; ++seed) {
    chosen += Tau(Order(voting::PairwiseOrder(finalists, Play(strengths, 45, false, seed))), truth);
    random += Tau(Order(voting::PairwiseOrder(finalists, Play(strengths, 45, true, seed))), truth);
  }
  chosen /= kRuns;
  random /= kRuns;
  INFO("mean tau: chosen pairs " << chosen << ", random pairs " << random);
  CHECK(chosen > 0.6);
  CHECK(chosen >= random - 0.05);
}
