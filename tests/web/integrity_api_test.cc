// issue 11 over HTTP: a vote sent with the page's secret answers its receipt,
// the address is kept for the admins' report (X-Forwarded-For's last hop, as
// the request comes from the loopback), a void is for admins, and anyone
// checks a receipt against the published Merkle root.
#include "tests/web/fixture.h"

using namespace poster;
using namespace poster::testing;

namespace {

std::string VoteBody(int64_t entry, const std::string& secret = "") {
  std::string body = "{\"entry\":" + std::to_string(entry);
  if (!secret.empty()) body += ",\"secret\":\"" + secret + "\"";
  return body + "}";
}

}  // namespace

TEST_CASE("a vote answers its receipt and the admins' report sees where votes came from",
          "[web][integrity]") {
  WebContest contest;
  int64_t entry = contest.Entry("E1001", 1, true);
  contest.Open(voting::Phase::kVoting);
  auto voter = contest.As("E1002");
  HttpReply cast = voter->Post("/api/votes", VoteBody(entry, std::string(64, 'c')),
                               {"X-Forwarded-For: 192.0.2.1, 10.1.2.3"});
  REQUIRE(cast.status == 200);
  CHECK(voting::IsDigestHex(Json(cast)["receipt"].get<std::string>()));
  CHECK_FALSE(Json(cast).contains("secret"));  // the page holds it already
  HttpReply drawn =
      contest.As("E1003")->Post("/api/votes", VoteBody(entry), {"X-Forwarded-For: 10.1.2.3"});
  REQUIRE(drawn.status == 200);
  CHECK(voting::IsDigestHex(Json(drawn)["secret"].get<std::string>()));
  CHECK(contest.As("E1004")->Post("/api/votes", VoteBody(entry, "nothex")).status == 400);
  REQUIRE(contest.As("E1005")
              ->Post("/api/votes", VoteBody(entry), {"X-Forwarded-For: 10.1.2.3"})
              .status == 200);

  auto admin = contest.As("A0001");
  nlohmann::json report = Json(admin->Get("/api/admin/votes/report"));
  CHECK(report["votes"] == 3);
  REQUIRE(report["bursts"].size() == 1);
  CHECK(report["bursts"][0]["address"] == "10.1.2.3");
  CHECK(voter->Get("/api/admin/votes/report").status == 403);
  CHECK(voter
            ->Post("/api/admin/votes/void",
                   "{\"voter\":\"E1003\",\"entry\":" + std::to_string(entry) + ",\"reason\":\"x\"}")
            .status == 403);
  HttpReply voided = admin->Post(
      "/api/admin/votes/void",
      "{\"voter\":\"E1003\",\"entry\":" + std::to_string(entry) + ",\"reason\":\"대리 투표\"}");
  REQUIRE(voided.status == 200);
  CHECK(Json(voided)["voided"] == 1);
  CHECK(Json(voided)["bursts"].empty());
}

TEST_CASE("anyone checks a receipt against the published root once the results are announced",
          "[web][integrity]") {
  WebContest contest;
  int64_t entry = contest.Entry("E1001", 1, true);
  contest.Open(voting::Phase::kVoting);
  std::string receipt =
      Json(contest.As("E1002")->Post("/api/votes", VoteBody(entry)))["receipt"].get<std::string>();
  auto anyone = contest.Anonymous();
  CHECK(Json(anyone->Get("/api/receipts"))["published"] == false);
  CHECK(Json(anyone->Get("/api/receipts/" + receipt))["published"] == false);
  REQUIRE(contest.As("A0001")->Post("/api/admin/announce", "").status == 200);
  nlohmann::json published = Json(anyone->Get("/api/receipts"));
  CHECK(published["receipts"] == nlohmann::json::array({receipt}));
  CHECK(published["root"] == voting::MerkleRoot({receipt}));
  nlohmann::json check = Json(anyone->Get("/api/receipts/" + receipt));
  CHECK(check["counted"] == true);
  CHECK(check["proof"].empty());  // one receipt: the root is its leaf
  CHECK(Json(anyone->Get("/api/receipts/" + std::string(64, '0')))["counted"] == false);
}
