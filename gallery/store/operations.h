// What the IT team's operations read and write (issue 13, docs/operations.md):
// backups, the purge of personal data, the catalogue's counts. Part of store.h.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "base/status.h"
#include "gallery/store/records.h"

namespace poster::gallery {

// A backup (gallery/store/backup.cc): the folder it is in and what it holds.
struct BackupReport {
  std::filesystem::path dir;
  AuditHead head;  // the copied log's last record
  int schema_version = 0;
  int blobs = 0;      // poster files and derived images
  int64_t bytes = 0;  // the catalogue and the blobs together
};

// A contest copied from SQLite into PostgreSQL (Catalogue::MigrateTo): the
// rows of each table, by name.
struct MigrationReport {
  std::vector<std::pair<std::string, int64_t>> rows;
};

// What the catalogue holds now (Catalogue::Gauges), for the metrics.
struct StoreGauges {
  std::vector<std::pair<std::string, int64_t>> entries;  // by status
  std::vector<std::pair<std::string, int64_t>> outbox;   // notices by state
  int64_t votes = 0;                                     // counted (not voided)
  int64_t voided_votes = 0;
  int64_t citizen_likes = 0;
  int64_t audit_records = 0;
  int64_t people = 0;  // on the roster
  int64_t active_sessions = 0;
};

// What `poster privacy purge` removed (or, dry, would remove), by kind
// (docs/operations.md, "Personal data").
enum class PurgeMode { kDryRun, kPurge };
struct PurgeReport {
  bool dry_run = false;
  bool retention_over = false;  // the results are final and [privacy] retention_days have passed
  std::string retained_until;   // when that is (UTC); empty before the announcement
  std::vector<std::pair<std::string, int64_t>> removed;  // kind, rows
};

// Brings a backup made by Catalogue::Backup back as the data folder `data_dir`,
// which must not exist or be empty (target_not_empty). Every file is checked
// against backup.json first (backup_invalid names a file that is missing,
// changed, or outside the backup); the copy is written beside `data_dir` and
// renamed into place. Open it with Catalogue::Open (which migrates an older
// schema) and VerifyAudit to see that it holds the contest the log says.
Result<BackupReport> RestoreBackup(const std::filesystem::path& backup,
                                   const std::filesystem::path& data_dir);

// Refuses (target_not_empty) a path that is a file or a folder holding anything.
Status CheckEmptyTarget(const std::filesystem::path& dir);

// Writes a new folder at `dir` as a whole or not at all: `write` fills a hidden
// folder beside it (".NAME.PURPOSE-PID"), which is renamed into place when
// `write` succeeds and removed when it fails. `dir` must not exist or be empty
// (CheckEmptyTarget). Returns the folder's absolute path.
Result<std::filesystem::path> WriteNewFolder(
    const std::filesystem::path& dir, std::string_view purpose,
    const std::function<Status(const std::filesystem::path& staging)>& write);

}  // namespace poster::gallery
