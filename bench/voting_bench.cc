// voting_bench: votes cast per second through the library (one transaction
// each, every rule checked, every vote audited) and the time to tally a large
// contest, both from facts in memory and from the catalogue's tables.
//
//   voting_bench [--votes N] [--repeat R] [--votes-only] [--large [--keep]]
//
// --large adds issue 14's goal 5: results at 100,000 entries x 1,000,000 voters;
// --keep leaves that contest's folder behind, for a profiler.
#include <sqlite3.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <random>
#include <string>
#include <thread>

#include "bench/measure.h"
#include "gallery/gallery.h"

namespace fs = std::filesystem;
using namespace poster;
using Steady = std::chrono::steady_clock;

namespace {

[[noreturn]] void Die(const char* what, const Status& status) {
  std::fprintf(stderr, "voting_bench: %s was refused: %s (%s)\n", what, status.code().c_str(),
               status.message().c_str());
  std::exit(1);
}

double Seconds(Steady::time_point since) {
  return std::chrono::duration<double>(Steady::now() - since).count();
}

// One prepared INSERT, bound and stepped per row; any failure ends the bench.
class Insert {
 public:
  Insert(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &statement_, nullptr) != SQLITE_OK) Fail(sql);
  }
  ~Insert() { sqlite3_finalize(statement_); }
  template <typename... Values>
  void operator()(const Values&... values) {
    int index = 0;
    (Bind(++index, values), ...);
    int rc = sqlite3_step(statement_);
    if (rc != SQLITE_DONE && rc != SQLITE_CONSTRAINT) Fail(sqlite3_sql(statement_));
    sqlite3_reset(statement_);
  }

 private:
  void Bind(int index, const std::string& text) {
    sqlite3_bind_text(statement_, index, text.data(), int(text.size()), SQLITE_TRANSIENT);
  }
  void Bind(int index, int value) { sqlite3_bind_int(statement_, index, value); }
  [[noreturn]] void Fail(const char* sql) {
    std::fprintf(stderr, "voting_bench: seeding failed: %s\n  %s\n", sqlite3_errmsg(db_), sql);
    std::exit(1);
  }
  sqlite3* db_;
  sqlite3_stmt* statement_ = nullptr;
};

// Fills a data folder straight through SQLite: the bench measures voting, not set-up.
void Seed(const fs::path& db_path, int voters, int entries, int votes_per_voter, int judges) {
  sqlite3* db = nullptr;
  sqlite3_open(db_path.c_str(), &db);
  sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
  {
    Insert person(db,
                  "INSERT INTO people (employee_id, name, department, email, created_at, "
                  "updated_at) VALUES (?, ?, ?, '', ?, ?)");
    Insert role(db, "INSERT INTO roles (employee_id, role) VALUES (?, ?)");
    Insert entry(db,
                 "INSERT INTO entries (id, author, title, status, created_at, updated_at) "
                 "VALUES (?, ?, ?, 'approved', ?, ?)");
    Insert vote(db, "INSERT OR IGNORE INTO votes (voter, entry_id, cast_at) VALUES (?, ?, ?)");
    Insert score(db, "INSERT INTO scores (judge, entry_id, scores, scored_at) VALUES (?, ?, ?, ?)");
    const std::string now = "2026-11-03T01:00:00.000Z";
    for (int v = 0; v < voters; ++v) {
      std::string id = "V" + std::to_string(v);
      person(id, std::string("voter"), "dept" + std::to_string(v % 40), now, now);
      role(id, std::string("employee"));
    }
    for (int j = 0; j < judges; ++j) {
      std::string id = "J" + std::to_string(j);
      person(id, std::string("judge"), std::string("jury"), now, now);
      role(id, std::string("judge"));
    }
    for (int e = 1; e <= entries; ++e)
      entry(e, "A" + std::to_string(e), "poster " + std::to_string(e), now, now);
    std::mt19937 random(1);
    for (int v = 0; v < voters && votes_per_voter > 0; ++v) {
      std::string id = "V" + std::to_string(v);
      for (int k = 0; k < votes_per_voter; ++k)
        vote(id, 1 + int((random() % uint32_t(entries) + k * 7919u) % uint32_t(entries)), now);
    }
    for (int e = 1; e <= entries && judges > 0; ++e) {
      for (int j = 0; j < judges; ++j) {
        std::string s = std::to_string(1 + int(random() % 10));
        score("J" + std::to_string(j), e, "[" + s + "," + s + ",7,8]", now);
      }
    }
  }
  sqlite3_exec(db, "COMMIT", nullptr, nullptr, nullptr);
  sqlite3_close(db);
}

