// voting: the contest's rules as pure functions. It takes facts (who, what, when)
// and returns decisions and results; it reads no clock, file or database, so
// every rule is tested at its exact boundaries. gallery/ gathers the facts,
// asks here, and persists what is decided.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
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
inline constexpr std::string_view kInvalidPair = "invalid_pair";
inline constexpr std::string_view kAlreadyScored = "already_scored";  // recusal after scoring
inline constexpr std::string_view kInvalidFinalists = "invalid_finalists";
inline constexpr std::string_view kPairNotOffered = "pair_not_offered";

inline constexpr std::string_view kAllCodes[] = {
    kOutsideWindow,    kEntryLimit,    kNotEligible,     kNotVotable,        kOverBudget,
    kOwnEntry,         kAlreadyVoted,  kNotVoted,        kInvalidTransition, kReasonRequired,
    kNotAssigned,      kInvalidScore,  kNotEnoughJudges, kInvalidPair,       kAlreadyScored,
    kInvalidFinalists, kPairNotOffered};

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
  kModel,    // each entry's quality fitted beside each judge's bias (and gain): FitJudgeModel
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
  bool blind_judges = true;                // judges see no author until the announcement
  bool blind_voters = false;               // nobody but staff sees authors while voting is open
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
  bool one_award_per_person = false;  // 1인 1상: a person (author or co-author) holds one award
  // Citizens' choice (issue 12, [citizens] weight): the share of the combined
  // score given to citizens' likes; 0 (the default) keeps them out of it.
  double citizen_weight = 0;
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
  std::vector<std::string> recused;      // judges who declared a conflict with it: never assigned
};

// Whether `judge` may judge `entry`: not its author or a co-author, not
// recused from it, and (judge_conflict_department) not of an author's department.
bool MayJudge(const Rules& rules, const Person& judge, const Candidate& entry);

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

// A person credited with an entry, as the awards see them.
struct Author {
  std::string id;    // employee number: who they are
  std::string name;  // as the notes name them (never the number)
};

struct TallyEntry {
  int64_t id = 0;
  Instant submitted;
  int votes = 0;
  std::vector<JudgeScore> scores;
  std::vector<Author> authors;  // author, then co-authors (one_award_per_person)
  int final_rank = 0;           // its rank in the pairwise final (PairwiseOrder); 0: not a finalist
  int citizen_likes = 0;        // citizens' likes (issue 12); counted only with citizen_weight
};

struct TallyRow {
  int64_t id = 0;
  int votes = 0;
  int judges = 0;                       // how many scored it
  std::vector<double> criterion_means;  // raw, 1-10, in rubric order
  double judge_raw = 0;                 // mean weighted total, 10-100
  double judge_z = 0;                   // mean of the judges' z-scores
  double judge_model = 0;               // the fitted quality (scaling = "model"), 10-100
  double judge_component = 0;           // 0-100 over the field
  double peer_component = 0;            // 0-100 over the field
  double combined = 0;                  // judge_weight × judge + peer_weight × peer
  int citizen_likes = 0;                // issue 12: citizens' likes, shown beside the score
  double citizen_component = 0;         // 0-100 over the field; in `combined` by citizen_weight
  int rank = 0;                         // 1 = first; tied entries share a rank
  std::optional<size_t> tier;           // index into Rules::tiers
  std::vector<std::string> notes;       // every tie-break applied, in words
  std::vector<std::string> notes_ko;    // the same in Korean
};

// ---- the judge model (voting/model.cc; docs/tally.md "Judge bias: the model") ----

// One judge's weighted total (10-100) for one entry.
struct Observation {
  std::string judge;
  int64_t entry = 0;
  double score = 0;
};

struct JudgeFit {
  std::string judge;
  double bias = 0;       // added to every score the judge gives
  double gain = 1;       // how far the judge's scores follow quality (1 when not fitted)
  int entries = 0;       // how many entries the judge scored
  size_t component = 0;  // index into JudgeModel::components
};

