// The catalogue's schema and its forward migrations (private to gallery).
// docs/schema.md describes every table; keep it true with each migration.
#pragma once

#include "gallery/sqlite.h"

namespace poster::gallery {

// The schema version this build writes (PRAGMA user_version).
inline constexpr int kSchemaVersion = 3;

// Brings the database up to kSchemaVersion, one migration per transaction.
// Fails with store_failed when the file is from a newer poster.
Status Migrate(Database& db);

}  // namespace poster::gallery
