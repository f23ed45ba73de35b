#include "tests/support/process.h"

#include <fcntl.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

#include "tests/support/http_client.h"
#include "tests/support/test_database.h"
#include "tests/support/test_support.h"

namespace poster::testing {
namespace {

std::string Slurp(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::stringstream text;
  text << file.rdbuf();
  return text.str();
}

pid_t Spawn(const std::vector<std::string>& args, const std::string& out, const std::string& err) {
  pid_t child = ::fork();
  if (child < 0) throw std::runtime_error("fork failed");
  if (child == 0) {
    int in = ::open("/dev/null", O_RDONLY);
    int o = ::open(out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int e = ::open(err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
    ::dup2(in, 0);
    ::dup2(o, 1);
    ::dup2(e, 2);
    std::vector<char*> argv;
    for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
    argv.push_back(nullptr);
    ::execv(argv[0], argv.data());
    ::_exit(127);
  }
  return child;
}

}  // namespace

std::vector<std::string> Finished::lines() const {
  std::vector<std::string> lines;
  std::stringstream stream(out);
  for (std::string line; std::getline(stream, line);) {
    if (!line.empty()) lines.push_back(line);
  }
  return lines;
}

Finished RunProgram(const std::vector<std::string>& args) {
  TempDir dir;
  std::string out = (dir / "out").string(), err = (dir / "err").string();
  pid_t child = Spawn(args, out, err);
  int status = 0;
  ::waitpid(child, &status, 0);
  Finished finished;
  finished.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  finished.out = Slurp(out);
  finished.err = Slurp(err);
  return finished;
}

std::string PosterBinary() { return POSTER_BINARY; }

std::vector<std::string> PosterCommand(const std::vector<std::string>& args) {
  std::vector<std::string> full = {POSTER_BINARY};
  full.insert(full.end(), args.begin(), args.end());
  for (size_t i = 0; OnPostgres() && i + 1 < args.size(); ++i) {
    if (args[i] != "--data") continue;
    full.insert(full.end(), {"--database", DatabaseFor(args[i + 1])});
    break;
  }
  return full;
}

Finished RunPoster(const std::vector<std::string>& args) { return RunProgram(PosterCommand(args)); }

pid_t StartPoster(const std::vector<std::string>& args) {
  return Spawn(PosterCommand(args), "/dev/null", "/dev/null");
}

pid_t StartProgram(const std::vector<std::string>& args, const std::string& out,
                   const std::string& err) {
  return Spawn(args, out, err);
}

ServedPoster ServePoster(const std::string& data) {
  int port = FreeLoopbackPort();
  pid_t pid =
      StartPoster({"serve", "--data", data, "--listen", "127.0.0.1:" + std::to_string(port)});
  ServedPoster served{pid, port};
  HttpClient probe(served.url());
  for (int i = 0; i < 400; ++i) {
    if (probe.Get("/healthz").status == 200) return served;
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  WaitForExit(pid, 0);
  throw std::runtime_error("poster serve --data " + data + " did not answer /healthz in 10 s");
}

int WaitForExit(pid_t child, int seconds) {
  for (int i = 0; i < seconds * 20; ++i) {
    int status = 0;
    if (::waitpid(child, &status, WNOHANG) == child)
      return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ::kill(child, SIGKILL);
  ::waitpid(child, nullptr, 0);
  return -1;
}

}  // namespace poster::testing
