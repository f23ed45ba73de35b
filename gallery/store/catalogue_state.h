// What a Catalogue holds, and the helpers its operations share (private to
// gallery). Every operation takes `mutex` for its whole length: one connection,
// one thread at a time; SQLite's write lock extends that to other processes.
#pragma once

#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <set>
#include <string>

#include "gallery/store/blob_store.h"
#include "gallery/store/entry_store.h"
#include "gallery/store/sqlite.h"
#include "gallery/store/store.h"

namespace poster::gallery {

struct CitizenState;  // citizen_limiter.h (issue 12): the likes' limiter and key

struct CatalogueState {
  CatalogueState(std::filesystem::path dir, Database database, BlobStore store, const Clock& time)
      : data_dir(std::move(dir)), db(std::move(database)), blobs(std::move(store)), clock(&time) {}

  std::filesystem::path data_dir;
  Database db;
  BlobStore blobs;
  const Clock* clock;
  std::mutex mutex;
  std::function<void(std::string_view)> failpoint = [](std::string_view) {};
  voting::Instant created;                 // when the contest's folder was created
  ContestConfig config;                    // stored by InitContest, or the default
  std::shared_ptr<CitizenState> citizens;  // made on the first like (citizen_likes.cc)

  voting::Instant Now() const;
  std::string NowText() const;
};

// How long opening an entry in the review queue holds it for one moderator.
inline constexpr auto kClaimFor = std::chrono::minutes(10);

// Gives `entry`'s review to `moderator` for kClaimFor from now, whoever held it.
inline Status ClaimForReview(CatalogueState& self, int64_t entry, std::string_view moderator) {
  return Execute(self.db,
                 "INSERT INTO review_claims (entry_id, moderator, expires_at) VALUES (?, ?, ?) "
                 "ON CONFLICT (entry_id) DO UPDATE SET moderator = excluded.moderator, "
                 "expires_at = excluded.expires_at",
                 entry, moderator, FormatUtc(self.clock->Now() + kClaimFor));
}

// The machine's operator: the CLI's actor when no --as is given, holding every role.
inline constexpr std::string_view kOperator = "operator";

// The employee number as the roster lists it, for one typed in another case
// (e1001 for E1001: employee numbers are case-insensitive); nothing when
// nobody on the roster has it.
Result<std::optional<std::string>> ListedId(Database& db, std::string_view typed);

// The person with this id in any case (their `id` as listed), or nothing when
// they are not on the roster.
Result<std::optional<voting::Person>> FindPerson(Database& db, std::string_view id);

// The person with this id; not_on_roster when there is none.
Result<voting::Person> RequirePerson(Database& db, std::string_view id);

// True when nobody has been imported yet.
Result<bool> RosterEmpty(Database& db);

// Fails with not_permitted unless `actor` is the operator or holds `role`
// (an admin may do what a moderator may).
Status RequireRole(Database& db, std::string_view actor, voting::Role role, std::string_view doing);

// The opening the catalogue's writes share: its lock, one write transaction
// (BEGIN IMMEDIATE ... COMMIT, rolled back when `body` fails), and, for WriteAs,
// the actor's role checked inside that transaction before `body` runs. `then`,
// when given, runs after the commit and still under the lock: to read back
// what was written, or to change what the catalogue keeps in memory.
struct Permission {
  std::string_view actor;
  voting::Role role;
  std::string doing;  // "assign judges": for the refusal's message
};

template <typename Body, typename Then>
auto Write(CatalogueState& self, Body&& body, Then&& then) -> decltype(then()) {
  std::lock_guard lock(self.mutex);
  POSTER_RETURN_IF_ERROR(InTransaction(self.db, body));
  return then();
}

template <typename Body>
Status Write(CatalogueState& self, Body&& body) {
  return Write(self, body, [] { return Status::Ok(); });
}

template <typename Body, typename Then>
auto WriteAs(CatalogueState& self, const Permission& permission, Body&& body, Then&& then)
    -> decltype(then()) {
  auto checked = [&]() -> Status {
    POSTER_RETURN_IF_ERROR(
        RequireRole(self.db, permission.actor, permission.role, permission.doing));
    return body();
  };
  return Write(self, checked, then);
}

template <typename Body>
Status WriteAs(CatalogueState& self, const Permission& permission, Body&& body) {
  return WriteAs(self, permission, body, [] { return Status::Ok(); });
}

// The phase's window now: configured, then the overrides stored in the database.
Result<voting::Window> PhaseWindow(CatalogueState& state, voting::Phase phase);

// The entry's status, author and co-authors; not_found when there is no such entry.
struct EntryFacts {
  voting::EntryStatus status = voting::EntryStatus::kSubmitted;
  std::string author;
  std::vector<std::string> co_authors;
  bool AuthoredBy(std::string_view person) const;
};
Result<EntryFacts> FactsOf(Database& db, int64_t entry);

// What the vote rules read about one voter (ballots.cc): gathered once, then
// joined with each entry's facts, for a vote and for the actions a page lists.
struct VoterFacts {
  std::string id;
  std::optional<voting::Person> person;  // nothing: not on the roster
  std::set<int64_t> votes;               // the entries they voted for
  voting::Window voting;
  voting::Instant now;
};
Result<VoterFacts> GatherVoter(CatalogueState& state, std::string_view voter);
voting::BallotFacts BallotFactsOf(const VoterFacts& voter, int64_t entry, const EntryFacts& target);

// The results are announced (so disqualification is over): a stored
// announcement, or a results.announce record in the log, so that deleting the
// announcement's row does not reopen what the announcement closed.
Result<bool> Announced(Database& db);

// Reads the contest's row (creating it on first open, unless kReadOnly) and
// its stored config.
Status LoadContest(CatalogueState& state, Access access);

// Everything a new entry must satisfy besides its bytes: people on the roster, a
// theme of the contest, the submission window and the author's entry limit. The
// operator's bulk imports are exempt from the last two.
Status CheckNewEntry(CatalogueState& state, const Submission& submission);
// The pledge and consent a submission must carry under [submission]
// require_pledge (submission.cc); fails with pledge_required.
Status CheckPledge(const ContestConfig& config, const Submission& submission);

// The duplicate Status naming the entry that already holds the same bytes.
Status DuplicateOf(Database& db, const BlobStore& blobs, int64_t entry_id);

// What an entry's change of status reads besides the entry (moderation.cc).
struct TransitionContext {
  bool submission_open = false;
  bool results_announced = false;
};
Result<TransitionContext> GatherTransitionContext(CatalogueState& state);

// Whether `actor` may apply `action` to the entry now (its author, a moderator's
// claim, the transitions voting allows), and the status it would go to: the
// check Decide, Replace and the allowed actions share.
Result<voting::EntryStatus> CheckEntryAction(CatalogueState& state, int64_t entry,
                                             const EntryFacts& facts,
                                             const TransitionContext& context,
                                             voting::EntryAction action, std::string_view reason,
                                             std::string_view actor);

// Replace's checks: the entry exists, `actor` may replace it, and it may be
// replaced now. Returns the entry's facts and the status it goes to.
Result<std::pair<EntryFacts, voting::EntryStatus>> CheckReplace(CatalogueState& state,
                                                                int64_t entry,
                                                                std::string_view actor);

// Stores a poster's blobs and rows in one write transaction: `check`, then the
// duplicate check of its bytes, then the blobs are placed, then `rows`
// writes what names them. On failure nothing is left. The caller holds
// state.mutex.
Status StorePoster(CatalogueState& state, const ingest::Poster& poster,
                   const std::function<Status()>& check,
                   const std::function<Status(const BlobNames&)>& rows);

}  // namespace poster::gallery
