// Announced results over HTTP, per role: the public and staff see the
// [results] view and never an employee number; admins the whole table. The
// page carries the table's SHA-256 and the audit log's head beside it.
#include "tests/web/fixture.h"

using namespace poster;
using namespace poster::testing;
using nlohmann::json;

namespace {

void Announce(WebContest& contest, HttpClient& admin) {
  contest.Entry("E1001", 1, true);
  contest.Entry("E1002", 2, true);
  REQUIRE(admin.Post("/api/admin/announce", "{}").status == 200);
}

}  // namespace

TEST_CASE("published results never show employee numbers but to admins", "[web][results]") {
  WebContest contest;
  auto admin = contest.As("A0001");
  Announce(contest, *admin);
  std::vector<std::pair<std::string, std::unique_ptr<HttpClient>>> viewers;
  viewers.emplace_back("anonymous", contest.Anonymous());
  viewers.emplace_back("E1003", contest.As("E1003"));
  viewers.emplace_back("J0001", contest.As("J0001"));
  viewers.emplace_back("M0001", contest.As("M0001"));
  for (auto& [who, client] : viewers) {
    INFO(who);
    HttpReply csv = client->Get("/api/results.csv");
    HttpReply table = client->Get("/api/results");
    REQUIRE(csv.status == 200);
    REQUIRE(table.status == 200);
    for (const std::string& body : {csv.body, table.body}) {
      CHECK_THAT(body, !Catch::Contains("E1001") && !Catch::Contains("E1002"));
      CHECK_THAT(body, !Catch::Contains("\"votes\"") && !Catch::Contains("득표"));
    }
    json results = Json(table);
    CHECK(results["view"] == "winners");
    CHECK(results["rows"][0]["author_name"] == "한시민");
    CHECK(results["sha256"].get<std::string>().size() == 64);
    CHECK(results["log_head"]["seq"].get<int64_t>() > 0);
  }
  HttpReply full = admin->Get("/api/results.csv");
  CHECK_THAT(full.body, Catch::Contains(",E1001,") && Catch::Contains("득표"));
  CHECK(Json(admin->Get("/api/results"))["view"] == "table");
}

TEST_CASE("with public = \"table\" everyone sees the scores, still without employee numbers",
          "[web][results]") {
  WebContest contest("[results]\npublic = \"table\"\n");
  auto admin = contest.As("A0001");
  Announce(contest, *admin);
  HttpReply table = contest.Anonymous()->Get("/api/results");
  CHECK(Json(table)["view"] == "table");
  CHECK_THAT(table.body, Catch::Contains("\"votes\"") && !Catch::Contains("E1001"));
}
