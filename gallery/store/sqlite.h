// A thin RAII layer over the catalogue's database (private to gallery/store):
// SQLite's C API, or PostgreSQL through postgres.h (issue 13), behind one
// Database and one Statement; errors become Status values with code
// store_failed; statements bind and read by index.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "gallery/store/postgres.h"

namespace poster::gallery {

// Prepared statements kept for reuse, by their SQL: preparing costs more than
// running the small queries a vote makes.
struct StatementCache {
  std::unordered_map<std::string, std::vector<sqlite3_stmt*>> idle;
  ~StatementCache();
};

// What a column of the current row holds (SQLite's storage classes; on
// PostgreSQL every value reads as text or NULL).
enum class ColumnKind { kNull, kInteger, kReal, kText, kBlob };

class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* statement, StatementCache* cache = nullptr,
            std::string sql = {})
      : db_(db), statement_(statement), cache_(cache), sql_(std::move(sql)) {}
  explicit Statement(PgStatement pg) : pg_(std::make_unique<PgStatement>(std::move(pg))) {}
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&&) = delete;
  ~Statement();

  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, int value) { return Bind(index, int64_t{value}); }
  Statement& Bind(int index, double value);
  Statement& Bind(int index, std::string_view value);
  Statement& BindNull(int index);
  Statement& Bind(int index, const std::optional<int64_t>& value) {
    return value ? Bind(index, *value) : BindNull(index);
  }

  // Clears the bindings and rewinds, to run the statement again.
  void Reset();

  // Advances to the next row: true when there is one, false when done.
  Result<bool> Step();
  // Steps to the end, for statements that return no rows.
  Status Run();

  int64_t Int(int column) const {
    return pg_ ? pg_->Int(column) : sqlite3_column_int64(statement_, column);
  }
  double Real(int column) const {
    return pg_ ? pg_->Real(column) : sqlite3_column_double(statement_, column);
  }
  bool IsNull(int column) const {
    return pg_ ? pg_->IsNull(column) : sqlite3_column_type(statement_, column) == SQLITE_NULL;
  }
  ColumnKind Kind(int column) const;
  std::string Text(int column) const;
  // The text in SQLite's own buffer: valid until the next Step or Reset.
  std::string_view View(int column) const;

 private:
  sqlite3* db_ = nullptr;
  sqlite3_stmt* statement_ = nullptr;
  StatementCache* cache_ = nullptr;  // where it goes back to, or nullptr to finalize
  std::string sql_;
  std::unique_ptr<PgStatement> pg_;  // on PostgreSQL instead of the above
};

enum class Access { kReadWrite, kReadOnly };

class Database {
 public:
  // Opens the file with a busy timeout; kReadWrite creates it when missing.
  // kReadOnly never writes, not even the journal mode; on a read-only folder
  // (no -shm file can be made) it opens the file as immutable. Changes no
  // setting of the file: the catalogue decides those (schema.h).
  static Result<Database> Open(const std::filesystem::path& path, Access access);
  // The catalogue on PostgreSQL at `url` (postgresql://...).
  static Result<Database> OpenPostgres(const std::string& url);
  Database(Database&&) noexcept;
  Database& operator=(Database&&) noexcept;
  ~Database();

  Status Exec(std::string_view sql);
  // A statement for `sql`, reused from earlier calls when one is idle.
  Result<Statement> Prepare(std::string_view sql);
  int64_t LastInsertId();
  // Rows the last INSERT, UPDATE or DELETE changed.
  int64_t Changes() const { return pg_ ? pg_->Changes() : sqlite3_changes64(db_); }
  bool postgres() const { return pg_ != nullptr; }
  // SQLite's own handle (the backup API, pragmas); nullptr on PostgreSQL.
  sqlite3* handle() const { return db_; }

 private:
  explicit Database(sqlite3* db) : db_(db), cache_(std::make_unique<StatementCache>()) {}
  explicit Database(PgConnection pg) : pg_(std::make_unique<PgConnection>(std::move(pg))) {}
  sqlite3* db_ = nullptr;
  std::unique_ptr<StatementCache> cache_;  // finalized before db_ closes
  std::unique_ptr<PgConnection> pg_;       // on PostgreSQL instead of the above
};

// The Status for SQLite's last error on `db`: disk_full when the disk (or the
// file system's quota) is full, else store_failed.
Status StoreError(sqlite3* db, std::string_view doing);

// disk_full: `what` failed because the disk holding the data folder is full.
Status DiskFull(const std::string& what);

// Prepares `sql` with `args` bound to its parameters in order.
template <typename... Args>
Result<Statement> Query(Database& db, std::string_view sql, const Args&... args) {
  Result<Statement> statement = db.Prepare(sql);
  if (statement.ok()) {
    int index = 0;
    (statement->Bind(++index, args), ...);
  }
  return statement;
}

// The first column of the first row `sql` gives (a count, a pragma) as an
// integer, 0 when it gives no row.
inline Result<int64_t> QueryInt(Database& db, std::string_view sql) {
  POSTER_ASSIGN_OR_RETURN(Statement query, db.Prepare(sql));
  POSTER_ASSIGN_OR_RETURN(bool row, query.Step());
  return row ? query.Int(0) : 0;
}

// Runs `sql`, which returns no rows, with `args` bound.
template <typename... Args>
Status Execute(Database& db, std::string_view sql, const Args&... args) {
  Result<Statement> statement = Query(db, sql, args...);
  return statement.ok() ? statement->Run() : statement.status();
}

// Runs `query` and calls `row(statement)` for each result row.
template <typename Row>
Status ForEachRow(Result<Statement> query, Row&& row) {
  if (!query.ok()) return query.status();
  while (true) {
    Result<bool> more = query->Step();
    if (!more.ok()) return more.status();
    if (!*more) return Status::Ok();
    row(*query);
  }
}

// Runs `body` inside BEGIN IMMEDIATE ... COMMIT, rolling back when it fails.
template <typename Body>
Status InTransaction(Database& db, Body&& body) {
  POSTER_RETURN_IF_ERROR(Execute(db, "BEGIN IMMEDIATE"));
  Status status = body();
  if (status.ok()) status = Execute(db, "COMMIT");
  if (!status.ok()) (void)Execute(db, "ROLLBACK");
  return status;
}

// Runs `body` in a read transaction: every query in it sees one snapshot.
template <typename Body>
Status InReadTransaction(Database& db, Body&& body) {
  POSTER_RETURN_IF_ERROR(Execute(db, "BEGIN"));
  Status status = body();
  Status ended = Execute(db, status.ok() ? "COMMIT" : "ROLLBACK");
  return status.ok() ? ended : status;
}

}  // namespace poster::gallery
