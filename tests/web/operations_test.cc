// The IT team's view of a running server (issue 13, docs/operations.md
// "Monitoring"): /healthz and /readyz on the web address, and Prometheus'
// metrics on an address of their own, counting what people did.
#include <regex>

#include "tests/gallery/fixtures.h"
#include "tests/web/fixture.h"

using namespace poster;
using namespace poster::testing;

namespace {

// The web contest's catalogue served again, with a metrics address.
struct Monitored {
  WebContest contest;
  std::unique_ptr<gallery::Server> server;
  Monitored() {
    gallery::ServerOptions options;
    options.port = 0;
    options.metrics_port = 0;
    options.log_file = (contest.dir() / "monitored.log").string();
    Result<std::unique_ptr<gallery::Server>> started =
        gallery::Server::Start(contest.catalogue(), options);
    REQUIRE(started.ok());
    server = std::move(*started);
  }
  std::string MetricsUrl() const {
    return "http://127.0.0.1:" + std::to_string(server->metrics_port());
  }
  std::string Metrics() {
    HttpReply reply = HttpClient(MetricsUrl()).Get("/metrics");
    REQUIRE(reply.status == 200);
    CHECK(reply.Header("content-type").rfind("text/plain; version=0.0.4", 0) == 0);
    return reply.body;
  }
};

// The value of the sample `series` (name and labels as written), or -1.
double Value(const std::string& text, const std::string& series) {
  size_t at = text.find("\n" + series + " ");
  if (at == std::string::npos) return -1;
  return std::stod(text.substr(at + series.size() + 2));
}

}  // namespace

TEST_CASE("/healthz and /readyz answer anyone without a word about the contest", "[operations]") {
  WebContest contest;
  auto anyone = contest.Anonymous();
  HttpReply health = anyone->Get("/healthz");
  CHECK(health.status == 200);
  CHECK(Json(health) == nlohmann::json{{"status", "ok"}});
  HttpReply ready = anyone->Get("/readyz");
  CHECK(ready.status == 200);
  CHECK(Json(ready) == nlohmann::json{{"status", "ready"}});
  CHECK(ready.Header("cache-control") == "no-store");
}

TEST_CASE(
    "/readyz answers 503 not_ready when the catalogue cannot be read, while /healthz "
    "still answers",
    "[operations]") {
  WebContest contest;
  RunSql(contest.dir() / "data" / "contest.db", "DROP TABLE citizen_likes");
  auto anyone = contest.Anonymous();
  HttpReply ready = anyone->Get("/readyz");
  CHECK(ready.status == 503);
  CHECK(Json(ready)["status"] == "not_ready");
  CHECK(Json(ready)["code"] == "store_failed");
  CHECK(anyone->Get("/healthz").status == 200);
}

TEST_CASE("the metrics count requests by route and status, refusals by code, votes and uploads",
          "[operations]") {
  Monitored monitored;
  WebContest& contest = monitored.contest;
  int64_t entry = contest.Entry("E1001", 1, true);
  contest.Open(voting::Phase::kVoting);
  HttpClient voter(monitored.server->url());
  Result<std::string> token = contest.catalogue().Invite("E1002", "operator");
  REQUIRE(voter.Accept(*token, kPassword).status == 200);
  REQUIRE(voter.Post("/api/votes", nlohmann::json{{"entry", entry}}.dump()).status < 300);
  HttpClient stranger(monitored.server->url());
  CHECK(stranger.SignIn("E1003", "wrong password").status == 401);
  CHECK(stranger.SignIn("E1003", "wrong password").status == 401);
  HttpClient author(monitored.server->url());
  token = contest.catalogue().Invite("E1003", "operator");
  REQUIRE(author.Accept(*token, kPassword).status == 200);
  author.PostForm("/api/entries",
                  {{"file", "not a poster", "a.png"}, {"title", "제목"}, {"theme", "시민행복"}});

  std::string text = monitored.Metrics();
  INFO(text);
  CHECK(Value(text, R"(poster_votes)") == 1);
  CHECK(Value(text, R"(poster_refusals_total{code="bad_credentials"})") == 2);
  CHECK(
      Value(text,
            R"(poster_http_requests_total{method="POST",route="/api/auth/login",status="401"})") ==
      2);
  CHECK(std::regex_search(text, std::regex(R"(\nposter_uploads_total\{outcome="[a-z_]+"\} 1\n)")));
  CHECK(Value(text, R"(poster_ingest_duration_seconds_count)") == 1);
  CHECK(Value(text, R"(poster_entries{status="approved"})") == 1);
  CHECK(Value(text, R"(poster_outbox_messages{state="waiting"})") == 0);
  CHECK(Value(text, R"(poster_catalogue_up)") == 1);
  // A histogram's buckets only grow, and +Inf holds every request.
  std::regex bucket(
      R"(poster_http_request_duration_seconds_bucket\{method="POST",route="/api/auth/login",le="\+Inf"\} 2)");
  CHECK(std::regex_search(text, bucket));
  // Never on the web address, where anyone could read it.
  CHECK(contest.Anonymous()->Get("/metrics").status == 404);
  // Nothing from a person in them: no employee number, no name.
  CHECK(text.find("E1002") == std::string::npos);
}

TEST_CASE(
    "an address in use, the web's or the metrics', stops the server from starting, "
    "saying so",
    "[operations]") {
  Monitored monitored;
  gallery::ServerOptions web;
  web.port = monitored.server->port();  // taken: a second contest must not share it
  Result<std::unique_ptr<gallery::Server>> same =
      gallery::Server::Start(monitored.contest.catalogue(), web);
  REQUIRE_FALSE(same.ok());
  CHECK(same.status().detail("reason") == "bind");
  gallery::ServerOptions options;
  options.port = 0;
  options.metrics_port = monitored.server->metrics_port();  // taken
  Result<std::unique_ptr<gallery::Server>> second =
      gallery::Server::Start(monitored.contest.catalogue(), options);
  REQUIRE_FALSE(second.ok());
  CHECK(second.status().code() == "store_failed");
  CHECK(second.status().detail("reason") == "bind");
}
