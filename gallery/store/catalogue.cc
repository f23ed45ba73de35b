// Catalogue: the data folder as one object. StorePoster is where the
// crash-safety promise is kept: blobs are written to temp files outside the
// lock, then moved into place and named by rows inside one write transaction.
#include <nlohmann/json.hpp>

#include "base/text.h"
#include "gallery/store/audit.h"
#include "gallery/store/catalogue_state.h"
#include "gallery/store/entry_store.h"
#include "gallery/store/fsck.h"
#include "gallery/store/notices.h"
#include "gallery/store/schema.h"

namespace poster::gallery {
namespace fs = std::filesystem;
namespace {

// The catalogue's database: contest.db in the folder, or PostgreSQL at `url`.
Result<Database> OpenDatabase(const fs::path& folder, const std::string& url, Access access) {
  if (url.empty()) {
    POSTER_ASSIGN_OR_RETURN(Database db, Database::Open(folder / "contest.db", access));
    POSTER_RETURN_IF_ERROR(PrepareCatalogue(db, access, folder / "contest.db"));
    return db;
  }
  if (!url.starts_with("postgresql://") && !url.starts_with("postgres://")) {
    return Status(std::string(kStoreFailed),
                  "--database takes a postgresql:// URL (or nothing, for SQLite in the data "
                  "folder), not " +
                      url + ".",
                  {{"reason", "unsupported_database"}});
  }
  POSTER_ASSIGN_OR_RETURN(Database db, Database::OpenPostgres(url));
  POSTER_RETURN_IF_ERROR(PreparePostgresCatalogue(db, url));
  return db;
}

Result<std::vector<PendingBlob>> WriteTemps(const BlobStore& blobs, const ingest::Poster& poster) {
  std::vector<PendingBlob> pending;
  auto add = [&](std::span<const uint8_t> bytes, std::string relative) -> Status {
    POSTER_ASSIGN_OR_RETURN(fs::path temp, blobs.WriteTemp(bytes));
    pending.push_back({temp, std::move(relative)});
    return Status::Ok();
  };
  Status status =
      add(poster.original,
          BlobStore::OriginalPath(poster.sha256, ingest::FormatExtension(poster.info.format)));
  for (size_t i = 0; status.ok() && i < poster.derivatives.size(); ++i) {
    const ingest::Derivative& d = poster.derivatives[i];
    status = add(d.bytes,
                 BlobStore::DerivedPath(poster.sha256, d.width, ingest::FormatExtension(d.format)));
  }
  if (!status.ok()) {
    for (const PendingBlob& blob : pending) blobs.RemoveTemp(blob.temp);
    return status;
  }
  return pending;
}

BlobNames NamesOf(const std::vector<PendingBlob>& pending) {
  BlobNames names{pending.front().relative, {}};
  for (size_t i = 1; i < pending.size(); ++i) names.derivatives.push_back(pending[i].relative);
  return names;
}

}  // namespace

Status DuplicateOf(Database& db, const BlobStore& blobs, int64_t entry_id) {
  Result<Entry> existing = ReadEntry(db, blobs, entry_id);
  std::string title = existing.ok() ? existing->submission.title : "";
  return Status(std::string(kDuplicate),
                "This exact file is already entry " + std::to_string(entry_id) + " (\"" + title +
                    "\"). Each poster can be entered once.",
                {{"entry", std::to_string(entry_id)}, {"title", title}});
}

namespace {

Status NotATheme(const ContestConfig& config, const std::string& theme) {
  std::string names;
  for (const Theme& t : config.themes) names += (names.empty() ? "" : ", ") + t.name;
  return Status(std::string(kInvalidMetadata),
                "\"" + theme + "\" is not one of this contest's themes (" + names + ").",
                {{"field", "theme"}, {"problem", "not_a_theme"}, {"themes", names}, {"max", "0"}});
}

Status CheckPeople(Database& db, const Submission& submission) {
  POSTER_ASSIGN_OR_RETURN(bool empty, RosterEmpty(db));
  if (empty) return Status::Ok();  // a contest still being set up
  std::vector<std::string> people = submission.co_authors;
  people.insert(people.begin(), submission.author);
  for (const std::string& id : people) {
    POSTER_ASSIGN_OR_RETURN(std::optional<voting::Person> person, FindPerson(db, id));
    if (!person) {
      return Status(
          std::string(kNotOnRoster),
          id + " is not on the contest's roster; authors and co-authors must be staff on it.",
          {{"person", id}});
    }
  }
  return Status::Ok();
}

// The submission's employee numbers as the roster lists them (e1002 typed for
// E1002), so that "own entry" and every other check compares like with like.
Status AsListed(Database& db, Submission& submission) {
  std::vector<std::string*> ids = {&submission.author};
  for (std::string& id : submission.co_authors) ids.push_back(&id);
  for (std::string* id : ids) {
    POSTER_ASSIGN_OR_RETURN(std::optional<std::string> listed, ListedId(db, *id));
    if (listed) *id = *listed;
  }
  return Status::Ok();
}

}  // namespace

Status CheckNewEntry(CatalogueState& self, const Submission& submission) {
  const ContestConfig& config = self.config;
  bool known_theme = submission.theme.empty() || config.themes.empty() ||
                     std::any_of(config.themes.begin(), config.themes.end(), [&](const Theme& t) {
                       return t.name == submission.theme || t.name_en == submission.theme;
                     });
  if (!known_theme) return NotATheme(config, submission.theme);
  if (submission.author == kOperator) return Status::Ok();
  POSTER_RETURN_IF_ERROR(CheckPledge(config, submission));
  POSTER_RETURN_IF_ERROR(CheckPeople(self.db, submission));
  POSTER_ASSIGN_OR_RETURN(voting::Window window, PhaseWindow(self, voting::Phase::kSubmission));
  POSTER_ASSIGN_OR_RETURN(Statement live,
                          Query(self.db,
                                "SELECT count(*) FROM entries WHERE author = ? AND status IN "
                                "('submitted', 'approved', 'changes_requested')",
                                submission.author));
  POSTER_RETURN_IF_ERROR(live.Step().status());
  return voting::CheckSubmission(config.rules, window, self.Now(), int(live.Int(0)));
}

namespace {

std::string SubmitDetail(const ingest::Poster& poster, const Submission& submission) {
  return nlohmann::json{{"sha256", poster.sha256},
                        {"author", submission.author},
                        {"co_authors", submission.co_authors},
                        {"title", submission.title},
                        {"description", submission.description},
                        {"alt_text", submission.alt_text},
                        {"theme", submission.theme},
                        {"source", submission.source},
                        {"pledge_sha256", submission.pledge_sha256},
                        {"consent_sha256", submission.consent_sha256}}
      .dump();
}

}  // namespace

Status StorePoster(CatalogueState& self, const ingest::Poster& poster,
                   const std::function<Status()>& check,
                   const std::function<Status(const BlobNames&)>& rows) {
  POSTER_ASSIGN_OR_RETURN(std::vector<PendingBlob> pending, WriteTemps(self.blobs, poster));
  std::vector<std::string> placed;
  Status status = InTransaction(self.db, [&]() -> Status {
    POSTER_RETURN_IF_ERROR(check());  // who may, and when, before what the bytes are
    POSTER_ASSIGN_OR_RETURN(std::optional<int64_t> duplicate,
                            FindDuplicate(self.db, poster.sha256));
    if (duplicate) return DuplicateOf(self.db, self.blobs, *duplicate);
    self.failpoint("blobs_written");
    POSTER_RETURN_IF_ERROR(self.blobs.Place(pending, placed));
    self.failpoint("blobs_placed");
    POSTER_RETURN_IF_ERROR(rows(NamesOf(pending)));
    self.failpoint("rows_written");
    return Status::Ok();
  });
  if (!status.ok()) {
    for (const PendingBlob& blob : pending) self.blobs.RemoveTemp(blob.temp);
    RemoveUnreferenced(self.db, self.blobs, placed);
  }
  return status;
}

Catalogue::Catalogue(std::unique_ptr<CatalogueState> state) : impl_(std::move(state)) {}
Catalogue::Catalogue(Catalogue&&) noexcept = default;
Catalogue& Catalogue::operator=(Catalogue&&) noexcept = default;
Catalogue::~Catalogue() = default;

const Clock& Catalogue::DefaultClock() {
  static const SystemClock clock;
  return clock;
}

Result<Catalogue> Catalogue::Open(const fs::path& data_dir, const Clock& clock,
                                  const std::string& database) {
  std::error_code error;
  fs::create_directories(data_dir, error);
  if (error) {
    if (error.value() == ENOSPC) return DiskFull("could not create " + data_dir.string());
    return Status(
        std::string(kStoreFailed),
        "Could not create the data folder " + data_dir.string() + ": " + error.message() + ".",
        {{"reason", error.message()}});
  }
  fs::path absolute = fs::absolute(data_dir, error).lexically_normal();
  POSTER_ASSIGN_OR_RETURN(Database db, OpenDatabase(absolute, database, Access::kReadWrite));
  BlobStore blobs(absolute / "blobs");
  POSTER_RETURN_IF_ERROR(blobs.Prepare());
  auto state = std::make_unique<CatalogueState>(absolute, std::move(db), std::move(blobs), clock);
  POSTER_RETURN_IF_ERROR(LoadContest(*state, Access::kReadWrite));
  return Catalogue(std::move(state));
}

Result<Catalogue> Catalogue::OpenForReading(const fs::path& data_dir, const Clock& clock,
                                            const std::string& database) {
  // PostgreSQL has no read-only file to fall back on: its catalogue opens as
  // for writing (a full disk is the server's, reported as disk_full).
  if (!database.empty()) return Open(data_dir, clock, database);
  std::error_code error;
  fs::path absolute = fs::absolute(data_dir, error).lexically_normal();
  if (!fs::is_regular_file(absolute / "contest.db", error)) {
    return Status(std::string(kStoreFailed),
                  "There is no contest in " + absolute.string() +
                      " (no contest.db); name the data folder with --data.",
                  {{"reason", "no_catalogue"}});
  }
  POSTER_ASSIGN_OR_RETURN(Database db, Database::Open(absolute / "contest.db", Access::kReadOnly));
  Status prepared = PrepareCatalogue(db, Access::kReadOnly, absolute / "contest.db");
  if (!prepared.ok() && prepared.detail("reason") == "old_schema") {
    Result<Catalogue> upgraded = Open(data_dir, clock);  // a writable folder is upgraded first
    if (upgraded.ok()) return upgraded;
  }
  POSTER_RETURN_IF_ERROR(prepared);
  auto state = std::make_unique<CatalogueState>(absolute, std::move(db),
                                                BlobStore(absolute / "blobs"), clock);
  POSTER_RETURN_IF_ERROR(LoadContest(*state, Access::kReadOnly));
  return Catalogue(std::move(state));
}

Result<Entry> Catalogue::Add(const ingest::Poster& poster, const Submission& typed,
                             std::string_view actor) {
  POSTER_RETURN_IF_ERROR(ValidateSubmission(typed));
  std::lock_guard lock(impl_->mutex);
  CatalogueState& self = *impl_;
  Submission submission = typed;
  POSTER_RETURN_IF_ERROR(AsListed(self.db, submission));
  int64_t entry_id = 0;
  POSTER_RETURN_IF_ERROR(StorePoster(
      self, poster, [&] { return CheckNewEntry(self, submission); },
      [&](const BlobNames& names) -> Status {
        POSTER_ASSIGN_OR_RETURN(
            std::vector<Neighbour> neighbours,
            FindNearDuplicates(self.db, poster.phash, self.config.near_duplicate_distance));
        std::string now = self.NowText();
        POSTER_ASSIGN_OR_RETURN(entry_id, InsertEntry(self.db, now, submission));
        POSTER_RETURN_IF_ERROR(
            InsertFile(self.db, entry_id, now, poster, submission.source, names, neighbours));
        POSTER_RETURN_IF_ERROR(AppendAudit(self.db, *self.clock, actor, "entry.submit",
                                           "entry:" + std::to_string(entry_id),
                                           SubmitDetail(poster, submission)));
        return QueueEntryNotice(self, entry_id, voting::EntryStatus::kSubmitted, "");
      }));
  return ReadEntry(self.db, self.blobs, entry_id);
}

Result<Entry> Catalogue::Get(int64_t id) const {
  std::lock_guard lock(impl_->mutex);
  return ReadEntry(impl_->db, impl_->blobs, id);
}

Result<FsckReport> Catalogue::Fsck(FsckMode mode) {
  std::lock_guard lock(impl_->mutex);
  return CheckCatalogue(impl_->db, impl_->blobs, mode);
}

const fs::path& Catalogue::data_dir() const { return impl_->data_dir; }

void Catalogue::SetFailpointForTesting(std::function<void(std::string_view)> failpoint) {
  std::lock_guard lock(impl_->mutex);
  impl_->failpoint = std::move(failpoint);
}

}  // namespace poster::gallery
