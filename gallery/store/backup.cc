// poster backup and poster restore: a consistent copy of the data folder while
// the server runs, and the way back. The catalogue is copied by SQLite's online
// backup in one step (one read snapshot: writers go on, in WAL mode they never
// wait for it), then the blobs that snapshot names; blobs are content-addressed
// and never change, and a named blob is never removed, so the copy is whole.
#include <unistd.h>

#include <limits>
#include <nlohmann/json.hpp>
#include <set>

#include "base/sha256.h"
#include "gallery/store/audit.h"
#include "gallery/store/catalogue_state.h"
#include "gallery/store/fsck.h"
#include "gallery/store/schema.h"

namespace poster::gallery {
namespace fs = std::filesystem;
namespace {

constexpr const char* kManifest = "backup.json";
constexpr const char* kFormat = "poster-backup";
constexpr int kFormatVersion = 1;

Status Failed(const std::string& doing, const fs::path& path, const std::string& why) {
  return Status(std::string(kStoreFailed), "Could not " + doing + " " + path.string() + ": " + why,
                {{"reason", why}, {"path", path.string()}});
}

// What is wrong with a backup, as the code its message is translated by, and in English.
enum class Fault { kMissing, kChanged, kOutside, kNotManifest, kFormat, kUnlisted, kIncomplete };

Status Invalid(const fs::path& backup, const std::string& file, Fault fault) {
  static constexpr const char* kCodes[] = {"missing", "changed",  "outside",   "not_manifest",
                                           "format",  "unlisted", "incomplete"};
  static constexpr const char* kWords[] = {"is missing",
                                           "differs from what the manifest says",
                                           "is outside the backup",
                                           "is not a poster backup's manifest",
                                           "is of a backup format this poster does not read",
                                           "is not listed",
                                           "is named by the catalogue but not in the backup"};
  return Status(std::string(kBackupInvalid),
                backup.string() + " is not a whole poster backup: " + file + " " +
                    kWords[int(fault)] + ". Restore from another backup.",
                {{"path", backup.string()}, {"file", file}, {"backup_fault", kCodes[int(fault)]}});
}

// A whole file, read as ingest reads uploads (held once), failing as the store does.
Result<std::vector<uint8_t>> ReadWhole(const fs::path& path) {
  Result<std::vector<uint8_t>> bytes = ingest::ReadFile(path, std::numeric_limits<int64_t>::max());
  if (!bytes.ok()) return Failed("read", path, bytes.status().message());
  return bytes;
}

struct CopiedFile {
  std::string path;  // relative to the folder
  int64_t bytes = 0;
  std::string sha256;
};

// Copies `relative` from one folder to the other, flushed; `expected_bytes`
// (when not negative) is what the catalogue says its size is.
Result<CopiedFile> CopyFile(const fs::path& from, const fs::path& to, const std::string& relative,
                            int64_t expected_bytes) {
  POSTER_ASSIGN_OR_RETURN(std::vector<uint8_t> bytes, ReadWhole(from / relative));
  if (expected_bytes >= 0 && int64_t(bytes.size()) != expected_bytes)
    return Failed("copy", from / relative, "its size is not what the catalogue says (run fsck)");
  std::error_code error;
  fs::create_directories((to / relative).parent_path(), error);
  if (error) return Failed("create", (to / relative).parent_path(), error.message());
  POSTER_RETURN_IF_ERROR(WriteFileSynced(to / relative, bytes));
  return CopiedFile{relative, int64_t(bytes.size()), Sha256Hex(bytes)};
}

// Every folder below `root` (and itself), flushed: the renames and creations in them reach the
// disk.
Status SyncFolders(const fs::path& root) {
  std::error_code error;
  for (auto it = fs::recursive_directory_iterator(root, error); !error && it != end(it);
       it.increment(error)) {
    if (it->is_directory()) POSTER_RETURN_IF_ERROR(SyncDirectory(it->path()));
  }
  if (error) return Failed("list", root, error.message());
  return SyncDirectory(root);
}

Status CopyCatalogue(Database& source, const fs::path& to) {
  POSTER_ASSIGN_OR_RETURN(Database copy, Database::Open(to, Access::kReadWrite));
  sqlite3_backup* backup = sqlite3_backup_init(copy.handle(), "main", source.handle(), "main");
  if (backup == nullptr) return StoreError(copy.handle(), "start the backup");
  int stepped = sqlite3_backup_step(backup, -1);  // every page, in one read snapshot
  int finished = sqlite3_backup_finish(backup);
  if (stepped != SQLITE_DONE || finished != SQLITE_OK)
    return StoreError(copy.handle(), "copy the catalogue");
  // One file, no -wal beside it: the backup is what is in contest.db.
  return Execute(copy, "PRAGMA journal_mode = DELETE");
}

struct Snapshot {
  AuditHead head;
  int schema_version = 0;
  std::vector<std::pair<std::string, int64_t>> blobs;  // relative to blobs/, with its size
};

Result<Snapshot> ReadSnapshot(const fs::path& catalogue) {
  POSTER_ASSIGN_OR_RETURN(Database copy, Database::Open(catalogue, Access::kReadOnly));
  Status prepared = PrepareCatalogue(copy, Access::kReadOnly, catalogue.string());
  if (!prepared.ok() && prepared.detail("reason") != "old_schema") return prepared;
  Snapshot snapshot;
  POSTER_ASSIGN_OR_RETURN(snapshot.head, ReadHead(copy));
  POSTER_ASSIGN_OR_RETURN(Statement version, copy.Prepare("PRAGMA user_version"));
  POSTER_ASSIGN_OR_RETURN(bool has_version, version.Step());
  snapshot.schema_version = has_version ? int(version.Int(0)) : 0;
  std::set<std::string> seen;
  POSTER_RETURN_IF_ERROR(ForEachRow(copy.Prepare(kNamedBlobs), [&](const Statement& row) {
    if (seen.insert(row.Text(0)).second) snapshot.blobs.emplace_back(row.Text(0), row.Int(1));
  }));
  return snapshot;
}

nlohmann::json ManifestOf(const Snapshot& snapshot, const std::string& created_at,
                          const std::vector<CopiedFile>& files) {
  nlohmann::json list = nlohmann::json::array();
  for (const CopiedFile& file : files)
    list.push_back({{"path", file.path}, {"bytes", file.bytes}, {"sha256", file.sha256}});
  return {{"format", kFormat},
          {"version", kFormatVersion},
          {"created_at", created_at},
          {"schema_version", snapshot.schema_version},
          {"audit_head", {{"seq", snapshot.head.seq}, {"hash", snapshot.head.hash}}},
          {"files", list}};
}

Status WriteManifest(const fs::path& dir, const nlohmann::json& manifest) {
  std::string text = manifest.dump(2) + "\n";
  return WriteFileSynced(dir / kManifest,
                         {reinterpret_cast<const uint8_t*>(text.data()), text.size()});
}

BackupReport ReportOf(const fs::path& dir, const Snapshot& snapshot,
                      const std::vector<CopiedFile>& files) {
  BackupReport report{dir, snapshot.head, snapshot.schema_version, 0, 0};
  for (const CopiedFile& file : files) report.bytes += file.bytes;
  report.blobs = int(files.size()) - 1;  // all but contest.db
  return report;
}

}  // namespace

Status CheckEmptyTarget(const fs::path& dir) {
  std::error_code error;
  fs::file_status status = fs::symlink_status(dir, error);
  if (!fs::exists(status)) return Status::Ok();
  if (fs::is_directory(status) && fs::is_empty(dir, error) && !error) return Status::Ok();
  return Status(std::string(kTargetNotEmpty),
                dir.string() +
                    " is not an empty folder; give an empty or new one, so that "
                    "nothing is overwritten.",
                {{"path", dir.string()}});
}

Result<fs::path> WriteNewFolder(const fs::path& dir, std::string_view purpose,
                                const std::function<Status(const fs::path& staging)>& write) {
  POSTER_RETURN_IF_ERROR(CheckEmptyTarget(dir));
  fs::path target = fs::absolute(dir).lexically_normal();
  if (!target.has_filename()) target = target.parent_path();
  std::string hidden = ".";  // appended: GCC 12 -O3 warns falsely on "." + text
  hidden.append(target.filename().string()).append(".").append(purpose).append("-");
  hidden.append(std::to_string(getpid()));
  fs::path staging = target.parent_path() / hidden;
  std::error_code error;
  fs::remove_all(staging, error);
  fs::create_directories(staging, error);
  Status status = error ? Failed("create", staging, error.message()) : write(staging);
  if (status.ok()) {
    fs::remove(target, error);  // an empty folder, if any (CheckEmptyTarget)
    fs::rename(staging, target, error);
    if (error) status = Failed("rename the finished copy to", target, error.message());
  }
  if (status.ok()) status = SyncDirectory(target.parent_path());
  if (!status.ok()) {
    fs::remove_all(staging, error);
    return status;
  }
  return target;
}

Result<BackupReport> Catalogue::Backup(const fs::path& target) const {
  const CatalogueState& self = *impl_;
  if (self.db.postgres()) {  // issue 13: PostgreSQL's own tools copy its database
    return Status(std::string(kStoreFailed),
                  "poster backup copies a catalogue kept in SQLite (contest.db). This one is in "
                  "PostgreSQL: back it up with pg_dump, and the files in the data folder's "
                  "blobs/ with them (docs/operations.md).",
                  {{"reason", "postgres_catalogue"}});
  }
  Snapshot snapshot;
  std::vector<CopiedFile> files;
  POSTER_ASSIGN_OR_RETURN(
      fs::path dir, WriteNewFolder(target, "backup", [&](const fs::path& staging) -> Status {
        {
          std::lock_guard lock(impl_->mutex);
          POSTER_RETURN_IF_ERROR(CopyCatalogue(impl_->db, staging / "contest.db"));
        }
        POSTER_ASSIGN_OR_RETURN(snapshot, ReadSnapshot(staging / "contest.db"));
        POSTER_ASSIGN_OR_RETURN(std::vector<uint8_t> catalogue, ReadWhole(staging / "contest.db"));
        files.push_back({"contest.db", int64_t(catalogue.size()), Sha256Hex(catalogue)});
        for (const auto& [blob, bytes] : snapshot.blobs) {
          POSTER_ASSIGN_OR_RETURN(CopiedFile copied,
                                  CopyFile(self.data_dir, staging, "blobs/" + blob, bytes));
          files.push_back(std::move(copied));
        }
        POSTER_RETURN_IF_ERROR(SyncFolders(staging));
        return WriteManifest(staging, ManifestOf(snapshot, impl_->NowText(), files));
      }));
  return ReportOf(dir, snapshot, files);
}

namespace {

// A path the manifest may name: contest.db or a file below blobs/, never
// anything that climbs out of the backup.
bool AllowedPath(const std::string& path) {
  fs::path relative = fs::path(path).lexically_normal();
  if (path.empty() || relative.is_absolute() || relative.string() != path) return false;
  for (const fs::path& part : relative)
    if (part == ".." || part == ".") return false;
  return path == "contest.db" || (path.rfind("blobs/", 0) == 0 && path.size() > 6);
}

Result<nlohmann::json> ReadManifest(const fs::path& backup) {
  if (!fs::is_regular_file(backup / kManifest)) return Invalid(backup, kManifest, Fault::kMissing);
  POSTER_ASSIGN_OR_RETURN(std::vector<uint8_t> text, ReadWhole(backup / kManifest));
  nlohmann::json manifest = nlohmann::json::parse(text.begin(), text.end(), nullptr, false);
  if (!manifest.is_object() || manifest.value("format", "") != kFormat ||
      !manifest.contains("files") || !manifest["files"].is_array())
    return Invalid(backup, kManifest, Fault::kNotManifest);
  if (manifest.value("version", 0) != kFormatVersion)
    return Invalid(backup, kManifest, Fault::kFormat);
  return manifest;
}

// Checks one listed file against its size and hash, and copies it.
Result<CopiedFile> RestoreFile(const fs::path& backup, const fs::path& staging,
                               const nlohmann::json& listed) {
  if (!listed.is_object() || !listed.contains("path") || !listed["path"].is_string() ||
      !listed.contains("bytes") || !listed["bytes"].is_number_integer() ||
      !listed.contains("sha256") || !listed["sha256"].is_string())
    return Invalid(backup, kManifest, Fault::kNotManifest);
  std::string path = listed["path"];
  if (!AllowedPath(path)) return Invalid(backup, path, Fault::kOutside);
  if (!fs::is_regular_file(backup / path)) return Invalid(backup, path, Fault::kMissing);
  POSTER_ASSIGN_OR_RETURN(CopiedFile copied, CopyFile(backup, staging, path, -1));
  if (copied.bytes != listed["bytes"].get<int64_t>() || copied.sha256 != listed["sha256"])
    return Invalid(backup, path, Fault::kChanged);
  return copied;
}

}  // namespace

Result<BackupReport> RestoreBackup(const fs::path& backup, const fs::path& data_dir) {
  POSTER_ASSIGN_OR_RETURN(nlohmann::json manifest, ReadManifest(backup));
  std::vector<CopiedFile> files;
  Snapshot snapshot;
  POSTER_ASSIGN_OR_RETURN(
      fs::path dir, WriteNewFolder(data_dir, "restore", [&](const fs::path& staging) -> Status {
        bool has_catalogue = false;
        for (const nlohmann::json& listed : manifest["files"]) {
          POSTER_ASSIGN_OR_RETURN(CopiedFile copied, RestoreFile(backup, staging, listed));
          has_catalogue = has_catalogue || copied.path == "contest.db";
          files.push_back(std::move(copied));
        }
        if (!has_catalogue) return Invalid(backup, "contest.db", Fault::kUnlisted);
        POSTER_RETURN_IF_ERROR(BlobStore(staging / "blobs").Prepare());
        POSTER_ASSIGN_OR_RETURN(snapshot, ReadSnapshot(staging / "contest.db"));
        for (const auto& [blob, bytes] : snapshot.blobs) {
          if (!fs::is_regular_file(staging / "blobs" / blob))
            return Invalid(backup, "blobs/" + blob, Fault::kIncomplete);
        }
        return SyncFolders(staging);
      }));
  return ReportOf(dir, snapshot, files);
}

}  // namespace poster::gallery
