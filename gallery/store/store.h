// gallery/store: the catalogue, one contest's data folder (SQLite + content-addressed
// blobs), its entries, people, sessions, votes, scores, results and audit log,
// and what the catalogue hands out of them.
#pragma once

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "base/clock.h"
#include "base/status.h"
#include "gallery/config/config.h"
#include "gallery/store/citizen_records.h"
#include "gallery/store/codes.h"
#include "gallery/store/intake.h"
#include "gallery/store/operations.h"
#include "gallery/store/records.h"
#include "ingest/ingest.h"
#include "voting/voting.h"

namespace poster::gallery {

struct CatalogueState;  // private to gallery/store (catalogue_state.h)

// One contest's data folder (contest.db, or PostgreSQL's catalogue, and blobs/).
// Safe to share between threads; several processes may open it (one writer at a time).
class Catalogue {
 public:
  // Opens or creates the folder and migrates the schema forward; store_failed
  // when it cannot be used or a newer poster wrote it. `database`: "" for
  // contest.db, or a postgresql:// URL (an empty database becomes a catalogue;
  // every server on it shares the folder's blobs/).
  static Result<Catalogue> Open(const std::filesystem::path& data_dir,
                                const Clock& clock = DefaultClock(),
                                const std::string& database = {});
  // Opens an existing folder without writing to it (not even the journal
  // mode), for commands that only read: a read-only copy or a full disk can
  // still be inspected. A writable folder of an older schema is upgraded
  // first; writes fail with store_failed, as does a folder with no contest.db.
  static Result<Catalogue> OpenForReading(const std::filesystem::path& data_dir,
                                          const Clock& clock = DefaultClock(),
                                          const std::string& database = {});
  Catalogue(Catalogue&&) noexcept;
  Catalogue& operator=(Catalogue&&) noexcept;
  ~Catalogue();

  // -- uploads (gallery/upload.cc): the one way a poster comes in --

  // An upload's bytes and declaration in, an entry or a refusal out, for the
  // CLI, the web and batch intake alike. In order, each step cheaper than the
  // next: the declaration (invalid_metadata), the exact bytes against every
  // stored file (duplicate, before anything is decoded), who may submit what
  // and when (not_on_roster, outside_window, entry_limit, ...), then ingest
  // with the contest's own [ingest] settings, outside the catalogue's lock,
  // and the store.
  Result<Entry> Submit(std::vector<uint8_t> bytes, const Submission& submission,
                       std::string_view actor);
  // The same for a new version of an entry (Replace's rules).
  Result<Entry> ReplaceFile(int64_t entry, std::vector<uint8_t> bytes, std::string_view source,
                            std::string_view actor);
  // Submit's checks and ingest without the store: the part batch intake runs
  // on many threads before it stores the posters in input order with Add.
  Result<ingest::Poster> Ingest(std::vector<uint8_t> bytes, const Submission& submission) const;

  // Stores an ingested poster as a new entry in status `submitted`, in one
  // transaction with its files, fingerprints, markers, QR payloads, flags and an
  // audit record by `actor`. Fails with duplicate (naming the entry that holds
  // the same bytes) or store_failed; on failure nothing is left behind.
  // Posters within the config's near_duplicate_distance of a live entry are
  // stored and flagged near_duplicate on both sides.
  Result<Entry> Add(const ingest::Poster& poster, const Submission& submission,
                    std::string_view actor);

  // The entry with this id, or not_found.
  Result<Entry> Get(int64_t id) const;

  // -- the contest (gallery/contest.cc) --

  // The contest's config: the one `InitContest` stored, else the built-in one.
  ContestConfig Config() const;

  // Stores `toml` as the contest's config after checking it (config_invalid),
  // with an audit record holding its full text. Admins only (not_permitted).
  // kFirstOnly leaves a config stored before alone: contest_exists.
  Status InitContest(std::string_view toml, std::string_view origin, std::string_view actor,
                     InitMode mode = InitMode::kReplace);

  // Every phase's effective window (configured, then opened or closed by hand).
  Result<std::vector<PhaseState>> Phases() const;

