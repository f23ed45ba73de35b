// The vote integrity report: what the admin reads before announcing.
#include <algorithm>
#include <random>

#include "tests/voting/fixtures.h"

using namespace poster;
using namespace poster::testing;

namespace {

struct Contest {
  voting::IntegrityFacts facts;
  void Person(const std::string& id, const std::string& department) {
    facts.voter_department[id] = department;
  }
  void Vote(const std::string& voter, int64_t entry, voting::Instant at,
            const std::string& address = "") {
    facts.votes.push_back({voter, entry, at, address, false});
  }
};

voting::IntegrityReport Report(const voting::IntegrityFacts& facts,
                               voting::IntegrityThresholds limits = {}) {
  return voting::BuildIntegrityReport(limits, facts);
}

const voting::EntryIntegrity& Row(const voting::IntegrityReport& report, int64_t entry) {
  return *std::find_if(report.entries.begin(), report.entries.end(),
                       [&](const voting::EntryIntegrity& row) { return row.entry == entry; });
}

// Five voters of 기획과 vote for entry 1 (기획과's); five of five departments
// for entry 2, spread over the day.
Contest Concentrated() {
  Contest c;
  c.facts.entry_department = {{1, "기획과"}, {2, "총무과"}};
  const char* departments[] = {"총무과", "세무과", "민원과", "복지과", "기획과"};
  for (int i = 0; i < 5; ++i) {
    c.Person("P" + std::to_string(i), "기획과");
    c.Person("Q" + std::to_string(i), departments[i]);
    c.Vote("P" + std::to_string(i), 1, Kst(16, 10, 2 * i));
    c.Vote("Q" + std::to_string(i), 2, Kst(16, 9 + 2 * i));
  }
  return c;
}

}  // namespace

TEST_CASE("an entry whose votes come from one department inside ten minutes is flagged twice",
          "[voting][integrity]") {
  voting::IntegrityReport report = Report(Concentrated().facts);
  const voting::EntryIntegrity& one = Row(report, 1);
  CHECK(one.votes == 5);
  CHECK(one.top_department == "기획과");
  CHECK(one.top_department_votes == 5);
  CHECK(one.own_department_votes == 5);
  CHECK(one.window_votes == 5);
  CHECK(one.window_start == Kst(16, 10, 0));
  CHECK(one.flags == std::vector<std::string>{"department", "window"});
  const voting::EntryIntegrity& two = Row(report, 2);
  CHECK(two.top_department_votes == 1);
  CHECK(two.own_department_votes == 1);
  CHECK(two.window_votes == 1);
  CHECK(two.flags.empty());
}

TEST_CASE("the thresholds hold at their boundaries", "[voting][integrity]") {
  Contest c = Concentrated();
  voting::IntegrityThresholds limits;
  limits.min_votes = 6;  // five votes are under it: no flags
  CHECK(Row(Report(c.facts, limits), 1).flags.empty());
  limits = {};
  limits.window_minutes = 8;  // 10:00 to 10:08 is 5 votes in [10:00, 10:08)? no: 4
  CHECK(Row(Report(c.facts, limits), 1).window_votes == 4);
  limits.window_share = 0.8;  // 4 of 5 is exactly 0.8: flagged
  CHECK(Row(Report(c.facts, limits), 1).flags == std::vector<std::string>{"department", "window"});
  limits.window_share = 0.81;
  CHECK(Row(Report(c.facts, limits), 1).flags == std::vector<std::string>{"department"});
  limits.department_share = 1.0;  // 5 of 5
  CHECK(Row(Report(c.facts, limits), 1).flags == std::vector<std::string>{"department"});
}

TEST_CASE("a voter who votes only inside their own department is listed", "[voting][integrity]") {
  Contest c = Concentrated();
  c.Vote("P0", 2, Kst(16, 12));  // P0 also votes outside: not an insider any more
  c.Vote("P1", 1, Kst(16, 12));  // a second vote inside (the same entry twice cannot happen;
                                 // it still counts as inside)
  voting::IntegrityReport report = Report(c.facts);
  REQUIRE(report.insiders.size() == 1);
  CHECK(report.insiders[0].voter == "P1");
  CHECK(report.insiders[0].department == "기획과");
  CHECK(report.insiders[0].votes == 2);
}