// A connected part of the judge-entry graph (judges and entries linked by scores).
struct ModelComponent {
  std::vector<std::string> judges;  // sorted
  std::vector<int64_t> entries;     // sorted
  bool gain_fitted = false;         // see FitJudgeModel for the rule
  std::string gain_refused;         // why not, in words ("" when fitted)
  int sweeps = 0;                   // alternating least-squares sweeps run
  bool converged = true;            // within kModelTolerance before kModelMaxSweeps
  double rmse = 0;                  // root mean square residual of the fit
};

struct JudgeModel {
  std::vector<ModelComponent> components;  // in order of their smallest entry
  std::vector<JudgeFit> judges;            // sorted by judge
  std::map<int64_t, double> quality;       // per entry, on the scores' 10-100 scale
};

inline constexpr int kModelMaxSweeps = 10000;
inline constexpr double kModelTolerance = 1e-10;  // largest change of a quality in a sweep

// Fits score = gain_j × quality_e + bias_j by least squares over the judge-
// entry graph, each connected component on its own, with the mean bias 0 and
// (when fitted) the mean gain 1 over the component's judges. Alternating least
// squares from quality = raw mean, bias 0, gain 1, in sorted order, until no
// quality moves by kModelTolerance (or kModelMaxSweeps): deterministic. First
// bias alone; a gain is then fitted when the component has at least 2 judges,
// each scored at least 3 of its entries, it has at least as many scores as
// entries + 3 × judges − 2, the fitted qualities vary, and every judge's
// entries spread at least a quarter of the component's spread (standard
// deviations); the gain fit is kept only if it converges with every gain in
// 1/4..4. Duplicate (judge, entry) pairs: the last counts.
JudgeModel FitJudgeModel(const std::vector<Observation>& scores);

// Kendall's tau-b between two rankings given as values (higher ranks first in
// both): +1 the same order, −1 reversed; ties count as neither. 0 when either
// has no untied pair or the sizes differ.
double KendallTau(const std::vector<double>& a, const std::vector<double>& b);

// ---- the tally --------------------------------------------------------------

struct TallyResult {
  std::vector<TallyRow> rows;         // in rank order
  std::vector<std::string> notes;     // about the whole table (the model, unfilled tiers)
  std::vector<std::string> notes_ko;  // the same in Korean
  std::optional<JudgeModel> model;    // scaling = "model": the fit behind judge_model
};

// The result table. Deterministic: the same facts give the same table, byte for
// byte once printed. docs/tally.md explains every step.
//
// Tiers are filled in rank order over award places (see docs/tally.md "One
// award per person"): an entry in `excluded` (e.g. its award was revoked) may
// not hold an award, nor, with one_award_per_person, an entry one of whose
// authors already holds one from a higher-ranked entry; its place passes to
// the next eligible entry. Both rules share this one code path.
TallyResult Tally(const Rules& rules, std::vector<TallyEntry> entries,
                  const std::set<int64_t>& excluded = {});

// ---- tiers with exclusions (Korea's rules for public contests) -------------

// What becomes of a tier an excluded entry would have held.
enum class Vacancy {
  kLeaveVacant,  // the place stays empty; every other entry keeps its tier
  kMoveUp,       // the entries below move up one place each and take the tiers by it
};
std::string_view VacancyName(Vacancy value);  // "vacant", "next"
std::optional<Vacancy> ParseVacancy(std::string_view name);

// The tiers of `rows` (ranked as Tally returns them, rank set) when the entries
// in `excluded` may hold no award: excluded rows get no tier; the others take
// the tier their place gives them, where with kLeaveVacant the place is their
// rank and with kMoveUp it is 1 + the number of rows not excluded ranked
// strictly above them (so tied rows still share a tier). With nothing excluded
// both give Tally's tiers. Returns the rows in the same order with `tier`
// re-derived; rank, scores and notes are left as they were. docs/tally.md,
// "Korea's rules for public contests", has the worked examples.
std::vector<TallyRow> AssignTiers(const Rules& rules, std::vector<TallyRow> rows,
                                  const std::set<int64_t>& excluded, Vacancy vacancy);

}  // namespace poster::voting

// Issue 11's rules, each in a part of this header of its own.
#include "voting/fair_judging.h"
#include "voting/integrity.h"
#include "voting/pairwise.h"
