#include "gallery/sqlite.h"

#include <utility>

#include "gallery/gallery.h"

namespace poster::gallery {

Status StoreError(sqlite3* db, std::string_view doing) {
  std::string reason = db != nullptr ? sqlite3_errmsg(db) : "out of memory";
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
      sql_(std::move(other.sql_)) {}

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
  sqlite3_bind_int64(statement_, index, value);
  return *this;
}

Statement& Statement::Bind(int index, double value) {
  sqlite3_bind_double(statement_, index, value);
  return *this;
}

Statement& Statement::Bind(int index, std::string_view value) {
  sqlite3_bind_text(statement_, index, value.data(), static_cast<int>(value.size()),
                    SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::BindNull(int index) {
  sqlite3_bind_null(statement_, index);
  return *this;
}

void Statement::Reset() {
  sqlite3_reset(statement_);
  sqlite3_clear_bindings(statement_);
}

Result<bool> Statement::Step() {
  int code = sqlite3_step(statement_);
  if (code == SQLITE_ROW) return true;
  if (code == SQLITE_DONE) return false;
  return StoreError(db_, "run a query");
}

Status Statement::Run() {
  while (true) {
    Result<bool> row = Step();
    if (!row.ok()) return row.status();
    if (!*row) return Status::Ok();
  }
}

std::string Statement::Text(int column) const {
  const auto* text = sqlite3_column_text(statement_, column);
  int size = sqlite3_column_bytes(statement_, column);
  return text == nullptr ? std::string() : std::string(reinterpret_cast<const char*>(text), size);
}

Result<Database> Database::Open(const std::filesystem::path& path) {
  sqlite3* handle = nullptr;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
  if (sqlite3_open_v2(path.c_str(), &handle, flags, nullptr) != SQLITE_OK) {
    Status error = StoreError(handle, "open " + path.string());
    sqlite3_close(handle);
    return error;
  }
  Database db(handle);
  sqlite3_busy_timeout(handle, 15000);
  POSTER_RETURN_IF_ERROR(db.Exec("PRAGMA journal_mode = WAL"));
  POSTER_RETURN_IF_ERROR(db.Exec("PRAGMA synchronous = NORMAL"));
  POSTER_RETURN_IF_ERROR(db.Exec("PRAGMA foreign_keys = ON"));
  return db;
}

Database::Database(Database&& other) noexcept
    : db_(std::exchange(other.db_, nullptr)), cache_(std::move(other.cache_)) {}

Database& Database::operator=(Database&& other) noexcept {
  std::swap(db_, other.db_);
  std::swap(cache_, other.cache_);
  return *this;
}

Database::~Database() {
  cache_.reset();
  sqlite3_close(db_);
}

Status Database::Exec(std::string_view sql) {
  std::string text(sql);
  if (sqlite3_exec(db_, text.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
    return StoreError(db_, "run \"" + text.substr(0, 40) + "\"");
  }
  return Status::Ok();
}

Result<Statement> Database::Prepare(std::string_view sql) {
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
