// The pairwise final as the catalogue keeps it: an admin opens it, judges
// answer the pairs they are shown (and no other), the tally places the
// finalists in its order, and verify re-derives every answer's pair.
#include "tests/gallery/contest_fixture.h"

using namespace poster;
using namespace poster::testing;
using voting::PairOutcome;

namespace {

// Approved entries 1-4 by E1, E2, E3 and J3, with 4, 3, 2 and 1 votes.
std::vector<int64_t> FourVoted(Contest& contest) {
  std::vector<int64_t> ids = {contest.SubmitApproved("E1", 1), contest.SubmitApproved("E2", 2),
                              contest.SubmitApproved("E3", 3), contest.SubmitApproved("J3", 4)};
  contest.clock().Set(KoreaTime(17, 10));
  gallery::Catalogue& c = contest.catalogue();
  const std::vector<std::pair<std::string, int64_t>> votes = {
      {"V1", ids[0]}, {"V2", ids[0]}, {"V3", ids[0]}, {"E2", ids[0]}, {"V1", ids[1]},
      {"V2", ids[1]}, {"V3", ids[1]}, {"V1", ids[2]}, {"V2", ids[2]}, {"V3", ids[3]}};
  for (const auto& [voter, entry] : votes) REQUIRE(c.CastVote(voter, entry).ok());
  return ids;
}

// `judge` answers every pair they are shown, preferring `favourite`, then the left.
int AnswerAll(gallery::Catalogue& c, const std::string& judge, int64_t favourite) {
  int answered = 0;
  for (;;) {
    Result<std::optional<voting::PairToShow>> next = c.NextPairFor(judge);
    REQUIRE(next.ok());
    if (!*next) return answered;
    PairOutcome pick = (*next)->right == favourite ? PairOutcome::kRight : PairOutcome::kLeft;
    REQUIRE(c.AnswerPair({judge, (*next)->left, (*next)->right, pick}).ok());
    ++answered;
  }
}

std::vector<int64_t> Ranked(const gallery::Results& results) {
  std::vector<int64_t> ids;
  for (const gallery::ResultRow& row : results.rows) ids.push_back(row.tally.id);
  return ids;
}

}  // namespace

TEST_CASE("the final places its finalists in the order the judges' answers give",
          "[gallery][final]") {
  Contest contest;
  std::vector<int64_t> ids = FourVoted(contest);
  gallery::Catalogue& c = contest.catalogue();
  CHECK(Ranked(*c.ResultsFor("A1")) == ids);  // by votes: 1, 2, 3, 4
  Result<gallery::PairwiseFinal> opened =
      c.OpenPairwiseFinal({ids[0], ids[1], ids[2]}, "결선 시드", 0, "A1");
  REQUIRE(opened.ok());
  CHECK(opened->finalists == std::vector<int64_t>{ids[0], ids[1], ids[2]});
  CHECK(AnswerAll(c, "J1", ids[2]) == 3);  // every pair of three
  CHECK(AnswerAll(c, "J2", ids[2]) == 3);
  // Entry 3 won each of its comparisons: first of the finalists' places.
  CHECK(Ranked(*c.ResultsFor("A1")) == std::vector<int64_t>{ids[2], ids[0], ids[1], ids[3]});
  Result<std::optional<gallery::PairwiseFinal>> seen = c.PairwiseFinalFor("A1");
  REQUIRE(seen.ok());
  REQUIRE((*seen)->order.size() == 3);
  CHECK((*seen)->order.front().entry == ids[2]);
  CHECK((*seen)->answers.size() == 6);
  Result<std::optional<gallery::PairwiseFinal>> own = c.PairwiseFinalFor("J1");
  CHECK((*own)->answers.size() == 3);  // a judge sees their own answers,
  CHECK((*own)->order.empty());        // and not the standing
  gallery::AuditReport report = *c.VerifyAudit();
  INFO((report.problems.empty() ? std::string() : report.problems.front()));
  CHECK(report.problems.empty());
  CHECK(std::count(report.checked.begin(), report.checked.end(), "pair_answers") == 1);
  Result<gallery::Results> announced = c.Announce("A1");
  REQUIRE(announced.ok());
  CHECK(Ranked(*announced).front() == ids[2]);
  CHECK(c.VerifyAudit()->problems.empty());
}

