#include "gallery/fsck.h"

#include <algorithm>
#include <set>

#include "gallery/entry_store.h"

namespace poster::gallery {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kNamedBlobs =
    "SELECT blob, bytes FROM files UNION ALL SELECT blob, bytes FROM derivatives";

Status CollectPragma(Database& db, std::string_view pragma, std::vector<std::string>& findings) {
  Result<Statement> query = db.Prepare(pragma);
  if (!query.ok()) return query.status();
  while (true) {
    Result<bool> row = query->Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
    std::string finding = query->Text(0);
    if (finding != "ok") findings.push_back(std::string(pragma) + ": " + finding);
  }
}

// Checks each named blob's size; returns the set of names.
Result<std::set<std::string>> CheckNamed(Database& db, const BlobStore& blobs, FsckReport& report) {
  std::set<std::string> named;
  Result<Statement> query = db.Prepare(kNamedBlobs);
  if (!query.ok()) return query.status();
  while (true) {
    Result<bool> row = query->Step();
    if (!row.ok()) return row.status();
    if (!*row) break;
    std::string blob = query->Text(0);
    std::error_code error;
    auto size = fs::file_size(blobs.Absolute(blob), error);
    if (error || int64_t(size) != query->Int(1)) report.missing_blobs.push_back(blob);
    named.insert(std::move(blob));
  }
  std::sort(report.missing_blobs.begin(), report.missing_blobs.end());
  report.missing_blobs.erase(std::unique(report.missing_blobs.begin(), report.missing_blobs.end()),
                             report.missing_blobs.end());
  return named;
}

}  // namespace

Result<FsckReport> CheckCatalogue(Database& db, const BlobStore& blobs, FsckMode mode) {
  FsckReport report;
  Status status = InTransaction(db, [&]() -> Status {
    POSTER_RETURN_IF_ERROR(CollectPragma(db, "PRAGMA integrity_check", report.database_errors));
    POSTER_RETURN_IF_ERROR(CollectPragma(db, "PRAGMA foreign_key_check", report.database_errors));
    Result<std::set<std::string>> named = CheckNamed(db, blobs, report);
    if (!named.ok()) return named.status();
    for (const std::string& blob : blobs.ListBlobs()) {
      if (!named->count(blob)) report.orphan_blobs.push_back(blob);
    }
    for (const fs::path& temp : blobs.ListStaleTemps()) {
      report.stale_temp.push_back(temp.lexically_relative(blobs.root()).string());
    }
    if (mode == FsckMode::kRepair) {
      for (const std::string& blob : report.orphan_blobs) blobs.Remove(blob);
      for (const std::string& temp : report.stale_temp) blobs.Remove(temp);
      report.repaired = true;
    }
    return Status::Ok();
  });
  if (!status.ok()) return status;
  return report;
}

void RemoveUnreferenced(Database& db, const BlobStore& blobs,
                        const std::vector<std::string>& placed) {
  if (placed.empty()) return;
  (void)InTransaction(db, [&]() -> Status {
    for (const std::string& blob : placed) {
      Result<bool> referenced = BlobReferenced(db, blob);
      if (referenced.ok() && !*referenced) blobs.Remove(blob);
    }
    return Status::Ok();
  });
}

}  // namespace poster::gallery
