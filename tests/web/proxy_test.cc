// Trusted proxies (issue 13): X-Forwarded-For names the client only when the
// peer is one of ServerOptions::trusted_proxies, and then only its last hop when
// that is an IP address. Every sign-in limiter, the vote's address, the likes'
// address bucket and the single sign-on header follow that one rule.
//
// Everything here connects from 127.0.0.1, so "an untrusted peer" is a server
// told to trust some other address.
#include "tests/web/fixture.h"

using namespace poster;
using namespace poster::testing;

namespace {

constexpr int kAddressBudget = 100;  // failed sign-ins one address may make in 15 minutes

// A server on the contest's catalogue trusting only `proxies`.
std::unique_ptr<gallery::Server> Trusting(WebContest& contest, std::vector<std::string> proxies,
                                          const std::string& user_header = "") {
  gallery::ServerOptions options;
  options.port = 0;
  options.trusted_proxies = std::move(proxies);
  options.trusted_user_header = user_header;
  options.log_file = (contest.dir() / "proxy-server.log").string();
  Result<std::unique_ptr<gallery::Server>> server =
      gallery::Server::Start(contest.catalogue(), options);
  REQUIRE(server.ok());
  return std::move(*server);
}

// One guessed invitation token (it counts against the address alone); the
// answer's code: invalid_token while the address has budget left.
std::string Guess(HttpClient& client, const std::string& forwarded_for = "") {
  std::vector<std::string> headers;
  if (!forwarded_for.empty()) headers.push_back("X-Forwarded-For: " + forwarded_for);
  nlohmann::json answer =
      Json(client.Post("/api/auth/invitation", R"({"token":"a guess"})", headers));
  return answer.is_object() ? answer.value("code", "") : "";
}

}  // namespace

TEST_CASE("a forwarded address from a peer that is not a trusted proxy is ignored",
          "[web][proxy]") {
  WebContest contest;
  std::unique_ptr<gallery::Server> server = Trusting(contest, {"10.9.9.9"});
  HttpClient spoofer(server->url());
  // Each guess claims another address; all of them count against the peer's.
  for (int i = 0; i < kAddressBudget; ++i)
    REQUIRE(Guess(spoofer, "192.0.2." + std::to_string(i % 250 + 1)) == "invalid_token");
  CHECK(Guess(spoofer, "198.51.100.7") == "too_many_attempts");
  CHECK(Guess(spoofer) == "too_many_attempts");
}

TEST_CASE("no trusted proxy at all: X-Forwarded-For is ignored even from the loopback",
          "[web][proxy]") {
  WebContest contest;
  std::unique_ptr<gallery::Server> server = Trusting(contest, {});
  HttpClient spoofer(server->url());
  for (int i = 0; i < kAddressBudget; ++i)
    REQUIRE(Guess(spoofer, "192.0.2." + std::to_string(i % 250 + 1)) == "invalid_token");
  CHECK(Guess(spoofer, "198.51.100.7") == "too_many_attempts");
}

TEST_CASE("behind a trusted proxy two forwarded addresses get separate sign-in budgets",
          "[web][proxy]") {
  WebContest contest;  // trusts 127.0.0.1 and ::1, the default
  contest.As("E1001");
  HttpClient proxy(contest.url());
  for (int i = 0; i < kAddressBudget; ++i) REQUIRE(Guess(proxy, "192.0.2.1") == "invalid_token");
  CHECK(Guess(proxy, "192.0.2.1") == "too_many_attempts");
  CHECK(Guess(proxy, "203.0.113.5, 192.0.2.1") == "too_many_attempts");  // the last hop counts
  CHECK(Guess(proxy, "::ffff:192.0.2.1") == "too_many_attempts");        // the same address in IPv6
  CHECK(Guess(proxy, "192.0.2.2") == "invalid_token");
  CHECK(Guess(proxy, "2001:db8::1") == "invalid_token");
  CHECK(Guess(proxy) == "invalid_token");  // the proxy's own address is another budget
  // A right password is refused from the guesser's address, taken from another.
  auto login = [&](const std::string& address) {
    return proxy
        .Post("/api/auth/login",
              nlohmann::json{{"employee_id", "E1001"}, {"password", kPassword}}.dump(),
              {"X-Forwarded-For: " + address})
        .status;
  };
  CHECK(login("192.0.2.1") == 429);
  CHECK(login("192.0.2.2") == 200);
}

TEST_CASE("garbage in X-Forwarded-For from a trusted proxy falls back to the peer's address",
          "[web][proxy]") {
  WebContest contest;
  HttpClient proxy(contest.url());
  const std::vector<std::string> garbage = {
      "unknown",     "192.0.2.1, nonsense", "999.1.2.3",  "192.0.2.1:8080", "[2001:db8::1]",
      "2001:db8::g", "192.0.2.1 192.0.2.2", "192.0.2.1,", "<script>",       "0x7f.1",
      "1.2.3",       "192.0.2.1/24"};
  for (int i = 0; i < kAddressBudget; ++i)
    REQUIRE(Guess(proxy, garbage[size_t(i) % garbage.size()]) == "invalid_token");
  CHECK(Guess(proxy) == "too_many_attempts");  // all of them were 127.0.0.1's
  CHECK(Guess(proxy, "unknown") == "too_many_attempts");
  CHECK(Guess(proxy, "192.0.2.1") == "invalid_token");  // a real address has its own
}

TEST_CASE("the single sign-on header is taken only from a trusted proxy", "[web][proxy]") {
  WebContest contest;
  const std::vector<std::string> from_proxy = {"X-Remote-User: A0001"};
  std::unique_ptr<gallery::Server> elsewhere = Trusting(contest, {"10.9.9.9"}, "X-Remote-User");
  CHECK(HttpClient(elsewhere->url()).Get("/api/me", from_proxy).status == 401);
  std::unique_ptr<gallery::Server> nobody = Trusting(contest, {}, "X-Remote-User");
  CHECK(HttpClient(nobody->url()).Get("/api/me", from_proxy).status == 401);
  std::unique_ptr<gallery::Server> here = Trusting(contest, {"127.0.0.1"}, "X-Remote-User");
  HttpReply me = HttpClient(here->url()).Get("/api/me", from_proxy);
  REQUIRE(me.status == 200);
  CHECK(Json(me)["employee_id"] == "A0001");
}
