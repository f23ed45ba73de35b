// Judge assignment: conflict-free, evenly spread, reproducible from its seed.
#include <map>
#include <set>

#include "tests/voting/fixtures.h"

using namespace poster;
using namespace poster::testing;

namespace {

std::vector<voting::Candidate> Entries(int count) {
  std::vector<voting::Candidate> entries;
  for (int i = 1; i <= count; ++i) {
    entries.push_back({i, {"E" + std::to_string(1000 + i)}, {i % 2 ? "기획과" : "교통과"}, {}});
  }
  return entries;
}

std::vector<voting::Person> Judges(int count) {
  std::vector<voting::Person> judges;
  for (int i = 1; i <= count; ++i)
    judges.push_back(Judge("J" + std::to_string(i), i == 1 ? "기획과" : "심사단"));
  return judges;
}

std::map<std::string, int> Load(const std::vector<voting::Assignment>& assignments) {
  std::map<std::string, int> load;
  for (const auto& a : assignments) ++load[a.judge];
  return load;
}

}  // namespace

TEST_CASE("by default every judge scores every entry", "[voting][judging]") {
  Result<std::vector<voting::Assignment>> all =
      voting::AssignJudges(voting::Rules(), Judges(3), Entries(4), "seed");
  REQUIRE(all.ok());
  CHECK(all->size() == 12);
}

TEST_CASE("a judge never gets an entry they authored or co-authored", "[voting][judging]") {
  std::vector<voting::Candidate> entries = Entries(3);
  entries[0].authors.push_back("J2");  // J2 co-authored entry 1
  Result<std::vector<voting::Assignment>> all =
      voting::AssignJudges(voting::Rules(), Judges(3), entries, "s");
  REQUIRE(all.ok());
  for (const voting::Assignment& a : *all) CHECK_FALSE((a.judge == "J2" && a.entry == 1));
  CHECK(all->size() == 8);
}

TEST_CASE("with the department rule, nor one from their own department", "[voting][judging]") {
  voting::Rules rules;
  rules.judge_conflict_department = true;
  Result<std::vector<voting::Assignment>> all =
      voting::AssignJudges(rules, Judges(3), Entries(4), "s");
  REQUIRE(all.ok());
  for (const voting::Assignment& a : *all)
    CHECK_FALSE((a.judge == "J1" && a.entry % 2 == 1));  // J1 is 기획과
}

TEST_CASE("a quorum of N judges per entry is spread evenly and reproducibly", "[voting][judging]") {
  voting::Rules rules;
  rules.judges_per_entry = 2;
  Result<std::vector<voting::Assignment>> first =
      voting::AssignJudges(rules, Judges(5), Entries(20), "2026-공개시드");
  REQUIRE(first.ok());
  CHECK(first->size() == 40);
  std::map<int64_t, int> per_entry;
  for (const auto& a : *first) ++per_entry[a.entry];
  for (const auto& [entry, judges] : per_entry) CHECK(judges == 2);
  std::map<std::string, int> load = Load(*first);
  for (const auto& [judge, count] : load) CHECK(count == 8);  // 40 assignments over 5 judges
  CHECK(*voting::AssignJudges(rules, Judges(5), Entries(20), "2026-공개시드") == *first);
  CHECK(*voting::AssignJudges(rules, Judges(5), Entries(20), "another seed") != *first);
}

TEST_CASE("an entry that cannot get its quorum is named in not_enough_judges",
          "[voting][judging]") {
  voting::Rules rules;
  rules.judges_per_entry = 3;
  std::vector<voting::Candidate> entries = Entries(2);
  entries[1].authors.push_back("J1");
  Result<std::vector<voting::Assignment>> short_one =
      voting::AssignJudges(rules, Judges(3), entries, "s");
  CHECK(short_one.status().code() == "not_enough_judges");
  CHECK(short_one.status().detail("entry") == "2");
  CHECK(voting::AssignJudges(voting::Rules(), {}, Entries(1), "s").status().code() ==
        "not_enough_judges");
}

TEST_CASE("when a judge drops out their scores stay and the rest is reassigned",
          "[voting][judging]") {
  voting::Rules rules;
  rules.judges_per_entry = 2;
  std::vector<voting::Person> judges = Judges(4);
  std::vector<voting::Candidate> entries = Entries(8);
  std::vector<voting::Assignment> current = *voting::AssignJudges(rules, judges, entries, "s");
  std::vector<voting::Assignment> scored;
  for (const auto& a : current) {
    if (a.judge == "J3" && scored.size() < 2) scored.push_back(a);
  }
  REQUIRE(scored.size() == 2);
  Result<std::vector<voting::Assignment>> after =
      voting::Reassign(rules, current, scored, "J3", judges, entries, "s");
  REQUIRE(after.ok());
  CHECK(after->size() == current.size());
  int j3 = 0;
  for (const auto& a : *after) j3 += a.judge == "J3";
  CHECK(j3 == 2);  // only what J3 already scored
  for (const auto& kept : scored)
    CHECK(std::find(after->begin(), after->end(), kept) != after->end());
  std::map<int64_t, std::set<std::string>> per_entry;
  for (const auto& a : *after)
    CHECK(per_entry[a.entry].insert(a.judge).second);  // no judge twice on an entry
}

TEST_CASE("scores are one whole number per criterion within the scale", "[voting][judging]") {
  voting::Rules rules;
  CHECK(voting::CheckScores(rules, {8, 7, 9, 10}).ok());
  CHECK(voting::CheckScores(rules, {8, 7, 9}).code() == "invalid_score");
  CHECK(voting::CheckScores(rules, {8, 7, 9, 11}).code() == "invalid_score");
  Status zero = voting::CheckScores(rules, {0, 7, 9, 10});
  CHECK(zero.detail("range") == "1-10");
  CHECK_THAT(zero.message(), Catch::Contains("창의성"));
}

TEST_CASE("when every judge scores every entry, a leaving judge's unscored work just goes",
          "[voting][judging]") {
  std::vector<voting::Person> judges = Judges(3);
  std::vector<voting::Candidate> entries = Entries(2);
  std::vector<voting::Assignment> current =
      *voting::AssignJudges(voting::Rules(), judges, entries, "s");
  std::vector<voting::Assignment> scored = {{"J2", 1}};
  Result<std::vector<voting::Assignment>> after =
      voting::Reassign(voting::Rules(), current, scored, "J2", judges, entries, "s");
  REQUIRE(after.ok());
  CHECK(after->size() == 5);  // J2 keeps entry 1, loses entry 2
  CHECK(std::find(after->begin(), after->end(), voting::Assignment{"J2", 2}) == after->end());
}
