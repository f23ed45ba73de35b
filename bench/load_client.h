// load_bench's clients: voters casting and retracting votes and visitors
// browsing the gallery, over keep-alive HTTP connections to the server, with
// the latency of every request and the votes each voter holds according to the
// answers it got.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "bench/load_contest.h"

namespace poster::bench {

// The outcomes and latencies of one kind of request.
struct RequestStats {
  std::vector<float> latencies_ms;        // every request that got an answer
  int64_t accepted = 0;                   // 2xx
  int64_t bytes = 0;                      // of the bodies answered (gallery pages only)
  std::map<int, int64_t> refused;         // answered, not 2xx, by HTTP status
  std::map<std::string, int64_t> failed;  // no answer (connection, read, ...), by error
  int64_t answered() const { return int64_t(latencies_ms.size()); }
  int64_t failures() const;
  void Merge(const RequestStats& other);
};

// One voter's votes according to the answers: a 2xx to a cast adds the entry, a
// 2xx to a retract removes it, a refusal changes nothing. A request that got no
// answer leaves that entry unknown, and the voter sits out the rest of the runs.
struct VoterBook {
  std::vector<int64_t> held;
  std::optional<int64_t> unknown;
};

struct LoadPlan {
  int voter_connections = 4;    // threads, one keep-alive connection each
  int gallery_connections = 4;  // threads, one keep-alive connection each
  double seconds = 10;
  uint32_t seed = 1;
};

struct LoadRun {
  RequestStats votes;    // casts and retracts
  RequestStats gallery;  // GET /api/gallery
  double seconds = 0;    // from the common start until the last thread stopped
  // Answers other than the book predicted: a refusal of a vote the rules allow,
  // or an acceptance of one they forbid. The book follows the answer anyway.
  int64_t surprises = 0;
  // Accepted answers whose ballot (the body) is not the book's after the change.
  int64_t ballot_mismatches = 0;
};

// Runs both loads at once for plan.seconds against `contest`, updating `books`
// (one per contest.voters(), in the same order). The nth connection of each
// load talks to the contest's nth server, the servers taken in turn.
LoadRun RunLoad(const LoadPlan& plan, const LoadContest& contest, std::vector<VoterBook>& books);

}  // namespace poster::bench
