// Rows of entries and everything ingest learned about their files (private to
// gallery). The caller holds the transaction; these only read and write rows.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "gallery/store/blob_store.h"
#include "gallery/store/sqlite.h"
#include "gallery/store/store.h"

namespace poster::gallery {

struct Neighbour {
  int64_t entry = 0;
  int distance = 0;
};

// The entry (not withdrawn) whose current file has these bytes, if any.
Result<std::optional<int64_t>> FindDuplicate(Database& db, const std::string& sha256);

// Entries (not withdrawn, not `exclude`) whose current file is within
// `max_distance` bits of `phash`, nearest first.
Result<std::vector<Neighbour>> FindNearDuplicates(Database& db, uint64_t phash, int max_distance,
                                                  int64_t exclude = 0);

// Where a new file's blobs went, in the poster's derivative order.
struct BlobNames {
  std::string original;
  std::vector<std::string> derivatives;
};

// Inserts the entry's row and its co-authors. Returns the new entry's id.
Result<int64_t> InsertEntry(Database& db, const std::string& now, const Submission& submission);

// Inserts the next version of the entry's file with all facts about it, and
// near_duplicate flags on both sides of every neighbour.
Status InsertFile(Database& db, int64_t entry_id, const std::string& now,
                  const ingest::Poster& poster, std::string_view source, const BlobNames& blobs,
                  const std::vector<Neighbour>& neighbours);

// True when some row names this blob.
Result<bool> BlobReferenced(Database& db, const std::string& relative);

// The entry as it stands, with its current file; not_found when there is none.
Result<Entry> ReadEntry(Database& db, const BlobStore& blobs, int64_t id);

}  // namespace poster::gallery
