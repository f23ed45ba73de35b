// Posters and settings the ingest tests share.
#pragma once

#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>

#include "ingest/ingest.h"
#include "tests/support/synth.h"
#include "tests/support/test_support.h"

namespace poster::testing {

// A plain poster at this size, encoded as `ext` (".png", ".jpg", ".webp").
inline synth::Bytes PosterBytes(const std::string& ext, int width = 900, int height = 1273,
                                uint32_t seed = 1) {
  synth::PosterSpec spec;
  spec.width = width;
  spec.height = height;
  spec.seed = seed;
  return synth::Encode(synth::DrawPoster(spec), ext);
}

// Settings that accept any size and shape, for corpora of tiny test images.
inline ingest::Settings Permissive() {
  ingest::Settings settings;
  settings.limits.min_short_side = 1;
  settings.limits.min_aspect = 0.001;
  settings.limits.max_aspect = 1000;
  return settings;
}

inline bool HasFlag(const ingest::Poster& poster, std::string_view flag) {
  return std::find(poster.flags.begin(), poster.flags.end(), flag) != poster.flags.end();
}

inline std::string CodeOf(const Result<ingest::Poster>& result) { return result.status().code(); }

inline long ResidentMegabytes() {
  long pages = 0, resident = 0;
  FILE* statm = std::fopen("/proc/self/statm", "r");
  if (statm != nullptr && std::fscanf(statm, "%ld %ld", &pages, &resident) != 2) resident = 0;
  if (statm != nullptr) std::fclose(statm);
  return resident * ::sysconf(_SC_PAGESIZE) / (1 << 20);
}

// Runs ingest on `bytes` in a child process; returns how far its peak memory rose
// above what it inherited, in MiB, and whether it failed with `expected_code`.
inline long ChildExtraMegabytes(const synth::Bytes& bytes, const ingest::Settings& settings,
                                const std::string& expected_code, bool& code_matches) {
  long inherited = ResidentMegabytes();
  pid_t child = ::fork();
  if (child == 0) {
    Result<ingest::Poster> result = ingest::Process(bytes, settings);
    ::_exit(result.status().code() == expected_code ? 0 : 1);
  }
  int status = 0;
  struct rusage usage {};
  ::wait4(child, &status, 0, &usage);
  code_matches = WIFEXITED(status) && WEXITSTATUS(status) == 0;
  return usage.ru_maxrss / 1024 - inherited;
}

}  // namespace poster::testing
