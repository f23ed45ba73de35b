// The roster: imported from spreadsheets in UTF-8 or CP949, updated in place,
// refused whole with the line and column of a mistake.
#include <iconv.h>

#include "tests/gallery/contest_fixture.h"

using namespace poster;
using namespace poster::testing;

namespace {

std::string ToCp949(const std::string& utf8) {
  iconv_t converter = iconv_open("CP949", "UTF-8");
  std::string out(utf8.size() * 2, '\0');
  char* in = const_cast<char*>(utf8.data());
  char* to = out.data();
  size_t in_left = utf8.size(), out_left = out.size();
  iconv(converter, &in, &in_left, &to, &out_left);
  iconv_close(converter);
  out.resize(out.size() - out_left);
  return out;
}

Result<gallery::RosterImport> Import(gallery::Catalogue& catalogue, const TempDir& dir,
                                     const std::string& bytes) {
  WriteText(dir / "people.csv", bytes);
  return catalogue.ImportRoster(dir / "people.csv", "operator");
}

}  // namespace

TEST_CASE("a roster with Korean headers and a BOM is imported with every role",
          "[gallery][roster]") {
  TempDir dir;
  gallery::Catalogue catalogue = OpenCatalogue(dir / "data");
  Result<gallery::RosterImport> imported =
      Import(catalogue, dir,
             "\xEF\xBB\xBF사번,이름,부서,이메일,역할\r\nA1,김관리,혁신정책과,a1@city.go.kr,관리자;"
             "직원\r\nJ1,최심사,외부,,심사위원\r\nE1,한시민,민원봉사과,,\r\n");
  REQUIRE(imported.ok());
  CHECK(imported->added == 3);
  CHECK(imported->encoding == "UTF-8");
  std::vector<gallery::PersonRecord> people = *catalogue.Roster();
  REQUIRE(people.size() == 3);
  CHECK(people[0].name == "김관리");
  CHECK(people[0].roles ==
        std::vector<voting::Role>{voting::Role::kEmployee, voting::Role::kAdmin});
  CHECK(people[1].roles ==
        std::vector<voting::Role>{voting::Role::kEmployee});  // E1, no role: employee
  CHECK(people[2].roles == std::vector<voting::Role>{voting::Role::kJudge});  // J1
}

TEST_CASE("a roster saved as CP949 by a Korean spreadsheet is read as such", "[gallery][roster]") {
  TempDir dir;
  gallery::Catalogue catalogue = OpenCatalogue(dir / "data");
  Result<gallery::RosterImport> imported =
      Import(catalogue, dir, ToCp949("사번,이름,부서,역할\r\nE1,한시민,민원봉사과,직원\r\n"));
  REQUIRE(imported.ok());
  CHECK(imported->encoding == "CP949");
  CHECK(catalogue.Roster()->front().department == "민원봉사과");
}

TEST_CASE("importing again updates people without duplicating them", "[gallery][roster]") {
  TempDir dir;
  gallery::Catalogue catalogue = OpenCatalogue(dir / "data");
  REQUIRE(Import(catalogue, dir,
                 "employee_id,name,department,roles\nE1,한시민,민원봉사과,employee\nE2,오균형,"
                 "균형발전과,employee\n")
              .ok());
  Result<gallery::RosterImport> again =
      Import(catalogue, dir,
             "employee_id,name,department,roles\nE1,한시민,민원봉사과,employee\nE2,오균형,"
             "기획예산과,employee;moderator\nE3,서도시,도시계획과,employee\n");
  REQUIRE(again.ok());
  CHECK(again->added == 1);
  CHECK(again->updated == 1);
  CHECK(again->unchanged == 1);
  std::vector<gallery::PersonRecord> people = *catalogue.Roster();
  REQUIRE(people.size() == 3);
  CHECK(people[1].department == "기획예산과");
  CHECK(people[1].roles.size() == 2);
}

