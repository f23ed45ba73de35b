#include "bench/measure.h"

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace poster::bench {
namespace {

// Linux keeps a process's peak resident size across exec, so a child forked
// from this (large) process would report at least this process's size.
// GNU time forks the command from its own small process and writes the
// command's peak alone (in KB) to `rss_file`.
pid_t Start(const std::vector<std::string>& command, const std::string& cores,
            const std::vector<std::string>& env, const std::string& rss_file) {
  pid_t child = ::fork();
  if (child == 0) {
    for (const std::string& pair : env) ::putenv(const_cast<char*>(pair.c_str()));
    std::vector<std::string> full;
    if (!rss_file.empty()) full = {"/usr/bin/time", "-f", "%M", "-o", rss_file};
    full.insert(full.end(), {"/usr/bin/taskset", "-c", cores});
    full.insert(full.end(), command.begin(), command.end());
    std::vector<char*> argv;
    for (std::string& arg : full) argv.push_back(arg.data());
    argv.push_back(nullptr);
    int quiet = ::open("/dev/null", O_WRONLY);
    ::dup2(quiet, 1);
    ::dup2(quiet, 2);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  return child;
}

// The last line of GNU time's output (a failed command's line comes first).
long PeakKb(const std::string& rss_file) {
  if (rss_file.empty()) return 0;
  std::ifstream in(rss_file);
  long kb = 0;
  for (std::string line; std::getline(in, line);) kb = std::atol(line.c_str());
  std::filesystem::remove(rss_file);
  return kb;
}

}  // namespace

Measured RunPinned(const std::vector<std::vector<std::string>>& commands, const std::string& cores,
                   const std::vector<std::string>& env, bool parallel, bool peak_memory) {
  Measured measured;
  auto start = std::chrono::steady_clock::now();
  int serial = 0;
  auto rss_file = [&](int n) -> std::string {
    if (!peak_memory) return {};
    return (std::filesystem::temp_directory_path() /
            ("poster-bench-rss-" + std::to_string(::getpid()) + "-" + std::to_string(n)))
        .string();
  };
  auto wait = [&](pid_t child, int n) {
    int status = 0;
    ::waitpid(child, &status, 0);
    measured.peak_rss_kb = std::max(measured.peak_rss_kb, PeakKb(rss_file(n)));
    // poster ingest exits 1 when it refused something; the corpus has nothing to refuse.
    measured.ok = measured.ok && WIFEXITED(status) && WEXITSTATUS(status) == 0;
  };
  if (parallel) {
    std::vector<pid_t> children;
    for (const auto& command : commands)
      children.push_back(Start(command, cores, env, rss_file(serial++)));
    for (size_t i = 0; i < children.size(); ++i) wait(children[i], int(i));
  } else {
    for (const auto& command : commands) {
      int n = serial++;
      wait(Start(command, cores, env, rss_file(n)), n);
    }
  }
  measured.seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return measured;
}

bool Installed(const std::string& program) {
  std::stringstream path(std::getenv("PATH") ? std::getenv("PATH") : "");
  for (std::string dir; std::getline(path, dir, ':');) {
    if (::access((std::filesystem::path(dir) / program).c_str(), X_OK) == 0) return true;
  }
  return false;
}

double Median(std::vector<double> values) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  size_t mid = values.size() / 2;
  return values.size() % 2 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
}

}  // namespace poster::bench
