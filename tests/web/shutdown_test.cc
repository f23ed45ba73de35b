// poster serve and SIGTERM: the upload in flight finishes and is stored whole,
// the process exits 0, and the catalogue is consistent afterwards.
#include <signal.h>

#include <future>
#include <thread>

#include "tests/support/process.h"
#include "tests/web/fixture.h"

using namespace poster;
using namespace poster::testing;
using nlohmann::json;

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

  ServedPoster served = ServePoster(data);
  pid_t server = served.pid;
  std::string url = served.url();
  HttpClient author(url);
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
