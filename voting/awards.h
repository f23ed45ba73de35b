// Ranks and tiers over groups of fully tied entries, with entries passed over
// for awards (private to voting; voting/awards.cc, docs/tally.md §5).
#pragma once

#include <set>
#include <vector>

#include "voting/voting.h"

namespace poster::voting {

struct RankedRow {
  const TallyEntry* entry;
  TallyRow* row;
};

// Entries [first, last] of the ordered table, tied on every key.
struct TieGroup {
  size_t first = 0, last = 0;
};

// Gives each group its rank (and, across a tier boundary with lots, its
// drawn order), and each entry its tier: places are handed out in rank
// order; an entry in `excluded`, or (one_award_per_person) one of whose
// people already holds an award, is passed over and its place goes on.
// Notes every tie, every pass and every entry moved up; notes unfilled
// tiers in `result` when anything was passed over.
void RankAndAward(const Rules& rules, const std::set<int64_t>& excluded,
                  const std::vector<TieGroup>& groups, std::vector<RankedRow>& ranked,
                  TallyResult& result);

}  // namespace poster::voting
