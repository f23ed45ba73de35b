// Fair judging through the catalogue: each judge's own order, recusal (kept,
// reassigned, audited and verified), the order-effect check, blind judging.
#include <algorithm>

#include "tests/gallery/contest_fixture.h"

using namespace poster;
using namespace poster::testing;

namespace {

const std::string kReason = "작성자가 같은 팀의 동료라서 공정하게 볼 수 없습니다";

std::vector<int64_t> Approved(Contest& contest, int count) {
  std::vector<int64_t> ids;
  const char* authors[] = {"E1", "E2", "E3", "V1", "V2", "V3"};  // at most 3 entries each
  for (int i = 1; i <= count; ++i)
    ids.push_back(contest.SubmitApproved(authors[i % 6], uint32_t(i)));
  return ids;
}

std::vector<int64_t> Shown(gallery::Catalogue& c, const std::string& judge) {
  std::vector<int64_t> entries;
  std::vector<gallery::JudgeTask> tasks = *c.JudgeTasks(judge);
  for (const gallery::JudgeTask& task : tasks) entries.push_back(task.entry);
  return entries;
}

bool Assigned(gallery::Catalogue& c, const std::string& judge, int64_t entry) {
  std::vector<int64_t> shown = Shown(c, judge);
  return std::find(shown.begin(), shown.end(), entry) != shown.end();
}

void WithQuorum(Contest& contest, int judges_per_entry) {
  std::string toml = std::string(kContestToml) +
                     "[judging]\njudges_per_entry = " + std::to_string(judges_per_entry) + "\n";
  REQUIRE(contest.catalogue().InitContest(toml, "quorum.toml", "operator").ok());
}

gallery::AuditReport Verified(gallery::Catalogue& c) {
  Result<gallery::AuditReport> report = c.VerifyAudit();
  REQUIRE(report.ok());
  return *report;
}

bool Checked(const gallery::AuditReport& report, const std::string& table) {
  return std::find(report.checked.begin(), report.checked.end(), table) != report.checked.end();
}

}  // namespace

TEST_CASE("each judge's list comes in their own order, drawn from the assignment's seed",
          "[gallery][order]") {
  Contest contest;
  std::vector<int64_t> ids = Approved(contest, 8);
  gallery::Catalogue& c = contest.catalogue();
  REQUIRE(c.AssignJudges("2026 공개 시드", "A1").ok());
  CHECK(Shown(c, "J1") == voting::JudgeOrder("2026 공개 시드", "J1", ids));
  CHECK(Shown(c, "J2") == voting::JudgeOrder("2026 공개 시드", "J2", ids));
  CHECK(Shown(c, "J1") != Shown(c, "J2"));
  std::vector<gallery::JudgeTask> tasks = *c.JudgeTasks("J1");
  for (size_t i = 0; i < tasks.size(); ++i) CHECK(tasks[i].position == int(i) + 1);
  // A drop reassigns with its own seed; the orders stay drawn from the assignment's.
  REQUIRE(c.DropJudge("J3", "another", "A1").ok());
  CHECK(Shown(c, "J1") == voting::JudgeOrder("2026 공개 시드", "J1", ids));
  gallery::AuditReport report = Verified(c);
  CHECK(report.problems.empty());
  CHECK(Checked(report, "judge_orders"));
}

TEST_CASE("a recused entry goes to another judge, and the recusal is kept, logged and verified",
          "[gallery][recusal]") {
  Contest contest;
  WithQuorum(contest, 2);
  std::vector<int64_t> ids = Approved(contest, 3);
  gallery::Catalogue& c = contest.catalogue();
  REQUIRE(c.AssignJudges("seed", "A1").ok());
  int64_t entry = ids[0];
  std::string judge = Assigned(c, "J1", entry) ? "J1" : "J2";
  REQUIRE(Assigned(c, judge, entry));
  Result<gallery::Recusal> recusal = c.Recuse(judge, entry, "  " + kReason + "  ");
  REQUIRE(recusal.ok());
  CHECK(recusal->reason == kReason);
  CHECK_FALSE(Assigned(c, judge, entry));
  int judges_on_entry = 0;
  for (const std::string other : {"J1", "J2", "J3"}) judges_on_entry += Assigned(c, other, entry);
  CHECK(judges_on_entry == 2);
  CHECK(c.Recusals("A1")->size() == 1);
  CHECK(c.Recusals(judge)->size() == 1);
  CHECK(c.Recusals(judge == "J1" ? "J2" : "J1")->empty());
  gallery::AuditReport report = Verified(c);
  CHECK(report.problems.empty());
  CHECK(Checked(report, "recusals"));
  // Assigning again never hands it back.
  REQUIRE(c.AssignJudges("seed", "A1").ok());
  CHECK_FALSE(Assigned(c, judge, entry));
  CHECK(Verified(c).problems.empty());
}

TEST_CASE("when every judge scores every entry a recused entry just leaves the list",
          "[gallery][recusal]") {
  Contest contest;
  std::vector<int64_t> ids = Approved(contest, 2);
  gallery::Catalogue& c = contest.catalogue();
  REQUIRE(c.AssignJudges("seed", "A1").ok());
  REQUIRE(c.Recuse("J2", ids[1], kReason).ok());
  CHECK(Shown(c, "J2") == std::vector<int64_t>{ids[0]});
  CHECK(Assigned(c, "J1", ids[1]));
  CHECK(Verified(c).problems.empty());
}

