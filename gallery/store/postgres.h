// PostgreSQL through libpq (private to gallery/store; issue 13): the same
// shape as sqlite.h's Database and Statement, so that the catalogue can run on
// either. Statements are written once, in the SQL both engines speak, with `?`
// (or `?N`) for parameters; PgTranslate turns them into PostgreSQL's `$N`.
// Every value travels as text and PostgreSQL infers its type from where it
// is used, as SQLite's affinity does.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.h"

struct pg_conn;
struct pg_result;

namespace poster::gallery {

// `sql` with each parameter (`?`, or `?N` for the Nth) written `$N`, counting
// the plain ones from 1; text in quotes ('...', "...") is left as it is.
// BEGIN IMMEDIATE, SQLite's "take the write lock now", becomes BEGIN followed
// by the catalogue's one advisory lock (PgWriteLock), which gives several
// servers on one database the single writer SQLite has.
std::string PgTranslate(std::string_view sql);

// The advisory lock every write transaction takes first: one catalogue, one
// writer at a time, whichever server it runs on (the audit log stays one chain).
inline constexpr int64_t kPgWriteLock = 0x706f73746572;  // "poster"

// What a connection's statements leave behind for it.
struct PgSession {
  int64_t changes = 0;          // rows the last statement run changed
  bool in_transaction = false;  // as the server last said
};

class PgStatement {
 public:
  // The statement prepared as `name`, or `simple` (BEGIN and the like, which
  // cannot be prepared) run as it is.
  PgStatement(pg_conn* connection, PgSession* session, std::string name, int parameters,
              std::string simple = {});
  PgStatement(PgStatement&& other) noexcept;
  PgStatement& operator=(PgStatement&&) = delete;
  ~PgStatement();

  PgStatement& Bind(int index, int64_t value);
  PgStatement& Bind(int index, int value) { return Bind(index, int64_t{value}); }
  PgStatement& Bind(int index, double value);
  PgStatement& Bind(int index, std::string_view value);
  PgStatement& BindNull(int index);

  // Clears the bindings and the result, to run the statement again.
  void Reset();
  // Runs the statement on the first call, then advances through its rows:
  // true when there is one.
  Result<bool> Step();
  Status Run();

  int64_t Int(int column) const;  // PostgreSQL's booleans read as 1 and 0
  double Real(int column) const;
  bool IsNull(int column) const;
  std::string Text(int column) const { return std::string(View(column)); }
  std::string_view View(int column) const;
  // Rows the statement changed (INSERT, UPDATE, DELETE), once it has run.
  int64_t Changes() const { return changes_; }

 private:
  pg_conn* connection_;
  std::string name_;
  std::string simple_;
  std::vector<std::optional<std::string>> values_;
  pg_result* result_ = nullptr;
  int row_ = -1;
  int64_t changes_ = 0;
  PgSession* session_;  // the connection's
};

class PgConnection {
 public:
  // Connects to `url` (postgresql://user@host:port/database). A connection
  // that is lost (the server restarted, or ended the session) is made again
  // by the next statement outside a transaction; inside one, every statement
  // but ROLLBACK fails, as the transaction is gone.
  static Result<PgConnection> Open(const std::string& url);
  PgConnection(PgConnection&&) noexcept;
  PgConnection& operator=(PgConnection&&) noexcept;
  ~PgConnection();

  // Runs `sql` (one statement or several, without parameters).
  Status Exec(std::string_view sql);
  // A statement for `sql`, prepared on the server the first time it is asked for.
  Result<PgStatement> Prepare(std::string_view sql);
  // Rows the last statement run changed, as sqlite3_changes counts them.
  int64_t Changes() const { return session_->changes; }

 private:
  explicit PgConnection(pg_conn* connection)
      : connection_(connection), session_(std::make_unique<PgSession>()) {}
  // Connects again when the connection was lost, as Open says, before `sql`.
  Status Reconnect(std::string_view sql);
  Status Configure();  // the session's settings, after each connect
  pg_conn* connection_ = nullptr;
  std::unique_ptr<PgSession> session_;  // where its statements leave what they did
  std::unordered_map<std::string, std::pair<std::string, int>> prepared_;  // sql: name, parameters
};

// store_failed (disk_full when the server's disk is full) for a failed result
// or connection, naming what was being done.
Status PgError(pg_conn* connection, const pg_result* result, std::string_view doing);

}  // namespace poster::gallery
