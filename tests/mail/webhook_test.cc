// The webhook: a loopback HTTP server (cpp-httplib) that the test starts,
// checking each post's HMAC-SHA256 signature as the city's messenger would.
#include <httplib.h>
#include <openssl/hmac.h>

#include <cstdlib>
#include <mutex>
#include <nlohmann/json.hpp>
#include <thread>

#include "tests/mail/mail_fixture.h"

namespace poster::testing {
namespace {

constexpr const char* kSecret = "메신저와 나눈 비밀 secret";

std::string Hmac(const std::string& body) {
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), kSecret, int(std::strlen(kSecret)),
       reinterpret_cast<const unsigned char*>(body.data()), body.size(), mac, &length);
  std::string hex = "sha256=";
  char two[3];
  for (unsigned int i = 0; i < length; ++i) {
    std::snprintf(two, sizeof two, "%02x", mac[i]);
    hex += two;
  }
  return hex;
}

struct Messenger {
  Messenger() {
    server.Post("/hook", [this](const httplib::Request& request, httplib::Response& response) {
      std::lock_guard lock(mutex);
      if (refuse) {
        response.status = 503;
        return;
      }
      posts.emplace_back(request.body, request.get_header_value("X-Poster-Signature"));
      response.status = 204;
    });
    port = server.bind_to_any_port("127.0.0.1");
    thread = std::thread([this] { server.listen_after_bind(); });
    while (!server.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ~Messenger() {
    server.stop();
    thread.join();
  }
  httplib::Server server;
  std::thread thread;
  int port = 0;
  std::mutex mutex;
  bool refuse = false;
  std::vector<std::pair<std::string, std::string>> posts;  // body, signature
};

}  // namespace

TEST_CASE(
    "the webhook receives each notice as JSON signed with HMAC-SHA256, without e-mail "
    "addresses, and is retried like the e-mails",
    "[mail][webhook]") {
  Messenger messenger;
  setenv("POSTER_TEST_WEBHOOK_SECRET", kSecret, 1);
  MailContest contest("[mail.webhook]\nurl = \"http://127.0.0.1:" + std::to_string(messenger.port) +
                      "/hook\"\nsecret_env = \"POSTER_TEST_WEBHOOK_SECRET\"\n");
  messenger.refuse = true;
  int64_t entry = contest.Submit("E1", 5, "골목길 <b>\"따뜻한\"</b>");
  gallery::SendReport first = contest.Send();
  CHECK(first.sent == 1);     // the e-mail
  CHECK(first.retried == 1);  // the post, refused
  messenger.refuse = false;
  contest.clock().Advance(std::chrono::seconds(61));
  CHECK(contest.Send().sent == 1);
  REQUIRE(messenger.posts.size() == 1);
  const auto& [body, signature] = messenger.posts[0];
  CHECK(signature == Hmac(body));
  CHECK(signature == gallery::WebhookSignature(kSecret, body));
  nlohmann::json event = nlohmann::json::parse(body);
  CHECK(event["kind"] == "entry_received");
  CHECK(event["entry"] == entry);
  CHECK(event["employee_id"] == "E1");
  CHECK(event["title"] == "골목길 <b>\"따뜻한\"</b>");
  CHECK(body.find('@') == std::string::npos);
  CHECK(contest.Send().sent == 0);
  CHECK(messenger.posts.size() == 1);
}

}  // namespace poster::testing
