// The pairwise final: beliefs from answers, the next pair, the final order.
// docs/tally.md, "The pairwise final", gives every formula used here.
#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "voting/normalize.h"
#include "voting/seeded.h"
#include "voting/voting.h"

namespace poster::voting {
namespace {

constexpr double kMinVariance = 1e-6;
constexpr int kGrid = 401;        // points of the integrals over a difference
constexpr double kGridWidth = 8;  // standard deviations either side

double Logistic(double x) { return 1.0 / (1.0 + std::exp(-x)); }

// The likelihood of an answer given d = strength(left) - strength(right), for a
// judge right with probability `trust`.
double Likelihood(PairOutcome outcome, double d, double trust) {
  switch (outcome) {
    case PairOutcome::kLeft:
      return trust * Logistic(d) + (1 - trust) * Logistic(-d);
    case PairOutcome::kRight:
      return trust * Logistic(-d) + (1 - trust) * Logistic(d);
    case PairOutcome::kEven:
      return std::sqrt(Logistic(d) * Logistic(-d));
    case PairOutcome::kSkip:
      break;
  }
  return 1;
}

// The moments of d ~ N(mean, variance) weighted by the answer's likelihood:
// its probability, and the mean and variance d has once the answer is known.
struct Moments {
  double probability = 0;
  double mean = 0;
  double variance = 0;
};

Moments Weigh(PairOutcome outcome, double mean, double variance, double trust) {
  double sd = std::sqrt(variance);
  double step = 2 * kGridWidth * sd / (kGrid - 1);
  double z = 0, m1 = 0, m2 = 0, norm = 0;
  for (int k = 0; k < kGrid; ++k) {
    double d = mean - kGridWidth * sd + k * step;
    double u = (d - mean) / sd;
    double prior = std::exp(-0.5 * u * u);
    double weight = prior * Likelihood(outcome, d, trust);
    norm += prior;
    z += weight;
    m1 += weight * d;
    m2 += weight * d * d;
  }
  Moments out;
  out.probability = z / norm;
  out.mean = m1 / z;
  out.variance = std::max(m2 / z - out.mean * out.mean, kMinVariance);
  return out;
}

double Trust(const JudgeReliability& judge) { return judge.alpha / (judge.alpha + judge.beta); }

// The two strengths after the answer: the change of their difference shared in
// proportion to each one's variance (a Gaussian projection of the posterior).
void Update(StrengthBelief& left, StrengthBelief& right, const Moments& before,
            const Moments& after) {
  double v = left.variance + right.variance;
  double shift = after.mean - before.mean;
  double shrink = v - after.variance;
  left.mean += left.variance / v * shift;
  right.mean -= right.variance / v * shift;
  left.variance =
      std::max(left.variance - left.variance * left.variance / (v * v) * shrink, kMinVariance);
  right.variance =
      std::max(right.variance - right.variance * right.variance / (v * v) * shrink, kMinVariance);
}

double Kl(const StrengthBelief& after, const StrengthBelief& before) {
  double d = after.mean - before.mean;
  return 0.5 * (after.variance / before.variance + d * d / before.variance - 1 +
                std::log(before.variance / after.variance));
}

struct Index {
  std::map<int64_t, size_t> position;
  explicit Index(const std::vector<int64_t>& finalists) {
    for (size_t i = 0; i < finalists.size(); ++i) position.emplace(finalists[i], i);
  }
};

std::pair<int64_t, int64_t> Unordered(int64_t a, int64_t b) {
  return {std::min(a, b), std::max(a, b)};
}

JudgeReliability& JudgeIn(PairwiseBelief& belief, const std::string& judge) {
  auto at = std::lower_bound(
      belief.judges.begin(), belief.judges.end(), judge,
      [](const JudgeReliability& j, const std::string& id) { return j.judge < id; });
  if (at == belief.judges.end() || at->judge != judge) at = belief.judges.insert(at, {judge});
  return *at;
}

// What showing `left` against `right` to a judge of `trust` is expected to
// teach: over both answers, the KL divergence of the new beliefs from the old.
double ExpectedGain(const StrengthBelief& left, const StrengthBelief& right, double trust) {
  Moments before{1, left.mean - right.mean, left.variance + right.variance};
  double gain = 0;
  for (PairOutcome outcome : {PairOutcome::kLeft, PairOutcome::kRight}) {
    Moments after = Weigh(outcome, before.mean, before.variance, trust);
    StrengthBelief l = left, r = right;
    Update(l, r, before, after);
    gain += after.probability * (Kl(l, left) + Kl(r, right));
  }
  return gain;
}

}  // namespace

std::string_view PairOutcomeName(PairOutcome outcome) {
  switch (outcome) {
    case PairOutcome::kLeft:
      return "left";
    case PairOutcome::kRight:
      return "right";
    case PairOutcome::kEven:
      return "even";
    case PairOutcome::kSkip:
      break;
  }
  return "skip";
}

std::optional<PairOutcome> ParsePairOutcome(std::string_view name) {
  for (PairOutcome o :
       {PairOutcome::kLeft, PairOutcome::kRight, PairOutcome::kEven, PairOutcome::kSkip})
    if (PairOutcomeName(o) == name) return o;
  return std::nullopt;
}

Status CheckPairJudgment(const std::vector<int64_t>& finalists, const PairJudgment& judgment) {
  Index index(finalists);
  if (!index.position.count(judgment.left) || !index.position.count(judgment.right))
    return Status(std::string(kInvalidPair), "Both posters of a pair must be finalists.");
  if (judgment.left == judgment.right)
    return Status(std::string(kInvalidPair), "A pair is two different posters.");
  return Status::Ok();
}

std::set<int64_t> BarredFinalists(const Rules& rules, const Person& judge,
                                  const std::vector<Candidate>& finalists) {
  std::set<int64_t> barred;
  for (const Candidate& entry : finalists)
    if (!MayJudge(rules, judge, entry)) barred.insert(entry.id);
  return barred;
}

Status CheckFinalists(const std::vector<int64_t>& approved, const std::vector<int64_t>& finalists) {
  std::string count = std::to_string(finalists.size());
  if (finalists.size() < 2 || finalists.size() > kMaxFinalists) {
    return Status(std::string(kInvalidFinalists),
                  "A pairwise final compares 2 to " + std::to_string(kMaxFinalists) +
                      " finalists; " + count + " were named.",
                  {{"count", count}, {"max", std::to_string(kMaxFinalists)}});
  }
  std::set<int64_t> seen;
  for (int64_t entry : finalists) {
    std::string id = std::to_string(entry);
    if (std::find(approved.begin(), approved.end(), entry) == approved.end()) {
      return Status(std::string(kInvalidFinalists),
                    "Entry " + id + " is not an approved entry; finalists must be.",
                    {{"entry", id}, {"problem", "not_approved"}});
    }
    if (!seen.insert(entry).second) {
      return Status(std::string(kInvalidFinalists), "Entry " + id + " is named twice.",
                    {{"entry", id}, {"problem", "twice"}});
    }
  }
  return Status::Ok();
}

Status CheckPairOffered(const std::optional<PairToShow>& offered, const PairJudgment& answer) {
  if (offered && offered->left == answer.left && offered->right == answer.right)
    return Status::Ok();
  if (!offered) {
    return Status(std::string(kPairNotOffered),
                  "There is no pair left for judge " + answer.judge + " to compare.",
                  {{"judge", answer.judge}});
  }
  std::string left = std::to_string(offered->left), right = std::to_string(offered->right);
  return Status(
      std::string(kPairNotOffered),
      "The pair to compare now is " + left + " (left) and " + right + " (right); answer that pair.",
      {{"judge", answer.judge}, {"left", left}, {"right", right}});
}

PairwiseBelief ReplayPairwise(const std::vector<int64_t>& finalists,
                              const std::vector<PairJudgment>& log) {
  PairwiseBelief belief;
  for (int64_t entry : finalists) belief.entries.push_back({entry});
  Index index(finalists);
  for (const PairJudgment& answer : log) {
    if (!CheckPairJudgment(finalists, answer).ok()) continue;
    JudgeReliability& judge = JudgeIn(belief, answer.judge);
    if (answer.outcome == PairOutcome::kSkip) continue;
    StrengthBelief& left = belief.entries[index.position.at(answer.left)];
    StrengthBelief& right = belief.entries[index.position.at(answer.right)];
    double trust = Trust(judge);
    Moments before{1, left.mean - right.mean, left.variance + right.variance};
    Moments after = Weigh(answer.outcome, before.mean, before.variance, trust);
    if (answer.outcome != PairOutcome::kEven) {  // how far the judge was likely right
      PairOutcome truthful = answer.outcome;
      Moments honest = Weigh(truthful, before.mean, before.variance, 1.0);
      double right_share = trust * honest.probability / after.probability;
      judge.alpha += right_share;
      judge.beta += 1 - right_share;
    }
    Update(left, right, before, after);
  }
  return belief;
}

std::optional<PairToShow> NextPair(const PairwiseRules& rules,
                                   const std::vector<int64_t>& finalists,
                                   const std::vector<PairJudgment>& log, std::string_view judge,
                                   std::string_view seed, const std::set<int64_t>& barred) {
  std::set<std::pair<int64_t, int64_t>> answered;
  int given = 0;
  for (const PairJudgment& answer : log) {
    if (answer.judge != judge || !CheckPairJudgment(finalists, answer).ok()) continue;
    answered.insert(Unordered(answer.left, answer.right));
    ++given;
  }
  if (rules.max_per_judge > 0 && given >= rules.max_per_judge) return std::nullopt;
  PairwiseBelief belief = ReplayPairwise(finalists, log);
  double trust = Trust(JudgeIn(belief, std::string(judge)));
  std::optional<PairToShow> best;
  uint64_t best_draw = 0;
  for (size_t i = 0; i < finalists.size(); ++i) {
    for (size_t j = i + 1; j < finalists.size(); ++j) {
      auto pair = Unordered(finalists[i], finalists[j]);
      if (pair.first == pair.second || answered.count(pair)) continue;
      if (barred.count(pair.first) || barred.count(pair.second)) continue;
      double gain = ExpectedGain(belief.entries[i], belief.entries[j], trust);
      uint64_t draw = Draw(seed, judge, uint64_t(pair.first) * 1000003u + uint64_t(pair.second));
      bool better = !best || Key(gain) > Key(best->gain) ||
                    (Key(gain) == Key(best->gain) && draw < best_draw);
      if (!better) continue;
      bool swap = (Draw(seed, judge, draw) & 1) != 0;  // which one shows on the left
      best = PairToShow{swap ? pair.second : pair.first, swap ? pair.first : pair.second, gain};
      best_draw = draw;
    }
  }
  if (best && best->gain < rules.min_gain) return std::nullopt;
  return best;
}

std::vector<PairwiseRow> PairwiseOrder(const std::vector<int64_t>& finalists,
                                       const std::vector<PairJudgment>& log) {
  size_t n = finalists.size();
  Index index(finalists);
  std::vector<PairwiseRow> rows(n);
  std::map<std::pair<size_t, size_t>, int> met;  // answers between two finalists
  for (size_t i = 0; i < n; ++i) rows[i].entry = finalists[i];
  for (const PairJudgment& answer : log) {
    if (answer.outcome == PairOutcome::kSkip || !CheckPairJudgment(finalists, answer).ok())
      continue;
    size_t l = index.position.at(answer.left), r = index.position.at(answer.right);
    double left_wins = answer.outcome == PairOutcome::kLeft    ? 1
                       : answer.outcome == PairOutcome::kRight ? 0
                                                               : 0.5;
    rows[l].wins += left_wins;
    rows[r].wins += 1 - left_wins;
    ++rows[l].answers;
    ++rows[r].answers;
    ++met[{std::min(l, r), std::max(l, r)}];
  }
  // Minorise-maximise (Hunter 2004) on p = exp(strength), the reference's p = 1.
  std::vector<double> p(n, 1.0);
  for (int round = 0; round < 10000; ++round) {
    std::vector<double> next(n);
    for (size_t i = 0; i < n; ++i) {
      double denominator = 1.0 / (p[i] + 1.0);  // the even answer against the reference
      for (const auto& [pair, count] : met) {
        if (pair.first != i && pair.second != i) continue;
        size_t other = pair.first == i ? pair.second : pair.first;
        denominator += count / (p[i] + p[other]);
      }
      next[i] = (rows[i].wins + 0.5) / denominator;
    }
    double change = 0;
    for (size_t i = 0; i < n; ++i) change = std::max(change, std::fabs(std::log(next[i] / p[i])));
    p = next;
    if (change < 1e-12) break;
  }
  for (size_t i = 0; i < n; ++i) rows[i].strength = std::log(p[i]);
  std::sort(rows.begin(), rows.end(), [](const PairwiseRow& a, const PairwiseRow& b) {
    if (Key(a.strength) != Key(b.strength)) return Key(a.strength) > Key(b.strength);
    return a.entry < b.entry;
  });
  for (size_t i = 0; i < n; ++i)
    rows[i].rank =
        i > 0 && Key(rows[i].strength) == Key(rows[i - 1].strength) ? rows[i - 1].rank : int(i) + 1;
  return rows;
}

}  // namespace poster::voting
