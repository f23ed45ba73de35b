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

// `poster serve --data DATA` on a free loopback port, started in the
// background (StartPoster); returns once it answers /healthz, or throws
// std::runtime_error when it has not within 10 s.
struct ServedPoster {
  pid_t pid;
  int port;
  std::string url() const { return "http://127.0.0.1:" + std::to_string(port); }
};
ServedPoster ServePoster(const std::string& data);

// The exit status of `child` (128 + the signal when one ended it), or -1 when
// it has not exited within `seconds`; then it is killed.
int WaitForExit(pid_t child, int seconds);

// Starts `args` (args[0] is the program's path) in the background with stdin
// closed and its output written to the files `out` and `err`.
pid_t StartProgram(const std::vector<std::string>& args, const std::string& out,
                   const std::string& err);

}  // namespace poster::testing
