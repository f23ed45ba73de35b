// gallery/store/records.h: the records the catalogue takes and hands out
// (submissions, entries, people, ballots, results, audit reports, sessions,
// awards, the outbox): plain values, no behaviour. Part of the store room's
// public header: include gallery/store/store.h, which includes this.
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "gallery/config/config.h"
#include "ingest/ingest.h"
#include "voting/voting.h"

namespace poster::gallery {

// What the author declares with an upload.
enum class TitleOrigin { kTyped, kFileName };

struct Submission {
  std::string author;
  std::string title;
  std::string theme;
  std::string ai_tools;
  std::string prompt;
  std::string description;
  std::string source;                              // the file name or URL it came from
  std::vector<std::string> co_authors;             // employee ids from the roster
  TitleOrigin title_origin = TitleOrigin::kTyped;  // kFileName: made from the file's name
  std::string alt_text;  // what the poster shows, in the author's words (its images' alt)
  // The versions (PledgeVersion) of the integrity pledge and the AI/copyright
  // consent the author accepted; empty: not accepted.
  std::string pledge_sha256, consent_sha256;
};

// A moderator's hold on an entry of the review queue.
struct ReviewClaim {
  std::string moderator;  // employee id
  std::string name;       // as the roster lists them
  std::string until;      // UTC, ISO 8601
};

// A change of an entry's words: each field given is set, the others stay.
struct EntryEdit {
  std::optional<std::string> title;
  std::optional<std::string> description;
  std::optional<std::string> alt_text;
};

// Checks what people typed: valid UTF-8, a title of 1-200 characters, no field
// over its length limit. Fails with invalid_metadata naming the field (and, for
// a title made from the file's name, the detail from = file_name).
Status ValidateSubmission(const Submission& submission);

// `submission` with its text fields (title, theme, AI tools, prompt,
// description) in Unicode NFC, so that searches find what was typed on any system.
Submission NormalizedSubmission(Submission submission);

struct StoredDerivative {
  ingest::Format format = ingest::Format::kWebp;
  int width = 0;
  int height = 0;
  int64_t bytes = 0;
  std::filesystem::path path;  // absolute
};

struct EntryFlag {
  std::string name;                // kFlag* values
  std::optional<int64_t> related;  // the other entry, for near_duplicate
  std::optional<double> value;     // the measurement, for blank and blurry
};

struct Entry {
  int64_t id = 0;
  std::string status;  // submitted, approved, rejected, changes_requested, withdrawn, disqualified
  std::string status_reason;  // the moderator's or admin's words, when there are some
  Submission submission;
  std::string created_at;  // UTC, ISO 8601
  int version = 1;         // of the file
  ingest::Format format = ingest::Format::kPng;
  int width = 0;
  int height = 0;
  int64_t bytes = 0;
  int64_t trailing_bytes = 0;
  std::string sha256;
  uint64_t phash = 0;
  ingest::Quality quality;
  std::filesystem::path original;  // absolute
  std::vector<ingest::Marker> provenance;
  std::vector<std::string> qr_payloads;
  std::vector<EntryFlag> flags;
  std::vector<StoredDerivative> derivatives;
};

// What a person may do with an entry now, as the API lists it for each entry
// (docs/api.md, "Allowed actions").
enum class EntryActionAllowed {
  kVote,      // CastVote would accept it
  kUnvote,    // RetractVote would accept it
  kReplace,   // ReplaceFile would accept a new file (duplicate bytes aside)
  kWithdraw,  // Decide(kWithdraw) would accept it
  kEdit,      // EditEntry would accept new words from its author (when kReplace would)
};
std::string_view EntryActionAllowedName(EntryActionAllowed action);  // "vote", ...

enum class PhaseChange { kOpen, kClose };

// Whether InitContest replaces a stored config, or stores one only where none is.
enum class InitMode { kReplace, kFirstOnly };

struct PhaseState {
  voting::Phase phase = voting::Phase::kSubmission;
  voting::Window window;
  bool open = false;  // now
};

struct PersonRecord {
  std::string id;
  std::string name;
  std::string department;
  std::string email;
  std::vector<voting::Role> roles;
};

// A roster as read from its file, before anything is stored.
struct RosterFile {
  std::vector<PersonRecord> people;  // in the file's order, each id once (in any case)
  std::string encoding;              // "UTF-8" or "CP949"
};

struct RosterImport {
  int added = 0;
  int updated = 0;
  int unchanged = 0;
  std::string encoding;  // "UTF-8" or "CP949"
};

struct Ballot {
  std::vector<int64_t> entries;  // voted for, in the order cast
  bool eligible = false;         // on the roster as an employee: only they vote
  int budget = 0;                // 0 for those who may not vote
  int remaining = 0;
  std::vector<int64_t> voided;  // of `entries`, those an admin voided (they stay spent)
};

struct JudgeTask {
  int64_t entry = 0;
  std::string title;
  std::optional<std::vector<int>> scores;  // when scored
  std::string comment;                     // the judge's 심사평, stored with the scores
  int position = 0;                        // 1-based, in the judge's own order (voting::JudgeOrder)
};

// An award revoked after the results were final (수상 취소), and the tier it held.
struct Revocation {
  int64_t entry = 0;
  std::string tier, tier_en;
  std::string reason;
  std::string revoked_at;  // UTC
  std::string actor;
};

struct ResultRow {
  voting::TallyRow tally;
  std::string title;
  std::string author;  // the employee number: empty in every view but an admin's
  std::string department;
  std::string theme;
  std::string author_name;            // from the roster
  std::optional<Revocation> revoked;  // its award was revoked (tally.tier is then none)
};

// The version of a pledge or consent an author accepts: the SHA-256 (hex) of
// its Korean and English texts, joined by a new line.
std::string PledgeVersion(std::string_view text, std::string_view text_en);

// ---- the shortlist of the verification period (검증 기간) ----
inline constexpr size_t kShortlistNeighbours = 5;

struct ShortlistNeighbour {
  int64_t entry = 0;
  int distance = 0;  // Hamming distance of the perceptual hashes, 0-64
  std::string title;
  std::string sha256;  // of its current file, for its thumbnails' media URLs
};

struct ShortlistEntry {
  int64_t entry = 0;
  int rank = 0;
  std::string tier, tier_en;
  std::string title, author_name, department, theme;
  std::string sha256;  // of its current file
  // Approved entries only: an entry the public cannot see is never named, only counted.
  std::vector<ShortlistNeighbour> neighbours;
  int hidden_neighbours = 0;
};

struct Shortlist {
  std::string state;  // "announced" (verification period running) or "final"
  std::string announced_at, final_at;
  std::string time_zone = "UTC";
  int max_distance = 0;  // [ingest] near_duplicate_distance
  std::vector<ShortlistEntry> entries;
};

// The audit log's last record: whoever writes down its sequence number and
// hash can later prove that no record up to it was removed or changed.
struct AuditHead {
  int64_t seq = 0;   // 0: the log is empty
  std::string hash;  // 64 zeros for an empty log
  std::string at;    // when that record was written (UTC)
};

// Parses "SEQ:HASH" as `poster audit head` prints it; nothing when malformed.
std::optional<AuditHead> ParseAuditHead(std::string_view text);

// Issue 12: the 시민 인기상, apart from the tiers: the approved entry with the
// most citizens' likes; of several, the one the result table ranks higher (the
// contest's own tie-breaks), shared by those that share its rank.
struct CitizensChoiceWinner {
  int64_t entry = 0;
  std::string title, author_name, department, theme;
};
struct CitizensChoice {
  std::string name, name_en;  // [citizens] award_name, award_name_en
  int likes = 0;
  std::vector<CitizensChoiceWinner> winners;  // in rank order
};

struct Results {
  std::string state;  // "sealed" (admins only), "announced", "final"
  std::string announced_at;
  std::string final_at;
  std::string sha256;                      // of the announced table
  AuditHead log_head;                      // the announcement's own audit record, once announced
  std::string time_zone = "UTC";           // the contest's, for showing times
  ResultsView view = ResultsView::kTable;  // what this viewer was given
  voting::Rules rules;
  std::vector<ResultRow> rows;
  // issue 11, receipts: the Merkle root of the counted votes' receipts, once announced
  std::string receipts_root;
  int64_t receipts = 0;  // how many
  // Issue 11: notes on the whole table (the judge model's groups, tiers left
  // short by 1인 1상), and the model's fit when scaling = "model" (admins only).
  std::vector<std::string> notes, notes_ko;
  std::optional<voting::JudgeModel> model;
  std::optional<CitizensChoice> citizens_choice;  // issue 12: when awarded and anyone liked
};

// The JSON of a result table (gallery/store/results_json.cc): what is stored
// and hashed when announced, and what the API and the CLI print. `canonical`
// leaves out the state and times, so that the hash is of the table.
nlohmann::json ResultsToJson(const Results& results, bool canonical);

struct AuditReport {
  int records = 0;
  bool chain_intact = true;
  int votes_replayed = 0;
  int scores_replayed = 0;
  AuditHead head;                     // the log's last record
  std::vector<std::string> checked;   // the tables compared with the replayed log
  std::vector<std::string> problems;  // empty when everything agrees
};

// A file the server may send, and the entry it belongs to.
struct Media {
  std::filesystem::path path;
  ingest::Format format = ingest::Format::kPng;
  int64_t entry = 0;
  std::string status;  // the entry's
  std::string author;
  std::vector<std::string> co_authors;
};

// A signed-in browser: the cookie's token and the token its forms must send back.
struct Session {
  std::string token;
  std::string csrf;
  std::string employee_id;
  std::string expires_at;
};

// The person an open invitation link is for, shown before they choose a password.
struct InvitationView {
  std::string employee_id;
  std::string name;
  std::string department;
  std::string expires_at;
  std::string purpose;  // "invitation" (a first password) or "password_reset"
};

// Who is asking, once their session is checked.
struct Viewer {
  std::string employee_id;
  std::string name;
  std::string department;
  std::vector<voting::Role> roles;
  std::string csrf;
  bool Has(voting::Role role) const;  // admins hold every role
};

struct FsckReport {
  std::vector<std::string> orphan_blobs;     // files no row names (relative paths)
  std::vector<std::string> stale_temp;       // temp files of writers that are gone
  std::vector<std::string> missing_blobs;    // rows whose file is gone or the wrong size
  std::vector<std::string> database_errors;  // integrity and foreign-key check findings
  std::vector<std::string> io_errors;        // what fsck itself could not read or remove
  bool repaired = false;                     // every orphan and temp file was removed
  bool clean() const {
    return orphan_blobs.empty() && stale_temp.empty() && missing_blobs.empty() &&
           database_errors.empty() && io_errors.empty();
  }
};

enum class FsckMode { kReport, kRepair };

// ---- awards (gallery/store/awards.cc, objections.cc, dashboard.cc) ----

// An awarded entry's tier, from the stored announcement.
struct AwardedTier {
  std::string name;     // "최우수"
  std::string name_en;  // "Grand prize"
};

// A judge's comment (심사평) on an entry, and whether an admin published it.
struct JudgeComment {
  std::string judge;  // employee number
  std::string judge_name;
  int64_t entry = 0;
  std::string title;
  std::string text;            // as the judge wrote it last
  bool published = false;      // an admin chose it for the results page
  std::string published_text;  // the text as published (the judge may have edited it since)
};

enum class CommentChange { kPublish, kWithdraw };

// An objection (이의 신청) to the announced results, and the admin's answer.
struct Objection {
  int64_t id = 0;
  int64_t entry = 0;
  std::string entry_title;
  std::string filer;  // employee number: shown to admins only
  std::string filer_name;
  std::string filer_department;
  std::string text;
  std::string filed_at;  // UTC
  std::string answer;    // empty until answered
  std::string answered_at;
  std::string answered_by;
};

// Longest objection, answer or comment, in characters.
inline constexpr size_t kMaxAwardText = 2000;

// What the admin's dashboard shows at a glance.
struct JudgeProgress {
  std::string judge;
  std::string name;
  std::string department;
  int scored = 0;
  int assigned = 0;
};
struct Dashboard {
  std::map<std::string, int> entries_by_state;  // every status, 0 when none
  int review_queue = 0;                         // submitted entries waiting for a moderator
  int votes_cast = 0;
  int eligible_voters = 0;  // people with the employee role
  int distinct_voters = 0;  // of them, who cast at least one vote
  std::vector<JudgeProgress> judges;
  int objections_open = 0;
  int objections_answered = 0;
  int comments = 0;            // judges' comments written
  int comments_published = 0;  // of them, published
};

// ---- notices: the outbox (gallery/store/outbox.cc, notices.cc; docs/web.md) ----

// One e-mail or webhook post, rendered when it was queued.
struct OutboxMessage {
  int64_t id = 0;
  std::string channel;    // "email" or "webhook"
  std::string kind;       // "invitation", "password_reset", "entry_received", ...
  std::string recipient;  // the employee number; empty for a webhook post
  std::string address;    // the e-mail address, or the webhook's URL
  std::string subject;
  std::string body;   // text/plain UTF-8 (Korean, then English), or the webhook's JSON
  std::string state;  // "waiting", "sending", "sent", "failed"
  int attempts = 0;
  std::string next_try_at;  // UTC
  std::string last_error;
  std::string created_at;
  std::string sent_at;
  std::string claim;  // the sender's claim, while it is "sending"
};

struct OutboxCounts {
  int waiting = 0;
  int sending = 0;
  int sent = 0;
  int failed = 0;
};

struct OutboxListing {
  OutboxCounts counts;
  std::vector<OutboxMessage> messages;  // newest first; bodies without their links
};

// ---- fair judging (gallery/store/fair_judging_store.cc; docs/tally.md) ----

// The pairwise final (gallery/store/pairwise_store.cc; docs/tally.md, "The
// pairwise final"): finalists compared two at a time by the judges.
struct PairwiseFinal {
  std::vector<int64_t> finalists;  // as the admin named them
  std::string seed;                // draws equal gains and the sides (voting::NextPair)
  int max_per_judge = 0;           // 0: every pair a judge may judge
  std::string opened_at, opened_by;
  std::string closed_at;  // UTC; "" while open
  // Every answer, in order (admins), or the viewer's own (judges).
  std::vector<voting::PairJudgment> answers;
  // Admins only: voting::PairwiseOrder of every answer, as the tally uses it.
  std::vector<voting::PairwiseRow> order;
};

// The JSON of a pairwise final (pairwise_store.cc), as the API and the CLI
// print it: finalists, seed, max_per_judge, opened_at, closed_at, answers
// [{judge, left, right, outcome}], order [{entry, rank, strength, wins, answers}].
nlohmann::json PairwiseFinalToJson(const PairwiseFinal& final);

// A conflict a judge declared with an entry on their list, and who took it over.
struct Recusal {
  std::string judge;  // employee number
  std::string judge_name;
  int64_t entry = 0;
  std::string title;
  std::string reason;
  std::string recused_at;  // UTC
};

// ---- vote integrity and receipts (issue 11; gallery/store/vote_integrity.cc) ----

// Where a vote came from: the voter's secret (64 lowercase hex digits; empty:
// the store draws one) and the request's address (empty from the CLI).
struct VoteSource {
  std::string secret;
  std::string address;
};

struct VoteReceipt {
  std::string receipt;
  std::string secret;  // only when the store drew it: shown once, never stored
};

// What the announcement published: the receipts of the counted votes, sorted,
// their Merkle root, beside the results' SHA-256 and the log head.
struct PublishedReceipts {
  bool published = false;  // false until the results are announced
  std::string root;
  std::vector<std::string> receipts;
  std::string results_sha256;
  AuditHead log_head;
};

struct ReceiptCheck {
  bool published = false;
  bool counted = false;
  size_t index = 0;  // in the sorted list, when counted
  std::vector<voting::ProofStep> proof;
  std::string root;
};

// Where the integrity report reads its votes from.
enum class ReportSource { kTables, kLog };

}  // namespace poster::gallery
