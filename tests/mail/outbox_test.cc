// The outbox end to end: queued with what it tells, sent through the real SMTP
// server, kept through the server's absence, never sent twice.
#include <set>
#include <thread>

#include "tests/mail/mail_fixture.h"
#include "tests/support/process.h"
#include "tests/support/test_database.h"

namespace poster::testing {
namespace {

std::multiset<std::string> Recipients(const std::vector<ReceivedMail>& mails) {
  std::multiset<std::string> to;
  for (const ReceivedMail& mail : mails) to.insert(mail.envelope_to);
  return to;
}

std::string Roster(int people) {
  std::string roster = "employee_id,name,department,email,roles\nA1,관리자,혁신정책과,,admin\n";
  for (int i = 1; i <= people; ++i) {
    std::string id = "P" + std::to_string(i);
    roster += id + ",직원" + std::to_string(i) + ",세정과," + id + "@city.go.kr,employee\n";
  }
  return roster;
}

}  // namespace

TEST_CASE(
    "an author hears by e-mail that their entry was received and approved, in Korean and "
    "English, with the moderator's words",
    "[mail][outbox]") {
  MailContest contest;
  int64_t entry = contest.Submit("E1", 1, "우리 동네 골목길");
  REQUIRE(contest.catalogue()
              .Decide(entry, voting::EntryAction::kApprove, "색감이 좋습니다.", "M1")
              .ok());
  CHECK(contest.Send().sent == 1);  // received; the decision waits out its undo window
  contest.clock().Advance(gallery::kUndoFor);
  gallery::SendReport report = contest.Send();
  CHECK(report.retried == 0);
  CHECK(report.sent == 1);
  std::vector<ReceivedMail> mails = contest.smtp().Received();
  REQUIRE(mails.size() == 2);
  CHECK(Recipients(mails) == std::multiset<std::string>{"e1@city.go.kr", "e1@city.go.kr"});
  const ReceivedMail& approved =
      mails[0].Subject().find("승인") != std::string::npos ? mails[0] : mails[1];
  CHECK(approved.Subject() ==
        "[테스트 공모전] 출품작 승인: 우리 동네 골목길 / Entry approved: "
        "우리 동네 골목길");
  CHECK(approved.body.find("작가하나님, 안녕하세요.") == 0);
  CHECK(approved.body.find("색감이 좋습니다.") != std::string::npos);
  CHECK(approved.body.find("Your entry was approved") != std::string::npos);
  CHECK(approved.body.find("https://poster.city.go.kr/#/entry/" + std::to_string(entry)) !=
        std::string::npos);
  CHECK(approved.body.find("To stop these notices") == std::string::npos);  // not optional
  for (const gallery::OutboxMessage& m : contest.Outbox()) CHECK(m.state == "sent");
  CHECK(contest.Send().sent == 0);
  CHECK(contest.smtp().Received().size() == 2);
}

TEST_CASE("a decision taken back within its undo window is never mailed; the next one is",
          "[mail][outbox]") {
  MailContest contest;
  int64_t entry = contest.Submit("E1", 2, "되돌린 결정");
  gallery::Catalogue& c = contest.catalogue();
  REQUIRE(c.Decide(entry, voting::EntryAction::kReject, "주제와 맞지 않습니다.", "M1").ok());
  REQUIRE(c.UndoDecision(entry, "M1").ok());
  REQUIRE(c.Decide(entry, voting::EntryAction::kApprove, "", "M1").ok());
  contest.clock().Advance(gallery::kUndoFor);
  contest.Send();
  std::vector<ReceivedMail> mails = contest.smtp().Received();
  int rejected = 0, approved = 0;
  for (const ReceivedMail& mail : mails) {
    rejected += mail.Subject().find("반려") != std::string::npos;
    approved += mail.Subject().find("승인") != std::string::npos;
  }
  CHECK(rejected == 0);
  CHECK(approved == 1);
}

TEST_CASE("nothing is queued while [mail] is not enabled, and invitation links are still given",
          "[mail][outbox]") {
  Contest contest;  // the contest fixture has no [mail]
  Result<std::string> token = contest.catalogue().Invite("E1", "operator");
  REQUIRE(token.ok());
  CHECK_FALSE(token->empty());
  Result<gallery::OutboxListing> listing = contest.catalogue().Outbox("operator", 10);
  REQUIRE(listing.ok());
  CHECK(listing->messages.empty());
}

TEST_CASE(
    "while the SMTP server is down notices wait with a growing backoff, and once it is "
    "back each arrives exactly once",
    "[mail][outbox]") {
  MailContest contest;
  Result<std::vector<std::pair<std::string, std::string>>> invited =
      contest.catalogue().InviteAll("operator");
  REQUIRE(invited.ok());
  const size_t with_address = 6;  // V2 has none
  contest.smtp().Stop();
  gallery::SendReport down = contest.Send();
  CHECK(down.sent == 0);
  CHECK(down.retried == int(with_address));
  std::vector<gallery::OutboxMessage> waiting = contest.Outbox();
  REQUIRE(waiting.size() == with_address);
  std::string in_a_minute = FormatUtc(contest.clock().Now() + std::chrono::minutes(1));
  for (const gallery::OutboxMessage& m : waiting) {
    CHECK(m.state == "waiting");
    CHECK(m.attempts == 1);
    CHECK(m.next_try_at == in_a_minute);
    CHECK_FALSE(m.last_error.empty());
    CHECK(m.body.find("(link withheld)") != std::string::npos);  // the admin never sees it
  }
  CHECK(contest.Send().retried == 0);  // not due yet
  contest.clock().Advance(std::chrono::seconds(61));
  CHECK(contest.Send().retried == int(with_address));
  CHECK(contest.Outbox()[0].next_try_at ==
        FormatUtc(contest.clock().Now() + std::chrono::minutes(2)));
  contest.smtp().Start();
  contest.clock().Advance(std::chrono::seconds(121));
  CHECK(contest.Send().sent == int(with_address));
  contest.clock().Advance(std::chrono::hours(2));
  CHECK(contest.Send().sent == 0);
  std::vector<ReceivedMail> mails = contest.smtp().Received();
  CHECK(mails.size() == with_address);
  std::multiset<std::string> to = Recipients(mails);
  CHECK(std::set<std::string>(to.begin(), to.end()).size() == with_address);
  // The mailed link is the one the person sets a password with.
  auto e1_mail = std::find_if(mails.begin(), mails.end(), [](const ReceivedMail& m) {
    return m.envelope_to == "e1@city.go.kr";
  });
  REQUIRE(e1_mail != mails.end());
  const ReceivedMail& e1 = *e1_mail;
  CHECK(e1.Subject() == "[테스트 공모전] 초대 / Invitation");
  REQUIRE(contest.catalogue().AcceptInvitation(TokenIn(e1.body), "긴 비밀번호입니다1").ok());
}

TEST_CASE(
    "a notice fails for good after its attempts with the reason, and an admin's resend, "
    "logged, sends it",
    "[mail][outbox]") {
  MailContest contest("max_attempts = 2\n");
  REQUIRE(contest.catalogue().Invite("E1", "operator").ok());
  contest.smtp().Stop();
  contest.Send();
  contest.clock().Advance(std::chrono::minutes(2));
  CHECK(contest.Send().failed == 1);
  gallery::OutboxMessage failed = contest.Outbox()[0];
  CHECK(failed.state == "failed");
  CHECK(failed.last_error.find("127.0.0.1") != std::string::npos);
  CHECK(contest.catalogue().Resend(failed.id, "E1").code() == gallery::kNotPermitted);
  REQUIRE(contest.catalogue().Resend(failed.id, "A1").ok());
  CHECK(contest.Outbox()[0].state == "waiting");
  contest.smtp().Start();
  CHECK(contest.Send().sent == 1);
  REQUIRE(contest.smtp().Received().size() == 1);
  CHECK_FALSE(TokenIn(contest.smtp().Received()[0].body).empty());
  Result<gallery::AuditReport> audit = contest.catalogue().VerifyAudit();
  REQUIRE(audit.ok());
  CHECK(audit->problems.empty());
  CHECK(contest.catalogue().Resend(failed.id, "A1").code() == gallery::kNotFound);
}

TEST_CASE("two senders on one outbox, in two catalogues at once, never send a message twice",
          "[mail][outbox]") {
  MailContest contest("", Roster(24).c_str());
  REQUIRE(contest.catalogue().InviteAll("operator").ok());
  Result<gallery::Catalogue> second = gallery::Catalogue::Open(
      contest.data(), contest.clock(), DatabaseFor(contest.data().string()));
  REQUIRE(second.ok());
  Result<gallery::SendReport> other = gallery::SendReport();
  std::thread racing([&] { other = gallery::SendDueMessages(*second); });
  gallery::SendReport mine = contest.Send();
  racing.join();
  REQUIRE(other.ok());
  CHECK(mine.sent + other->sent == 24);
  std::vector<ReceivedMail> mails = contest.smtp().Received();
  CHECK(mails.size() == 24);
  std::multiset<std::string> to = Recipients(mails);
  CHECK(std::set<std::string>(to.begin(), to.end()).size() == 24);
}

TEST_CASE("poster mail send sends what is due once and says how it went", "[mail][cli]") {
  MailContest contest;
  REQUIRE(contest.catalogue().Invite("E2", "operator").ok());
  Finished run = RunPoster({"mail", "send", "--data", contest.data().string(), "--json"});
  INFO(run.err);
  CHECK(run.exit_code == 0);
  CHECK(run.out.find("\"sent\":1") != std::string::npos);
  REQUIRE(contest.smtp().Received().size() == 1);
  CHECK(contest.smtp().Received()[0].envelope_to == "e2@city.go.kr");
}

}  // namespace poster::testing
