// Judges' own orders, the order-effect check, blind judging and recusal's
// check. docs/tally.md, "Judges' order, blind judging and recusal", is this
// file in prose.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "base/text.h"
#include "voting/normalize.h"
#include "voting/seeded.h"
#include "voting/voting.h"

namespace poster::voting {
namespace {

// Ranks 1..n of `values`, equal values sharing the mean of their ranks.
std::vector<double> MeanRanks(const std::vector<double>& values) {
  std::vector<size_t> order(values.size());
  std::iota(order.begin(), order.end(), 0);
  std::stable_sort(order.begin(), order.end(),
                   [&](size_t a, size_t b) { return Key(values[a]) < Key(values[b]); });
  std::vector<double> ranks(values.size());
  for (size_t i = 0; i < order.size();) {
    size_t j = i;
    while (j + 1 < order.size() && Key(values[order[j + 1]]) == Key(values[order[i]])) ++j;
    for (size_t k = i; k <= j; ++k) ranks[order[k]] = (double(i + j) / 2) + 1;
    i = j + 1;
  }
  return ranks;
}

std::optional<double> Pearson(const std::vector<double>& x, const std::vector<double>& y) {
  double n = double(x.size()), mean_x = 0, mean_y = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    mean_x += x[i] / n;
    mean_y += y[i] / n;
  }
  double xy = 0, xx = 0, yy = 0;
  for (size_t i = 0; i < x.size(); ++i) {
    xy += (x[i] - mean_x) * (y[i] - mean_y);
    xx += (x[i] - mean_x) * (x[i] - mean_x);
    yy += (y[i] - mean_y) * (y[i] - mean_y);
  }
  if (Key(xx) == 0 || Key(yy) == 0) return std::nullopt;
  return xy / std::sqrt(xx * yy);
}

std::optional<double> Mean(const std::vector<double>& values) {
  if (values.empty()) return std::nullopt;
  return std::accumulate(values.begin(), values.end(), 0.0) / double(values.size());
}

}  // namespace

std::vector<int64_t> JudgeOrder(std::string_view seed, std::string_view judge,
                                std::vector<int64_t> entries) {
  std::string item = "order:" + std::string(judge);
  std::sort(entries.begin(), entries.end(), [&](int64_t a, int64_t b) {
    uint64_t key_a = Draw(seed, item, uint64_t(a)), key_b = Draw(seed, item, uint64_t(b));
    return key_a != key_b ? key_a < key_b : a < b;
  });
  return entries;
}

std::optional<double> WeightedTotal(const Rules& rules, const std::vector<int>& scores) {
  double weight_sum = 0, total = 0;
  for (const Criterion& c : rules.rubric) weight_sum += c.weight;
  if (scores.size() != rules.rubric.size() || weight_sum <= 0 || rules.max_score <= 0)
    return std::nullopt;
  for (size_t i = 0; i < scores.size(); ++i) total += rules.rubric[i].weight * scores[i];
  return total / (weight_sum * rules.max_score) * 100.0;
}

OrderEffect CheckOrderEffect(std::string judge, const std::vector<std::optional<double>>& totals) {
  OrderEffect effect;
  effect.judge = std::move(judge);
  effect.assigned = int(totals.size());
  size_t half = totals.size() / 2;
  std::vector<double> positions, scored, first, second;
  for (size_t i = 0; i < totals.size(); ++i) {
    if (!totals[i]) continue;
    positions.push_back(double(i + 1));
    scored.push_back(*totals[i]);
    if (i < half) first.push_back(*totals[i]);
    if (i >= totals.size() - half) second.push_back(*totals[i]);
  }
  effect.scored = int(scored.size());
  if (scored.size() >= 3) effect.spearman = Pearson(MeanRanks(positions), MeanRanks(scored));
  effect.first_half_mean = Mean(first);
  effect.second_half_mean = Mean(second);
  return effect;
}

bool AuthorsHidden(const Rules& rules, const BlindFacts& facts) {
  if (facts.staff || facts.announced) return false;
  if (facts.judge && rules.blind_judges) return true;
  return rules.blind_voters && facts.voting_open;
}

Status CheckRecusal(const RecusalFacts& facts) {
  std::vector<Detail> who = {{"judge", facts.judge}, {"entry", std::to_string(facts.entry)}};
  if (!facts.assigned) {
    return Status(std::string(kNotAssigned),
                  "Entry " + std::to_string(facts.entry) + " is not on " + facts.judge +
                      "'s list: judges recuse only from entries assigned to them.",
                  who);
  }
  if (facts.scored) {
    return Status(std::string(kAlreadyScored),
                  "Entry " + std::to_string(facts.entry) +
                      " is scored already, so it cannot be recused from now; ask the admin, who "
                      "can drop the judge.",
                  who);
  }
  if (facts.announced) {
    return Status(std::string(kOutsideWindow),
                  "The results are announced: judging is over, and so is recusal.",
                  {{"phase", "judging"}});
  }
  std::optional<size_t> length = CountCodePoints(Trim(facts.reason));
  if (!length || *length < kMinRecusalReason || *length > kMaxRecusalReason) {
    return Status(
        std::string(kReasonRequired),
        "Say why you have a conflict with this entry, in " + std::to_string(kMinRecusalReason) +
            " to " + std::to_string(kMaxRecusalReason) + " characters.",
        {{"min", std::to_string(kMinRecusalReason)}, {"max", std::to_string(kMaxRecusalReason)}});
  }
  return Status::Ok();
}

}  // namespace poster::voting
