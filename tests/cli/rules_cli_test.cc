// Korea's rules for public contests from the command line: uploads refused
// without the pledge and taken with --accept-pledge, and `poster award revoke`
// after the results are final, held by `poster audit verify`.
#include "tests/cli/cli_contest.h"

using namespace poster::testing;
using nlohmann::json;

namespace {

constexpr const char* kPledgeToml =
    "[phases.submission]\nstart = \"contest\"\n[phases.review]\nstart = \"contest\"\n"
    "[submission]\nrequire_pledge = true\n[results]\nobjection_days = 0\n";

// Approves 1-3, has J0001 score them (1 best) and announces; final at once.
void JudgeAndAnnounce(CliContest& poster) {
  for (const char* id : {"1", "2", "3"})
    REQUIRE(poster({"review", "approve", id, "--as", "M0001"}).exit_code == 0);
  REQUIRE(poster({"judge", "assign", "--seed", "시드", "--as", "A0001"}).exit_code == 0);
  REQUIRE(poster({"contest", "phase", "open", "judging", "--as", "A0001"}).exit_code == 0);
  const char* scores[] = {"10,10,10,10", "8,8,8,8", "6,6,6,6"};
  for (int entry = 1; entry <= 3; ++entry) {
    REQUIRE(poster({"judge", "score", std::to_string(entry), "--as", "J0001", "--scores",
                    scores[entry - 1]})
                .exit_code == 0);
  }
  REQUIRE(poster({"announce", "--as", "A0001"}).exit_code == 0);
}

}  // namespace

TEST_CASE("with require_pledge, ingest refuses authors' uploads unless --accept-pledge is given",
          "[cli][rules]") {
  CliContest poster(kPledgeToml);
  REQUIRE(poster({"contest", "init", "--config", poster.config()}).exit_code == 0);
  REQUIRE(poster({"roster", "import", (SourceDir() / "assets" / "samples" / "roster.csv").string()})
              .exit_code == 0);
  Finished refused = poster({"ingest", "--manifest", SampleFile("manifest.csv"), "--json"});
  CHECK(refused.exit_code == 1);
  CHECK_THAT(refused.out, Catch::Contains("pledge_required"));
  Finished accepted =
      poster({"ingest", "--accept-pledge", "--manifest", SampleFile("manifest.csv")});
  INFO(accepted.out << accepted.err);
  CHECK(accepted.exit_code == 0);
  CHECK(poster({"audit", "verify"}).exit_code == 0);
}

TEST_CASE("poster award revoke takes back a final award with a reason, logged and verified",
          "[cli][rules]") {
  CliContest poster(kPledgeToml);
  REQUIRE(poster({"contest", "init", "--config", poster.config()}).exit_code == 0);
  REQUIRE(poster({"roster", "import", (SourceDir() / "assets" / "samples" / "roster.csv").string()})
              .exit_code == 0);
  REQUIRE(
      poster({"ingest", "--accept-pledge", "--manifest", SampleFile("manifest.csv")}).exit_code ==
      0);
  JudgeAndAnnounce(poster);
  CHECK(poster({"award", "revoke", "1"}).exit_code == 2);  // --reason is required
  Finished not_admin = poster({"award", "revoke", "1", "--reason", "표절", "--as", "E2001"});
  CHECK(not_admin.exit_code == 1);
  Finished revoked =
      poster({"award", "revoke", "1", "--reason", "다른 공모전 수상작", "--as", "A0001"});
  CHECK(revoked.exit_code == 0);
  CHECK_THAT(revoked.out, Catch::Contains("1번 작품의 최우수 수상을 취소했습니다"));
  json again = poster.Json({"award", "revoke", "1", "--reason", "표절", "--as", "A0001"});
  CHECK(again["code"] == "not_revocable");
  json results = poster.Json({"results", "--as", "A0001"});
  json first = results["rows"][0];
  CHECK(first["entry"] == 1);
  CHECK(first["tier"].is_null());
  CHECK(first["revoked"]["reason"] == "다른 공모전 수상작");
  CHECK(results["rows"][1]["tier"] == "우수");
  Finished csv = poster({"results", "--format", "csv", "--as", "A0001"});
  CHECK_THAT(csv.out, Catch::Contains("최우수 수상 취소"));
  json audit = poster.Json({"audit", "verify"});
  CHECK(audit["ok"] == true);
  CHECK(std::find(audit["checked"].begin(), audit["checked"].end(), "award_revocations") !=
        audit["checked"].end());
}
