// Awards through the catalogue: tiers from the stored announcement, judges'
// comments and their publication, objections in their period, the dashboard,
// and verify holding all of them against the log.
#include <sqlite3.h>

#include "tests/gallery/contest_fixture.h"

using namespace poster;
using namespace poster::testing;
namespace fs = std::filesystem;

namespace {

// Three approved entries, votes, and scores with a comment by J1 on each; the
// clock in judging (17 Nov).
std::vector<int64_t> AwardedContest(Contest& contest) {
  std::vector<int64_t> ids = {contest.SubmitApproved("E1", 1), contest.SubmitApproved("E2", 2),
                              contest.SubmitApproved("E3", 3)};
  gallery::Catalogue& c = contest.catalogue();
  REQUIRE(c.AssignJudges("seed", "A1").ok());
  contest.clock().Set(KoreaTime(17, 10));
  REQUIRE(c.CastVote("V1", ids[0]).ok());
  REQUIRE(c.CastVote("V2", ids[0]).ok());
  for (const std::string judge : {"J1", "J2"}) {
    for (size_t i = 0; i < ids.size(); ++i) {
      int s = 9 - int(i) * 2;
      std::string comment =
          judge == "J1" ? "색이 선명하고 메시지가 분명합니다 " + std::to_string(i) : "";
      REQUIRE(c.Score(judge, ids[i], {s, s, s, s}, comment).ok());
    }
  }
  return ids;
}

std::string ProblemsText(const gallery::AuditReport& report) {
  std::string all;
  for (const std::string& problem : report.problems) all += problem + "\n";
  return all;
}

}  // namespace

TEST_CASE("winners carry their tier only once the results are announced, as announced",
          "[gallery][awards]") {
  Contest contest;
  std::vector<int64_t> ids = AwardedContest(contest);
  gallery::Catalogue& c = contest.catalogue();
  CHECK(c.AwardedTiers()->empty());  // a live tally never gives a tier
  gallery::Results announced = *c.Announce("A1");
  std::map<int64_t, gallery::AwardedTier> tiers = *c.AwardedTiers();
  for (const gallery::ResultRow& row : announced.rows) {
    if (!row.tally.tier) {
      CHECK(tiers.count(row.tally.id) == 0);
      continue;
    }
    REQUIRE(tiers.count(row.tally.id) == 1);
    CHECK(tiers[row.tally.id].name == announced.rules.tiers[*row.tally.tier].name);
    CHECK(tiers[row.tally.id].name_en == announced.rules.tiers[*row.tally.tier].name_en);
  }
  CHECK(tiers.at(ids[0]).name == "최우수");
  // Facts that change after the announcement do not move a badge.
  REQUIRE(c.Score("J1", ids[2], {10, 10, 10, 10}).ok());
  CHECK(c.AwardedTiers()->at(ids[0]).name == "최우수");
}

TEST_CASE("a judge's comment is kept with the score and shown only once published and announced",
          "[gallery][awards]") {
  Contest contest;
  std::vector<int64_t> ids = AwardedContest(contest);
  gallery::Catalogue& c = contest.catalogue();
  std::vector<gallery::JudgeTask> tasks = *c.JudgeTasks("J1");  // in J1's own order
  for (const gallery::JudgeTask& task : tasks) {
    if (task.entry == ids[0]) CHECK(task.comment == "색이 선명하고 메시지가 분명합니다 0");
  }
  std::vector<gallery::JudgeComment> comments = *c.JudgeComments("A1");
  REQUIRE(comments.size() == 3);  // J2 wrote none
  CHECK(comments[0].judge_name == "심사하나");
  CHECK_FALSE(comments[0].published);
  CHECK(c.JudgeComments("J1").status().code() == "not_permitted");
  CHECK(c.PublishComment("J1", ids[0], gallery::CommentChange::kPublish, "J1").code() ==
        "not_permitted");
  CHECK(c.PublishComment("J2", ids[0], gallery::CommentChange::kPublish, "A1").code() ==
        "not_found");
  REQUIRE(c.PublishComment("J1", ids[0], gallery::CommentChange::kPublish, "A1").ok());
  CHECK(c.PublishedComments()->empty());  // not before the announcement
  REQUIRE(c.Announce("A1").ok());
  std::map<int64_t, std::vector<std::string>> shown = *c.PublishedComments();
  CHECK(shown.size() == 1);
  CHECK(shown[ids[0]] == std::vector<std::string>{"색이 선명하고 메시지가 분명합니다 0"});
  // What was published stays as published when the judge edits it later.
  REQUIRE(c.Score("J1", ids[0], {9, 9, 9, 9}, "고친 심사평").ok());
  CHECK(c.PublishedComments()->at(ids[0]).front() == "색이 선명하고 메시지가 분명합니다 0");
  CHECK(c.JudgeComments("A1")->front().published_text == "색이 선명하고 메시지가 분명합니다 0");
  REQUIRE(c.PublishComment("J1", ids[0], gallery::CommentChange::kWithdraw, "A1").ok());
  CHECK(c.PublishedComments()->empty());
}