  // Opens or closes a phase now. Admins only.
  Status SetPhase(voting::Phase phase, PhaseChange change, std::string_view actor);

  // The calendar (gallery/store/contest.cc): sets when a phase opens and closes,
  // taking precedence over the config's [phases.*]; a side left empty keeps the
  // config's. Opening or closing by hand still wins over both. Fails with
  // invalid_schedule when the end does not come after the start; admins only.
  Status SetPhaseSchedule(voting::Phase phase, std::optional<voting::Instant> start,
                          std::optional<voting::Instant> end, std::string_view actor);

  // The catalogue's clock now: the time the pages count down against.
  voting::Instant Now() const;

  // -- people (gallery/roster.cc) --

  // Adds and updates people from a roster CSV (UTF-8 with or without BOM, or
  // CP949 as Korean spreadsheets save it). The whole file or nothing: fails with
  // roster_invalid naming the line and column. Admins only.
  Result<RosterImport> ImportRoster(const std::filesystem::path& csv, std::string_view actor);
  // The same from the file's bytes (an upload); `origin` names it in errors.
  Result<RosterImport> ImportRosterBytes(std::string_view bytes, std::string_view origin,
                                         std::string_view actor);
  Result<std::vector<PersonRecord>> Roster() const;

  // -- listings (gallery/listing.cc) --

  // Entries in `status`, oldest first.
  Result<std::vector<Entry>> EntriesIn(voting::EntryStatus status) const;
  // Every entry `author` made or co-authored, newest first.
  Result<std::vector<Entry>> EntriesBy(std::string_view author) const;
  // The blob behind a media URL: the original of a file with this SHA-256, or
  // its derivative `width` wide in `format`; not_found otherwise.
  Result<Media> FindMedia(std::string_view sha256, std::optional<int> width,
                          ingest::Format format) const;
  // One person on the roster, or not_found.
  Result<PersonRecord> Person(std::string_view employee_id) const;

  // -- moderation and the author's actions (gallery/moderation.cc) --

  // Submitted entries, oldest first, each with every flag ingest raised.
  Result<std::vector<Entry>> ReviewQueue() const;
  // The review claims still running, by entry: who holds each, until when (UTC).
  Result<std::map<int64_t, ReviewClaim>> ReviewClaims() const;

  // Marks the entry as being reviewed by `moderator` for ten minutes, so that a
  // second moderator is told (claimed_by_other) instead of deciding it too.
  Result<Entry> Claim(int64_t entry, std::string_view moderator);

  // Applies `action` to an entry: approve, reject, request_changes (moderators),
  // withdraw (its author), disqualify (admins). Only the transitions voting
  // allows; each is audited with actor, time, from, to and reason. Withdrawing
  // or disqualifying voids the entry's votes (each void audited).
  Result<Entry> Decide(int64_t entry, voting::EntryAction action, std::string_view reason,
                       std::string_view actor);
  // Takes back the moderator's own approve / reject / request changes within
  // kUndoFor, while nothing else has happened to the entry since (no vote, no
  // other record): the entry is submitted again and claimed by them. Audited
  // as entry.undo; undo_closed otherwise.
  Result<Entry> UndoDecision(int64_t entry, std::string_view actor);
  // Changes an entry's words. Its author may change title,
  // description and alt text whenever they may replace its file (submission
  // open; submitted or changes requested: an edit sends it back to the queue
  // as submitted); a moderator may change the alt text at any time. Validated
  // like a submission; audited as entry.edit with the new words.
  Result<Entry> EditEntry(int64_t entry, const EntryEdit& edit, std::string_view actor);

  // A new file for a submitted or changes_requested entry, by its author, while
  // submission is open; the previous versions are kept. Back to submitted.
  Result<Entry> Replace(int64_t entry, const ingest::Poster& poster, std::string_view source,
                        std::string_view actor);

  // -- peer votes (gallery/ballots.cc) --

