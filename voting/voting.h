// voting: the contest's rules as pure functions. It takes facts (who, what, when)
// and returns decisions and results; it reads no clock, file or database, so
// every rule is tested at its exact boundaries. gallery/ gathers the facts,
// asks here, and persists what is decided.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace poster::voting {

// Refusal codes (the same words users see).
inline constexpr std::string_view kOutsideWindow = "outside_window";
inline constexpr std::string_view kEntryLimit = "entry_limit";
inline constexpr std::string_view kNotEligible = "not_eligible";
inline constexpr std::string_view kNotVotable = "entry_not_votable";
inline constexpr std::string_view kOverBudget = "over_budget";
inline constexpr std::string_view kOwnEntry = "own_entry";
inline constexpr std::string_view kAlreadyVoted = "already_voted";
inline constexpr std::string_view kNotVoted = "not_voted";
inline constexpr std::string_view kInvalidTransition = "invalid_transition";
inline constexpr std::string_view kReasonRequired = "reason_required";
inline constexpr std::string_view kNotAssigned = "not_assigned";
inline constexpr std::string_view kInvalidScore = "invalid_score";
inline constexpr std::string_view kNotEnoughJudges = "not_enough_judges";

inline constexpr std::string_view kAllCodes[] = {
    kOutsideWindow, kEntryLimit,   kNotEligible,    kNotVotable,        kOverBudget,
    kOwnEntry,      kAlreadyVoted, kNotVoted,       kInvalidTransition, kReasonRequired,
    kNotAssigned,   kInvalidScore, kNotEnoughJudges};

// A moment in UTC, to the millisecond.
using Instant = std::chrono::sys_time<std::chrono::milliseconds>;

// ---- phases -----------------------------------------------------------------

enum class Phase { kSubmission, kReview, kVoting, kJudging, kResults };
inline constexpr Phase kAllPhases[] = {Phase::kSubmission, Phase::kReview, Phase::kVoting,
                                       Phase::kJudging, Phase::kResults};
std::string_view PhaseName(Phase phase);  // "submission", ...
std::optional<Phase> ParsePhase(std::string_view name);

// A phase is open from `start` (included) to `end` (excluded): with an end of
// 00:00:00, 23:59:59.999 the evening before is in and midnight is out. No start
// means not opened yet; no end means open until closed.
struct Window {
  std::optional<Instant> start;
  std::optional<Instant> end;
  bool Contains(Instant moment) const;
};

// An admin's opening or closing of a phase by hand, at `at`.
struct PhaseOverride {
  enum class Kind { kOpen, kClose } kind;
  Instant at;
};

// The window once the overrides, in order, are applied to the configured one:
// opening sets the start to that moment (and drops an end already passed);
// closing sets the end.
Window EffectiveWindow(Window configured, const std::vector<PhaseOverride>& overrides);

// ---- rules ------------------------------------------------------------------

struct Criterion {
  std::string name;     // Korean, e.g. "창의성"
  std::string name_en;  // e.g. "Creativity"
  int weight = 0;
};

struct Tier {
  std::string name;     // "최우수"
  std::string name_en;  // "Grand prize"
  int count = 0;
};

// How a component (peer votes, judge scores) becomes 0-100 over the field.
enum class Normalization {
  kPercentile,  // the share of the other entries it beats, ties counting half
  kWinsorized,  // min-max after clipping to median ± 3 robust deviations
  kMinMax,      // plain min-max: one runaway entry flattens the others
};

enum class JudgeScaling {
  kZScore,   // each judge's totals as z-scores, so harsh and lenient judges count the same
  kRawMean,  // the plain mean of the judges' weighted totals
};

enum class TieBreak { kJudgeScore, kPeerVotes, kEarlierSubmission };
enum class StillTied { kShared, kLot };

struct Rules {
  int entries_per_author = 3;
  int votes_per_voter = 3;
  std::vector<Criterion> rubric = {{"창의성", "Creativity", 30},
                                   {"전달력", "Clarity", 30},
                                   {"정책연계", "Policy relevance", 20},
                                   {"AI활용", "Use of AI", 20}};
  int min_score = 1;
  int max_score = 10;
  int judges_per_entry = 0;                // 0: every judge scores every entry
  bool judge_conflict_department = false;  // no judge for an entry from their own department
  double judge_weight = 0.7;
  double peer_weight = 0.3;
  Normalization normalization = Normalization::kPercentile;
  JudgeScaling judge_scaling = JudgeScaling::kZScore;
  std::vector<Tier> tiers = {{"최우수", "Grand prize", 1},
                             {"우수", "Excellence", 2},
                             {"장려", "Merit", 3},
                             {"입선", "Honourable mention", 4}};
  std::vector<TieBreak> tie_breaks = {TieBreak::kJudgeScore, TieBreak::kPeerVotes,
                                      TieBreak::kEarlierSubmission};
  StillTied still_tied = StillTied::kShared;
  std::string lot_seed;  // published before the contest; orders entries when lots are drawn
};

std::string_view NormalizationName(Normalization value);
std::string_view JudgeScalingName(JudgeScaling value);
std::string_view TieBreakName(TieBreak value);
std::string_view StillTiedName(StillTied value);

// ---- people -----------------------------------------------------------------

enum class Role { kEmployee, kModerator, kJudge, kAdmin };
std::string_view RoleName(Role role);                  // "employee", ...
std::optional<Role> ParseRole(std::string_view name);  // English or Korean (직원, 심사위원, ...)

