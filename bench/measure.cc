#include "bench/measure.h"

#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <sstream>

namespace poster::bench {
namespace {

pid_t Start(const std::vector<std::string>& command, const std::string& cores,
            const std::vector<std::string>& env) {
  pid_t child = ::fork();
  if (child == 0) {
    for (const std::string& pair : env) ::putenv(const_cast<char*>(pair.c_str()));
    std::vector<std::string> full = {"/usr/bin/taskset", "-c", cores};
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

}  // namespace

Measured RunPinned(const std::vector<std::vector<std::string>>& commands, const std::string& cores,
                   const std::vector<std::string>& env, bool parallel) {
  Measured measured;
  auto start = std::chrono::steady_clock::now();
  auto wait = [&](pid_t child) {
    int status = 0;
    struct rusage usage {};
    ::wait4(child, &status, 0, &usage);
    measured.peak_rss_kb = std::max(measured.peak_rss_kb, usage.ru_maxrss);
    // poster ingest exits 1 when it refused something; the corpus has nothing to refuse.
    measured.ok = measured.ok && WIFEXITED(status) && WEXITSTATUS(status) == 0;
  };
  if (parallel) {
    std::vector<pid_t> children;
    for (const auto& command : commands) children.push_back(Start(command, cores, env));
    for (pid_t child : children) wait(child);
  } else {
    for (const auto& command : commands) wait(Start(command, cores, env));
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