  // One transaction each; the rules are voting::CheckCast and CheckRetract.
  Status CastVote(std::string_view voter, int64_t entry);
  Status RetractVote(std::string_view voter, int64_t entry);
  Result<Ballot> BallotOf(std::string_view voter) const;

  // -- vote integrity and receipts (issue 11; ballots.cc, vote_integrity.cc) --

  // CastVote with the voter's secret and address: the receipt (and the secret,
  // when the store drew it). Fails as CastVote, or bad_request for a malformed secret.
  Result<VoteReceipt> CastVote(std::string_view voter, int64_t entry, const VoteSource& source);
  // An admin voids a vote with a reason: the row stays (the voter's budget stays
  // spent), the tally leaves it out; audited as vote.void. Fails with
  // reason_required, not_voted, or invalid_transition (already voided, or the
  // results announced).
  Status VoidVote(std::string_view voter, int64_t entry, std::string_view reason,
                  std::string_view actor);
  // The vote integrity report (voting::BuildIntegrityReport), for admins, from
  // the tables or from the log replayed alone: the two agree.
  Result<voting::IntegrityReport> VoteIntegrity(std::string_view viewer,
                                                ReportSource source = ReportSource::kTables) const;
  // The receipts the announcement published (published = false before).
  Result<PublishedReceipts> Receipts() const;
  // Whether `receipt` is among them, with its inclusion proof. bad_request when
  // it is not 64 lowercase hex digits.
  Result<ReceiptCheck> CheckReceipt(std::string_view receipt) const;

  // -- what a person may do (gallery/allowed_actions.cc) --

  // For each of `entries`, what `viewer` may do with it now, decided by the
  // same checks that CastVote, RetractVote, ReplaceFile and Decide(kWithdraw)
  // run, in one read under the lock. An entry that does not exist maps to no
  // actions. Fails only with store_failed.
  Result<std::map<int64_t, std::vector<EntryActionAllowed>>> ActionsFor(
      std::string_view viewer, const std::vector<int64_t>& entries) const;

  // -- judging (gallery/judging.cc) --

  // Assigns judges to every approved entry (voting::AssignJudges), replacing
  // assignments that have no score yet. Admins only.
  Result<std::vector<voting::Assignment>> AssignJudges(std::string_view seed,
                                                       std::string_view actor);
  // Takes `judge` off the entries they have not scored and gives those to others.
  Result<std::vector<voting::Assignment>> DropJudge(std::string_view judge, std::string_view seed,
                                                    std::string_view actor);
  // A judge's scores for an assigned entry, inside the judging window; a later
  // score replaces an earlier one.
  // The judge's comment (심사평, at most kMaxAwardText characters; empty: none)
  // is stored and audited with the scores (invalid_metadata when too long).
  Status Score(std::string_view judge, int64_t entry, const std::vector<int>& scores,
               std::string_view comment = {});
  // A judge's list in their own order (voting::JudgeOrder from the last
  // assignment's seed: derived, never stored), each task with its position.
  Result<std::vector<JudgeTask>> JudgeTasks(std::string_view judge) const;

  // -- fair judging (gallery/store/fair_judging_store.cc; docs/tally.md) --

  // `judge` declares a conflict with an entry on their list, with a reason
  // (voting::CheckRecusal: not_assigned, already_scored, outside_window after
  // the announcement, reason_required). The entry goes to another judge as a
  // dropped judge's would (voting::Recuse; not_enough_judges when nobody may
  // take it), the recusal is kept, and both are audited as judge.recuse.
  Result<Recusal> Recuse(std::string_view judge, int64_t entry, std::string_view reason);
  // Every recusal (admins), or those `viewer` declared (anyone else), oldest first.
  Result<std::vector<Recusal>> Recusals(std::string_view viewer) const;
  // Each judge's totals against their positions (voting::CheckOrderEffect),
  // by judge. Admins only.
  Result<std::vector<voting::OrderEffect>> OrderEffects(std::string_view actor) const;
  // Whether the entries' authors (names, co-authors, departments) are hidden
  // from `viewer` now (voting::AuthorsHidden; "" for someone not signed in).
  Result<bool> AuthorsHidden(std::string_view viewer) const;