TEST_CASE("employee numbers are one person in any case, on import and again", "[gallery][roster]") {
  TempDir dir;
  gallery::Catalogue catalogue = OpenCatalogue(dir / "data");
  CHECK(Import(catalogue, dir, "id,name\nE1,가\ne1,나\n").status().detail("line") == "3");
  REQUIRE(Import(catalogue, dir, "id,name\nE1,한시민\n").ok());
  Result<gallery::RosterImport> again = Import(catalogue, dir, "id,name\ne1,한시민 (개명)\n");
  REQUIRE(again.ok());
  CHECK(again->updated == 1);
  CHECK(again->added == 0);
  std::vector<gallery::PersonRecord> people = *catalogue.Roster();
  REQUIRE(people.size() == 1);
  CHECK(people[0].id == "E1");
  CHECK(people[0].name == "한시민 (개명)");
}

TEST_CASE("roster mistakes name their line and column, and nothing is imported",
          "[gallery][roster]") {
  TempDir dir;
  gallery::Catalogue catalogue = OpenCatalogue(dir / "data");
  Result<gallery::RosterImport> role =
      Import(catalogue, dir, "id,name,roles\nE1,한시민,employee\nE2,오균형,대장\n");
  REQUIRE(role.status().code() == "roster_invalid");
  CHECK(role.status().detail("line") == "3");
  CHECK(role.status().detail("column") == "3");
  CHECK_THAT(role.status().message(), Catch::Contains("대장"));
  CHECK(catalogue.Roster()->empty());  // E1 was not imported either
  CHECK(Import(catalogue, dir, "id,name\nE1,\n").status().detail("column") == "2");
  CHECK(Import(catalogue, dir, "id,name\nE1,가\nE1,나\n").status().detail("line") == "3");
  CHECK(Import(catalogue, dir, "id,name,salary\nE1,가,1\n").status().detail("column") == "3");
  CHECK(Import(catalogue, dir, "name\n가\n").status().code() == "roster_invalid");
  CHECK(Import(catalogue, dir, "id,name\nE 1,가\n").status().detail("column") == "1");
  CHECK(Import(catalogue, dir, std::string("id,name\nE1,\xFF\xFE\n")).status().code() ==
        "roster_invalid");
}

TEST_CASE("roster mistakes read in Korean alone, with the line and column in words",
          "[gallery][roster][messages]") {
  TempDir dir;
  gallery::Catalogue catalogue = OpenCatalogue(dir / "data");
  auto korean = [&](const std::string& csv) {
    return gallery::Localize(Import(catalogue, dir, csv).status(), gallery::Language::kKorean);
  };
  CHECK_THAT(korean("id,name\nE1,한시민\nE2,\n"),
             Catch::EndsWith("people.csv의 3번째 줄 2번째 칸: 이름이 비어 있습니다."));
  CHECK_THAT(korean("id,name\nE1,가\nE1,나\n"),
             Catch::EndsWith("3번째 줄 1번째 칸: 사번 E1이 두 번 나옵니다."));
  CHECK_THAT(korean("id,name\nE2,가\nE2,나\n"),
             Catch::EndsWith("3번째 줄 1번째 칸: 사번 E2가 두 번 나옵니다."));
  CHECK_THAT(korean(""), Catch::EndsWith("people.csv: 명단이 비어 있습니다."));
  for (const std::string csv :
       {"id,name,roles\nE1,가,대장\n", "id,name,salary\nE1,가,1\n", "name\n가\n",
        "id,name\nE 1,가\n", "id,name,email\nE1,가,nobody\n", "id,name\nE1,\"가\n",
        "id,name\nE1,\xFF\xFE\n", "id,name\nE1,가,나\n"}) {
    std::string text = korean(csv);
    INFO(text);
    CHECK_THAT(text, Catch::StartsWith("명단 파일(CSV)"));
    for (const char* english : {"the ", "column", "row", "field", "is "})
      CHECK(text.find(english) == std::string::npos);
  }
}

TEST_CASE("only admins import the roster", "[gallery][roster]") {
  Contest contest;
  WriteText(contest.dir() / "more.csv", "id,name\nE9,새사람\n");
  CHECK(contest.catalogue().ImportRoster(contest.dir() / "more.csv", "E1").status().code() ==
        "not_permitted");
  CHECK(contest.catalogue().ImportRoster(contest.dir() / "more.csv", "A1").ok());
}
