// The catalogue's schema and its forward migrations (private to gallery/store).
// docs/schema.md describes every table; keep it true with each migration.
#pragma once

#include "gallery/store/sqlite.h"

namespace poster::gallery {

// The schema version this build writes (PRAGMA user_version).
inline constexpr int kSchemaVersion = 10;

// PRAGMA application_id of a poster catalogue ("POST"), set by migration 4.
inline constexpr int64_t kApplicationId = 0x504F5354;

// Brings the database up to kSchemaVersion, one migration per transaction.
// Fails with store_failed when the file is from a newer poster.
Status Migrate(Database& db);

// Makes a freshly opened file ready for the catalogue. First it checks the file
// is a poster catalogue (or empty, to become one), and fails with store_failed
// (not_a_catalogue) before changing anything of a foreign file. Then, for
// kReadWrite, WAL, synchronous=NORMAL and foreign keys, and the migrations; for
// kReadOnly, nothing is written and an older schema fails (old_schema).
Status PrepareCatalogue(Database& db, Access access, const std::string& origin);

// The same for PostgreSQL (schema_postgres.cc): an empty database becomes a
// catalogue; one with foreign tables fails with store_failed (not_a_catalogue),
// one of a newer poster with store_failed (newer_schema).
Status PreparePostgresCatalogue(Database& db, const std::string& origin);

}  // namespace poster::gallery