TEST_CASE("a comment longer than 2000 characters is refused with invalid_metadata",
          "[gallery][awards]") {
  Contest contest;
  int64_t id = contest.SubmitApproved("E1", 1);
  REQUIRE(contest.catalogue().AssignJudges("seed", "A1").ok());
  contest.clock().Set(KoreaTime(17, 10));
  std::string long_text;
  for (int i = 0; i < 2001; ++i) long_text += "가";
  Status refused = contest.catalogue().Score("J1", id, {8, 8, 8, 8}, long_text);
  CHECK(refused.code() == "invalid_metadata");
  CHECK(gallery::Localize(refused, gallery::Language::kKorean) ==
        "심사평 항목이 너무 깁니다(최대 2000자).");
}

TEST_CASE("objections are taken only during the objection period, with objection_closed outside",
          "[gallery][awards]") {
  Contest contest;
  std::vector<int64_t> ids = AwardedContest(contest);
  gallery::Catalogue& c = contest.catalogue();
  Result<gallery::Objection> early = c.FileObjection("V1", ids[0], "점수가 이상합니다");
  CHECK(early.status().code() == "objection_closed");
  CHECK(gallery::Localize(early.status(), gallery::Language::kKorean) ==
        "결과가 아직 발표되지 않아 이의 신청을 받지 않습니다. 이의 신청은 결과 발표 후 3일 동안 "
        "받습니다.");
  REQUIRE(c.Announce("A1").ok());
  REQUIRE(c.FileObjection("V1", ids[0], "점수가 이상합니다").ok());
  contest.clock().Set(KoreaTime(20, 10));  // three days after 17 Nov 10:00
  Result<gallery::Objection> late = c.FileObjection("V1", ids[0], "늦은 이의");
  CHECK(late.status().code() == "objection_closed");
  CHECK(gallery::Localize(late.status(), gallery::Language::kKorean) ==
        "이의 신청 기간이 끝났습니다. 이의 신청은 결과 발표 후 3일 동안 받습니다.");
}

TEST_CASE("an objection filed by staff is answered by an admin and seen by its filer",
          "[gallery][awards]") {
  Contest contest;
  std::vector<int64_t> ids = AwardedContest(contest);
  gallery::Catalogue& c = contest.catalogue();
  REQUIRE(c.Announce("A1").ok());
  CHECK(c.FileObjection("J1", ids[0], "심사위원의 이의").status().code() == "not_permitted");
  CHECK(c.FileObjection("V1", 999, "없는 작품").status().code() == "not_found");
  CHECK(c.FileObjection("V1", ids[0], "   ").status().code() == "invalid_metadata");
  gallery::Objection filed = *c.FileObjection("V1", ids[0], "표절이 의심됩니다");
  CHECK(filed.filer_name == "투표하나");
  CHECK(filed.entry_title == "포스터 1");
  CHECK(filed.answer.empty());
  CHECK(c.Objections("V1").status().code() == "not_permitted");
  CHECK(c.AnswerObjection(filed.id, "확인했습니다", "V1").status().code() == "not_permitted");
  CHECK(c.AnswerObjection(filed.id + 1, "확인했습니다", "A1").status().code() == "not_found");
  gallery::Objection answered = *c.AnswerObjection(filed.id, "원본 파일을 확인했습니다", "A1");
  CHECK(answered.answer == "원본 파일을 확인했습니다");
  CHECK(answered.answered_by == "A1");
  std::vector<gallery::Objection> mine = *c.ObjectionsBy("V1");
  REQUIRE(mine.size() == 1);
  CHECK(mine[0].answer == "원본 파일을 확인했습니다");
  CHECK(c.ObjectionsBy("V2")->empty());
  CHECK(c.Objections("A1")->size() == 1);
}

