// Catalogue: the data folder as one object. Add() is where the crash-safety
// promise is kept: blobs are written to temp files outside the lock, then moved
// into place and named by rows inside one write transaction.
#include <nlohmann/json.hpp>

#include <mutex>

#include "gallery/audit.h"
#include "gallery/entry_store.h"
#include "gallery/fsck.h"
#include "gallery/schema.h"

namespace poster::gallery {
namespace fs = std::filesystem;

struct Catalogue::Impl {
  Impl(fs::path dir, Database database, BlobStore store, const Clock& time)
      : data_dir(std::move(dir)), db(std::move(database)), blobs(std::move(store)), clock(&time) {}

  fs::path data_dir;
  Database db;
  BlobStore blobs;
  const Clock* clock;
  std::mutex mutex;  // one connection, used by one thread at a time
  std::function<void(std::string_view)> failpoint = [](std::string_view) {};
};

namespace {

Result<std::vector<PendingBlob>> WriteTemps(const BlobStore& blobs, const ingest::Poster& poster) {
  std::vector<PendingBlob> pending;
  auto add = [&](std::span<const uint8_t> bytes, std::string relative) -> Status {
    Result<fs::path> temp = blobs.WriteTemp(bytes);
    if (!temp.ok()) return temp.status();
    pending.push_back({*temp, std::move(relative)});
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

Status DuplicateOf(Database& db, const BlobStore& blobs, int64_t entry_id) {
  Result<Entry> existing = ReadEntry(db, blobs, entry_id);
  std::string title = existing.ok() ? existing->submission.title : "";
  return Status(std::string(kDuplicate),
                "This exact file is already entry " + std::to_string(entry_id) + " (\"" + title +
                    "\"). Each poster can be entered once.",
                {{"entry", std::to_string(entry_id)}, {"title", title}});
}

std::string SubmitDetail(const ingest::Poster& poster, const Submission& submission) {
  return nlohmann::json{{"sha256", poster.sha256},
                        {"version", 1},
                        {"author", submission.author},
                        {"title", submission.title},
                        {"source", submission.source}}
      .dump();
}

}  // namespace

Catalogue::Catalogue(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Catalogue::Catalogue(Catalogue&&) noexcept = default;
Catalogue& Catalogue::operator=(Catalogue&&) noexcept = default;
Catalogue::~Catalogue() = default;

const Clock& Catalogue::DefaultClock() {
  static const SystemClock clock;
  return clock;
}

Result<Catalogue> Catalogue::Open(const fs::path& data_dir, const Clock& clock) {
  std::error_code error;
  fs::create_directories(data_dir, error);
  if (error) {
    return Status(
        std::string(kStoreFailed),
        "Could not create the data folder " + data_dir.string() + ": " + error.message() + ".",
        {{"reason", error.message()}});
  }
  fs::path absolute = fs::absolute(data_dir, error).lexically_normal();
  Result<Database> db = Database::Open(absolute / "contest.db");
  if (!db.ok()) return db.status();
  POSTER_RETURN_IF_ERROR(Migrate(*db));
  BlobStore blobs(absolute / "blobs");
  POSTER_RETURN_IF_ERROR(blobs.Prepare());
  auto impl = std::make_unique<Impl>(absolute, std::move(*db), std::move(blobs), clock);
  return Catalogue(std::move(impl));
}

Result<Entry> Catalogue::Add(const ingest::Poster& poster, const Submission& submission,
                             std::string_view actor, int near_duplicate_distance) {
  POSTER_RETURN_IF_ERROR(ValidateSubmission(submission));
  Result<std::vector<PendingBlob>> pending = WriteTemps(impl_->blobs, poster);
  if (!pending.ok()) return pending.status();
  std::lock_guard lock(impl_->mutex);
  Impl& self = *impl_;
  std::vector<std::string> placed;
  int64_t entry_id = 0;
  Status status = InTransaction(self.db, [&]() -> Status {
    Result<std::optional<int64_t>> duplicate = FindDuplicate(self.db, poster.sha256);
    if (!duplicate.ok()) return duplicate.status();
    if (*duplicate) return DuplicateOf(self.db, self.blobs, **duplicate);
    self.failpoint("blobs_written");
    POSTER_RETURN_IF_ERROR(self.blobs.Place(*pending, placed));
    self.failpoint("blobs_placed");
    Result<std::vector<Neighbour>> neighbours =
        FindNearDuplicates(self.db, poster.phash, near_duplicate_distance);
    if (!neighbours.ok()) return neighbours.status();
    std::string now = FormatUtc(self.clock->Now());
    Result<int64_t> id =
        InsertEntry(self.db, now, poster, submission, NamesOf(*pending), *neighbours);
    if (!id.ok()) return id.status();
    entry_id = *id;
    POSTER_RETURN_IF_ERROR(AppendAudit(self.db, *self.clock, actor, "entry.submit",
                                       "entry:" + std::to_string(entry_id),
                                       SubmitDetail(poster, submission)));
    self.failpoint("rows_written");
    return Status::Ok();
  });
  if (!status.ok()) {
    for (const PendingBlob& blob : *pending) self.blobs.RemoveTemp(blob.temp);
    RemoveUnreferenced(self.db, self.blobs, placed);
    return status;
  }
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
