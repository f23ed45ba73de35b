#include "gallery/store/sqlite.h"

#include <cerrno>
#include <cstdio>
#include <utility>

#include "gallery/store/store.h"

namespace poster::gallery {

Status DiskFull(const std::string& what) {
  return Status(std::string(kDiskFull),
                "The disk holding the data folder is full (" + what +
                    "); nothing was changed. Free space on it, then try again.",
                {{"what", what}});
}

Status StoreError(sqlite3* db, std::string_view doing) {
  std::string reason = db != nullptr ? sqlite3_errmsg(db) : "out of memory";
  bool full =
      db != nullptr && (sqlite3_errcode(db) == SQLITE_FULL || sqlite3_system_errno(db) == ENOSPC ||
                        sqlite3_system_errno(db) == EDQUOT);
  if (full) return DiskFull("the catalogue could not " + std::string(doing));
  return Status(std::string(kStoreFailed),
                "The catalogue could not " + std::string(doing) + ": " + reason + ".",
                {{"reason", reason}});
}

StatementCache::~StatementCache() {
  for (auto& [sql, statements] : idle) {
    for (sqlite3_stmt* statement : statements) sqlite3_finalize(statement);
  }
}

Statement::Statement(Statement&& other) noexcept
    : db_(other.db_),
      statement_(std::exchange(other.statement_, nullptr)),
      cache_(other.cache_),
      sql_(std::move(other.sql_)),
      pg_(std::move(other.pg_)) {}

Statement::~Statement() {
  if (statement_ == nullptr) return;
  if (cache_ == nullptr) {
    sqlite3_finalize(statement_);
    return;
  }
  Reset();
  cache_->idle[sql_].push_back(statement_);
}

Statement& Statement::Bind(int index, int64_t value) {
  if (pg_) return pg_->Bind(index, value), *this;
  sqlite3_bind_int64(statement_, index, value);
  return *this;
}

Statement& Statement::Bind(int index, double value) {
  if (pg_) return pg_->Bind(index, value), *this;
  sqlite3_bind_double(statement_, index, value);
  return *this;
}

// An empty view may have no data pointer, which SQLite would bind as NULL: it
// is the empty text. (INSERT OR REPLACE used to hide that, by putting a NOT
// NULL column's default in place of the NULL.)
Statement& Statement::Bind(int index, std::string_view value) {
  if (pg_) return pg_->Bind(index, value), *this;
  sqlite3_bind_text64(statement_, index, value.empty() ? "" : value.data(), value.size(),
                      SQLITE_TRANSIENT, SQLITE_UTF8);
  return *this;
}

Statement& Statement::BindNull(int index) {
  if (pg_) return pg_->BindNull(index), *this;
  sqlite3_bind_null(statement_, index);
  return *this;
}

void Statement::Reset() {
  if (pg_) return pg_->Reset();
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

Result<bool> Statement::Step() {
  if (pg_) return pg_->Step();
  int code = sqlite3_step(statement_);
  if (code == SQLITE_ROW) return true;
  if (code == SQLITE_DONE) return false;
  return StoreError(db_, "run a query");
}

Status Statement::Run() {
  while (true) {
    POSTER_ASSIGN_OR_RETURN(bool row, Step());
    if (!row) return Status::Ok();
  }
}

ColumnKind Statement::Kind(int column) const {
  if (pg_) return pg_->IsNull(column) ? ColumnKind::kNull : ColumnKind::kText;
  switch (sqlite3_column_type(statement_, column)) {
    case SQLITE_INTEGER:
      return ColumnKind::kInteger;
    case SQLITE_FLOAT:
      return ColumnKind::kReal;
    case SQLITE_BLOB:
      return ColumnKind::kBlob;
    case SQLITE_NULL:
      return ColumnKind::kNull;
    default:
      return ColumnKind::kText;
  }
}

std::string Statement::Text(int column) const { return std::string(View(column)); }

std::string_view Statement::View(int column) const {
  if (pg_) return pg_->View(column);
  const auto* text = sqlite3_column_text(statement_, column);
  int size = sqlite3_column_bytes(statement_, column);
  return text == nullptr ? std::string_view()
                         : std::string_view(reinterpret_cast<const char*>(text), size_t(size));
}

namespace {

// A file: URI for `path`, with the characters URIs reserve escaped.
std::string FileUri(const std::filesystem::path& path, std::string_view query) {
  std::string uri = "file:";
  for (char c : path.string()) {
    if (c == '%' || c == '?' || c == '#') {
      char escaped[4];
      std::snprintf(escaped, sizeof escaped, "%%%02X", static_cast<unsigned char>(c));
      uri += escaped;
    } else {
      uri += c;
    }
  }
  return uri + "?" + std::string(query);
}

Result<sqlite3*> OpenHandle(const std::string& name, int flags) {
  sqlite3* handle = nullptr;
  if (sqlite3_open_v2(name.c_str(), &handle, flags | SQLITE_OPEN_NOMUTEX, nullptr) != SQLITE_OK) {
    Status error = StoreError(handle, "open " + name);
    sqlite3_close(handle);
    return error;
  }
  sqlite3_busy_timeout(handle, 15000);
  return handle;
}

// Reading a WAL database needs its -shm file; on a read-only folder without
// one, the first query fails and only an immutable open can read the file.
bool Readable(sqlite3* handle) {
  return sqlite3_exec(handle, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr) ==
         SQLITE_OK;
}

}  // namespace

Result<Database> Database::Open(const std::filesystem::path& path, Access access) {
  if (access == Access::kReadWrite) {
    POSTER_ASSIGN_OR_RETURN(sqlite3 * handle,
                            OpenHandle(path.string(), SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE));
    return Database(handle);
  }
  int flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_URI;
  POSTER_ASSIGN_OR_RETURN(sqlite3 * handle, OpenHandle(FileUri(path, "mode=ro"), flags));
  if (Readable(handle)) return Database(handle);
  sqlite3_close(handle);
  POSTER_ASSIGN_OR_RETURN(sqlite3 * frozen,
                          OpenHandle(FileUri(path, "mode=ro&immutable=1"), flags));
  return Database(frozen);
}

Result<Database> Database::OpenPostgres(const std::string& url) {
  POSTER_ASSIGN_OR_RETURN(PgConnection connection, PgConnection::Open(url));
  return Database(std::move(connection));
}

Database::Database(Database&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)),
      cache_(std::move(other.cache_)),
      pg_(std::move(other.pg_)) {}

Database& Database::operator=(Database&& other) noexcept {
  std::swap(db_, other.db_);
  std::swap(cache_, other.cache_);
  std::swap(pg_, other.pg_);
  return *this;
}

int64_t Database::LastInsertId() {
  if (!pg_) return sqlite3_last_insert_rowid(db_);
  Result<PgStatement> last = pg_->Prepare("SELECT current_setting('poster.last_id', true)");
  if (!last.ok()) return 0;
  Result<bool> row = last->Step();
  return row.ok() && *row ? last->Int(0) : 0;
}

Database::~Database() {
  cache_.reset();
  sqlite3_close(db_);
}

Status Database::Exec(std::string_view sql) {
  if (pg_) return pg_->Exec(sql);
  std::string text(sql);
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
    return StoreError(db_, "run \"" + text.substr(0, 40) + "\"");
  }
  return Status::Ok();
}

Result<Statement> Database::Prepare(std::string_view sql) {
  if (pg_) {
    POSTER_ASSIGN_OR_RETURN(PgStatement statement, pg_->Prepare(sql));
    return Statement(std::move(statement));
  }
  std::string key(sql);
  auto idle = cache_->idle.find(key);
  if (idle != cache_->idle.end() && !idle->second.empty()) {
    sqlite3_stmt* statement = idle->second.back();
    idle->second.pop_back();
    return Statement(db_, statement, cache_.get(), std::move(key));
  }
  sqlite3_stmt* statement = nullptr;
  if (sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT,
                         &statement, nullptr) != SQLITE_OK) {
    return StoreError(db_, "prepare a query");
  }
  return Statement(db_, statement, cache_.get(), std::move(key));
}

}  // namespace poster::gallery
