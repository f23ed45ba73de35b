// Which database a test's data folder uses (issue 13). By default none: the
// catalogue is contest.db in the folder. When POSTER_TEST_PG_URL_FILE names
// the URL of the tests' PostgreSQL cluster (tests/pg/cluster.sh, a CTest
// fixture), each data folder gets a fresh database of its own there, so the
// same tests run on PostgreSQL.
#pragma once

#include <cstdint>
#include <string>

namespace poster::testing {

// True when the tests run on PostgreSQL.
bool OnPostgres();

// "" on SQLite; on PostgreSQL the URL of the database for `data_dir`, made
// empty the first time the folder is named.
std::string DatabaseFor(const std::string& data_dir);

// A new empty database on the cluster at `cluster_url` (its URL names the
// cluster's own database), dropped when this process exits; its URL.
// Throws std::runtime_error when it cannot be made.
std::string FreshDatabase(const std::string& cluster_url);

// Runs `sql` on the database at `url` behind poster's back; the error, or "".
std::string RunSqlAt(const std::string& url, const std::string& sql);
// The first column of the first row `query` gives there, as an integer (-1: no row).
int64_t QueryIntAt(const std::string& url, const std::string& query);

}  // namespace poster::testing
