// Runs the real poster binary, as the black-box tests do.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

namespace poster::testing {

struct Finished {
  int exit_code = -1;  // -1 when killed by a signal
  std::string out;
  std::string err;
  std::vector<std::string> lines() const;  // stdout, line by line
};

// Runs `args` (args[0] is the program) to completion with stdin closed.
Finished RunProgram(const std::vector<std::string>& args);

// The poster binary the black-box tests run (POSTER_BINARY).
std::string PosterBinary();

// POSTER_BINARY and `args`, with `--database` added on PostgreSQL for the
// --data folder they name (test_database.h).
std::vector<std::string> PosterCommand(const std::vector<std::string>& args);

// Runs POSTER_BINARY with `args` (PosterCommand).
Finished RunPoster(const std::vector<std::string>& args);

// Starts POSTER_BINARY with `args` in the background, its output discarded.
pid_t StartPoster(const std::vector<std::string>& args);

// Starts `args` (args[0] is the program's path) in the background with stdin
// closed and its output written to the files `out` and `err`.
pid_t StartProgram(const std::vector<std::string>& args, const std::string& out,
                   const std::string& err);

}  // namespace poster::testing
