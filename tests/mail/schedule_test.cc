// The notices the calendar makes due, and who asked not to get them.
#include <sqlite3.h>

#include "tests/mail/mail_fixture.h"

namespace poster::testing {
namespace {

std::vector<ReceivedMail> About(const std::vector<ReceivedMail>& mails, const std::string& words) {
  std::vector<ReceivedMail> found;
  for (const ReceivedMail& mail : mails)
    if (mail.Subject().find(words) != std::string::npos) found.push_back(mail);
  return found;
}

}  // namespace

TEST_CASE(
    "voters hear once that voting opens and that it closes soon, with a way to stop, "
    "except those who opted out",
    "[mail][schedule]") {
  MailContest contest;
  REQUIRE(contest.catalogue().SetNoticesOptOut("V1", true).ok());
  contest.clock().Set(KoreaTime(15, 10));
  CHECK(contest.Send().sent == 0);  // voting opens on the 16th
  contest.clock().Set(KoreaTime(16, 9, 0, 30));
  contest.Send();
  std::vector<ReceivedMail> opens = About(contest.smtp().Received(), "투표 시작");
  // Employees with an address: A1, M1, E1, E2 (V1 opted out, V2 has none, J1 is no voter).
  CHECK(opens.size() == 4);
  for (const ReceivedMail& mail : opens) {
    CHECK(mail.envelope_to != "v1@city.go.kr");
    CHECK(mail.body.find("To stop these notices: https://poster.city.go.kr/#/notices") !=
          std::string::npos);
    CHECK(mail.Header("List-Unsubscribe") == "<https://poster.city.go.kr/#/notices>");
  }
  contest.clock().Set(KoreaTime(17, 10));
  CHECK(contest.Send().sent == 0);
  contest.clock().Set(KoreaTime(19, 23, 59));  // voting ends at midnight after the 20th
  CHECK(contest.Send().sent == 0);
  contest.clock().Set(KoreaTime(20, 0, 1));
  contest.Send();
  std::vector<ReceivedMail> closing = About(contest.smtp().Received(), "투표 마감 임박");
  CHECK(closing.size() == 4);
  // The end as people read it, in each language, with the zone named.
  CHECK(closing[0].body.find("2026. 11. 21.(토) 00:00 KST") != std::string::npos);
  CHECK(closing[0].body.find("Sat 21 Nov 2026, 00:00 KST") != std::string::npos);
  contest.clock().Set(KoreaTime(20, 12));
  CHECK(contest.Send().sent == 0);
  Result<gallery::AuditReport> audit = contest.catalogue().VerifyAudit();
  REQUIRE(audit.ok());
  CHECK(audit->problems.empty());
}

TEST_CASE("an invitation and the author's own decisions go even to someone who opted out",
          "[mail][schedule]") {
  MailContest contest;
  REQUIRE(contest.catalogue().SetNoticesOptOut("E1", true).ok());
  Result<bool> opted = contest.catalogue().NoticesOptOut("E1");
  REQUIRE(opted.ok());
  CHECK(*opted);
  REQUIRE(contest.catalogue().Invite("E1", "operator").ok());
  int64_t entry = contest.Submit("E1", 3);
  REQUIRE(contest.catalogue()
              .Decide(entry, voting::EntryAction::kRequestChanges, "글씨를 키워 주세요.", "M1")
              .ok());
  contest.clock().Advance(gallery::kUndoFor);
  CHECK(contest.Send().sent == 3);
  std::vector<ReceivedMail> changes = About(contest.smtp().Received(), "수정 요청");
  REQUIRE(changes.size() == 1);
  CHECK(changes[0].body.find("글씨를 키워 주세요.") != std::string::npos);
}

TEST_CASE("a person's choice of notices is in the audit log, and a changed table is reported",
          "[mail][schedule][sqlite]") {
  MailContest contest;
  REQUIRE(contest.catalogue().SetNoticesOptOut("V1", true).ok());
  REQUIRE(contest.catalogue().SetNoticesOptOut("V1", false).ok());
  CHECK(contest.catalogue().SetNoticesOptOut("NOBODY", true).code() == gallery::kNotOnRoster);
  Result<gallery::AuditReport> clean = contest.catalogue().VerifyAudit();
  REQUIRE(clean.ok());
  CHECK(clean->problems.empty());
  {
    sqlite3* db = nullptr;
    REQUIRE(sqlite3_open((contest.data() / "contest.db").c_str(), &db) == SQLITE_OK);
    REQUIRE(sqlite3_exec(db, "UPDATE people SET notices_opt_out = 1 WHERE employee_id = 'V1'",
                         nullptr, nullptr, nullptr) == SQLITE_OK);
    sqlite3_close(db);
  }
  Result<gallery::AuditReport> tampered = contest.catalogue().VerifyAudit();
  REQUIRE(tampered.ok());
  REQUIRE(tampered->problems.size() == 1);
  CHECK(tampered->problems[0] == "people: V1's choice of notices differs from the log");
}

}  // namespace poster::testing

namespace poster::testing {

TEST_CASE("everyone on the roster with an address hears once that the results are announced",
          "[mail][schedule]") {
  MailContest contest;
  REQUIRE(contest.catalogue().SetNoticesOptOut("E2", true).ok());
  contest.clock().Set(KoreaTime(26, 10));
  REQUIRE(contest.catalogue().Announce("A1").ok());
  contest.Send();
  std::vector<ReceivedMail> mails = contest.smtp().Received();
  // Everyone with an address (judges too) but E2, who opted out.
  CHECK(mails.size() == 5);
  for (const ReceivedMail& mail : mails) {
    CHECK(mail.Subject() == "[테스트 공모전] 결과 발표 / Results announced");
    CHECK(mail.body.find("https://poster.city.go.kr/#/results") != std::string::npos);
    CHECK(mail.envelope_to != "e2@city.go.kr");
  }
  contest.clock().Advance(std::chrono::hours(1));
  CHECK(contest.Send().sent == 0);
}

}  // namespace poster::testing
