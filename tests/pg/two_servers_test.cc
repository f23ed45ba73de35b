// Issue 13: two `poster serve` processes on one PostgreSQL catalogue, 1,000
// voters racing across both. No voter's budget is exceeded, no accepted vote
// is lost, and the audit log stays one chain that verifies.
#include <signal.h>
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <thread>

#include "gallery/gallery.h"
#include "tests/support/http_client.h"
#include "tests/support/process.h"
#include "tests/support/synth.h"
#include "tests/support/test_database.h"
#include "tests/support/test_support.h"

using namespace poster;
using namespace poster::testing;
using nlohmann::json;

namespace {

constexpr int kVoters = 1000, kEntries = 4, kBudget = 3;

std::string VoterId(int i) { return "V" + std::to_string(1000 + i); }

// The contest, made through the library: voting open, a session per voter.
std::vector<std::pair<std::string, std::string>> Prepare(const std::string& data,
                                                         std::vector<int64_t>& entries) {
  gallery::Catalogue catalogue = std::move(
      *gallery::Catalogue::Open(data, gallery::Catalogue::DefaultClock(), DatabaseFor(data)));
  std::string toml =
      "[phases.submission]\nstart = \"contest\"\n[phases.review]\nstart = "
      "\"contest\"\n[voting]\nvotes_per_voter = " +
      std::to_string(kBudget) + "\n";
  REQUIRE(catalogue.InitContest(toml, "race.toml", "operator").ok());
  std::string roster = "employee_id,name,department,email,roles\n";
  for (int i = 0; i < kVoters; ++i)
    roster += VoterId(i) + ",투표자 " + std::to_string(i) + ",,,employee\n";
  for (int e = 0; e < kEntries; ++e) roster += "A" + std::to_string(e) + ",작가,,,employee\n";
  REQUIRE(catalogue.ImportRosterBytes(roster, "race.csv", "operator").ok());
  for (int e = 0; e < kEntries; ++e) {
    synth::PosterSpec spec;
    spec.seed = uint32_t(e + 1);
    spec.width = 800;
    spec.height = 1132;
    Result<ingest::Poster> poster =
        ingest::Process(synth::Encode(synth::DrawPoster(spec), ".png"), catalogue.Config().ingest);
    REQUIRE(poster.ok());
    gallery::Submission submission;
    submission.author = "A" + std::to_string(e);
    submission.title = "경주 " + std::to_string(e);
    Result<gallery::Entry> entry = catalogue.Add(*poster, submission, "operator");
    REQUIRE(entry.ok());
    REQUIRE(catalogue.Decide(entry->id, voting::EntryAction::kApprove, "", "operator").ok());
    entries.push_back(entry->id);
  }
  REQUIRE(catalogue.SetPhase(voting::Phase::kVoting, gallery::PhaseChange::kOpen, "operator").ok());
  std::vector<std::pair<std::string, std::string>> sessions;
  for (int i = 0; i < kVoters; ++i) {
    Result<gallery::Session> session = catalogue.SessionFor(VoterId(i));
    REQUIRE(session.ok());
    sessions.push_back({session->token, session->csrf});
  }
  return sessions;
}

}  // namespace

TEST_CASE(
    "two servers on one PostgreSQL: 1,000 voters racing across both, no budget exceeded, "
    "no accepted vote lost, one audit chain",
    "[pg][race]") {
  REQUIRE(OnPostgres());
  TempDir dir;
  std::string data = (dir / "data").string();
  std::vector<int64_t> entries;
  std::vector<std::pair<std::string, std::string>> sessions = Prepare(data, entries);
  ServedPoster servers[2] = {ServePoster(data), ServePoster(data)};

  // Four threads per half of the voters, one per entry: each voter's four
  // votes (two to each server) arrive together, over a budget of three.
  std::mutex mutex;
  std::set<std::pair<int, int64_t>> accepted;
  std::map<std::string, int> refusals;
  auto work = [&](int half, int k) {
    const ServedPoster& server = servers[k % 2];
    std::string origin = server.url();
    HttpClient client(origin);
    for (int i = half; i < kVoters; i += 2) {
      std::vector<std::string> headers = {"Cookie: poster_session=" + sessions[size_t(i)].first,
                                          "X-CSRF-Token: " + sessions[size_t(i)].second,
                                          "Origin: " + origin};
      HttpReply reply =
          client.Post("/api/votes", json{{"entry", entries[size_t(k)]}}.dump(), headers);
      std::lock_guard lock(mutex);
      if (reply.status == 200) {
        accepted.insert({i, entries[size_t(k)]});
      } else {
        json body = json::parse(reply.body, nullptr, false);
        ++refusals[body.is_object() ? body.value("code", "?") : std::to_string(reply.status)];
      }
    }
  };
  std::vector<std::thread> threads;
  for (int half = 0; half < 2; ++half)
    for (int k = 0; k < kEntries; ++k) threads.emplace_back(work, half, k);
  for (std::thread& thread : threads) thread.join();
  for (const ServedPoster& server : servers) {
    ::kill(server.pid, SIGTERM);
    WaitForExit(server.pid, 20);
  }

  // Every voter got exactly their budget; every other attempt was over_budget.
  std::map<int, int> per_voter;
  for (const auto& [voter, entry] : accepted) ++per_voter[voter];
  CHECK(per_voter.size() == size_t(kVoters));
  int exceeded = 0;
  for (const auto& [voter, count] : per_voter) exceeded += count != kBudget;
  CHECK(exceeded == 0);
  CHECK(refusals == std::map<std::string, int>{{"over_budget", kVoters * (kEntries - kBudget)}});

  // Every accepted vote is in the table, and nothing else is.
  std::string url = DatabaseFor(data);
  CHECK(QueryIntAt(url, "SELECT count(*) FROM votes") == int64_t(accepted.size()));
  CHECK(QueryIntAt(url,
                   "SELECT count(*) FROM (SELECT voter FROM votes GROUP BY voter HAVING "
                   "count(*) > " +
                       std::to_string(kBudget) + ") t") == 0);
  // One chain: every record's prev_hash is the hash of the record before it.
  CHECK(QueryIntAt(url,
                   "SELECT count(*) FROM audit_log a JOIN audit_log b ON b.seq = a.seq + 1 "
                   "WHERE b.prev_hash <> a.hash") == 0);
  Finished verify = RunPoster({"audit", "verify", "--data", data, "--json"});
  INFO(verify.out << verify.err);
  REQUIRE(verify.exit_code == 0);
  CHECK(json::parse(verify.lines().at(0))["votes_replayed"] == int(accepted.size()));
}
