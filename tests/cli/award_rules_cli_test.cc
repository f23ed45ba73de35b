// Issue 11 through the command line: the judge model (scaling = "model") and
// one award per person (1인 1상), from the config to the announced table and
// the audit.
#include "tests/cli/cli_contest.h"

using namespace poster::testing;
using nlohmann::json;

namespace {

// A contest where 한시민 (E1001) wrote entries 1 and 2 and co-authored 3.
class AwardContest : public CliContest {
 public:
  AwardContest()
      : CliContest(
            "[contest]\nname = \"시청 혁신주간\"\n[phases.submission]\nstart = \"contest\"\n"
            "[phases.review]\nstart = \"contest\"\n[judging]\njudges_per_entry = 2\n"
            "scaling = \"model\"\n[results]\none_award_per_person = true\n"
            "[[tiers]]\nname = \"최우수\"\nname_en = \"Grand prize\"\ncount = 1\n"
            "[[tiers]]\nname = \"우수\"\nname_en = \"Excellence\"\ncount = 2\n") {
    WriteText(dir() / "manifest.csv",
              "input,author,co_authors,title,theme\n" + SampleFile("01-citizen-happiness.png") +
                  ",E1001,,첫째,시민행복\n" + SampleFile("02-balanced-growth.jpg") +
                  ",E1001,,둘째,균형발전\n" + SampleFile("03-world-class-city.webp") +
                  ",E1002,E1001,셋째,초일류도시\n" + SampleFile("04-citizen-communication.jpg") +
                  ",E1003,,넷째,시민소통\n" + SampleFile("05-creative-administration.png") +
                  ",E1004,,다섯째,창조행정\n");
  }
};

// Entries scored in their number's order: entry N gets 10 − N on every criterion.
void JudgeAll(AwardContest& poster) {
  REQUIRE(poster({"judge", "assign", "--seed", "공개 시드", "--as", "A0001"}).exit_code == 0);
  REQUIRE(poster({"contest", "phase", "open", "judging", "--as", "A0001"}).exit_code == 0);
  for (const char* judge : {"J0001", "J0002", "J0003"}) {
    for (const json& task : poster.Json({"judge", "list", "--as", judge})) {
      int entry = task["entry"];
      std::string s = std::to_string(10 - entry);
      REQUIRE(poster({"judge", "score", std::to_string(entry), "--as", judge, "--scores",
                      s + "," + s + "," + s + "," + s})
                  .exit_code == 0);
    }
  }
}

const json& RowOf(const json& table, int entry) {
  for (const json& row : table["rows"])
    if (row["entry"] == entry) return row;
  FAIL("no row for entry " << entry);
  static json none;
  return none;
}

}  // namespace

TEST_CASE("1인 1상 and the judge model run from the config to the audited announcement",
          "[cli][awards]") {
  AwardContest poster;
  REQUIRE(poster({"contest", "init", "--config", poster.path("contest.toml")}).exit_code == 0);
  REQUIRE(poster({"roster", "import", SampleFile("roster.csv")}).exit_code == 0);
  REQUIRE(poster({"ingest", "--manifest", poster.path("manifest.csv")}).exit_code == 0);
  for (const char* id : {"1", "2", "3", "4", "5"})
    REQUIRE(poster({"review", "approve", id, "--as", "M0001"}).exit_code == 0);
  JudgeAll(poster);

  json sealed = poster.Json({"results", "--as", "A0001"});
  CHECK(sealed["rules"]["judge_scaling"] == "model");
  CHECK(sealed["rules"]["one_award_per_person"] == true);
  CHECK(RowOf(sealed, 1)["tier"] == "최우수");
  CHECK(RowOf(sealed, 2)["tier"].is_null());  // 한시민 holds 최우수
  CHECK(RowOf(sealed, 3)["tier"].is_null());  // and co-authored 3
  CHECK(RowOf(sealed, 4)["tier"] == "우수");
  CHECK(RowOf(sealed, 5)["tier"] == "우수");
  CHECK(RowOf(sealed, 2)["rank"] == 2);
  CHECK_THAT(RowOf(sealed, 2)["notes_ko"].back().get<std::string>(),
             Catch::Contains("1인 1상: 한시민 님은 이미 1번으로 최우수를 받아"));
  CHECK_THAT(RowOf(sealed, 3)["notes"].back().get<std::string>(),
             Catch::Contains("한시민 already holds 최우수 for entry 1"));
  CHECK(RowOf(sealed, 1)["judge_model"].get<double>() == Approx(90));
  REQUIRE(sealed.contains("judge_model"));
  CHECK(sealed["judge_model"]["judges"].size() == 3);

  Finished table = poster({"results", "--as", "A0001"});
  CHECK_THAT(table.out, Catch::Contains("모형") && Catch::Contains("심사 모형 J0001") &&
                            Catch::Contains("1인 1상"));
  Finished csv = poster({"results", "--as", "A0001", "--format", "csv", "--lang", "en"});
  CHECK_THAT(csv.out, Catch::Contains("judge z,judge model,judge score"));

  REQUIRE(poster({"announce", "--as", "A0001"}).exit_code == 0);
  json announced = poster.Json({"results"});
  CHECK(announced["rows"] == sealed["rows"]);
  CHECK(announced["judge_model"] == sealed["judge_model"]);  // stored with the table
  json public_view = poster.Json({"results", "--as", "E2001"});
  CHECK_FALSE(public_view.contains("judge_model"));  // it names the judges
  CHECK(public_view["rows"].size() == 3);            // the three winners

  Finished audit = poster({"audit", "verify", "--json"});
  INFO(audit.out);
  CHECK(audit.exit_code == 0);
  CHECK(json::parse(audit.out)["ok"] == true);
}

TEST_CASE("an unknown judging scaling names the three that exist", "[cli][awards]") {
  AwardContest poster;
  WriteText(poster.path("bad.toml"), "[contest]\nname = \"x\"\n[judging]\nscaling = \"bayes\"\n");
  Finished check = poster({"config", "check", "--config", poster.path("bad.toml"), "--lang", "en"});
  CHECK(check.exit_code == 2);
  CHECK_THAT(check.out + check.err,
             Catch::Contains("\"zscore\", \"raw\", \"model\"") && Catch::Contains("scaling"));
}
