// A whole contest from the command line: set-up, roster, moderation, votes,
// judging, sealed and announced results, and the audit, as an admin would run it.
#include "tests/cli/cli_contest.h"

using namespace poster::testing;
using nlohmann::json;

namespace {

constexpr const char* kContestToml =
    "[contest]\nname = \"시청 혁신주간\"\n[phases.submission]\nstart = \"contest\"\n"
    "[phases.review]\nstart = \"contest\"\n[tie_break]\nstill_tied = \"lot\"\nlot_seed = "
    "\"공개 시드\"\n";

}  // namespace

TEST_CASE("an admin runs a contest end to end from the command line", "[cli][contest]") {
  CliContest poster(kContestToml);
  REQUIRE(poster({"contest", "init", "--config", poster.config()}).exit_code == 0);
  CHECK(poster.Json({"roster", "import", SampleFile("roster.csv")})["added"] == 15);
  REQUIRE(poster({"ingest", "--manifest", SampleFile("manifest.csv")}).exit_code == 0);

  Finished queue = poster({"review", "list", "--json"});
  CHECK(queue.lines().size() == 6);
  for (const char* id : {"1", "2", "3", "4", "5"})
    REQUIRE(poster({"review", "approve", id, "--as", "M0001"}).exit_code == 0);
  json rejected =
      poster.Json({"review", "reject", "6", "--as", "M0002", "--reason", "1번과 같은 작품입니다"});
  CHECK(rejected["review_status"] == "rejected");
  Finished not_moderator = poster({"review", "approve", "6", "--as", "E2001", "--json"});
  CHECK(not_moderator.exit_code == 1);
  CHECK(json::parse(not_moderator.out)["code"] == "not_permitted");

  CHECK(poster.Json({"vote", "cast", "1", "--as", "E2001"})["code"] == "outside_window");
  REQUIRE(poster({"contest", "phase", "open", "voting", "--as", "A0001"}).exit_code == 0);
  for (const char* id : {"1", "2", "3"})
    REQUIRE(poster({"vote", "cast", id, "--as", "E2001"}).exit_code == 0);
  Finished fourth = poster({"vote", "cast", "4", "--as", "E2001", "--lang", "en"});
  CHECK(fourth.exit_code == 1);
  CHECK_THAT(fourth.err, Catch::Contains("over_budget"));
  REQUIRE(poster({"vote", "cast", "1", "--as", "E2002"}).exit_code == 0);
  CHECK(poster.Json({"vote", "list", "--as", "E2001"})["remaining"] == 0);

  REQUIRE(poster({"judge", "assign", "--seed", "공개 시드", "--as", "A0001"}).exit_code == 0);
  REQUIRE(poster({"contest", "phase", "open", "judging", "--as", "A0001"}).exit_code == 0);
  int scored = 0;
  for (const char* judge : {"J0001", "J0002", "J0003"}) {
    for (const json& task : poster.Json({"judge", "list", "--as", judge})) {
      int entry = task["entry"];
      std::string scores = std::to_string(entry + 4) + ",7,8," + std::to_string(10 - entry);
      REQUIRE(poster({"judge", "score", std::to_string(entry), "--as", judge, "--scores", scores})
                  .exit_code == 0);
      ++scored;
    }
  }
  CHECK(scored == 15);

  CHECK(poster.Json({"results", "--as", "E2001"})["code"] == "results_sealed");
  json sealed = poster.Json({"results", "--as", "A0001"});
  CHECK(sealed["state"] == "sealed");
  CHECK(sealed["rows"].size() == 5);
  REQUIRE(poster({"announce", "--as", "A0001"}).exit_code == 0);
  Finished csv = poster({"results", "--format", "csv"});
  CHECK(csv.out.rfind("\xEF\xBB\xBF순위,등급", 0) == 0);
  CHECK(poster.Json({"results"})["rows"][0]["tier"] == "최우수");

  Finished audit = poster({"audit", "verify", "--json"});
  CHECK(audit.exit_code == 0);
  CHECK(json::parse(audit.out)["ok"] == true);
}

