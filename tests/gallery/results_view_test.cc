// What each viewer sees of the results, and what a spreadsheet makes of them:
// employee numbers only for admins, the public view as [results] says, and no
// cell that Excel would run as a formula.
#include "tests/gallery/contest_fixture.h"

using namespace poster;
using namespace poster::testing;

namespace {

// Three approved entries with votes and scores, announced.
void Announced(Contest& contest) {
  gallery::Catalogue& c = contest.catalogue();
  int64_t a = contest.SubmitApproved("E1", 1), b = contest.SubmitApproved("E2", 2);
  contest.SubmitApproved("E3", 3);
  REQUIRE(c.AssignJudges("seed", "A1").ok());
  contest.clock().Set(KoreaTime(17, 10));
  REQUIRE(c.CastVote("V1", a).ok());
  REQUIRE(c.Score("J1", a, {9, 9, 9, 9}).ok());
  REQUIRE(c.Score("J1", b, {5, 5, 5, 5}).ok());
  REQUIRE(c.Announce("A1").ok());
}

std::string Csv(const gallery::Results& results) {
  return gallery::FormatResults(results, gallery::ResultsFormat::kCsv, gallery::Language::kKorean);
}

std::string Json(const gallery::Results& results) {
  return gallery::FormatResults(results, gallery::ResultsFormat::kJson, gallery::Language::kKorean);
}

// One row with `title`, as a CSV line.
std::string CsvWithTitle(const std::string& title) {
  gallery::Results results;
  results.rules.tiers = {{"최우수", "Grand prize", 1}};
  gallery::ResultRow row;
  row.tally.id = 7;
  row.tally.rank = 1;
  row.tally.judge_z = -1.25;
  row.title = title;
  row.author_name = "작가";
  results.rows.push_back(row);
  return Csv(results);
}

}  // namespace

TEST_CASE("text a spreadsheet would run as a formula is written as text", "[gallery][results]") {
  auto [title, cell] = GENERATE(table<std::string, std::string>({
      {"=HYPERLINK(\"http://x\",\"y\")", "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""},
      {"+1+2", "'+1+2"},
      {"-2+3", "'-2+3"},
      {"@SUM(A1)", "'@SUM(A1)"},
      {"\tcmd", "'\tcmd"},
      {"\r=1", "\"'\r=1\""},
      {"시민=행복", "시민=행복"},
  }));
  INFO(title);
  std::string csv = CsvWithTitle(title);
  CHECK_THAT(csv, Catch::Contains("," + cell + ","));
  CHECK_THAT(csv, Catch::Contains(",-1.2500,"));  // numbers keep their sign
}

TEST_CASE("the public sees the winners without employee numbers; admins the whole table",
          "[gallery][results]") {
  Contest contest;
  Announced(contest);
  gallery::Catalogue& c = contest.catalogue();
  gallery::Results admin = *c.ResultsFor("A1");
  CHECK(admin.view == gallery::ResultsView::kTable);
  CHECK(admin.rows.size() == 3);
  CHECK(admin.rows[0].author == "E1");
  CHECK_THAT(Csv(admin), Catch::Contains("사번") && Catch::Contains(",E1,"));
  for (const std::string viewer : {"", "V1", "J1", "M1"}) {
    INFO(viewer);
    gallery::Results seen = *c.ResultsFor(viewer);
    CHECK(seen.view == gallery::ResultsView::kWinners);
    CHECK(seen.rows.size() == 3);  // every tier has room: all three are winners
    CHECK(seen.sha256 == admin.sha256);
    CHECK(seen.log_head.seq > 0);
    for (const gallery::ResultRow& row : seen.rows) CHECK(row.author.empty());
    CHECK(seen.rows[0].author_name == "작가하나");
    for (const std::string& shown : {Csv(seen), Json(seen)}) {
      for (const char* id : {"E1", "E2", "E3"}) CHECK_THAT(shown, !Catch::Contains(id));
      CHECK_THAT(shown, !Catch::Contains("득표") && !Catch::Contains("\"votes\""));
    }
  }
}

TEST_CASE("[results] can show the public or the judges the whole table, never employee numbers",
          "[gallery][results]") {
  Contest contest;
  gallery::Catalogue& c = contest.catalogue();
  REQUIRE(c.InitContest(std::string(kContestToml) + "judges = \"table\"\n", "t.toml", "A1").ok());
  Announced(contest);
  CHECK(c.ResultsFor("V1")->view == gallery::ResultsView::kWinners);
  gallery::Results judge = *c.ResultsFor("J1");
  CHECK(judge.view == gallery::ResultsView::kTable);
  CHECK_THAT(Csv(judge), Catch::Contains("득표") && !Catch::Contains(",E1,"));
  REQUIRE(c.InitContest(std::string(kContestToml) + "public = \"table\"\n", "t.toml", "A1").ok());
  gallery::Results everyone = *c.ResultsFor("");
  CHECK(everyone.view == gallery::ResultsView::kTable);
  CHECK_THAT(Json(everyone), Catch::Contains("\"votes\"") && !Catch::Contains("\"E1\""));
}

TEST_CASE("a [results] view that is not winners or table is refused", "[gallery][config]") {
  Result<gallery::ContestConfig> config =
      gallery::ParseConfig("[results]\npublic = \"everything\"\n", "t.toml");
  CHECK(config.status().code() == "config_invalid");
  CHECK_THAT(config.status().message(), Catch::Contains("results.public"));
}