struct Person {
  std::string id;
  std::string department;
  std::vector<Role> roles;
  bool Has(Role role) const;
};

// ---- entries ----------------------------------------------------------------

enum class EntryStatus {
  kSubmitted,
  kApproved,
  kRejected,
  kChangesRequested,
  kWithdrawn,
  kDisqualified
};
std::string_view EntryStatusName(EntryStatus status);
std::optional<EntryStatus> ParseEntryStatus(std::string_view name);

// True for entries that still take part (count toward the author's limit):
// submitted, approved or awaiting changes.
bool IsLive(EntryStatus status);

// Whether `author` may submit one more entry at `now`: the submission window is
// open and their live entries are under the limit. Fails with outside_window or
// entry_limit.
Status CheckSubmission(const Rules& rules, const Window& submission, Instant now, int live_entries);

enum class EntryAction { kApprove, kReject, kRequestChanges, kWithdraw, kReplace, kDisqualify };
std::string_view EntryActionName(EntryAction action);

struct TransitionFacts {
  EntryStatus from = EntryStatus::kSubmitted;
  EntryAction action = EntryAction::kApprove;
  std::string reason;              // required to reject, request changes, disqualify
  bool submission_open = false;    // withdraw and replace need it
  bool results_announced = false;  // disqualify is refused after
};

// The status after `action`. Only these are legal:
//   submitted → approved | rejected | changes_requested     (moderators)
//   submitted | changes_requested → submitted (replace)      (the author, submission open)
//   submitted | changes_requested | approved → withdrawn     (the author, submission open)
//   approved → disqualified                                   (an admin, before results)
// Fails with invalid_transition, reason_required or outside_window.
Result<EntryStatus> Transition(const TransitionFacts& facts);

// ---- ballots ----------------------------------------------------------------

struct BallotFacts {
  std::optional<Person> voter;  // nothing: not on the roster
  EntryStatus entry = EntryStatus::kApproved;
  bool voter_is_author = false;  // author or co-author
  int votes_cast = 0;            // by this voter, before this one
  bool already_voted = false;    // for this entry
  Window voting;
  Instant now;
};

// Fails with not_eligible, outside_window, entry_not_votable, own_entry,
// already_voted or over_budget, in that order of precedence.
Status CheckCast(const Rules& rules, const BallotFacts& facts);
// Fails with not_eligible, outside_window or not_voted.
Status CheckRetract(const BallotFacts& facts);

// ---- judging ----------------------------------------------------------------

struct Candidate {  // an entry as judge assignment sees it
  int64_t id = 0;
  std::vector<std::string> authors;      // author and co-authors
  std::vector<std::string> departments;  // theirs
};

struct Assignment {
  std::string judge;
  int64_t entry = 0;
  bool operator==(const Assignment&) const = default;
};

// Assigns judges up front: every eligible judge to every entry, or (with
// judges_per_entry N) N judges to each entry, spread evenly and at random from
// `seed`. A judge never gets an entry they authored or co-authored, nor (when
// the rules say so) one from their department. Fails with not_enough_judges
// naming an entry that cannot get its N. Deterministic for the same inputs.
Result<std::vector<Assignment>> AssignJudges(const Rules& rules, const std::vector<Person>& judges,
                                             const std::vector<Candidate>& entries,
                                             std::string_view seed);

// After `dropped` leaves: their assignments that already have a score stay.
// With a quorum, each unscored one goes to another eligible judge (the least
// loaded, then by seed); when every judge scores every entry, it just goes.
// Fails with not_enough_judges.
Result<std::vector<Assignment>> Reassign(const Rules& rules, const std::vector<Assignment>& current,
                                         const std::vector<Assignment>& scored,
                                         std::string_view dropped,
                                         const std::vector<Person>& judges,
                                         const std::vector<Candidate>& entries,
                                         std::string_view seed);

// Checks one judge's scores for one entry: one per criterion, each from
// min_score to max_score. Fails with invalid_score saying which.
Status CheckScores(const Rules& rules, const std::vector<int>& scores);

// ---- tally ------------------------------------------------------------------

struct JudgeScore {
  std::string judge;
  std::vector<int> scores;  // one per criterion, in rubric order
};

struct TallyEntry {
  int64_t id = 0;
  Instant submitted;
  int votes = 0;
  std::vector<JudgeScore> scores;
};

struct TallyRow {
  int64_t id = 0;
  int votes = 0;
  int judges = 0;                       // how many scored it
  std::vector<double> criterion_means;  // raw, 1-10, in rubric order
  double judge_raw = 0;                 // mean weighted total, 10-100
  double judge_z = 0;                   // mean of the judges' z-scores
  double judge_component = 0;           // 0-100 over the field
  double peer_component = 0;            // 0-100 over the field
  double combined = 0;                  // judge_weight × judge + peer_weight × peer
  int rank = 0;                         // 1 = first; tied entries share a rank
  std::optional<size_t> tier;           // index into Rules::tiers
  std::vector<std::string> notes;       // every tie-break applied, in words
  std::vector<std::string> notes_ko;    // the same in Korean
};

struct TallyResult {
  std::vector<TallyRow> rows;  // in rank order
};

// The result table. Deterministic: the same facts give the same table, byte for
// byte once printed. docs/tally.md explains every step.
TallyResult Tally(const Rules& rules, std::vector<TallyEntry> entries);

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