TEST_CASE("contest commands refuse usage mistakes with exit status 2", "[cli][contest]") {
  CliContest poster(kContestToml);
  WriteText(poster.dir() / "bad.toml", "[voting]\nvotes_per_voter = 0\n");
  Finished bad = poster({"contest", "init", "--config", (poster.dir() / "bad.toml").string()});
  CHECK(bad.exit_code == 2);
  CHECK_THAT(bad.err, Catch::Contains("voting.votes_per_voter"));
  CHECK(poster({"contest", "phase", "open", "lunch"}).exit_code == 2);
  CHECK(poster({"vote", "cast"}).exit_code == 2);
  CHECK(poster({"judge", "score", "1", "--scores", "eight"}).exit_code == 2);
  CHECK(poster({"results", "--format", "pdf"}).exit_code == 2);
}

TEST_CASE(
    "contest init --first-only stores a config once and keeps it after: the service's every start",
    "[cli][contest]") {
  CliContest poster("[contest]\nname = \"시청 \\\"혁신\\\" 주간\"\n");  // quotes in the name
  json first = poster.Json({"contest", "init", "--config", poster.config(), "--first-only"});
  CHECK(first == json{{"status", "ok"}, {"contest", "시청 \"혁신\" 주간"}});
  WriteText(poster.dir() / "edited.toml", "[contest]\nname = \"바뀐 이름\"\n");
  std::string edited = poster.path("edited.toml");
  Finished kept = poster({"contest", "init", "--config", edited, "--first-only", "--lang", "en"});
  CHECK(kept.exit_code == 0);
  CHECK_THAT(kept.out, Catch::Contains("contest kept: 시청 \"혁신\" 주간"));
  CHECK(poster.Json({"contest", "show"})["name"] == "시청 \"혁신\" 주간");
  // A bad config is refused even where one is stored: the edit would be lost otherwise.
  WriteText(poster.dir() / "bad.toml", "[voting]\nvotes_per_voter = 0\n");
  CHECK(
      poster({"contest", "init", "--config", poster.path("bad.toml"), "--first-only"}).exit_code ==
      2);
  // Without --first-only an admin replaces it, as before.
  CHECK(poster.Json({"contest", "init", "--config", edited})["contest"] == "바뀐 이름");
  CHECK(poster.Json({"audit", "verify"})["chain_intact"] == true);
}

TEST_CASE("a judge recuses from the command line and the entry leaves their own-order list",
          "[cli][judging]") {
  CliContest poster(kContestToml);
  REQUIRE(poster({"contest", "init", "--config", poster.config()}).exit_code == 0);
  REQUIRE(poster({"roster", "import", SampleFile("roster.csv")}).exit_code == 0);
  REQUIRE(poster({"ingest", "--manifest", SampleFile("manifest.csv")}).exit_code <= 1);
  for (const char* id : {"1", "2", "3", "4", "5"})
    REQUIRE(poster({"review", "approve", id, "--as", "M0001"}).exit_code == 0);
  REQUIRE(poster({"judge", "assign", "--seed", "공개 시드", "--as", "A0001"}).exit_code == 0);
  json before = poster.Json({"judge", "list", "--as", "J0001"});
  REQUIRE(before.size() == 5);
  std::vector<int> positions;
  for (const json& task : before) positions.push_back(task["position"]);
  CHECK(positions == std::vector<int>{1, 2, 3, 4, 5});
  std::string first = std::to_string(before[0]["entry"].get<int>());
  Finished short_reason =
      poster({"judge", "recuse", first, "--as", "J0001", "--reason", "가족", "--json"});
  CHECK(short_reason.exit_code == 1);
  CHECK(json::parse(short_reason.out)["code"] == "reason_required");
  json recused = poster.Json({"judge", "recuse", first, "--as", "J0001", "--reason",
                              "작성자가 제 가족이라 공정하게 볼 수 없습니다"});
  CHECK(recused["entry"] == before[0]["entry"]);
  json after = poster.Json({"judge", "list", "--as", "J0001"});
  CHECK(after.size() == 4);
  CHECK(after[0]["entry"] == before[1]["entry"]);  // the others keep their order
  CHECK(poster({"judge", "recuse"}).exit_code == 2);
  Finished audit = poster({"audit", "verify", "--json"});
  CHECK(audit.exit_code == 0);
  CHECK(json::parse(audit.out)["ok"] == true);
}
