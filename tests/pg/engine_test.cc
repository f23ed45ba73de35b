// The PostgreSQL engine (gallery/store/postgres.h) against the tests' own
// cluster: the SQL both engines speak, values at their full width, errors.
#include "gallery/store/postgres.h"

#include <catch2/catch.hpp>
#include <cstdlib>
#include <fstream>
#include <limits>
#include <string>

using namespace poster;
using namespace poster::gallery;

namespace {

std::string ClusterUrl() {
  const char* file = std::getenv("POSTER_TEST_PG_URL_FILE");
  REQUIRE(file != nullptr);
  std::string url;
  std::getline(std::ifstream(file), url);
  REQUIRE_FALSE(url.empty());
  return url;
}

PgConnection Connect() {
  Result<PgConnection> connection = PgConnection::Open(ClusterUrl());
  REQUIRE(connection.ok());
  return std::move(*connection);
}

}  // namespace

TEST_CASE("SQLite's parameters become PostgreSQL's, and quoted text is left alone", "[pg]") {
  CHECK(PgTranslate("SELECT a FROM t WHERE b = ? AND c = ?") ==
        "SELECT a FROM t WHERE b = $1 AND c = $2");
  CHECK(PgTranslate("DELETE FROM t WHERE at <= ?1 OR until <= ?1") ==
        "DELETE FROM t WHERE at <= $1 OR until <= $1");
  CHECK(PgTranslate("SELECT '?', \"what?\", 'it''s ?' WHERE x = ?") ==
        "SELECT '?', \"what?\", 'it''s ?' WHERE x = $1");
  CHECK(PgTranslate("BEGIN IMMEDIATE").starts_with("BEGIN; SELECT pg_advisory_xact_lock("));
}

TEST_CASE("values cross PostgreSQL at their full width: integers, reals, empty text, NULL, Korean",
          "[pg]") {
  PgConnection db = Connect();
  REQUIRE(db.Exec("DROP TABLE IF EXISTS kinds; CREATE TABLE kinds (i BIGINT, r DOUBLE PRECISION, "
                  "t TEXT, n TEXT)")
              .ok());
  int64_t widest = std::numeric_limits<int64_t>::max(), least = std::numeric_limits<int64_t>::min();
  Result<PgStatement> insert = db.Prepare("INSERT INTO kinds VALUES (?, ?, ?, ?)");
  REQUIRE(insert.ok());
  for (int64_t value : {widest, least}) {
    insert->Reset();
    insert->Bind(1, value).Bind(2, 0.1 + 0.2).Bind(3, std::string_view()).BindNull(4);
    REQUIRE(insert->Run().ok());
    CHECK(insert->Changes() == 1);
  }
  insert->Reset();
  insert->Bind(1, 7).Bind(2, -1e300).Bind(3, std::string_view("시민의 목소리 '=1+1'")).Bind(4, "x");
  REQUIRE(insert->Run().ok());

  Result<PgStatement> rows =
      db.Prepare("SELECT i, r, t, n, t IS NULL, n IS NULL FROM kinds ORDER BY i");
  REQUIRE(rows.ok());
  REQUIRE(*rows->Step());
  CHECK(rows->Int(0) == least);
  CHECK(rows->Real(1) == 0.1 + 0.2);  // the shortest text that reads back the same double
  CHECK(rows->Text(2).empty());
  CHECK(rows->Int(4) == 0);  // empty text is not NULL
  CHECK(rows->IsNull(3));
  CHECK(rows->Int(5) == 1);  // booleans read as 1 and 0
  REQUIRE(*rows->Step());
  CHECK(rows->Int(0) == 7);
  CHECK(rows->Real(1) == -1e300);
  CHECK(rows->Text(2) == "시민의 목소리 '=1+1'");
  REQUIRE(*rows->Step());
  CHECK(rows->Int(0) == widest);
  CHECK_FALSE(*rows->Step());
}

TEST_CASE("a statement is prepared once and run again after Reset, counting what it changed",
          "[pg]") {
  PgConnection db = Connect();
  REQUIRE(db.Exec("DROP TABLE IF EXISTS counted; CREATE TABLE counted (k TEXT PRIMARY KEY, v "
                  "BIGINT NOT NULL)")
              .ok());
  for (int round = 0; round < 3; ++round) {
    Result<PgStatement> upsert = db.Prepare(
        "INSERT INTO counted (k, v) VALUES (?, ?) ON CONFLICT (k) DO UPDATE SET v = counted.v + "
        "excluded.v");
    REQUIRE(upsert.ok());
    REQUIRE(upsert->Bind(1, "votes").Bind(2, 2).Run().ok());
  }
  Result<PgStatement> bump = db.Prepare("UPDATE counted SET v = v + 1 WHERE k LIKE ?");
  REQUIRE(bump->Bind(1, "vo%").Run().ok());
  CHECK(bump->Changes() == 1);
  bump->Reset();
  REQUIRE(bump->Bind(1, "nothing").Run().ok());
  CHECK(bump->Changes() == 0);
  Result<PgStatement> read = db.Prepare("SELECT v FROM counted WHERE k = ?");
  REQUIRE(*read->Bind(1, "votes").Step());
  CHECK(read->Int(0) == 7);
}

