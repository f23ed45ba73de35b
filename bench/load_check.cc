#include "bench/load_check.h"

#include <libpq-fe.h>
#include <sqlite3.h>

#include <set>
#include <string>
#include <utility>

namespace poster::bench {
namespace {

using VotePairs = std::set<std::pair<std::string, int64_t>>;

constexpr const char* kStoredVotes = "SELECT voter, entry_id FROM votes";

Result<VotePairs> ReadSqliteVotes(const std::filesystem::path& database) {
  sqlite3* db = nullptr;
  VotePairs pairs;
  bool opened = sqlite3_open_v2(database.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK;
  sqlite3_stmt* query = nullptr;
  if (opened) sqlite3_prepare_v2(db, kStoredVotes, -1, &query, nullptr);
  int step = query ? sqlite3_step(query) : SQLITE_ERROR;
  for (; step == SQLITE_ROW; step = sqlite3_step(query)) {
    pairs.emplace(reinterpret_cast<const char*>(sqlite3_column_text(query, 0)),
                  sqlite3_column_int64(query, 1));
  }
  std::string error = sqlite3_errmsg(db);
  sqlite3_finalize(query);
  sqlite3_close(db);
  if (step != SQLITE_DONE)
    return Status(std::string(gallery::kStoreFailed), "Reading the votes failed: " + error);
  return pairs;
}

Result<VotePairs> ReadPostgresVotes(const std::string& url) {
  PGconn* connection = PQconnectdb(url.c_str());
  PGresult* result =
      PQstatus(connection) == CONNECTION_OK ? PQexec(connection, kStoredVotes) : nullptr;
  VotePairs pairs;
  bool read = PQresultStatus(result) == PGRES_TUPLES_OK;
  for (int row = 0; read && row < PQntuples(result); ++row)
    pairs.emplace(PQgetvalue(result, row, 0), std::stoll(PQgetvalue(result, row, 1)));
  std::string error = PQerrorMessage(connection);
  PQclear(result);
  PQfinish(connection);
  if (!read)
    return Status(std::string(gallery::kStoreFailed), "Reading the votes failed: " + error);
  return pairs;
}

}  // namespace

Result<VoteCheck> CheckVotes(const LoadContest& contest, const std::vector<VoterBook>& books) {
  Result<VotePairs> stored = contest.database().empty()
                                 ? ReadSqliteVotes(contest.folder() / "contest.db")
                                 : ReadPostgresVotes(contest.database());
  if (!stored.ok()) return stored.status();
  VotePairs expected, unknown;
  for (size_t i = 0; i < books.size(); ++i) {
    const std::string& voter = contest.voters()[i].employee_id;
    for (int64_t entry : books[i].held) expected.emplace(voter, entry);
    if (books[i].unknown) unknown.emplace(voter, *books[i].unknown);
  }
  VoteCheck check;
  check.stored = int64_t(stored->size());
  check.expected = int64_t(expected.size());
  check.unknown = int64_t(unknown.size());
  for (const auto& pair : expected) check.lost += !stored->count(pair) && !unknown.count(pair);
  for (const auto& pair : *stored)
    check.unexpected += !expected.count(pair) && !unknown.count(pair);
  return check;
}

}  // namespace poster::bench