  // -- the pairwise final (gallery/store/pairwise_store.cc; docs/tally.md) --

  // An admin opens the final on `finalists` (voting::CheckFinalists:
  // invalid_finalists), before the announcement and once (invalid_transition);
  // audited as final.open. From then on the tally places the finalists in the
  // final's order (voting::Tally).
  Result<PairwiseFinal> OpenPairwiseFinal(const std::vector<int64_t>& finalists,
                                          std::string_view seed, int max_per_judge,
                                          std::string_view actor);
  // An admin ends it: no answers after (final.close).
  Result<PairwiseFinal> ClosePairwiseFinal(std::string_view actor);
  // The final as `viewer` may see it (admins all of it, judges their own
  // answers and not the order); nothing when none was opened.
  Result<std::optional<PairwiseFinal>> PairwiseFinalFor(std::string_view viewer) const;
  // The pair `judge` is to compare now (voting::NextPair, without the finalists
  // they may not judge); nothing when they are done, or the final is closed.
  Result<std::optional<voting::PairToShow>> NextPairFor(std::string_view judge) const;
  // `judge` answers the pair they were shown (pair_not_offered for any other;
  // invalid_transition when no final is open); audited as judge.pair.
  Status AnswerPair(const voting::PairJudgment& answer);

  // -- results (gallery/results.cc) --

  // The result table: the announced one once there is one, else computed now.
  // Sealed (results_sealed) from everyone but admins until announced, by hand
  // or at the results phase's start. Once announced, admins (and the operator)
  // see the whole table; judges and everyone else the view that [results]
  // gives them, without employee numbers. Fails with store_failed
  // (announcement_missing) when the log announced results the tables lost.
  Result<Results> ResultsFor(std::string_view viewer);
  // Announces the results now: stores the table and its SHA-256, audited.
  Result<Results> Announce(std::string_view actor);

  // -- awards (gallery/store/awards.cc, objections.cc, dashboard.cc) --

  // Each awarded entry's tier, from the stored announcement only: empty before
  // the announcement, never a live tally.
  Result<std::map<int64_t, AwardedTier>> AwardedTiers() const;
  // Moves whenever anything a gallery card shows changes, by any process.
  Result<int64_t> GalleryVersion() const;
  // Every judge's non-empty comment, by entry then judge. Admins only.
  Result<std::vector<JudgeComment>> JudgeComments(std::string_view actor) const;
  // Publishes a judge's comment on an entry (its text as of now) or withdraws
  // it, audited. Admins only; not_found when there is no such comment.
  Status PublishComment(std::string_view judge, int64_t entry, CommentChange change,
                        std::string_view actor);
  // The published comments' texts by entry, once the results are announced
  // (empty before). Judges are not named: the page says 심사위원.
  Result<std::map<int64_t, std::vector<std::string>>> PublishedComments() const;

  // Files an objection about an entry of the announced table, during the
  // objection period ([results] objection_days after the announcement;
  // objection_closed outside it). Only people with the employee role (authors
  // and voters; not_permitted otherwise); the text is 1 to kMaxAwardText
  // characters (invalid_metadata); not_found for an entry not in the table.
  Result<Objection> FileObjection(std::string_view filer, int64_t entry, std::string_view text);
  // Every objection, oldest first (admins only), or the ones `filer` filed.
  Result<std::vector<Objection>> Objections(std::string_view actor) const;
  Result<std::vector<Objection>> ObjectionsBy(std::string_view filer) const;
  // Answers (or answers again) an objection, audited. Admins only; the answer
  // is 1 to kMaxAwardText characters; not_found for an unknown objection.
  Result<Objection> AnswerObjection(int64_t id, std::string_view answer, std::string_view actor);

  // Entries by state, the review queue, turnout, judges' progress, objections
  // and comments. Admins only.
  Result<Dashboard> DashboardFor(std::string_view actor) const;

  // -- Korea's rules for public contests (gallery/store/revocations.cc, shortlist.cc) --

