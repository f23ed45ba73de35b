// The forgotten password through the real server: the same answer for every
// number, a one-time link only for a real one, and the old sessions ended.
#include <nlohmann/json.hpp>

#include "tests/mail/mail_fixture.h"
#include "tests/support/http_client.h"

namespace poster::testing {
namespace {

constexpr const char* kFirst = "처음 정한 비밀번호 2026";
constexpr const char* kSecond = "새로 정한 비밀번호 2026";

struct Served {
  explicit Served(MailContest& contest) {
    gallery::ServerOptions options;
    options.port = 0;
    options.log_file = (log.path() / "server.log").string();
    server = std::move(*gallery::Server::Start(contest.catalogue(), options));
  }
  TempDir log;
  std::unique_ptr<gallery::Server> server;
};

struct Timed {
  HttpReply reply;
  std::chrono::milliseconds took;
};

Timed Forgot(HttpClient& client, const std::string& id) {
  auto start = std::chrono::steady_clock::now();
  HttpReply reply = client.Post("/api/auth/forgot", nlohmann::json{{"employee_id", id}}.dump());
  return {reply, std::chrono::duration_cast<std::chrono::milliseconds>(
                     std::chrono::steady_clock::now() - start)};
}

}  // namespace

TEST_CASE(
    "a forgotten password is answered the same whether the number exists or not, and only "
    "a real one is mailed a link that sets a new password and signs out elsewhere",
    "[mail][forgot]") {
  MailContest contest;
  Served served(contest);
  HttpClient desk(served.server->url());
  REQUIRE(desk.Accept(*contest.catalogue().Invite("E1", "operator"), kFirst).status == 200);
  REQUIRE(desk.Get("/api/me").status == 200);
  contest.Send();  // the invitation
  HttpClient phone(served.server->url());
  Timed real = Forgot(phone, "E1"), unknown = Forgot(phone, "NOBODY"),
        no_address = Forgot(phone, "V2");
  CHECK(real.reply.status == 200);
  CHECK(unknown.reply.status == 200);
  CHECK(no_address.reply.status == 200);
  CHECK(real.reply.body == unknown.reply.body);
  CHECK(real.reply.body == no_address.reply.body);
  for (const Timed& t : {real, unknown, no_address}) {
    CHECK(t.took >= std::chrono::milliseconds(300));
    CHECK(t.took < std::chrono::milliseconds(1500));
  }
  CHECK(contest.Send().sent == 1);
  std::vector<ReceivedMail> mails = contest.smtp().Received();
  REQUIRE(mails.size() == 2);
  const ReceivedMail& reset = mails[1];
  CHECK(reset.envelope_to == "e1@city.go.kr");
  CHECK(reset.Subject() == "[테스트 공모전] 비밀번호 재설정 / Password reset");
  CHECK(reset.body.find("1시간") != std::string::npos);
  HttpClient again(served.server->url());
  REQUIRE(again.Accept(TokenIn(reset.body), kSecond).status == 200);
  CHECK(desk.Get("/api/me").status == 401);                         // signed out elsewhere
  CHECK(again.Accept(TokenIn(reset.body), kSecond).status == 409);  // used: sign in
  HttpClient later(served.server->url());
  CHECK(later.SignIn("E1", kSecond).status == 200);
}

TEST_CASE("password resets are limited per employee number without telling, and per address",
          "[mail][forgot]") {
  MailContest contest;
  Served served(contest);
  HttpClient client(served.server->url());
  for (int i = 0; i < 5; ++i) CHECK(Forgot(client, "E2").reply.status == 200);
  contest.Send();
  CHECK(contest.smtp().Received().size() == 3);  // three links, then silence
  int refused = 0;
  for (int i = 0; i < 30 && refused == 0; ++i)
    refused += client.Post("/api/auth/forgot", "{\"employee_id\":\"X" + std::to_string(i) + "\"}")
                   .status == 429;
  CHECK(refused == 1);
}

TEST_CASE(
    "a person turns optional notices off and on from their page, and only admins see the "
    "outbox",
    "[mail][forgot]") {
  MailContest contest;
  Served served(contest);
  HttpClient person(served.server->url()), admin(served.server->url());
  REQUIRE(person.Accept(*contest.catalogue().Invite("V1", "operator"), kFirst).status == 200);
  REQUIRE(admin.Accept(*contest.catalogue().Invite("A1", "operator"), kFirst).status == 200);
  CHECK(nlohmann::json::parse(person.Get("/api/me/notices").body)["optional"] == true);
  REQUIRE(person.Post("/api/me/notices", "{\"optional\":false}").status == 200);
  CHECK(nlohmann::json::parse(person.Get("/api/me/notices").body)["optional"] == false);
  CHECK(*contest.catalogue().NoticesOptOut("V1"));
  CHECK(person.Get("/api/admin/outbox").status == 403);
  HttpReply outbox = admin.Get("/api/admin/outbox");
  REQUIRE(outbox.status == 200);
  nlohmann::json listing = nlohmann::json::parse(outbox.body);
  CHECK(listing["counts"]["waiting"] == 2);
  CHECK(listing["messages"].size() == 2);
  CHECK(outbox.body.find("/#/invite/") == std::string::npos);  // no link, no token
}

}  // namespace poster::testing
