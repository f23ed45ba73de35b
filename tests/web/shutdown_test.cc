// poster serve and SIGTERM: the upload in flight finishes and is stored whole,
// the process exits 0, and the catalogue is consistent afterwards.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <future>
#include <thread>

#include "tests/support/process.h"
#include "tests/web/fixture.h"

using namespace poster;
using namespace poster::testing;
using nlohmann::json;

namespace {

// The exit status, or -1 when it has not exited within `seconds`.
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

}  // namespace

TEST_CASE("SIGTERM lets the upload in flight finish, then the server exits cleanly",
          "[web][shutdown]") {
  TempDir dir;
  std::string data = (dir / "data").string();
  std::string roster = (SourceDir() / "assets" / "samples" / "roster.csv").string();
  REQUIRE(RunPoster({"roster", "import", "--data", data, roster}).exit_code == 0);
  Finished invite = RunPoster({"users", "invite", "E1001", "--json", "--data", data});
  REQUIRE(invite.exit_code == 0);
  std::string link = json::parse(invite.out)[0]["url"];
  std::string token = link.substr(link.find("#/invite/") + 9);

  std::string url = "http://127.0.0.1:" + std::to_string(FreeLoopbackPort());
  pid_t server = StartPoster({"serve", "--data", data, "--listen", url.substr(7)});
  HttpClient author(url);
  for (int i = 0; i < 200 && author.Get("/api/contest").status != 200; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  REQUIRE(author.Accept(token, kPassword).status == 200);

  std::string poster = PosterPng(7);
  author.set_max_send_speed(long(poster.size() / 3));  // about three seconds on the wire
  std::future<HttpReply> upload = std::async(std::launch::async, [&] {
    return author.PostForm(
        "/api/entries",
        {{"file", poster, "poster.png"}, {"title", "끝까지 올라간 포스터"}, {"theme", "시민행복"}});
  });
  std::this_thread::sleep_for(std::chrono::milliseconds(1000));
  REQUIRE(upload.wait_for(std::chrono::seconds(0)) != std::future_status::ready);
  ::kill(server, SIGTERM);

  HttpReply stored = upload.get();
  INFO(stored.body);
  CHECK(stored.status == 201);
  CHECK(WaitForExit(server, 20) == 0);
  CHECK(HttpClient(url).Get("/api/contest").status == 0);  // nobody listens any more

  Finished fsck = RunPoster({"fsck", "--data", data, "--json"});
  INFO(fsck.out << fsck.err);
  CHECK(json::parse(fsck.out)["clean"] == true);
  Finished shown = RunPoster({"show", "1", "--data", data, "--json"});
  REQUIRE(shown.exit_code == 0);
  CHECK(json::parse(shown.out)["title"] == "끝까지 올라간 포스터");
}
