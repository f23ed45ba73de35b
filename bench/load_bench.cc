// load_bench: signed-in voters casting and retracting votes over HTTP while
// anonymous visitors browse the gallery, at the same time, against the real
// server on loopback. Prints requests/s and p50/p99 latency for each, then
// checks that the votes stored equal the accepted answers exactly.
//
//   load_bench [--seconds S] [--repeat R] [--voter-connections N]
//              [--gallery-connections N] [--voters N] [--entries N] [--budget N]
//              [--postgres CLUSTER_URL]
//
// With --postgres (issue 13; bench/engines.sh starts a cluster for it) the
// same load runs three times over, each on a fresh contest: SQLite with one
// server, then PostgreSQL with one server and with two, and a last table
// sets them side by side.
//
// Exit status: 0 when every vote checks out (goals missed are reported, not
// failed), 1 when a vote was lost, doubled or left without an answer or the
// audit log did not verify, 2 for usage or set-up errors.
#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>

#include "bench/load_check.h"
#include "bench/load_client.h"
#include "bench/measure.h"
#include "tests/support/test_database.h"

using namespace poster;
using namespace poster::bench;

namespace {

struct Options {
  ContestShape shape;
  LoadPlan plan;
  int repeat = 3;
  std::string postgres;  // a cluster's URL: compare the engines
};

// One way of serving the contest.
struct Setup {
  std::string cluster;  // PostgreSQL: the cluster each contest gets a fresh database on
  int servers = 1;
  const char* engine() const { return cluster.empty() ? "SQLite" : "PostgreSQL"; }
};

constexpr double kGoalVotesPerSecond = 2000;
constexpr double kGoalVoteP99Ms = 50;
constexpr double kGoalPagesPerSecond = 5000;

// ---- tables ---------------------------------------------------------------------

double Percentile(std::vector<float> values, double share) {
  if (values.empty()) return 0;
  std::sort(values.begin(), values.end());
  size_t rank = size_t(std::ceil(share * double(values.size())));
  return values[std::clamp(rank, size_t(1), values.size()) - 1];
}

// One load's figures in one run, or the median of each over the runs.
struct Row {
  double per_second = 0;  // answered requests
  double accepted_per_second = 0;
  double p50 = 0;
  double p99 = 0;
  double max = 0;
};

Row Summarise(const RequestStats& stats, double seconds) {
  return {double(stats.answered()) / seconds, double(stats.accepted) / seconds,
          Percentile(stats.latencies_ms, 0.50), Percentile(stats.latencies_ms, 0.99),
          Percentile(stats.latencies_ms, 1.0)};
}

Row MedianRow(const std::vector<Row>& rows) {
  std::vector<double> per_second, accepted, p50, p99, max;
  for (const Row& row : rows) {
    per_second.push_back(row.per_second);
    accepted.push_back(row.accepted_per_second);
    p50.push_back(row.p50);
    p99.push_back(row.p99);
    max.push_back(row.max);
  }
  return {Median(per_second), Median(accepted), Median(p50), Median(p99), Median(max)};
}

std::string Text(int status) { return std::to_string(status); }
const std::string& Text(const std::string& error) { return error; }

// "409: 12, 422: 3", or "none": refusals by HTTP status, failures by error.
template <typename Key>
std::string Counts(const std::map<Key, int64_t>& counts) {
  std::string text;
  for (const auto& [key, n] : counts)
    text += (text.empty() ? "" : ", ") + Text(key) + ": " + std::to_string(n);
  return text.empty() ? "none" : text;
}

void PrintRunTable(const LoadRun& load) {
  std::printf(
      "| load | requests | req/s | 2xx/s | p50 ms | p99 ms | max ms | refused (status: n) | no "
      "answer |\n|---|---:|---:|---:|---:|---:|---:|---|---|\n");
  for (auto [name, stats] : {std::pair{"votes (cast+retract)", &load.votes},
                             std::pair{"gallery pages", &load.gallery}}) {
    Row row = Summarise(*stats, load.seconds);
    std::printf("| %s | %lld | %.0f | %.0f | %.2f | %.2f | %.1f | %s | %s |\n", name,
                (long long)(stats->answered() + stats->failures()), row.per_second,
                row.accepted_per_second, row.p50, row.p99, row.max, Counts(stats->refused).c_str(),
                Counts(stats->failed).c_str());
  }
}

// ---- runs -----------------------------------------------------------------------

struct RunSummary {
  Row votes;
  Row gallery;
  bool exact = true;  // the votes stored are the accepted ones, and every ballot answer agreed
};

bool PrintCheck(const LoadContest& contest, const std::vector<VoterBook>& books) {
  Result<VoteCheck> check = CheckVotes(contest, books);
  if (!check.ok()) {
    std::printf("votes could not be checked: %s\n", check.status().message().c_str());
    return false;
  }
  std::printf(
      "votes stored: %lld, expected from responses: %lld, lost: %lld, doubled/unexpected: %lld, "
      "no answer (outcome unknown): %lld\n",
      (long long)check->stored, (long long)check->expected, (long long)check->lost,
      (long long)check->unexpected, (long long)check->unknown);
  return check->exact();
}

RunSummary RunOnce(const Options& options, int run, const LoadContest& contest,
                   std::vector<VoterBook>& books) {
  LoadPlan plan = options.plan;
  plan.seed = options.plan.seed + uint32_t(run) * 1000;
  LoadRun load = RunLoad(plan, contest, books);
  std::printf("\nrun %d of %d: %.1f s, %d voter and %d gallery connections\n\n", run + 1,
              options.repeat, load.seconds, plan.voter_connections, plan.gallery_connections);
  PrintRunTable(load);
  int64_t pages = std::max<int64_t>(1, load.gallery.answered());
  std::printf(
      "\ngallery page: %.1f KB; answers other than the rules predict: %lld; accepted answers "
      "whose ballot disagreed: %lld\n",
      double(load.gallery.bytes) / 1024.0 / double(pages), (long long)load.surprises,
      (long long)load.ballot_mismatches);
  bool exact = PrintCheck(contest, books) && load.ballot_mismatches == 0;
  return {Summarise(load.votes, load.seconds), Summarise(load.gallery, load.seconds), exact};
}

void PrintMedians(const Row& votes, const Row& pages, size_t runs) {
  std::printf(
      "\nmedian of %zu runs\n\n| load | req/s | 2xx/s | p50 ms | p99 ms | max ms |\n"
      "|---|---:|---:|---:|---:|---:|\n",
      runs);
  for (auto [name, row] : {std::pair{"votes (cast+retract)", votes}, {"gallery pages", pages}}) {
    std::printf("| %s | %.0f | %.0f | %.2f | %.2f | %.1f |\n", name, row.per_second,
                row.accepted_per_second, row.p50, row.p99, row.max);
  }
}

// Prints the medians and the goals; the medians, exact when every run was.
RunSummary PrintGoals(const std::vector<RunSummary>& runs) {
  std::vector<Row> vote_rows, page_rows;
  bool exact = true;
  for (const RunSummary& run : runs) {
    vote_rows.push_back(run.votes);
    page_rows.push_back(run.gallery);
    exact = exact && run.exact;
  }
  Row votes = MedianRow(vote_rows), pages = MedianRow(page_rows);
  PrintMedians(votes, pages, runs.size());
  auto met = [](bool yes) { return yes ? "met" : "NOT MET"; };
  std::printf("\n| goal | median | |\n|---|---:|---|\n");
  std::printf("| votes accepted > %.0f/s | %.0f/s | %s |\n", kGoalVotesPerSecond,
              votes.accepted_per_second, met(votes.accepted_per_second > kGoalVotesPerSecond));
  std::printf("| vote p99 < %.0f ms | %.2f ms | %s |\n", kGoalVoteP99Ms, votes.p99,
              met(votes.p99 < kGoalVoteP99Ms));
  std::printf("| gallery pages > %.0f/s | %.0f/s | %s |\n", kGoalPagesPerSecond,
              pages.accepted_per_second, met(pages.accepted_per_second > kGoalPagesPerSecond));
  std::printf("| not one vote lost or doubled | %s | %s |\n",
              exact ? "every run exact" : "a run differed", met(exact));
  return {votes, pages, exact};
}

// The audit log holds a record per accepted cast and retract; replaying it
// must give the votes table again.
// True when the chain is intact and the replay found no problem.
bool PrintAudit(gallery::Catalogue& catalogue) {
  auto start = std::chrono::steady_clock::now();
  Result<gallery::AuditReport> report = catalogue.VerifyAudit();
  double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  if (!report.ok()) {
    std::printf("\naudit: could not verify: %s\n", report.status().message().c_str());
    return false;
  }
  std::printf("\naudit log: %d records, chain %s, %d votes replayed, %zu problems (%.1f s)\n",
              report->records, report->chain_intact ? "intact" : "BROKEN", report->votes_replayed,
              report->problems.size(), seconds);
  for (const std::string& problem : report->problems) std::printf("  %s\n", problem.c_str());
  return report->chain_intact && report->problems.empty();
}

// The setups side by side, each against SQLite with one server.
void PrintComparison(const std::vector<Setup>& setups, const std::vector<RunSummary>& results) {
  std::printf(
      "\nengines compared (medians; every setup on a fresh contest of the same shape)\n\n"
      "| engine | servers | votes 2xx/s | vote p50 ms | vote p99 ms | pages 2xx/s | page p99 ms "
      "| votes vs SQLite | pages vs SQLite | exact |\n"
      "|---|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
  const RunSummary& base = results.front();
  auto ratio = [](double a, double b) { return b > 0 ? a / b : 0.0; };
  for (size_t i = 0; i < setups.size(); ++i) {
    const RunSummary& r = results[i];
    std::printf("| %s | %d | %.0f | %.2f | %.2f | %.0f | %.2f | %.2f× | %.2f× | %s |\n",
                setups[i].engine(), setups[i].servers, r.votes.accepted_per_second, r.votes.p50,
                r.votes.p99, r.gallery.accepted_per_second, r.gallery.p99,
                ratio(r.votes.accepted_per_second, base.votes.accepted_per_second),
                ratio(r.gallery.accepted_per_second, base.gallery.accepted_per_second),
                r.exact ? "yes" : "NO");
  }
}

// The server serves each keep-alive connection on one of a fixed pool of
// threads (ServerOptions::threads) until it closes; connections past that wait.
void WarnAboutServerThreads(const LoadPlan& plan, int servers) {
  int threads = gallery::ServerOptions().threads * servers;
  int connections = plan.voter_connections + plan.gallery_connections;
  if (connections <= threads) return;
  std::printf(
      "note: %d connections, but the servers serve %d at a time; the others wait for a "
      "connection to close (bench/README.md)\n",
      connections, threads);
}

// ---- main -----------------------------------------------------------------------

bool ParseFlags(int argc, char** argv, Options& options) {
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    if (i + 1 >= argc) return false;
    std::string text = argv[++i];
    double value = std::atof(text.c_str());
    if (flag == "--postgres")
      options.postgres = text;
    else if (flag == "--seconds")
      options.plan.seconds = value;
    else if (flag == "--repeat")
      options.repeat = int(value);
    else if (flag == "--voter-connections")
      options.plan.voter_connections = int(value);
    else if (flag == "--gallery-connections")
      options.plan.gallery_connections = int(value);
    else if (flag == "--voters")
      options.shape.voters = int(value);
    else if (flag == "--entries")
      options.shape.entries = int(value);
    else if (flag == "--budget")
      options.shape.budget = int(value);
    else
      return false;
  }
  const ContestShape& shape = options.shape;
  return options.plan.seconds > 0 && options.repeat > 0 && options.plan.voter_connections >= 0 &&
         options.plan.gallery_connections >= 0 && shape.voters > 0 && shape.entries > 0 &&
         shape.budget > 0 && shape.budget < shape.entries;
}

// One setup's runs on a fresh contest; nothing when the contest could not be set up.
std::optional<RunSummary> Measure(const Options& options, const Setup& setup) {
  ContestShape shape = options.shape;
  shape.servers = setup.servers;
  auto start = std::chrono::steady_clock::now();
  Result<std::unique_ptr<LoadContest>> started = Status("setup_failed", "not started");
  try {
    if (!setup.cluster.empty()) shape.database = testing::FreshDatabase(setup.cluster);
    started = LoadContest::Start(shape);
  } catch (const std::runtime_error& error) {  // FreshDatabase: the cluster refused
    started = Status("setup_failed", error.what());
  }
  if (!started.ok()) {
    std::fprintf(stderr, "set-up failed (%s, %d server%s): %s: %s\n", setup.engine(), setup.servers,
                 setup.servers > 1 ? "s" : "", started.status().code().c_str(),
                 started.status().message().c_str());
    return std::nullopt;
  }
  LoadContest& contest = **started;
  std::printf(
      "\n## %s, %d server%s\n\nposter load benchmark: %d signed-in voters (budget %d) and "
      "anonymous visitors, %d approved entries, server at %s (set up in %.1f s)\n",
      setup.engine(), setup.servers, setup.servers > 1 ? "s" : "", shape.voters, shape.budget,
      shape.entries, contest.url(0).c_str(),
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  WarnAboutServerThreads(options.plan, setup.servers);
  std::vector<VoterBook> books(contest.voters().size());
  std::vector<RunSummary> runs;
  for (int run = 0; run < options.repeat; ++run)
    runs.push_back(RunOnce(options, run, contest, books));
  RunSummary summary = PrintGoals(runs);
  summary.exact = PrintAudit(contest.catalogue()) && summary.exact;
  return summary;
}

}  // namespace

int main(int argc, char** argv) {
  std::setvbuf(stdout, nullptr, _IOLBF, 0);  // each line as it comes, also into a pipe
  Options options;
  if (!ParseFlags(argc, argv, options)) {
    std::fprintf(stderr,
                 "usage: load_bench [--seconds S] [--repeat R] [--voter-connections N] "
                 "[--gallery-connections N] [--voters N] [--entries N] [--budget N] "
                 "[--postgres CLUSTER_URL]\n");
    return 2;
  }
  std::vector<Setup> setups = {{"", 1}};
  if (!options.postgres.empty())
    setups.insert(setups.end(), {{options.postgres, 1}, {options.postgres, 2}});
  std::vector<RunSummary> results;
  for (const Setup& setup : setups) {
    std::optional<RunSummary> result = Measure(options, setup);
    if (!result) return 2;
    results.push_back(*result);
  }
  if (setups.size() > 1) PrintComparison(setups, results);
  bool exact =
      std::all_of(results.begin(), results.end(), [](const RunSummary& r) { return r.exact; });
  return exact ? 0 : 1;
}