TEST_CASE(
    "a refused statement is store_failed with PostgreSQL's reason, and the connection goes on",
    "[pg]") {
  PgConnection db = Connect();
  REQUIRE(db.Exec("DROP TABLE IF EXISTS once; CREATE TABLE once (k TEXT PRIMARY KEY)").ok());
  Result<PgStatement> insert = db.Prepare("INSERT INTO once VALUES (?)");
  REQUIRE(insert->Bind(1, "a").Run().ok());
  insert->Reset();
  Status twice = insert->Bind(1, "a").Run();
  CHECK(twice.code() == "store_failed");
  CHECK(twice.detail("reason").find("duplicate key") != std::string::npos);
  CHECK(db.Prepare("SELECT nonsense FROM nowhere").status().code() == "store_failed");
  Result<PgStatement> count = db.Prepare("SELECT count(*) FROM once");
  REQUIRE(*count->Step());
  CHECK(count->Int(0) == 1);
}

TEST_CASE("BEGIN IMMEDIATE holds the catalogue's one write lock until COMMIT, across connections",
          "[pg]") {
  PgConnection first = Connect(), second = Connect();
  auto other_may_write = [&] {
    Result<PgStatement> probe =
        second.Prepare("SELECT pg_try_advisory_lock(" + std::to_string(kPgWriteLock) + ")");
    REQUIRE(*probe->Step());
    bool got = probe->Int(0) == 1;
    if (got)
      REQUIRE(second.Exec("SELECT pg_advisory_unlock(" + std::to_string(kPgWriteLock) + ")").ok());
    return got;
  };
  Result<PgStatement> begin = first.Prepare("BEGIN IMMEDIATE");
  REQUIRE(begin.ok());
  REQUIRE(begin->Run().ok());
  CHECK_FALSE(other_may_write());
  REQUIRE(first.Prepare("COMMIT")->Run().ok());
  CHECK(other_may_write());
}

TEST_CASE("a COMMIT after a failed statement is store_failed, and nothing of it is kept", "[pg]") {
  PgConnection db = Connect();
  REQUIRE(db.Exec("DROP TABLE IF EXISTS whole; CREATE TABLE whole (k TEXT PRIMARY KEY)").ok());
  REQUIRE(db.Prepare("BEGIN")->Run().ok());
  REQUIRE(db.Prepare("INSERT INTO whole VALUES ('kept?')")->Run().ok());
  CHECK_FALSE(db.Prepare("INSERT INTO whole VALUES (1, 2, 3)").ok());  // fails inside
  Status committed = db.Prepare("COMMIT")->Run();
  CHECK(committed.code() == "store_failed");
  CHECK(committed.detail("reason") == "rolled_back");
  Result<PgStatement> count = db.Prepare("SELECT count(*) FROM whole");
  REQUIRE(*count->Step());
  CHECK(count->Int(0) == 0);
}

TEST_CASE("a server that is not there is store_failed, not a crash", "[pg]") {
  Result<PgConnection> nowhere =
      PgConnection::Open("postgresql://poster@127.0.0.1:1/poster?connect_timeout=2");
  CHECK(nowhere.status().code() == "store_failed");
  CHECK(nowhere.status().message().find("connect to PostgreSQL") != std::string::npos);
}

namespace {

int64_t BackendPid(PgConnection& db) {
  Result<PgStatement> pid = db.Prepare("SELECT pg_backend_pid()");
  REQUIRE(pid.ok());
  REQUIRE(*pid->Step());
  return pid->Int(0);
}

// Ends `db`'s session from another connection, as a restart or a failover would.
void EndSessionOf(PgConnection& db) {
  int64_t pid = BackendPid(db);
  PgConnection other = Connect();
  REQUIRE(other.Exec("SELECT pg_terminate_backend(" + std::to_string(pid) + ")").ok());
}

}  // namespace

TEST_CASE("a session the server ended costs one statement: the next one connects again", "[pg]") {
  PgConnection db = Connect();
  int64_t before = BackendPid(db);
  REQUIRE(db.Exec("CREATE TEMP TABLE gone (k TEXT)").ok());  // lives with the session only
  EndSessionOf(db);
  Status lost = db.Exec("SELECT 1");  // libpq learns of it here
  CHECK(lost.code() == "store_failed");
  REQUIRE(db.Exec("SELECT 1").ok());
  CHECK(BackendPid(db) != before);
  // The statements prepared on the old session are prepared again on the new.
  Result<PgStatement> count = db.Prepare("SELECT count(*) FROM pg_class WHERE relname = 'gone'");
  REQUIRE(count.ok());
  REQUIRE(*count->Step());
  CHECK(count->Int(0) == 0);
}

TEST_CASE("a session lost inside a transaction fails every statement until ROLLBACK", "[pg]") {
  PgConnection db = Connect();
  REQUIRE(db.Exec("DROP TABLE IF EXISTS halfway; CREATE TABLE halfway (k TEXT)").ok());
  REQUIRE(db.Prepare("BEGIN IMMEDIATE")->Run().ok());
  REQUIRE(db.Prepare("INSERT INTO halfway VALUES ('first')")->Run().ok());
  EndSessionOf(db);
  Result<PgStatement> second = db.Prepare("INSERT INTO halfway VALUES ('second')");
  CHECK((!second.ok() || !second->Run().ok()));  // libpq learns of it here
  // Not on a new session outside the transaction: the first half is gone.
  Result<PgStatement> third = db.Prepare("INSERT INTO halfway VALUES ('third')");
  CHECK(third.status().code() == "store_failed");
  CHECK(third.status().detail("reason") == "connection_lost");
  CHECK(db.Prepare("COMMIT").status().detail("reason") == "connection_lost");
  REQUIRE(db.Prepare("ROLLBACK")->Run().ok());
  Result<PgStatement> count = db.Prepare("SELECT count(*) FROM halfway");
  REQUIRE(count.ok());
  REQUIRE(*count->Step());
  CHECK(count->Int(0) == 0);
}
