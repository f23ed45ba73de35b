// voting: judges' own orders, blind judging and recusal (voting/fair_judging.cc).
// Part of voting/voting.h, which includes it: include voting/voting.h.
#pragma once

#include "voting/voting.h"

namespace poster::voting {

// ---- judges' order, blind judging, recusal (fair_judging.cc; Recuse in judging.cc)
// docs/tally.md, "Judges' order, blind judging and recusal", works each through.

// The order in which `judge` is shown `entries`: each entry's key is
// Draw(seed, "order:" + judge, entry) (seeded.h: FNV-1a 64 of the seed text,
// splitmix64), smallest first, equal keys by entry number. Each judge has their
// own order, the same every time; an entry given or taken away later leaves the
// relative order of the others as it was. Anyone holding the seed can redo it.
std::vector<int64_t> JudgeOrder(std::string_view seed, std::string_view judge,
                                std::vector<int64_t> entries);

// A judge's weighted total of one entry, 0-100 as the tally computes it:
// sum(weight × score) / (sum(weight) × max_score) × 100. Nothing when the
// scores do not match the rubric.
std::optional<double> WeightedTotal(const Rules& rules, const std::vector<int>& scores);

// One judge's totals against the position each entry had in their order (the
// order-effect check the admin sees before announcing).
struct OrderEffect {
  std::string judge;
  int assigned = 0;  // positions in their order
  int scored = 0;    // of them, scored
  // Spearman's rank correlation of position and total over the scored entries
  // (ties in totals take their mean rank): near +1, later entries scored
  // higher; near -1, earlier ones. Nothing below 3 scores or when every total
  // is the same.
  std::optional<double> spearman;
  // The mean total of the scored entries in the first ⌊n/2⌋ positions, and in
  // the last ⌊n/2⌋ (n = assigned; the middle of an odd list is in neither).
  // Nothing for a half with no scored entry.
  std::optional<double> first_half_mean;
  std::optional<double> second_half_mean;
};

// `totals` is the judge's order, position 1 first: each entry's weighted total,
// or nothing when they have not scored it.
OrderEffect CheckOrderEffect(std::string judge, const std::vector<std::optional<double>>& totals);

// What decides whether a viewer may see who made the entries (author,
// co-authors, their department).
struct BlindFacts {
  bool staff = false;        // an admin or a moderator: always sees
  bool judge = false;        // holds the judge role
  bool voting_open = false;  // the voting window contains now
  bool announced = false;    // the results are announced: nothing is hidden after
};

// True when authors are hidden from this viewer: before the announcement, from
// a judge when rules.blind_judges, and from everyone but staff while voting is
// open when rules.blind_voters.
bool AuthorsHidden(const Rules& rules, const BlindFacts& facts);

// A recusal's reason, in code points after trimming white space.
inline constexpr size_t kMinRecusalReason = 10;
inline constexpr size_t kMaxRecusalReason = 500;

struct RecusalFacts {
  std::string judge;
  int64_t entry = 0;
  bool assigned = false;   // the entry is on the judge's list
  bool scored = false;     // they have scored it
  bool announced = false;  // the results are announced
  std::string reason;
};

// Whether a judge may declare a conflict with an entry. Fails with
// not_assigned, already_scored (a score given stays: the admin decides),
// outside_window (after the announcement) or reason_required (a reason of
// kMinRecusalReason to kMaxRecusalReason characters, valid UTF-8), in that order.
Status CheckRecusal(const RecusalFacts& facts);

// The assignments after `recused.judge` declares a conflict with
// `recused.entry`: that one goes, and with a quorum (judges_per_entry) the
// entry goes to another eligible judge as a dropped judge's does (Reassign:
// the least loaded, then by seed; a judge in a candidate's `recused` is never
// eligible). When every judge scores every entry, it just goes. Fails with
// not_assigned when `recused` is not in `current`, not_enough_judges when
// nobody can take it.
Result<std::vector<Assignment>> Recuse(const Rules& rules, const std::vector<Assignment>& current,
                                       const Assignment& recused, const std::vector<Person>& judges,
                                       const std::vector<Candidate>& entries,
                                       std::string_view seed);

}  // namespace poster::voting