TEST_CASE("a judge is shown no pair holding their own entry", "[gallery][final]") {
  Contest contest;
  std::vector<int64_t> ids = FourVoted(contest);
  gallery::Catalogue& c = contest.catalogue();
  REQUIRE(c.OpenPairwiseFinal(ids, "시드", 0, "A1").ok());
  for (;;) {
    std::optional<voting::PairToShow> next = *c.NextPairFor("J3");
    if (!next) break;
    CHECK(next->left != ids[3]);  // J3 wrote entry 4
    CHECK(next->right != ids[3]);
    REQUIRE(c.AnswerPair({"J3", next->left, next->right, PairOutcome::kEven}).ok());
  }
  CHECK((*c.PairwiseFinalFor("J3"))->answers.size() == 3);  // the pairs of 1, 2 and 3
}

TEST_CASE("the final refuses what its rules do not allow, each with its code", "[gallery][final]") {
  Contest contest;
  std::vector<int64_t> ids = FourVoted(contest);
  gallery::Catalogue& c = contest.catalogue();
  CHECK(c.OpenPairwiseFinal(ids, "s", 0, "J1").status().code() == "not_permitted");
  CHECK(c.OpenPairwiseFinal({ids[0]}, "s", 0, "A1").status().code() == "invalid_finalists");
  CHECK(c.OpenPairwiseFinal({ids[0], ids[0]}, "s", 0, "A1").status().detail("problem") == "twice");
  CHECK(c.OpenPairwiseFinal({ids[0], 99}, "s", 0, "A1").status().detail("problem") ==
        "not_approved");
  CHECK(c.AnswerPair({"J1", ids[0], ids[1], PairOutcome::kLeft}).code() == "invalid_transition");
  REQUIRE(c.OpenPairwiseFinal({ids[0], ids[1], ids[2]}, "s", 1, "A1").ok());
  CHECK(c.OpenPairwiseFinal({ids[0], ids[1]}, "s", 0, "A1").status().code() ==
        "invalid_transition");
  voting::PairToShow next = **c.NextPairFor("J1");
  Status wrong = c.AnswerPair({"J1", next.right, next.left, PairOutcome::kLeft});
  CHECK(wrong.code() == "pair_not_offered");
  CHECK(wrong.detail("left") == std::to_string(next.left));
  CHECK(c.AnswerPair({"E1", next.left, next.right, PairOutcome::kLeft}).code() == "not_permitted");
  REQUIRE(c.AnswerPair({"J1", next.left, next.right, PairOutcome::kLeft}).ok());
  CHECK_FALSE(*c.NextPairFor("J1"));  // max_per_judge = 1
  CHECK(c.AnswerPair({"J1", next.left, next.right, PairOutcome::kLeft}).code() ==
        "pair_not_offered");
  CHECK(c.ClosePairwiseFinal("J1").status().code() == "not_permitted");
  REQUIRE(c.ClosePairwiseFinal("A1").ok());
  CHECK_FALSE(*c.NextPairFor("J2"));
  CHECK(c.AnswerPair({"J2", next.left, next.right, PairOutcome::kLeft}).code() ==
        "invalid_transition");
  CHECK(c.ClosePairwiseFinal("A1").status().code() == "invalid_transition");
  CHECK(c.VerifyAudit()->problems.empty());
}

TEST_CASE("verify finds a changed answer and a final changed behind poster's back",
          "[gallery][final]") {
  Contest contest;
  std::vector<int64_t> ids = FourVoted(contest);
  gallery::Catalogue& c = contest.catalogue();
  REQUIRE(c.OpenPairwiseFinal({ids[0], ids[1], ids[2]}, "s", 0, "A1").ok());
  AnswerAll(c, "J1", ids[2]);
  std::filesystem::path db = contest.dir().path() / "data" / "contest.db";
  RunSql(db, "UPDATE pair_answers SET outcome = 'even' WHERE id = 2");
  std::vector<std::string> problems = c.VerifyAudit()->problems;
  REQUIRE_FALSE(problems.empty());
  CHECK_THAT(problems.front(), Catch::Contains("pair_answers: answer 2 differs from the log"));
  RunSql(db,
         "UPDATE pair_answers SET outcome = 'left' WHERE id = 2; UPDATE pairwise_final SET seed = "
         "'x'");
  CHECK_THAT(c.VerifyAudit()->problems.front(),
             Catch::Contains("pairwise_final: the final differs"));
}
