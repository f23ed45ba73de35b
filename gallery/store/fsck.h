// Consistency between the rows and the blobs (private to gallery/store).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "gallery/store/blob_store.h"
#include "gallery/store/sqlite.h"
#include "gallery/store/store.h"

namespace poster::gallery {

// Every blob a row names, with its size: (blob, bytes).
inline constexpr std::string_view kNamedBlobs =
    "SELECT blob, bytes FROM files UNION ALL SELECT blob, bytes FROM derivatives";

// Finds orphan blobs, stale temp files, rows whose blob is missing or the wrong
// size, and SQLite integrity problems, under the write lock so that no writer
// is mid-way. kRepair removes the orphans and stale temp files.
Result<FsckReport> CheckCatalogue(Database& db, const BlobStore& blobs, FsckMode mode);

// After a failed Add: removes the blobs it placed that no row names.
void RemoveUnreferenced(Database& db, const BlobStore& blobs,
                        const std::vector<std::string>& placed);

}  // namespace poster::gallery
