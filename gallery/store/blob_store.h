// Content-addressed files under <data>/blobs (private to gallery/store).
//
// Writers put bytes in tmp/ first (named after their process id), fsync them,
// and rename them into place while holding the catalogue's write lock, before the
// row that names them commits. A crash leaves at worst an unnamed file, which
// fsck finds: a temp file whose process is gone, or a blob no row names.
#pragma once

#include <cstdint>
#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "base/status.h"

namespace poster::gallery {

// Flushes a folder's entries (a file created or renamed in it) to disk.
Status SyncDirectory(const std::filesystem::path& directory);

// Creates `path` (which must not exist), writes `bytes` and flushes them to disk.
Status WriteFileSynced(const std::filesystem::path& path, std::span<const uint8_t> bytes);

// A temp file and the place it is to go, relative to the store's root.
struct PendingBlob {
  std::filesystem::path temp;
  std::string relative;
};

class BlobStore {
 public:
  explicit BlobStore(std::filesystem::path root) : root_(std::move(root)) {}

  // Creates the folders. Fails with store_failed.
  Status Prepare() const;

  // Writes `bytes` to a new temp file and flushes it to disk; returns its path.
  Result<std::filesystem::path> WriteTemp(std::span<const uint8_t> bytes) const;

  // Moves temp files to their places (an existing identical blob is replaced
  // atomically), then flushes each folder they went to once. `placed` lists
  // those moved so far, also when it fails part-way.
  Status Place(const std::vector<PendingBlob>& pending, std::vector<std::string>& placed) const;

  // Removes a blob; the error when it could not (a blob already gone is fine).
  std::error_code Remove(const std::string& relative) const;
  void RemoveTemp(const std::filesystem::path& temp) const;

  std::filesystem::path Absolute(const std::string& relative) const { return root_ / relative; }
  const std::filesystem::path& root() const { return root_; }

  // "originals/ab/<sha256>.png" and "derived/ab/<sha256>-640.webp".
  static std::string OriginalPath(const std::string& sha256, std::string_view extension);
  static std::string DerivedPath(const std::string& sha256, int width, std::string_view extension);

  // Every blob below originals/ and derived/, relative to the root. What
  // could not be read on the way is added to `errors`.
  std::vector<std::string> ListBlobs(std::vector<std::string>& errors) const;
  // Temp files whose writing process has exited.
  std::vector<std::filesystem::path> ListStaleTemps(std::vector<std::string>& errors) const;

 private:
  std::filesystem::path root_;
};

}  // namespace poster::gallery
