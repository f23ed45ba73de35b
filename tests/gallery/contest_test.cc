// Phases in the contest's time zone, submissions, and moderation through the catalogue.
#include "tests/gallery/contest_fixture.h"

using namespace poster;
using namespace poster::testing;
using voting::EntryAction;

TEST_CASE("submission closes at midnight after its last day, in Korea time", "[gallery][contest]") {
  Contest contest;
  contest.clock().Set(KoreaTime(13, 23, 59, 59));
  contest.Submit("E1", 1);
  contest.clock().Set(KoreaTime(14, 0));
  gallery::Submission late = Declared("늦은 포스터", "E2");
  CHECK(contest.catalogue().Add(IngestedPoster(2), late, "E2").status().code() == "outside_window");
}

TEST_CASE("an author's fourth live entry is refused with entry_limit", "[gallery][contest]") {
  Contest contest;
  for (uint32_t seed : {1, 2, 3}) contest.Submit("E1", seed);
  Result<gallery::Entry> fourth =
      contest.catalogue().Add(IngestedPoster(4), Declared("넷째", "E1"), "E1");
  CHECK(fourth.status().code() == "entry_limit");
  REQUIRE(contest.catalogue().Decide(1, EntryAction::kWithdraw, "", "E1").ok());
  CHECK(contest.catalogue()
            .Add(IngestedPoster(4), Declared("넷째", "E1"), "E1")
            .ok());  // a withdrawn one frees a place
}

TEST_CASE("authors and co-authors must be on the roster once there is one", "[gallery][contest]") {
  Contest contest;
  CHECK(
      contest.catalogue().Add(IngestedPoster(1), Declared("외부인", "X9"), "X9").status().code() ==
      "not_on_roster");
  gallery::Submission team = Declared("팀 포스터", "E1");
  team.co_authors = {"E2", "X9"};
  Result<gallery::Entry> refused = contest.catalogue().Add(IngestedPoster(1), team, "E1");
  CHECK(refused.status().code() == "not_on_roster");
  CHECK(refused.status().detail("person") == "X9");
  team.co_authors = {"E2"};
  Result<gallery::Entry> accepted = contest.catalogue().Add(IngestedPoster(1), team, "E1");
  REQUIRE(accepted.ok());
  CHECK(accepted->submission.co_authors == std::vector<std::string>{"E2"});
}

TEST_CASE("an admin opens and closes phases by hand, and only an admin", "[gallery][contest]") {
  Contest contest;
  gallery::Catalogue& c = contest.catalogue();
  CHECK(c.SetPhase(voting::Phase::kVoting, gallery::PhaseChange::kOpen, "E1").code() ==
        "not_permitted");
  REQUIRE(c.SetPhase(voting::Phase::kVoting, gallery::PhaseChange::kOpen, "A1").ok());
  auto voting_open = [&] { return (*c.Phases())[size_t(voting::Phase::kVoting)].open; };
  CHECK(voting_open());
  contest.clock().Advance(std::chrono::hours(1));
  REQUIRE(c.SetPhase(voting::Phase::kVoting, gallery::PhaseChange::kClose, "A1").ok());
  CHECK_FALSE(voting_open());
  contest.clock().Set(KoreaTime(16, 9));  // the configured start: a close by hand still holds
  CHECK_FALSE(voting_open());
}

TEST_CASE("moderators decide; two moderators cannot decide one entry at once",
          "[gallery][moderation]") {
  Contest contest;
  int64_t id = contest.Submit("E1", 1);
  gallery::Catalogue& c = contest.catalogue();
  REQUIRE(c.Claim(id, "M1").ok());
  Result<gallery::Entry> second = c.Decide(id, EntryAction::kApprove, "", "M2");
  CHECK(second.status().code() == "claimed_by_other");
  CHECK(second.status().detail("moderator") == "검토자하나");  // by name
  CHECK(second.status().detail("moderator_id") == "M1");
  contest.clock().Advance(std::chrono::minutes(11));  // the claim lapses
  CHECK(c.Decide(id, EntryAction::kReject, "저작권이 확인되지 않습니다", "M2")->status ==
        "rejected");
  CHECK(c.Get(id)->status_reason == "저작권이 확인되지 않습니다");
  CHECK(c.Decide(id, EntryAction::kApprove, "", "M1").status().code() == "invalid_transition");
  CHECK(c.Decide(contest.Submit("E2", 2), EntryAction::kApprove, "", "E1").status().code() ==
        "not_permitted");
}

TEST_CASE("the review queue lists submitted entries oldest first with their flags",
          "[gallery][moderation]") {
  Contest contest;
  int64_t first = contest.Submit("E1", 1);
  contest.clock().Advance(std::chrono::minutes(5));
  int64_t second = contest.Submit("E2", 2);
  contest.clock().Advance(std::chrono::minutes(5));
  REQUIRE(contest.catalogue().Decide(first, EntryAction::kApprove, "", "M1").ok());
  int64_t third = contest.Submit("E3", 3);
  std::vector<gallery::Entry> queue = *contest.catalogue().ReviewQueue();
  REQUIRE(queue.size() == 2);
  CHECK(queue[0].id == second);
  CHECK(queue[1].id == third);
  CHECK(HasFlag(queue[0], "no_ai_provenance"));
}

TEST_CASE("an author replaces a file after a request for changes; versions are kept",
          "[gallery][moderation]") {
  Contest contest;
  int64_t id = contest.Submit("E1", 1);
  gallery::Catalogue& c = contest.catalogue();
  REQUIRE(c.Decide(id, EntryAction::kRequestChanges, "제목 글씨를 키워 주세요", "M1").ok());
  CHECK(c.Replace(id, IngestedPoster(7), "v2.png", "E2").status().code() == "not_permitted");
  Result<gallery::Entry> replaced = c.Replace(id, IngestedPoster(7), "v2.png", "E1");
  REQUIRE(replaced.ok());
  CHECK(replaced->status == "submitted");
  CHECK(replaced->version == 2);
  CHECK(replaced->submission.source == "v2.png");
  CHECK(c.Replace(id, IngestedPoster(7), "v2.png", "E1").status().code() ==
        "duplicate");  // the same bytes again
  contest.clock().Set(KoreaTime(14, 9));
  CHECK(c.Replace(id, IngestedPoster(8), "v3.png", "E1").status().code() == "outside_window");
  CHECK(c.Fsck(gallery::FsckMode::kReport)->clean());
}
