// The life of an entry: only legal transitions, each with its reason and window.
#include "tests/voting/fixtures.h"

using namespace poster;
using namespace poster::testing;
using voting::EntryAction;
using voting::EntryStatus;

namespace {

Result<EntryStatus> Try(EntryStatus from, EntryAction action, std::string reason = "이유",
                        bool submission_open = true, bool announced = false) {
  return voting::Transition({from, action, std::move(reason), submission_open, announced});
}

}  // namespace

TEST_CASE("moderators approve, reject or ask for changes on submitted entries",
          "[voting][entries]") {
  CHECK(*Try(EntryStatus::kSubmitted, EntryAction::kApprove, "") == EntryStatus::kApproved);
  CHECK(*Try(EntryStatus::kSubmitted, EntryAction::kReject) == EntryStatus::kRejected);
  CHECK(*Try(EntryStatus::kSubmitted, EntryAction::kRequestChanges) ==
        EntryStatus::kChangesRequested);
}

TEST_CASE("rejecting, asking for changes and disqualifying need a reason", "[voting][entries]") {
  for (EntryAction action : {EntryAction::kReject, EntryAction::kRequestChanges}) {
    CHECK(Try(EntryStatus::kSubmitted, action, "  ").status().code() == "reason_required");
  }
  CHECK(Try(EntryStatus::kApproved, EntryAction::kDisqualify, "").status().code() ==
        "reason_required");
}

TEST_CASE("decisions on entries that are not submitted are invalid_transition",
          "[voting][entries]") {
  for (EntryStatus from : {EntryStatus::kApproved, EntryStatus::kRejected, EntryStatus::kWithdrawn,
                           EntryStatus::kChangesRequested, EntryStatus::kDisqualified}) {
    INFO(voting::EntryStatusName(from));
    Result<EntryStatus> decided = Try(from, EntryAction::kApprove);
    CHECK(decided.status().code() == "invalid_transition");
    CHECK(decided.status().detail("from") == voting::EntryStatusName(from));
  }
  CHECK(Try(EntryStatus::kSubmitted, EntryAction::kDisqualify).status().code() ==
        "invalid_transition");
  CHECK(Try(EntryStatus::kRejected, EntryAction::kReplace).status().code() == "invalid_transition");
  CHECK(Try(EntryStatus::kWithdrawn, EntryAction::kWithdraw).status().code() ==
        "invalid_transition");
}

TEST_CASE("authors replace or withdraw only while submission is open", "[voting][entries]") {
  CHECK(*Try(EntryStatus::kChangesRequested, EntryAction::kReplace) == EntryStatus::kSubmitted);
  CHECK(*Try(EntryStatus::kSubmitted, EntryAction::kReplace) == EntryStatus::kSubmitted);
  CHECK(*Try(EntryStatus::kApproved, EntryAction::kWithdraw) == EntryStatus::kWithdrawn);
  CHECK(Try(EntryStatus::kSubmitted, EntryAction::kReplace, "", false).status().code() ==
        "outside_window");
  CHECK(Try(EntryStatus::kSubmitted, EntryAction::kWithdraw, "", false).status().code() ==
        "outside_window");
}

TEST_CASE("an admin disqualifies an approved entry until the results are announced",
          "[voting][entries]") {
  CHECK(*Try(EntryStatus::kApproved, EntryAction::kDisqualify, "표절") ==
        EntryStatus::kDisqualified);
  Result<EntryStatus> late =
      Try(EntryStatus::kApproved, EntryAction::kDisqualify, "표절", true, true);
  CHECK(late.status().code() == "invalid_transition");
  CHECK_THAT(late.status().message(), Catch::Contains("announced"));
}

TEST_CASE("a submission outside its window or over the author's limit is refused",
          "[voting][entries]") {
  voting::Rules rules;
  voting::Window submission{Kst(2, 9), Kst(14, 0)};
  CHECK(voting::CheckSubmission(rules, submission, Kst(13, 23, 59, 59), 2).ok());
  CHECK(voting::CheckSubmission(rules, submission, Kst(14, 0), 0).code() == "outside_window");
  CHECK(voting::CheckSubmission(rules, submission, Kst(2, 8, 59), 0).code() == "outside_window");
  Status limit = voting::CheckSubmission(rules, submission, Kst(5, 12), 3);
  CHECK(limit.code() == "entry_limit");
  CHECK(limit.detail("limit") == "3");
}

TEST_CASE("live entries are the ones that count toward the limit", "[voting][entries]") {
  CHECK(voting::IsLive(EntryStatus::kSubmitted));
  CHECK(voting::IsLive(EntryStatus::kApproved));
  CHECK(voting::IsLive(EntryStatus::kChangesRequested));
  CHECK_FALSE(voting::IsLive(EntryStatus::kRejected));
  CHECK_FALSE(voting::IsLive(EntryStatus::kWithdrawn));
  CHECK_FALSE(voting::IsLive(EntryStatus::kDisqualified));
}
