// A thin RAII layer over SQLite's C API (private to gallery): errors become
// Status values with code store_failed; statements bind and read by index.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "base/status.h"

namespace poster::gallery {

class Statement {
 public:
  Statement(sqlite3* db, sqlite3_stmt* statement) : db_(db), statement_(statement) {}
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

  int64_t Int(int column) const { return sqlite3_column_int64(statement_, column); }
  double Real(int column) const { return sqlite3_column_double(statement_, column); }
  bool IsNull(int column) const { return sqlite3_column_type(statement_, column) == SQLITE_NULL; }
  std::string Text(int column) const;

 private:
  sqlite3* db_;
  sqlite3_stmt* statement_;
};

class Database {
 public:
  // Opens (creating) the file with WAL, foreign keys on and a busy timeout.
  static Result<Database> Open(const std::filesystem::path& path);
  Database(Database&&) noexcept;
  Database& operator=(Database&&) noexcept;
  ~Database();

  Status Exec(std::string_view sql);
  Result<Statement> Prepare(std::string_view sql);
  int64_t LastInsertId() const { return sqlite3_last_insert_rowid(db_); }
  sqlite3* handle() const { return db_; }

 private:
  explicit Database(sqlite3* db) : db_(db) {}
  sqlite3* db_ = nullptr;
};

// The store_failed Status for SQLite's last error on `db`.
Status StoreError(sqlite3* db, std::string_view doing);

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

// Runs `sql`, which returns no rows, with `args` bound.
template <typename... Args>
Status Execute(Database& db, std::string_view sql, const Args&... args) {
  Result<Statement> statement = Query(db, sql, args...);
  return statement.ok() ? statement->Run() : statement.status();
}

// Runs `body` inside BEGIN IMMEDIATE ... COMMIT, rolling back when it fails.
template <typename Body>
Status InTransaction(Database& db, Body&& body) {
  POSTER_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
  Status status = body();
  if (status.ok()) status = db.Exec("COMMIT");
  if (!status.ok()) (void)db.Exec("ROLLBACK");
  return status;
}

}  // namespace poster::gallery
