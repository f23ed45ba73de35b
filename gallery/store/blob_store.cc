#include "gallery/store/blob_store.h"

#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <set>

#include "gallery/store/sqlite.h"
#include "gallery/store/store.h"

namespace poster::gallery {
namespace fs = std::filesystem;
namespace {

Status Failed(std::string_view doing, const fs::path& path, int error) {
  if (error == ENOSPC || error == EDQUOT)
    return DiskFull("could not " + std::string(doing) + " " + path.string());
  return Status(
      std::string(kStoreFailed),
      "Could not " + std::string(doing) + " " + path.string() + ": " + std::strerror(error) + ".",
      {{"reason", std::strerror(error)}});
}

}  // namespace

Status SyncDirectory(const fs::path& directory) {
  int fd = ::open(directory.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return Failed("open", directory, errno);
  int result = ::fsync(fd);
  int error = errno;
  ::close(fd);
  return result == 0 ? Status::Ok() : Failed("flush", directory, error);
}

namespace {

Status WriteAll(int fd, std::span<const uint8_t> bytes, const fs::path& path) {
  size_t done = 0;
  while (done < bytes.size()) {
    ssize_t wrote = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (wrote < 0 && errno == EINTR) continue;
    if (wrote < 0) return Failed("write", path, errno);
    done += size_t(wrote);
  }
  return ::fsync(fd) == 0 ? Status::Ok() : Failed("flush", path, errno);
}

std::string Shard(const std::string& sha256) { return sha256.substr(0, 2) + "/" + sha256; }

bool ProcessAlive(pid_t pid) { return pid > 0 && (::kill(pid, 0) == 0 || errno == EPERM); }

}  // namespace

Status WriteFileSynced(const fs::path& path, std::span<const uint8_t> bytes) {
  int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
  if (fd < 0) return Failed("create", path, errno);
  Status status = WriteAll(fd, bytes, path);
  ::close(fd);
  return status;
}

Status BlobStore::Prepare() const {
  std::error_code error;
  for (const char* folder : {"originals", "derived", "tmp"}) {
    fs::create_directories(root_ / folder, error);
    if (error) return Failed("create", root_ / folder, error.value());
  }
  return Status::Ok();
}

Result<fs::path> BlobStore::WriteTemp(std::span<const uint8_t> bytes) const {
  static std::atomic<uint64_t> counter{0};
  fs::path temp =
      root_ / "tmp" / (std::to_string(::getpid()) + "-" + std::to_string(counter++) + ".part");
  Status status = WriteFileSynced(temp, bytes);
  if (!status.ok()) {
    RemoveTemp(temp);
    return status;
  }
  return temp;
}

Status BlobStore::Place(const std::vector<PendingBlob>& pending,
                        std::vector<std::string>& placed) const {
  std::set<fs::path> folders;
  for (const auto& [temp, relative] : pending) {
    fs::path target = root_ / relative;
    std::error_code error;
    fs::create_directories(target.parent_path(), error);
    if (error) return Failed("create", target.parent_path(), error.value());
    if (::rename(temp.c_str(), target.c_str()) != 0) return Failed("move a file to", target, errno);
    placed.push_back(relative);
    folders.insert(target.parent_path());
  }
  for (const fs::path& folder : folders) POSTER_RETURN_IF_ERROR(SyncDirectory(folder));
  return Status::Ok();
}

std::error_code BlobStore::Remove(const std::string& relative) const {
  std::error_code error;
  fs::remove(root_ / relative, error);
  return error;
}

void BlobStore::RemoveTemp(const fs::path& temp) const {
  std::error_code ignored;
  fs::remove(temp, ignored);
}

std::string BlobStore::OriginalPath(const std::string& sha256, std::string_view extension) {
  return "originals/" + Shard(sha256) + "." + std::string(extension);
}

std::string BlobStore::DerivedPath(const std::string& sha256, int width,
                                   std::string_view extension) {
  return "derived/" + Shard(sha256) + "-" + std::to_string(width) + "." + std::string(extension);
}

namespace {

void NoteError(std::vector<std::string>& errors, const fs::path& where, std::error_code error) {
  if (error && error != std::errc::no_such_file_or_directory)
    errors.push_back("could not read " + where.string() + ": " + error.message());
}

}  // namespace

std::vector<std::string> BlobStore::ListBlobs(std::vector<std::string>& errors) const {
  std::vector<std::string> blobs;
  for (const char* folder : {"originals", "derived"}) {
    std::error_code error;
    auto it = fs::recursive_directory_iterator(root_ / folder, error);
    for (; !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
      std::error_code unreadable;
      if (it->is_regular_file(unreadable))
        blobs.push_back(it->path().lexically_relative(root_).string());
      NoteError(errors, it->path(), unreadable);
    }
    NoteError(errors, root_ / folder, error);
  }
  std::sort(blobs.begin(), blobs.end());
  return blobs;
}

std::vector<fs::path> BlobStore::ListStaleTemps(std::vector<std::string>& errors) const {
  std::vector<fs::path> stale;
  std::error_code error;
  for (auto it = fs::directory_iterator(root_ / "tmp", error);
       !error && it != fs::directory_iterator(); it.increment(error)) {
    std::string name = it->path().filename().string();
    pid_t owner = static_cast<pid_t>(std::atoll(name.c_str()));
    if (!ProcessAlive(owner)) stale.push_back(it->path());
  }
  NoteError(errors, root_ / "tmp", error);
  std::sort(stale.begin(), stale.end());
  return stale;
}

}  // namespace poster::gallery
