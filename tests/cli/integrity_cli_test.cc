// issue 11 from the command line: a vote prints its receipt and the secret the
// store drew, the admin reads the integrity report (the same from the log),
// voids a vote, announces, and anyone checks a receipt.
#include "tests/cli/cli_contest.h"

using namespace poster::testing;
using nlohmann::json;

namespace {}  // namespace

TEST_CASE("an admin reads the vote report, voids a vote, and a voter checks a receipt",
          "[cli][integrity]") {
  CliContest poster;
  REQUIRE(poster({"roster", "import", SampleFile("roster.csv")}).exit_code == 0);
  REQUIRE(poster({"ingest", "--manifest", SampleFile("manifest.csv")}).exit_code == 0);
  for (const char* id : {"1", "2"})
    REQUIRE(poster({"review", "approve", id, "--as", "M0001"}).exit_code == 0);
  REQUIRE(poster({"contest", "phase", "open", "voting", "--as", "A0001"}).exit_code == 0);
  json cast = poster.Json({"vote", "cast", "1", "--as", "E1002"});
  std::string receipt = cast["receipt"];
  CHECK(cast["secret"].get<std::string>().size() == 64);
  Finished text = poster({"vote", "cast", "2", "--as", "E1001"});
  CHECK_THAT(text.out, Catch::Contains("영수증: ") && Catch::Contains("비밀값"));
  json voided_receipt = poster.Json({"vote", "cast", "1", "--as", "E1003"});

  json report = poster.Json({"vote", "report", "--as", "A0001"});
  CHECK(report["votes"] == 3);
  CHECK(report == poster.Json({"vote", "report", "--from-log", "--as", "A0001"}));
  CHECK(poster({"vote", "report", "--as", "E1001"}).exit_code == 1);  // not an admin
  CHECK(
      poster({"vote", "void", "E1003", "1", "--reason", "대리 투표", "--as", "E1001"}).exit_code ==
      1);
  REQUIRE(
      poster({"vote", "void", "E1003", "1", "--reason", "대리 투표", "--as", "A0001"}).exit_code ==
      0);
  CHECK(poster.Json({"vote", "report", "--as", "A0001"})["voided"] == 1);
  CHECK(poster.Json({"vote", "list", "--as", "E1003"})["remaining"] == 2);  // still spent

  CHECK(poster({"vote", "check", receipt}).exit_code == 1);  // not announced yet
  REQUIRE(poster({"announce", "--as", "A0001"}).exit_code == 0);
  CHECK(poster({"vote", "check", receipt}).exit_code == 0);
  CHECK(poster({"vote", "check", voided_receipt["receipt"]}).exit_code == 1);
  json published = poster.Json({"vote", "receipts"});
  CHECK(published["receipts"].size() == 2);
  CHECK(poster.Json({"results", "--as", "A0001"})["receipts_root"] == published["root"]);
  CHECK(poster({"audit", "verify"}).exit_code == 0);
  CHECK(poster({"vote", "void", "E1001", "2", "--reason", "늦음", "--as", "A0001"}).exit_code == 1);
}
