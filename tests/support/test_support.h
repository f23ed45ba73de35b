// Small helpers the Catch2 tests share: temp folders, the corpus, files.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace poster::testing {

// A fresh folder under /tmp, removed with everything in it at scope exit.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

// ../shared/corpus (the real-world images); fails the test when it is missing.
std::filesystem::path CorpusDir();
std::filesystem::path SourceDir();

std::vector<uint8_t> ReadBytes(const std::filesystem::path& path);
void WriteBytes(const std::filesystem::path& path, const std::vector<uint8_t>& bytes);
void WriteText(const std::filesystem::path& path, const std::string& text);

}  // namespace poster::testing
