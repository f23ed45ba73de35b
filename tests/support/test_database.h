// Which database a test's data folder uses (issue 13). By default none: the
// catalogue is contest.db in the folder. When POSTER_TEST_PG_URL_FILE names
// the URL of the tests' PostgreSQL cluster (tests/pg/cluster.sh, a CTest
// fixture), each data folder gets a fresh database of its own there, so the
// same tests run on PostgreSQL.
#pragma once

#include <string>

namespace poster::testing {

// True when the tests run on PostgreSQL.
bool OnPostgres();

// "" on SQLite; on PostgreSQL the URL of the database for `data_dir`, made
// empty the first time the folder is named.
std::string DatabaseFor(const std::string& data_dir);

}  // namespace poster::testing
