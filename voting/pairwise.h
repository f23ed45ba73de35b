// voting: the pairwise final (voting/pairwise.cc).
// Part of voting/voting.h, which includes it: include voting/voting.h.
#pragma once

#include "voting/voting.h"

namespace poster::voting {

// ---- pairwise final ---------------------------------------------------------
// For close finalists: a judge sees two posters side by side and picks one,
// calls it even, or skips. Which pair next is chosen by expected information
// gain (the idea of Crowd-BT); the final order is a Bradley-Terry fit. Both are
// deterministic from the log of answers (docs/tally.md, "The pairwise final").

enum class PairOutcome { kLeft, kRight, kEven, kSkip };
std::string_view PairOutcomeName(PairOutcome outcome);  // "left", "right", "even", "skip"
std::optional<PairOutcome> ParsePairOutcome(std::string_view name);

struct PairJudgment {
  std::string judge;
  int64_t left = 0;  // as shown on the screen
  int64_t right = 0;
  PairOutcome outcome = PairOutcome::kSkip;
};

struct PairwiseRules {
  int max_per_judge = 0;   // answers a judge gives at most; 0: one per pair of finalists
  double min_gain = 1e-3;  // nats: a pair that would teach less is not shown
};

// What the answers so far say: each finalist's strength as a normal belief
// (log scale), each judge's reliability as Beta(alpha, beta).
struct StrengthBelief {
  int64_t entry = 0;
  double mean = 0;
  double variance = 1;
};
struct JudgeReliability {
  std::string judge;
  double alpha = 9;  // prior: right nine times in ten
  double beta = 1;
};
struct PairwiseBelief {
  std::vector<StrengthBelief> entries;   // in the finalists' order
  std::vector<JudgeReliability> judges;  // by judge id
};

// The finalists `judge` may not compare (MayJudge): NextPair's `barred`.
std::set<int64_t> BarredFinalists(const Rules& rules, const Person& judge,
                                  const std::vector<Candidate>& finalists);

// A final holds 2 to kMaxFinalists distinct entries, each of them `approved`;
// invalid_finalists (details: count, entry) otherwise.
inline constexpr size_t kMaxFinalists = 12;
Status CheckFinalists(const std::vector<int64_t>& approved, const std::vector<int64_t>& finalists);

// Answers naming an entry that is not a finalist, or the same entry twice,
// are refused with invalid_pair (and ignored by the functions below).
Status CheckPairJudgment(const std::vector<int64_t>& finalists, const PairJudgment& judgment);

// The belief after every answer in `log`, in order.
PairwiseBelief ReplayPairwise(const std::vector<int64_t>& finalists,
                              const std::vector<PairJudgment>& log);

struct PairToShow {
  int64_t left = 0;
  int64_t right = 0;
  double gain = 0;  // expected nats
};

// The pair `judge` sees next: of the pairs they have not answered and that
// hold no entry in `barred` (their conflicts: MayJudge), the one with the
// greatest expected information gain; equal gains and the sides from `seed`.
// Nothing when the judge is done: every pair answered, their max_per_judge
// reached, or no pair would teach min_gain.
std::optional<PairToShow> NextPair(const PairwiseRules& rules,
                                   const std::vector<int64_t>& finalists,
                                   const std::vector<PairJudgment>& log, std::string_view judge,
                                   std::string_view seed, const std::set<int64_t>& barred = {});

// The answer `judge` gives must be on the pair NextPair offers them now:
// pair_not_offered (details: left, right of the pair offered, or none) otherwise.
Status CheckPairOffered(const std::optional<PairToShow>& offered, const PairJudgment& answer);

struct PairwiseRow {
  int64_t entry = 0;
  double strength = 0;  // log scale; 0 is the reference
  double wins = 0;      // an even answer counts half to each
  int answers = 0;      // left, right or even answers it took part in
  int rank = 0;         // 1 = first; equal strengths share a rank
};

// The final order: Bradley-Terry strengths by maximum likelihood, each finalist
// also held to one even answer against a reference of strength 0 (so one who
// won every time still has a finite strength). Ranked by strength, then entry.
std::vector<PairwiseRow> PairwiseOrder(const std::vector<int64_t>& finalists,
                                       const std::vector<PairJudgment>& log);

}  // namespace poster::voting