  // Revokes the award (수상 취소) of an entry that holds a tier in the final
  // results, for misconduct found later: audited (award.revoke, with the tiers
  // re-derived by voting::AssignTiers under [results] revoked_tier), shown on
  // the results page from then on. Admins only; the reason is 1 to
  // kMaxAwardText characters (invalid_metadata). Fails with not_revocable
  // (reason not_final, not_awarded or already_revoked).
  Result<Revocation> RevokeAward(int64_t entry, std::string_view reason, std::string_view actor);
  // Every revocation, in the order they were made.
  Result<std::vector<Revocation>> Revocations() const;
  // The shortlist of the verification period (검증 기간): the announced table's
  // entries that hold a tier, each with its nearest near-duplicate neighbours
  // (live entries within [ingest] near_duplicate_distance, nearest first, at
  // most kShortlistNeighbours). results_sealed before the announcement (for
  // everyone: it is public from the announcement on).
  Result<Shortlist> ShortlistNow() const;

  // -- citizens' choice (issue 12; gallery/store/citizen_likes.cc, docs/web.md) --

  // A new device's token for its cookie: a random id and its MAC
  // (crypto_auth) under the folder's own key (table server_keys). Fails with
  // store_failed.
  Result<std::string> NewCitizenDevice();
  // Whether `token` is one NewCitizenDevice made (and not altered).
  bool ValidCitizenDevice(std::string_view token);
  // A citizen likes an approved entry from a device (its token) and an
  // address (kept in memory only, hashed, for the limiter). Refused, in this
  // order, with device_required (no valid token), not_found (no such approved
  // entry), likes_closed, already_liked (one per device and entry),
  // like_rate_limited (the device's, then the address's bucket; detail
  // `limit` device|address and `retry_after` seconds). Each refusal is counted
  // by reason; a like is stored under a keyed hash of the device and audited
  // as citizen.like in one transaction.
  Result<CitizenLike> LikeAsCitizen(int64_t entry, std::string_view device,
                                    std::string_view address);
  // The counts the lobby screen may show now (CitizenLikeCounts).
  Result<CitizenLikeCounts> CitizenLikes() const;
  // Every count and the drops by reason. Admins only (not_permitted).
  Result<CitizenLikeReport> CitizenLikeReportFor(std::string_view actor) const;

  // -- accounts (gallery/accounts.cc) --

  // A one-time invitation for someone on the roster to set their first
  // password: returns the token to put in a link (valid 14 days). Admins only.
  Result<std::string> Invite(std::string_view employee_id, std::string_view actor);
  // Invitations for everyone on the roster who has no password yet: (id, token).
  Result<std::vector<std::pair<std::string, std::string>>> InviteAll(std::string_view actor);
  // Who an open invitation is for; invitation_used when its password was set
  // already (the person signs in instead), invalid_token when it is unknown,
  // replaced or expired.
  Result<InvitationView> Invitation(std::string_view token) const;
  // Sets the password of the invitation's person (Argon2id) and signs them in.
  // Fails with invitation_used, invalid_token or weak_password.
  Result<Session> AcceptInvitation(std::string_view token, std::string_view password);
  // Fails with bad_credentials, the same for an unknown person and a wrong password.
  Result<Session> SignIn(std::string_view employee_id, std::string_view password);
  Status SignOut(std::string_view token);
  // The person behind a session token; not_signed_in when it is unknown or expired.
  Result<Viewer> ViewerOf(std::string_view token);
  // A session for someone on the roster without a password: for a trusted
  // single-sign-on proxy, and for load tests. not_on_roster when unknown.
  Result<Session> SessionFor(std::string_view employee_id);

  // -- notices (gallery/store/outbox.cc, notices.cc, notice_schedule.cc) --
  // Notices are queued inside the transaction of what they tell (an
  // invitation, a moderator's decision, a new entry) when [mail] is enabled,
  // each once: the same kind, subject and person never twice.

