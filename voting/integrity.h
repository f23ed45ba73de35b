// voting: the vote integrity report and the receipts (voting/integrity.cc, receipts.cc).
// Part of voting/voting.h, which includes it: include voting/voting.h.
#pragma once

#include "voting/voting.h"

namespace poster::voting {

// ---- vote integrity (integrity.cc) ----------------------------------------
// Signals for the admin to read before announcing; none of them changes the
// tally by itself (an admin voids votes). docs/tally.md, "Vote integrity report".

struct IntegrityThresholds {
  int min_votes = 5;              // an entry's signals are raised from this many votes
  double department_share = 0.6;  // flag: this share of its votes from one department
  int window_minutes = 10;        // the time window (entries' and addresses' bursts)
  double window_share = 0.5;      // flag: this share of its votes inside one window
  int address_voters = 3;         // a burst: this many voters from one address in a window
  int insider_votes = 2;          // list voters with this many votes, all inside their department
  double ring_ratio = 3.0;        // a ring: both directions this many times the expected
  int ring_votes = 3;             // and at least this many votes each way
};

struct CountedVote {  // a vote as the report sees it
  std::string voter;
  int64_t entry = 0;
  Instant at;
  std::string address;  // "" when unknown (the CLI, votes cast before schema 6)
  bool voided = false;  // voided votes are counted apart and take no part in the signals
};

struct IntegrityFacts {
  std::vector<CountedVote> votes;
  std::map<std::string, std::string> voter_department;  // the roster's
  std::map<int64_t, std::string> entry_department;      // each approved entry's author's
};

struct EntryIntegrity {
  int64_t entry = 0;
  std::string department;  // the author's
  int votes = 0;           // not voided
  int voided = 0;
  std::string top_department;  // the department that gave it most votes (ties: by name)
  int top_department_votes = 0;
  int own_department_votes = 0;    // from the author's own department
  int window_votes = 0;            // most of its votes inside one window
  Instant window_start;            // where that window starts (its first vote)
  std::vector<std::string> flags;  // "department", "window"
};

struct InsiderVoter {  // voted only for entries from their own department
  std::string voter, department;
  int votes = 0;
};

struct AddressBurst {
  std::string address;
  int voters = 0;  // distinct voters inside the window
  int votes = 0;
  Instant from, to;  // the window's first and last vote
};

struct Ring {  // departments a < b voting for each other far above expectation
  std::string a, b;
  int a_to_b = 0, b_to_a = 0;
  double expected_a_to_b = 0, expected_b_to_a = 0;
};

struct IntegrityReport {
  IntegrityThresholds thresholds;
  int votes = 0, voided = 0;
  std::vector<EntryIntegrity> entries;  // by entry number
  std::vector<InsiderVoter> insiders;   // by voter
  std::vector<AddressBurst> bursts;     // by address, then time
  std::vector<Ring> rings;              // by (a, b)
};

// The report over `facts`. Deterministic: the same facts in any order give the
// same report. Votes for entries not in entry_department are left out.
IntegrityReport BuildIntegrityReport(const IntegrityThresholds& thresholds,
                                     const IntegrityFacts& facts);

// ---- receipts (receipts.cc) ------------------------------------------------
// Digests are lowercase hex SHA-256. docs/tally.md, "Receipts".

// SHA-256("poster-receipt-v1\n" contest "\n" entry "\n" voter "\n" secret), the
// secret as 64 lowercase hex digits. `contest` names the contest (the hash of its
// audit log's first record).
std::string ReceiptOf(std::string_view contest, int64_t entry, std::string_view voter,
                      std::string_view secret_hex);

// True for 64 lowercase hex digits.
bool IsDigestHex(std::string_view text);

struct ProofStep {
  bool left = false;  // the sibling is on the left: parent = H(0x01 ‖ sibling ‖ node)
  std::string hash;
  bool operator==(const ProofStep&) const = default;
};

// The Merkle root over `receipts` in the given order (leaf = H(0x00 ‖ receipt),
// node = H(0x01 ‖ left ‖ right), a last odd node promoted unchanged; no leaves:
// H of nothing). Each receipt must satisfy IsDigestHex.
std::string MerkleRoot(const std::vector<std::string>& receipts);
// The siblings from leaf `index` up to the root (index < receipts.size()).
std::vector<ProofStep> MerkleProof(const std::vector<std::string>& receipts, size_t index);
// Whether `proof` leads from `receipt` to `root`.
bool VerifyMerkleProof(std::string_view receipt, const std::vector<ProofStep>& proof,
                       std::string_view root);

}  // namespace poster::voting
