#include "gallery/store/fsck.h"

#include <algorithm>
#include <set>

#include "gallery/store/entry_store.h"

namespace poster::gallery {
namespace fs = std::filesystem;
namespace {

Status CollectPragma(Database& db, std::string_view pragma, std::vector<std::string>& findings) {
  POSTER_RETURN_IF_ERROR(ForEachRow(db.Prepare(pragma), [&](const Statement& query) {
    std::string finding = query.Text(0);
    if (finding != "ok") findings.push_back(std::string(pragma) + ": " + finding);
  }));
  return Status::Ok();
}

// Checks each named blob's size; returns the set of names.
Result<std::set<std::string>> CheckNamed(Database& db, const BlobStore& blobs, FsckReport& report) {
  std::set<std::string> named;
  POSTER_RETURN_IF_ERROR(ForEachRow(db.Prepare(kNamedBlobs), [&](const Statement& query) {
    std::string blob = query.Text(0);
    std::error_code error;
    auto size = fs::file_size(blobs.Absolute(blob), error);
    if (error || int64_t(size) != query.Int(1)) report.missing_blobs.push_back(blob);
    named.insert(std::move(blob));
  }));
  std::sort(report.missing_blobs.begin(), report.missing_blobs.end());
  report.missing_blobs.erase(std::unique(report.missing_blobs.begin(), report.missing_blobs.end()),
                             report.missing_blobs.end());
  return named;
}

}  // namespace

namespace {

Status Inspect(Database& db, const BlobStore& blobs, FsckReport& report) {
  // SQLite's own checks of its file. PostgreSQL enforces foreign keys on every
  // write and checks its pages itself (data checksums, amcheck): nothing to ask.
  if (!db.postgres()) {
    POSTER_RETURN_IF_ERROR(CollectPragma(db, "PRAGMA integrity_check", report.database_errors));
    POSTER_RETURN_IF_ERROR(CollectPragma(db, "PRAGMA foreign_key_check", report.database_errors));
  }
  POSTER_ASSIGN_OR_RETURN(std::set<std::string> named, CheckNamed(db, blobs, report));
  for (const std::string& blob : blobs.ListBlobs(report.io_errors)) {
    if (!named.count(blob)) report.orphan_blobs.push_back(blob);
  }
  for (const fs::path& temp : blobs.ListStaleTemps(report.io_errors)) {
    report.stale_temp.push_back(temp.lexically_relative(blobs.root()).string());
  }
  return Status::Ok();
}

// Removes the orphans and stale temp files; repaired only when every one went.
void Repair(const BlobStore& blobs, FsckReport& report) {
  bool all_removed = report.io_errors.empty();
  for (const auto* list : {&report.orphan_blobs, &report.stale_temp}) {
    for (const std::string& file : *list) {
      std::error_code error = blobs.Remove(file);
      if (!error) continue;
      report.io_errors.push_back("could not remove " + file + ": " + error.message());
      all_removed = false;
    }
  }
  report.repaired = all_removed;
}

}  // namespace

Result<FsckReport> CheckCatalogue(Database& db, const BlobStore& blobs, FsckMode mode) {
  FsckReport report;
  if (mode == FsckMode::kReport) {  // reads only: works on a read-only copy or a full disk
    POSTER_RETURN_IF_ERROR(InReadTransaction(db, [&] { return Inspect(db, blobs, report); }));
    return report;
  }
  POSTER_RETURN_IF_ERROR(InTransaction(db, [&]() -> Status {
    POSTER_RETURN_IF_ERROR(Inspect(db, blobs, report));
    Repair(blobs, report);
    return Status::Ok();
  }));
  return report;
}

void RemoveUnreferenced(Database& db, const BlobStore& blobs,
                        const std::vector<std::string>& placed) {
  if (placed.empty()) return;
  (void)InTransaction(db, [&]() -> Status {
    for (const std::string& blob : placed) {
      Result<bool> referenced = BlobReferenced(db, blob);
      if (referenced.ok() && !*referenced) (void)blobs.Remove(blob);
    }
    return Status::Ok();
  });
}

}  // namespace poster::gallery
