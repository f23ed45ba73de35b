// load_bench's check: the votes stored in the catalogue (contest.db or
// PostgreSQL) against the votes the
// voters hold according to the answers they got.
#pragma once

#include <cstdint>
#include <vector>

#include "bench/load_client.h"
#include "bench/load_contest.h"

namespace poster::bench {

struct VoteCheck {
  int64_t stored = 0;      // rows in the votes table
  int64_t expected = 0;    // (voter, entry) pairs the books hold
  int64_t lost = 0;        // held after an accepted answer, not stored
  int64_t unexpected = 0;  // stored, not held: refused, never cast, or retracted with a 2xx
  int64_t unknown = 0;     // requests that got no answer: their vote is left out of both sides
  bool exact() const { return lost == 0 && unexpected == 0 && unknown == 0; }
};

// Reads the votes table (read-only, beside the running server) and compares
// it pair by pair with `books`. Fails with store_failed when it cannot be read.
Result<VoteCheck> CheckVotes(const LoadContest& contest, const std::vector<VoterBook>& books);

}  // namespace poster::bench