TEST_CASE("the dashboard counts entries, the queue, turnout, judges' progress and objections",
          "[gallery][awards]") {
  Contest contest;
  contest.Submit("E1", 9);  // waits for review
  std::vector<int64_t> ids = AwardedContest(contest);
  gallery::Catalogue& c = contest.catalogue();
  CHECK(c.DashboardFor("V1").status().code() == "not_permitted");
  gallery::Dashboard d = *c.DashboardFor("A1");
  CHECK(d.entries_by_state.at("approved") == 3);
  CHECK(d.entries_by_state.at("submitted") == 1);
  CHECK(d.entries_by_state.at("rejected") == 0);
  CHECK(d.review_queue == 1);
  CHECK(d.votes_cast == 2);
  CHECK(d.distinct_voters == 2);
  CHECK(d.eligible_voters == 10);  // everyone with the employee role in the fixture's roster
  REQUIRE(d.judges.size() == 3);
  CHECK(d.judges[0].judge == "J1");
  CHECK(d.judges[0].scored == 3);
  CHECK(d.judges[0].assigned == 3);
  CHECK(d.judges[2].scored == 0);
  CHECK(d.comments == 3);
  CHECK(d.comments_published == 0);
}

TEST_CASE("verify holds comments, their publication and objections against the log",
          "[gallery][awards][audit][sqlite]") {
  auto [tampering, expected] = GENERATE(table<std::string, std::string>({
      {"UPDATE scores SET comment = '다른 심사평' WHERE judge = 'J1' AND entry_id = 1",
       "comments: the comment of judge J1 on entry 1 differs"},
      {"UPDATE comment_publications SET text = '꾸민 심사평'",
       "comment_publications: the published comment of judge J1 on entry 1 differs"},
      {"DELETE FROM comment_publications", "comment_publications: the log's published comment"},
      {"UPDATE objections SET answer = '다른 답변'", "objections: objection 1 differs"},
      {"DELETE FROM objections", "objections: the log's objection 1 is missing"},
      {"INSERT INTO objections (entry_id, filer, text, filed_at) VALUES (1, 'V2', '몰래', "
       "'2026-11-17T01:00:00.000Z')",
       "objections: objection 2 differs"},
  }));
  Contest contest;
  std::vector<int64_t> ids = AwardedContest(contest);
  gallery::Catalogue& c = contest.catalogue();
  REQUIRE(c.PublishComment("J1", ids[0], gallery::CommentChange::kPublish, "A1").ok());
  REQUIRE(c.Announce("A1").ok());
  gallery::Objection filed = *c.FileObjection("V1", ids[0], "이의 있습니다");
  REQUIRE(c.AnswerObjection(filed.id, "답변드립니다", "A1").ok());
  gallery::AuditReport clean = *c.VerifyAudit();
  INFO(ProblemsText(clean));
  CHECK(clean.problems.empty());
  for (const char* table : {"comments", "comment_publications", "objections"})
    CHECK(std::find(clean.checked.begin(), clean.checked.end(), table) != clean.checked.end());
  fs::path copy = contest.dir().path() / "copy";
  fs::copy(contest.dir().path() / "data", copy, fs::copy_options::recursive);
  RunSql(copy / "contest.db", tampering);
  gallery::AuditReport report = *gallery::Catalogue::OpenForReading(copy)->VerifyAudit();
  INFO(tampering << "\n" << ProblemsText(report));
  CHECK(ProblemsText(report).find(expected) != std::string::npos);
}
