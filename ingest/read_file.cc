// Reading an upload from disk with the size cap enforced before and while reading.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "ingest/errors.h"

namespace poster::ingest {
namespace {

Status ReadFailed(const std::filesystem::path& path, int error) {
  return Status(std::string(kReadFailed),
                "Could not read " + path.string() + ": " + std::strerror(error) + ".",
                {{"path", path.string()}});
}

}  // namespace

Result<std::vector<uint8_t>> ReadFile(const std::filesystem::path& path, int64_t max_bytes) {
  int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return ReadFailed(path, errno);
  struct stat info {};
  if (::fstat(fd, &info) == 0 && S_ISDIR(info.st_mode)) {
    ::close(fd);
    return ReadFailed(path, EISDIR);
  }
  if (S_ISREG(info.st_mode) && info.st_size > max_bytes) {
    ::close(fd);
    return FileTooLarge(-1, max_bytes);
  }
  // The file's size up front, so it is held once: past it (a pipe, or a file
  // still growing) reads go through `spill` and are appended.
  std::vector<uint8_t> bytes(S_ISREG(info.st_mode) ? size_t(info.st_size) : 0);
  size_t used = 0;
  uint8_t spill[1 << 16];
  while (true) {
    bool room = used < bytes.size();
    ssize_t got = room ? ::read(fd, bytes.data() + used, bytes.size() - used)
                       : ::read(fd, spill, sizeof spill);
    if (got < 0 && errno == EINTR) continue;
    if (got < 0) {
      int error = errno;
      ::close(fd);
      return ReadFailed(path, error);
    }
    if (got == 0) break;
    if (!room) bytes.insert(bytes.end(), spill, spill + got);
    used += size_t(got);
    if (int64_t(used) > max_bytes) {
      ::close(fd);
      return FileTooLarge(-1, max_bytes);
    }
  }
  ::close(fd);
  bytes.resize(used);  // a file that shrank while it was read
  if (bytes.empty()) return EmptyFile();
  return bytes;
}

}  // namespace poster::ingest
