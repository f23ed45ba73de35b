// Small helpers the Catch2 tests share: temp folders, the corpus, files.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "base/clock.h"

namespace poster::testing {

// The clock seam for tests: it says what it is told.
class FakeClock : public Clock {
 public:
  explicit FakeClock(TimePoint now) : now_(now) {}
  TimePoint Now() const override { return now_; }
  void Set(TimePoint now) { now_ = now; }
  void Advance(std::chrono::milliseconds by) { now_ += by; }

 private:
  TimePoint now_;
};

// 2026-11-DD HH:MM:SS.mmm in Korea (UTC+9).
TimePoint KoreaTime(int day, int hour, int minute = 0, int second = 0, int millis = 0);

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
std::string ReadText(const std::filesystem::path& path);

// A TCP port on 127.0.0.1 that was free a moment ago, for a server a test starts.
int FreeLoopbackPort();

}  // namespace poster::testing
