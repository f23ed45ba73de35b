// Issue 13: `poster migrate --to` moves a contest played on SQLite into an
// empty PostgreSQL database; both sides verify, the results are the same
// bytes, the contest goes on there, and a database that holds a contest is
// refused untouched.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "tests/support/process.h"
#include "tests/support/test_database.h"
#include "tests/support/test_support.h"

using namespace poster::testing;
using nlohmann::json;

namespace {

// The poster binary on the data folder's own contest.db, whatever the engine of the run.
Finished OnSqlite(std::vector<std::string> args, const std::string& data) {
  args.insert(args.begin(), PosterBinary());
  args.insert(args.end(), {"--data", data});
  return RunProgram(args);
}

std::string Sample(const std::string& file) {
  return (SourceDir() / "assets" / "samples" / file).string();
}

}  // namespace

TEST_CASE(
    "poster migrate moves a contest from SQLite into an empty PostgreSQL database, and "
    "both sides verify",
    "[pg][migrate]") {
  REQUIRE(OnPostgres());
  TempDir dir;
  std::string data = (dir / "data").string();
  REQUIRE(OnSqlite({"roster", "import", Sample("roster.csv")}, data).exit_code == 0);
  REQUIRE(OnSqlite({"ingest", "--manifest", Sample("manifest.csv")}, data).exit_code == 0);
  for (const char* id : {"1", "2", "3", "4", "5"})
    REQUIRE(OnSqlite({"review", "approve", id, "--as", "M0001"}, data).exit_code == 0);
  REQUIRE(OnSqlite({"contest", "phase", "open", "voting"}, data).exit_code == 0);
  for (const char* voter : {"E2001", "E2002", "E2003"})
    REQUIRE(OnSqlite({"vote", "cast", "2", "--as", voter}, data).exit_code == 0);
  REQUIRE(OnSqlite({"vote", "cast", "3", "--as", "E2001"}, data).exit_code == 0);
  std::string before = OnSqlite({"results", "--format", "csv"}, data).out;

  std::string url = DatabaseFor((dir / "elsewhere").string());  // a fresh, empty database
  Finished moved = OnSqlite({"migrate", "--to", url, "--json"}, data);
  INFO(moved.out << moved.err);
  REQUIRE(moved.exit_code == 0);
  json report = json::parse(moved.lines().at(0));
  CHECK(report["status"] == "ok");
  CHECK(report["tables"]["votes"] == 4);
  CHECK(report["tables"]["entries"] == 6);
  CHECK(report["sqlite"]["chain_intact"] == true);
  CHECK(report["postgresql"]["chain_intact"] == true);

  // The same table from either side, and the contest goes on in PostgreSQL:
  // a new vote's audit record continues the copied chain.
  std::vector<std::string> there = {"--database", url};
  auto on_postgres = [&](std::vector<std::string> args) {
    args.insert(args.end(), there.begin(), there.end());
    return OnSqlite(args, data);
  };
  CHECK(on_postgres({"results", "--format", "csv"}).out == before);
  REQUIRE(on_postgres({"vote", "cast", "4", "--as", "E2002"}).exit_code == 0);
  Finished verify = on_postgres({"audit", "verify", "--json"});
  INFO(verify.out << verify.err);
  CHECK(verify.exit_code == 0);
  CHECK(json::parse(verify.lines().at(0))["votes_replayed"] == 5);

  // Into a database that holds a contest: refused, and it is left as it was.
  Finished again = OnSqlite({"migrate", "--to", url, "--json"}, data);
  CHECK(again.exit_code == 1);
  CHECK(json::parse(again.lines().at(0))["code"] == "target_not_empty");
  CHECK(QueryIntAt(url, "SELECT count(*) FROM votes") == 5);
}
