// Vote integrity and receipts in the store (issue 11): an admin's void, the
// report from the tables and from the log, receipts, and the published root.
#include <algorithm>
#include <fstream>
#include <iterator>

#include "tests/gallery/contest_fixture.h"

using namespace poster;
using namespace poster::testing;
namespace fs = std::filesystem;

namespace {

struct Voting {
  Contest contest;
  int64_t a = 0, b = 0;
  Voting() {
    a = contest.SubmitApproved("E1", 1);
    b = contest.SubmitApproved("E2", 2);
    contest.clock().Set(KoreaTime(17, 10));
  }
  gallery::Catalogue& c() { return contest.catalogue(); }
  std::string Cast(const std::string& voter, int64_t entry, const std::string& address = "",
                   const std::string& secret = "") {
    Result<gallery::VoteReceipt> receipt = c().CastVote(voter, entry, {secret, address});
    REQUIRE(receipt.ok());
    return receipt->receipt;
  }
};

int VotesOf(const gallery::Results& results, int64_t entry) {
  for (const gallery::ResultRow& row : results.rows)
    if (row.tally.id == entry) return row.tally.votes;
  return -1;
}

std::string Problems(const gallery::AuditReport& report) {
  std::string all;
  for (const std::string& problem : report.problems) all += problem + "\n";
  return all;
}

std::string FileText(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), {}};
}

}  // namespace

TEST_CASE("an admin's void leaves the vote out of the tally but keeps the voter's budget spent",
          "[gallery][integrity]") {
  Voting v;
  v.Cast("V1", v.a);
  v.Cast("V2", v.a);
  v.Cast("V1", v.b);
  CHECK(v.c().VoidVote("V1", v.a, "", "A1").code() == "reason_required");
  CHECK(v.c().VoidVote("V1", v.a, "같은 PC에서 대리 투표", "V2").code() == "not_permitted");
  CHECK(v.c().VoidVote("V3", v.a, "이유", "A1").code() == "not_voted");
  REQUIRE(v.c().VoidVote("V1", v.a, "같은 PC에서 대리 투표", "A1").ok());
  CHECK(v.c().VoidVote("V1", v.a, "다시", "A1").code() == "invalid_transition");
  CHECK(VotesOf(*v.c().ResultsFor("A1"), v.a) == 1);
  gallery::Ballot ballot = *v.c().BallotOf("V1");
  CHECK(ballot.remaining == ballot.budget - 2);
  CHECK(ballot.voided == std::vector<int64_t>{v.a});
  CHECK(v.c().RetractVote("V1", v.a).code() == "invalid_transition");
  CHECK(v.c().CastVote("V1", v.a).code() == "already_voted");
  // and the page offers no "unvote" on it, while the vote not voided keeps it
  auto actions = *v.c().ActionsFor("V1", {v.a, v.b});
  auto offers = [&](int64_t entry) {
    const auto& list = actions[entry];
    return std::find(list.begin(), list.end(), gallery::EntryActionAllowed::kUnvote) != list.end();
  };
  CHECK_FALSE(offers(v.a));
  CHECK(offers(v.b));
  gallery::AuditReport report = *v.c().VerifyAudit();
  INFO(Problems(report));
  CHECK(report.problems.empty());
}

TEST_CASE("a vote cannot be voided once the results are announced", "[gallery][integrity]") {
  Voting v;
  v.Cast("V1", v.a);
  REQUIRE(v.c().Announce("A1").ok());
  Status refused = v.c().VoidVote("V1", v.a, "늦게 발견", "A1");
  CHECK(refused.code() == "invalid_transition");
}

TEST_CASE("the integrity report replayed from the log is the report of the tables",
          "[gallery][integrity]") {
  Voting v;
  for (const char* voter : {"V1", "V2", "V3"}) v.Cast(voter, v.a, "10.0.0.7");
  v.Cast("E3", v.a, "10.0.0.9");
  v.Cast("E1", v.b);
  v.contest.clock().Set(KoreaTime(18, 10));
  v.Cast("V1", v.b, "10.0.0.7");
  REQUIRE(v.c().RetractVote("V1", v.b).ok());
  REQUIRE(v.c().VoidVote("V3", v.a, "같은 주소", "A1").ok());
  voting::IntegrityReport tables = *v.c().VoteIntegrity("A1");
  voting::IntegrityReport log = *v.c().VoteIntegrity("A1", gallery::ReportSource::kLog);
  CHECK(gallery::IntegrityReportJson(tables) == gallery::IntegrityReportJson(log));
  CHECK(tables.votes == 4);
  CHECK(tables.voided == 1);
  REQUIRE(tables.bursts.empty());  // two voters from 10.0.0.7 once V3's vote is void
  CHECK(v.c().VoteIntegrity("V1").status().code() == "not_permitted");
}

