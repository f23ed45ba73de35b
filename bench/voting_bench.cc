// voting_bench: votes cast per second through the library (one transaction
// each, every rule checked, every vote audited) and the time to tally a large
// contest, both from facts in memory and from the catalogue's tables.
//
//   voting_bench [--votes N] [--repeat R] [--votes-only]
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

double Seconds(Steady::time_point since) {
  return std::chrono::duration<double>(Steady::now() - since).count();
}

// Fills a data folder straight through SQLite: the bench measures voting, not set-up.
void Seed(const fs::path& db_path, int voters, int entries, int votes_per_voter, int judges) {
  sqlite3* db = nullptr;
  sqlite3_open(db_path.c_str(), &db);
  sqlite3_exec(db, "BEGIN", nullptr, nullptr, nullptr);
  auto exec = [&](const std::string& sql) {
    sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
  };
  std::string now = "2026-11-03T01:00:00.000Z";
  for (int v = 0; v < voters; ++v) {
    exec("INSERT INTO people VALUES ('V" + std::to_string(v) + "', 'voter', 'dept" +
         std::to_string(v % 40) + "', '', '" + now + "', '" + now + "')");
    exec("INSERT INTO roles VALUES ('V" + std::to_string(v) + "', 'employee')");
  }
  for (int j = 0; j < judges; ++j) {
    exec("INSERT INTO people VALUES ('J" + std::to_string(j) + "', 'judge', 'jury', '', '" + now +
         "', '" + now + "')");
    exec("INSERT INTO roles VALUES ('J" + std::to_string(j) + "', 'judge')");
  }
  for (int e = 1; e <= entries; ++e) {
    exec("INSERT INTO entries (id, author, title, status, created_at, updated_at) VALUES (" +
         std::to_string(e) + ", 'A" + std::to_string(e) + "', 'poster " + std::to_string(e) +
         "', 'approved', '" + now + "', '" + now + "')");
  }
  std::mt19937 random(1);
  for (int v = 0; v < voters && votes_per_voter > 0; ++v) {
    for (int k = 0; k < votes_per_voter; ++k) {
      int entry = 1 + int((random() % uint32_t(entries) + k * 7919u) % uint32_t(entries));
      exec("INSERT OR IGNORE INTO votes (voter, entry_id, cast_at) VALUES ('V" + std::to_string(v) +
           "', " + std::to_string(entry) + ", '" + now + "')");
    }
  }
  for (int e = 1; e <= entries && judges > 0; ++e) {
    for (int j = 0; j < judges; ++j) {
      std::string s = std::to_string(1 + int(random() % 10));
      exec("INSERT INTO scores VALUES ('J" + std::to_string(j) + "', " + std::to_string(e) +
           ", '[" + s + "," + s + ",7,8]', '" + now + "')");
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
    (void)catalogue.SetPhase(voting::Phase::kVoting, gallery::PhaseChange::kOpen, "operator");
    auto start = Steady::now();
    int accepted = 0;
    for (int i = 0; i < votes; ++i) {
      accepted += catalogue.CastVote("V" + std::to_string(i / 3), 1 + (i * 37) % entries).ok();
    }
    rates.push_back(accepted / Seconds(start));
    fs::remove_all(dir);
  }
  std::printf(
      "| votes cast, one transaction each (rules, insert, audit record) | %d | %.0f votes/s |\n",
      votes, bench::Median(rates));
}

void TallyTimes(int repeat) {
  const int entries = 1000, voters = 100000, judges = 5;
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

  fs::path dir = fs::temp_directory_path() / "poster-bench-tally";
  fs::remove_all(dir);
  { gallery::Catalogue setup = std::move(*gallery::Catalogue::Open(dir)); }
  auto seeding = Steady::now();
  Seed(dir / "contest.db", voters, entries, 3, judges);
  double seeded = Seconds(seeding);
  gallery::Catalogue catalogue = std::move(*gallery::Catalogue::Open(dir));
  std::vector<double> stored;
  for (int rep = 0; rep < repeat; ++rep) {
    auto start = Steady::now();
    Result<gallery::Results> results = catalogue.ResultsFor("operator");
    stored.push_back(Seconds(start) * 1e3);
    if (!results.ok() || results->rows.size() != size_t(entries))
      std::printf("tally from tables failed\n");
  }
  std::printf(
      "| results from the tables: %d entries x %d voters x 3 votes (seeded in %.0f s) | %d | %.1f "
      "ms |\n",
      entries, voters, seeded, voters * 3, bench::Median(stored));
  fs::remove_all(dir);
}

}  // namespace

int main(int argc, char** argv) {
  int votes = 20000, repeat = 3;
  bool tally = true;
  for (int i = 1; i < argc; ++i) {
    std::string flag = argv[i];
    if (flag == "--votes" && i + 1 < argc) votes = std::atoi(argv[++i]);
    if (flag == "--repeat" && i + 1 < argc) repeat = std::max(1, std::atoi(argv[++i]));
    if (flag == "--votes-only") tally = false;
  }
  std::printf(
      "poster voting benchmark (median of %d runs)\n\n| what | n | median |\n|---|---:|---:|\n",
      repeat);
  CastRate(votes, repeat);
  if (tally) TallyTimes(repeat);
  return 0;
}
