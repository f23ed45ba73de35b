// Issue 13: a PostgreSQL that restarts, fails over or ends poster's sessions
// costs a running `poster serve` a request, not a restart: the next one
// connects again.
#include <signal.h>
#include <catch2/catch.hpp>

#include "tests/support/http_client.h"
#include "tests/support/process.h"
#include "tests/support/test_database.h"
#include "tests/support/test_support.h"

using namespace poster::testing;

TEST_CASE("a server whose PostgreSQL sessions were ended answers again without a restart", "[pg]") {
  REQUIRE(OnPostgres());
  TempDir dir;
  std::string data = (dir / "data").string();
  ServedPoster served = ServePoster(data);
  HttpClient client(served.url());
  REQUIRE(client.Get("/readyz").status == 200);

  std::string ended = RunSqlAt(DatabaseFor(data),
                               "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE "
                               "datname = current_database() AND pid <> pg_backend_pid()");
  REQUIRE(ended.empty());
  // The request that finds the session gone may fail (503, store_failed);
  // the one after it is served on a new session.
  HttpReply first = client.Get("/readyz");
  CHECK((first.status == 200 || first.status == 503));
  CHECK(client.Get("/readyz").status == 200);
  CHECK(client.Get("/api/gallery").status == 200);
  CHECK(QueryIntAt(DatabaseFor(data),
                   "SELECT count(*) FROM pg_stat_activity WHERE datname = "
                   "current_database() AND pid <> pg_backend_pid()") >= 1);
  ::kill(served.pid, SIGTERM);
  CHECK(WaitForExit(served.pid, 20) == 0);
}