  // Claims up to `limit` messages that are due (waiting with next_try_at
  // passed, or sending with a lapsed claim) for `lease`, so that no other
  // worker or process sends them meanwhile; returned with their links filled in.
  Result<std::vector<OutboxMessage>> ClaimDueMessages(int limit, std::chrono::seconds lease);
  // The server accepted message `id` (claimed as `claim`): sent, its link forgotten.
  Status MarkSent(int64_t id, std::string_view claim);
  // Sending failed with `error`: waiting again after a backoff (1 minute,
  // doubling, at most an hour), or failed after `max_attempts`.
  Status MarkAttemptFailed(int64_t id, std::string_view claim, std::string_view error,
                           int max_attempts);
  // The outbox for the admin page: counts and the latest `limit` messages. Admins only.
  Result<OutboxListing> Outbox(std::string_view viewer, int limit) const;
  // A failed message waits again, now, with its attempts reset; audited. Admins only.
  Status Resend(int64_t id, std::string_view actor);
  // Queues what the calendar says is due: voting opens, voting closes within
  // [mail].closing_reminder_hours, results announced. Each once; returns how
  // many messages it queued.
  Result<int> QueueScheduledNotices();

  // A one-time link (valid an hour, the invitation's page) for a person who
  // forgot their password, mailed to their address. Succeeds the same way
  // whether or not the number exists or has an address (the caller answers
  // the same either way); fails only with store_failed.
  Status RequestPasswordReset(std::string_view employee_id);

  // Whether `person` asked for no optional notices (reminders, results).
  Result<bool> NoticesOptOut(std::string_view person) const;
  // Sets it; audited (person.notices). not_on_roster when unknown.
  Status SetNoticesOptOut(std::string_view person, bool opt_out);

  // -- audit (gallery/audit_verify.cc) --

  // Checks the hash chain, replays the whole log and compares what it says
  // with every table that carries the contest's state (entries and their
  // files, people and roles, passwords, the config, phase overrides, votes,
  // judge assignments, scores, announcements), then recomputes the tally from
  // the replay alone. With `published` (a head someone wrote down earlier, such
  // as the one printed beside announced results), also checks that the log
  // still holds that record with that hash: a log cut short or rewritten below
  // it is reported. docs/audit.md says what this proves and what it cannot.
  Result<AuditReport> VerifyAudit(std::optional<AuditHead> published = std::nullopt) const;
  // The log's last record now (`poster audit head`).
  Result<AuditHead> Head() const;

  // Checks that every blob is named by a row and every row's blob exists, and
  // runs SQLite's integrity checks. kRepair removes orphans and stale temp files.
  Result<FsckReport> Fsck(FsckMode mode);

  // -- operations (issue 13; operations.h has the records and the restore) --

  // A consistent copy of the folder into `target` (new or empty, else
  // target_not_empty) while others write: SQLite's online backup, the blobs
  // it names, backup.json with each file's SHA-256 and the log's head.
  Result<BackupReport> Backup(const std::filesystem::path& target) const;
  // This SQLite catalogue copied into the empty PostgreSQL database `url` (migrate.cc).
  Result<MigrationReport> MigrateTo(const std::string& url) const;
  // Small counts of what the catalogue holds (gauges.cc), in one read
  // transaction: the metrics, and the readiness check. store_failed.
  Result<StoreGauges> Gauges() const;
  // Removes the personal data the contest no longer needs (privacy.cc,
  // docs/operations.md): what has expired at any time, the rest once the
  // results have been final for [privacy] retention_days; the audit log stays
  // whole and verifies. kDryRun only counts. Admins only (not_permitted).
  Result<PurgeReport> PurgePersonalData(PurgeMode mode, std::string_view actor);

  const std::filesystem::path& data_dir() const;

  // Tests only: called with the name of each step of Add ("blobs_written",
  // "blobs_placed", "rows_written"), so a test can stop the process there.
  void SetFailpointForTesting(std::function<void(std::string_view step)> failpoint);

  static const Clock& DefaultClock();

 private:
  explicit Catalogue(std::unique_ptr<CatalogueState> state);
  std::unique_ptr<CatalogueState> impl_;
};

}  // namespace poster::gallery