TEST_CASE("three voters from one address inside the window are a burst", "[voting][integrity]") {
  Contest c = Concentrated();
  c.facts.votes.clear();
  c.Vote("P0", 2, Kst(16, 10, 0), "10.0.0.7");
  c.Vote("P1", 2, Kst(16, 10, 9, 59), "10.0.0.7");
  c.Vote("P2", 2, Kst(16, 10, 10), "10.0.0.7");  // 10 minutes after the first: outside
  c.Vote("P3", 2, Kst(16, 10, 5), "10.0.0.8");
  CHECK(Report(c.facts).bursts.empty());  // two voters at most in any ten minutes
  c.Vote("P4", 2, Kst(16, 10, 15), "10.0.0.7");
  voting::IntegrityReport report = Report(c.facts);
  REQUIRE(report.bursts.size() == 1);
  CHECK(report.bursts[0].address == "10.0.0.7");
  CHECK(report.bursts[0].voters == 3);
  CHECK(report.bursts[0].from == Kst(16, 10, 9, 59));
  CHECK(report.bursts[0].to == Kst(16, 10, 15));
  c.Vote("P5", 2, Kst(16, 10, 1), "");  // unknown addresses are never a burst
  c.Vote("P6", 2, Kst(16, 10, 1), "");
  c.Vote("P7", 2, Kst(16, 10, 1), "");
  CHECK(Report(c.facts).bursts.size() == 1);
}

TEST_CASE("two departments voting for each other far above their share are a ring",
          "[voting][integrity]") {
  Contest c;
  // Ten entries, two from each of five departments; A and B vote for each other.
  const char* departments[] = {"A", "B", "C", "D", "E"};
  for (int64_t i = 0; i < 10; ++i) c.facts.entry_department[i + 1] = departments[i / 2];
  for (int i = 0; i < 3; ++i) {
    c.Person("a" + std::to_string(i), "A");
    c.Person("b" + std::to_string(i), "B");
    c.Vote("a" + std::to_string(i), 3, Kst(16, 10, i));  // B's entry
    c.Vote("b" + std::to_string(i), 1, Kst(16, 11, i));  // A's entry
  }
  voting::IntegrityReport report = Report(c.facts);
  REQUIRE(report.rings.size() == 1);
  CHECK(report.rings[0].a == "A");
  CHECK(report.rings[0].b == "B");
  CHECK(report.rings[0].a_to_b == 3);
  CHECK(report.rings[0].b_to_a == 3);
  CHECK(report.rings[0].expected_a_to_b == Approx(0.6));  // 3 votes × 2 of 10 entries
  voting::IntegrityThresholds limits;
  limits.ring_votes = 4;  // three each way is under it
  CHECK(Report(c.facts, limits).rings.empty());
  limits = {};
  limits.ring_ratio = 5.0;  // 3 ÷ 0.6 = 5: exactly at the ratio
  CHECK(Report(c.facts, limits).rings.size() == 1);
  limits.ring_ratio = 5.01;
  CHECK(Report(c.facts, limits).rings.empty());
  // A's voters spread over every department: their 3 votes for B are no longer above 3×.
  for (int i = 0; i < 12; ++i) c.Vote("a" + std::to_string(i % 3), 5 + i % 6, Kst(16, 12, i));
  CHECK(Report(c.facts).rings.empty());
}

TEST_CASE("voided votes are counted apart and take no part in the signals", "[voting][integrity]") {
  Contest c = Concentrated();
  for (voting::CountedVote& vote : c.facts.votes)
    if (vote.entry == 1 && vote.voter != "P0") vote.voided = true;
  voting::IntegrityReport report = Report(c.facts);
  CHECK(report.votes == 6);
  CHECK(report.voided == 4);
  CHECK(Row(report, 1).votes == 1);
  CHECK(Row(report, 1).voided == 4);
  CHECK(Row(report, 1).flags.empty());
}

TEST_CASE("the report does not depend on the order the votes are read in", "[voting][integrity]") {
  Contest c = Concentrated();
  voting::IntegrityReport first = Report(c.facts);
  std::mt19937 shuffle(7);
  std::shuffle(c.facts.votes.begin(), c.facts.votes.end(), shuffle);
  voting::IntegrityReport second = Report(c.facts);
  REQUIRE(first.entries.size() == second.entries.size());
  for (size_t i = 0; i < first.entries.size(); ++i) {
    CHECK(first.entries[i].window_start == second.entries[i].window_start);
    CHECK(first.entries[i].flags == second.entries[i].flags);
  }
  CHECK(first.insiders.size() == second.insiders.size());
}