void CastRate(int votes, int repeat) {
  std::vector<double> rates;
  for (int rep = 0; rep < repeat; ++rep) {
    fs::path dir = fs::temp_directory_path() / ("poster-bench-votes-" + std::to_string(rep));
    fs::remove_all(dir);
    int voters = votes / 3 + 1, entries = 100;
    { gallery::Catalogue setup = std::move(*gallery::Catalogue::Open(dir)); }
    Seed(dir / "contest.db", voters, entries, 0, 0);
    gallery::Catalogue catalogue = std::move(*gallery::Catalogue::Open(dir));
    Status opened =
        catalogue.SetPhase(voting::Phase::kVoting, gallery::PhaseChange::kOpen, "operator");
    if (!opened.ok()) Die("opening the vote", opened);
    auto start = Steady::now();
    int accepted = 0;
    for (int i = 0; i < votes; ++i) {
      Status cast = catalogue.CastVote("V" + std::to_string(i / 3), 1 + (i * 37) % entries);
      if (!cast.ok()) Die("a vote", cast);
      ++accepted;
    }
    rates.push_back(accepted / Seconds(start));
    fs::remove_all(dir);
  }
  std::printf(
      "| votes cast, one transaction each (rules, insert, audit record) | %d | %.0f votes/s |\n",
      votes, bench::Median(rates));
}

void TallyTimes(int repeat) {
  const int entries = 1000, judges = 5;
  std::vector<voting::TallyEntry> facts;
  std::mt19937 random(2);
  for (int e = 1; e <= entries; ++e) {
    voting::TallyEntry entry{e,
                             voting::Instant(std::chrono::milliseconds(int64_t(e) * 1000)),
                             int(random() % 600),
                             {},
                             {}};
    for (int j = 0; j < judges; ++j) {
      int s = 1 + int(random() % 10);
      entry.scores.push_back({"J" + std::to_string(j), {s, s, 7, 8}});
    }
    facts.push_back(std::move(entry));
  }
  std::vector<double> pure;
  for (int rep = 0; rep < repeat * 3; ++rep) {
    auto start = Steady::now();
    voting::TallyResult result = voting::Tally(voting::Rules(), facts);
    pure.push_back(Seconds(start) * 1e3);
    if (result.rows.size() != size_t(entries)) std::printf("tally lost rows\n");
  }
  std::printf("| voting::Tally, %d entries, %d judges each, facts in memory | %d | %.1f ms |\n",
              entries, judges, entries, bench::Median(pure));
}

// The results of a contest of `entries` x `voters` x 3 votes, read from the
// tables in this process and by `poster results` as a child process.
void StoredResults(int entries, int voters, int judges, int repeat, bool keep = false) {
  fs::path dir = fs::temp_directory_path() / "poster-bench-tally";
  fs::remove_all(dir);
  { gallery::Catalogue setup = std::move(*gallery::Catalogue::Open(dir)); }
  auto seeding = Steady::now();
  Seed(dir / "contest.db", voters, entries, 3, judges);
  double seeded = Seconds(seeding);
  std::vector<double> stored, command;
  {
    gallery::Catalogue catalogue = std::move(*gallery::Catalogue::Open(dir));
    for (int rep = 0; rep < repeat; ++rep) {
      auto start = Steady::now();
      Result<gallery::Results> results = catalogue.ResultsFor("operator");
      stored.push_back(Seconds(start) * 1e3);
      if (!results.ok() || results->rows.size() != size_t(entries)) {
        std::fprintf(stderr, "voting_bench: the tally from the tables lost entries\n");
        std::exit(1);
      }
    }
  }
  for (int rep = 0; rep < repeat; ++rep) {
    bench::Measured run =
        bench::RunPinned({{POSTER_BINARY, "results", "--data", dir.string(), "--format", "csv"}},
                         "0", {}, false, false);
    if (!run.ok) {
      std::fprintf(stderr, "voting_bench: poster results failed\n");
      std::exit(1);
    }
    command.push_back(run.seconds * 1e3);
  }
  std::printf(
      "| results from the tables: %d entries x %d voters x 3 votes (seeded in %.0f s) | %d | %.1f "
      "ms |\n",
      entries, voters, seeded, voters * 3, bench::Median(stored));
  std::printf(
      "| `poster results --format csv` on the same folder, start to exit | %d | %.1f ms |\n",
      voters * 3, bench::Median(command));
  if (keep)
    std::printf("\n(the contest is left in %s for a profiler)\n", dir.c_str());
  else
    fs::remove_all(dir);
}

}  // namespace

int main(int argc, char** argv) {
  int votes = 20000, repeat = 3;
  bool tally = true, large = false, keep = false;
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    if (flag == "--votes" && i + 1 < argc) votes = std::atoi(argv[++i]);
    if (flag == "--repeat" && i + 1 < argc) repeat = std::max(1, std::atoi(argv[++i]));
    if (flag == "--votes-only") tally = false;
    if (flag == "--large") large = true;
    if (flag == "--keep") keep = true;
  }
  std::printf(
      "poster voting benchmark (median of %d runs)\n\n| what | n | median |\n|---|---:|---:|\n",
      repeat);
  CastRate(votes, repeat);
  if (!tally) return 0;
  TallyTimes(repeat);
  StoredResults(1000, 100000, 5, repeat);
  if (large) StoredResults(100000, 1000000, 5, repeat, keep);
  return 0;
}
