// An entry's words after submission (the author's title and description, the
// alt text a moderator may mend) and a moderator's decision taken back.
#include "tests/gallery/contest_fixture.h"

using namespace poster;
using namespace poster::testing;

namespace {

gallery::EntryEdit Words(std::optional<std::string> title, std::optional<std::string> description,
                         std::optional<std::string> alt_text = std::nullopt) {
  return {std::move(title), std::move(description), std::move(alt_text)};
}

}  // namespace

TEST_CASE("an author edits title and description while submission is open, and it is logged",
          "[gallery][edit]") {
  Contest contest;
  int64_t id = contest.Submit("E1", 1);
  gallery::Catalogue& c = contest.catalogue();
  Result<gallery::Entry> edited = c.EditEntry(id, Words("새 제목", "고친 설명"), "E1");
  REQUIRE(edited.ok());
  CHECK(edited->submission.title == "새 제목");
  CHECK(edited->submission.description == "고친 설명");
  CHECK(c.EditEntry(id, Words("남의 제목", std::nullopt), "E2").status().code() == "not_permitted");
  CHECK(c.EditEntry(id, Words(std::string(""), std::nullopt), "E1").status().code() ==
        "invalid_metadata");
  CHECK(c.EditEntry(id, Words(std::nullopt, std::nullopt, std::string(301, 'a')), "E1")
            .status()
            .code() == "invalid_metadata");
  // After changes are requested an edit sends the entry back to the queue.
  REQUIRE(c.Decide(id, voting::EntryAction::kRequestChanges, "제목을 바꿔 주세요", "M1").ok());
  REQUIRE(c.EditEntry(id, Words("더 나은 제목", std::nullopt), "E1").ok());
  CHECK(c.Get(id)->status == "submitted");
  // Approved, or after submission closed: the words stay as they are.
  int64_t approved = contest.SubmitApproved("E2", 2);
  CHECK_FALSE(c.EditEntry(approved, Words("바꿈", std::nullopt), "E2").ok());
  contest.clock().Set(KoreaTime(14, 9));
  CHECK(c.EditEntry(id, Words("마감 뒤", std::nullopt), "E1").status().code() == "outside_window");
  Result<gallery::AuditReport> audit = c.VerifyAudit();
  REQUIRE(audit.ok());
  CHECK(audit->problems.empty());
}

TEST_CASE("a moderator mends the alt text at any time; the log holds it", "[gallery][edit]") {
  Contest contest;
  int64_t id = contest.SubmitApproved("E1", 1);
  gallery::Catalogue& c = contest.catalogue();
  CHECK(c.EditEntry(id, Words(std::nullopt, std::nullopt, "파란 하늘 아래 시청"), "V1")
            .status()
            .code() == "not_permitted");
  CHECK_FALSE(c.EditEntry(id, Words("제목까지", std::nullopt, "대체"), "M1").ok());
  Result<gallery::Entry> mended =
      c.EditEntry(id, Words(std::nullopt, std::nullopt, "파란 하늘 아래 시청"), "M1");
  REQUIRE(mended.ok());
  CHECK(mended->submission.alt_text == "파란 하늘 아래 시청");
  CHECK(mended->status == "approved");  // a moderator's mend keeps its place
  REQUIRE(c.VerifyAudit()->problems.empty());
  RunSql(c.data_dir() / "contest.db",
         "UPDATE entries SET alt_text = '몰래 바꿈' WHERE id = " + std::to_string(id));
  std::vector<std::string> problems = c.VerifyAudit()->problems;
  REQUIRE(problems.size() == 1);
  CHECK_THAT(problems[0], Catch::Contains("alt text"));
}

TEST_CASE("a moderator takes back their own decision within minutes, not later or another's",
          "[gallery][edit]") {
  Contest contest;
  gallery::Catalogue& c = contest.catalogue();
  int64_t id = contest.Submit("E1", 1);
  REQUIRE(c.Decide(id, voting::EntryAction::kReject, "주제와 맞지 않습니다", "M1").ok());
  CHECK(c.UndoDecision(id, "M2").status().code() == "undo_closed");
  CHECK(c.UndoDecision(id, "E1").status().code() == "not_permitted");
  Result<gallery::Entry> undone = c.UndoDecision(id, "M1");
  REQUIRE(undone.ok());
  CHECK(undone->status == "submitted");
  CHECK(undone->status_reason.empty());
  CHECK(c.UndoDecision(id, "M1").status().code() == "undo_closed");  // nothing left to take back
  // The claim is the undoer's, so another moderator is told, not raced.
  CHECK(c.Decide(id, voting::EntryAction::kApprove, "", "M2").status().code() ==
        "claimed_by_other");
  REQUIRE(c.Decide(id, voting::EntryAction::kApprove, "", "M1").ok());
  contest.clock().Advance(gallery::kUndoFor + std::chrono::seconds(1));
  CHECK(c.UndoDecision(id, "M1").status().code() == "undo_closed");
  CHECK(c.VerifyAudit()->problems.empty());
}

TEST_CASE("a claim names the moderator by name, the number kept for support", "[gallery][edit]") {
  Contest contest;
  gallery::Catalogue& c = contest.catalogue();
  int64_t id = contest.Submit("E1", 1);
  REQUIRE(c.Claim(id, "M1").ok());
  Status held = c.Decide(id, voting::EntryAction::kApprove, "", "M2").status();
  REQUIRE(held.code() == "claimed_by_other");
  CHECK(held.detail("moderator") == "검토자하나");
  CHECK(held.detail("moderator_id") == "M1");
  std::map<int64_t, gallery::ReviewClaim> claims = *c.ReviewClaims();
  REQUIRE(claims.count(id) == 1);
  CHECK(claims[id].name == "검토자하나");
}