TEST_CASE("a judge cannot recuse after scoring, without a reason, or from an entry not theirs",
          "[gallery][recusal]") {
  Contest contest;
  std::vector<int64_t> ids = Approved(contest, 2);
  gallery::Catalogue& c = contest.catalogue();
  REQUIRE(c.AssignJudges("seed", "A1").ok());
  contest.clock().Set(KoreaTime(17, 10));
  REQUIRE(c.Score("J1", ids[0], {8, 8, 8, 8}).ok());
  CHECK(c.Recuse("J1", ids[0], kReason).status().code() == "already_scored");
  CHECK(c.Recuse("J1", ids[1], "싫어요").status().code() == "reason_required");
  CHECK(c.Recuse("J1", 999, kReason).status().code() == "not_assigned");
  CHECK(c.Recuse("V1", ids[1], kReason).status().code() == "not_permitted");
  CHECK(c.Recusals("A1")->empty());
}

TEST_CASE("a recusal the log does not hold is found by verify", "[gallery][recusal][audit]") {
  Contest contest;
  std::vector<int64_t> ids = Approved(contest, 2);
  gallery::Catalogue& c = contest.catalogue();
  REQUIRE(c.AssignJudges("seed", "A1").ok());
  REQUIRE(c.Recuse("J2", ids[1], kReason).ok());
  RunSql(contest.dir().path() / "data" / "contest.db", "UPDATE recusals SET reason = '다른 사유'");
  std::vector<std::string> problems = Verified(c).problems;
  REQUIRE(problems.size() == 1);
  CHECK(problems[0].find("recusals") == 0);
  RunSql(contest.dir().path() / "data" / "contest.db",
         "INSERT INTO judge_assignments VALUES ('J2', " + std::to_string(ids[1]) + ")");
  CHECK(Verified(c).problems.size() >= 2);
}

TEST_CASE("the admin sees each judge's totals against the positions of their order",
          "[gallery][order]") {
  Contest contest;
  std::vector<int64_t> ids = Approved(contest, 4);
  gallery::Catalogue& c = contest.catalogue();
  REQUIRE(c.AssignJudges("seed", "A1").ok());
  contest.clock().Set(KoreaTime(17, 10));
  std::vector<int64_t> order = Shown(c, "J1");
  for (size_t i = 0; i < order.size(); ++i) {  // J1 drifts up: 4, 5, 6, 7
    int s = 4 + int(i);
    REQUIRE(c.Score("J1", order[i], {s, s, s, s}).ok());
  }
  std::vector<voting::OrderEffect> effects = *c.OrderEffects("A1");
  REQUIRE(effects.size() == 3);
  CHECK(effects[0].judge == "J1");
  CHECK(effects[0].scored == 4);
  REQUIRE(effects[0].spearman);
  CHECK(*effects[0].spearman == Approx(1.0));
  CHECK(*effects[0].first_half_mean == Approx(45));
  CHECK(*effects[0].second_half_mean == Approx(65));
  CHECK(effects[1].scored == 0);
  CHECK(c.OrderEffects("J1").status().code() == "not_permitted");
}

TEST_CASE("authors are hidden from judges until the announcement, never from staff",
          "[gallery][blind]") {
  Contest contest;
  gallery::Catalogue& c = contest.catalogue();
  CHECK(*c.AuthorsHidden("J1"));
  CHECK(*c.AuthorsHidden("J3"));  // a judge who is staff too (an employee) is still a judge
  CHECK_FALSE(*c.AuthorsHidden("A1"));
  CHECK_FALSE(*c.AuthorsHidden("M1"));
  CHECK_FALSE(*c.AuthorsHidden("E1"));
  CHECK_FALSE(*c.AuthorsHidden(""));
  contest.clock().Set(KoreaTime(17, 10));  // voting open: not blind for voters by default
  CHECK_FALSE(*c.AuthorsHidden("V1"));
  REQUIRE(c.Announce("A1").ok());
  CHECK_FALSE(*c.AuthorsHidden("J1"));
}

TEST_CASE("with blind voting nobody but staff sees authors while voting is open",
          "[gallery][blind]") {
  Contest contest;
  std::string toml =
      std::string(kContestToml) + "[voting]\nblind = true\n[judging]\nblind = false\n";
  REQUIRE(contest.catalogue().InitContest(toml, "blind.toml", "operator").ok());
  gallery::Catalogue& c = contest.catalogue();
  CHECK_FALSE(*c.AuthorsHidden("V1"));  // before voting
  CHECK_FALSE(*c.AuthorsHidden("J1"));
  contest.clock().Set(KoreaTime(17, 10));
  CHECK(*c.AuthorsHidden("V1"));
  CHECK(*c.AuthorsHidden(""));
  CHECK(*c.AuthorsHidden("J1"));
  CHECK_FALSE(*c.AuthorsHidden("M1"));
  contest.clock().Set(KoreaTime(21, 0));  // "end = 2026-11-20": over at midnight
  CHECK_FALSE(*c.AuthorsHidden("V1"));
}