TEST_CASE("three voters from one address show as a burst, the address admins-only",
          "[gallery][integrity]") {
  Voting v;
  for (const char* voter : {"V1", "V2", "V3"}) v.Cast(voter, v.a, "10.0.0.7");
  voting::IntegrityReport report = *v.c().VoteIntegrity("A1");
  REQUIRE(report.bursts.size() == 1);
  CHECK(report.bursts[0].address == "10.0.0.7");
  CHECK(report.bursts[0].voters == 3);
}

TEST_CASE("a receipt names the vote and the voter's secret, and the secret is never stored",
          "[gallery][integrity][sqlite]") {
  Voting v;
  std::string secret(64, 'b');
  Result<gallery::VoteReceipt> sent = v.c().CastVote("V1", v.a, {secret, ""});
  REQUIRE(sent.ok());
  CHECK(sent->secret.empty());  // the voter holds it already
  CHECK(voting::IsDigestHex(sent->receipt));
  Result<gallery::VoteReceipt> drawn = v.c().CastVote("V2", v.a, {});
  REQUIRE(drawn.ok());
  CHECK(voting::IsDigestHex(drawn->secret));  // drawn by the store, returned once
  CHECK(drawn->receipt != sent->receipt);
  CHECK(v.c().CastVote("V3", v.a, {"ABC", ""}).status().code() == "bad_request");
  std::string stored;
  for (const auto& file : fs::directory_iterator(v.contest.dir().path() / "data"))
    if (file.is_regular_file()) stored += FileText(file.path());
  CHECK(stored.find(sent->receipt) != std::string::npos);
  CHECK(stored.find(secret) == std::string::npos);
  CHECK(stored.find(drawn->secret) == std::string::npos);
}

TEST_CASE(
    "the announcement publishes the counted receipts and their root; voided and "
    "retracted votes are not among them",
    "[gallery][integrity]") {
  Voting v;
  std::string counted = v.Cast("V1", v.a), retracted = v.Cast("V2", v.a),
              voided = v.Cast("V3", v.b), second = v.Cast("V2", v.b);
  REQUIRE(v.c().RetractVote("V2", v.a).ok());
  REQUIRE(v.c().VoidVote("V3", v.b, "대리 투표", "A1").ok());
  CHECK_FALSE(v.c().Receipts()->published);
  CHECK_FALSE(v.c().CheckReceipt(counted)->published);
  Result<gallery::Results> announced = v.c().Announce("A1");
  REQUIRE(announced.ok());
  gallery::PublishedReceipts published = *v.c().Receipts();
  std::vector<std::string> expected{counted, second};
  std::sort(expected.begin(), expected.end());
  CHECK(published.published);
  CHECK(published.receipts == expected);
  CHECK(published.root == voting::MerkleRoot(expected));
  CHECK(announced->receipts_root == published.root);
  CHECK(published.results_sha256 == announced->sha256);
  CHECK(published.log_head.seq == announced->log_head.seq);
  gallery::ReceiptCheck check = *v.c().CheckReceipt(counted);
  CHECK(check.counted);
  CHECK(voting::VerifyMerkleProof(counted, check.proof, published.root));
  for (const std::string& absent : {retracted, voided})
    CHECK_FALSE(v.c().CheckReceipt(absent)->counted);
  CHECK(v.c().CheckReceipt("xyz").status().code() == "bad_request");
  gallery::AuditReport report = *v.c().VerifyAudit();
  INFO(Problems(report));
  CHECK(report.problems.empty());
}

TEST_CASE("verify recomputes the receipts' root from the log and finds a changed one",
          "[gallery][integrity][sqlite]") {
  auto [tampering, expected] = GENERATE(table<std::string, std::string>({
      {"UPDATE announcements SET receipts_root = '" + std::string(64, '0') + "'",
       "the published receipts' root differs from the root recomputed from the log"},
      {"UPDATE announcements SET receipts = '[]', receipts_root = '" + voting::MerkleRoot({}) + "'",
       "the published receipts differ from the counted votes' receipts in the log"},
      {"UPDATE votes SET void_reason = 'x' WHERE voter = 'V2'", "votes: the vote by V2"},
      {"UPDATE votes SET address = '10.9.9.9' WHERE voter = 'V1'", "votes: the vote by V1"},
  }));
  Voting v;
  v.Cast("V1", v.a, "10.0.0.7");
  v.Cast("V2", v.b);
  REQUIRE(v.c().Announce("A1").ok());
  fs::path copy = v.contest.dir().path() / "copy";
  fs::copy(v.contest.dir().path() / "data", copy, fs::copy_options::recursive);
  RunSql(copy / "contest.db", tampering);
  Result<gallery::Catalogue> opened = gallery::Catalogue::OpenForReading(copy);
  REQUIRE(opened.ok());
  gallery::AuditReport report = *opened->VerifyAudit();
  INFO(tampering);
  CHECK_THAT(Problems(report), Catch::Contains(expected));
}
