// PostgreSQL through libpq (postgres.h).
#include "gallery/store/postgres.h"

#include <libpq-fe.h>

#include <charconv>
#include <cstdlib>
#include <utility>

#include "gallery/store/codes.h"
#include "gallery/store/sqlite.h"  // DiskFull: one message for both engines

namespace poster::gallery {
namespace {

bool IsTransactionControl(std::string_view sql) {
  for (std::string_view word : {"BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE"})
    if (sql.substr(0, word.size()) == word) return true;
  return false;
}

// The number of `$N` parameters PgTranslate wrote: the highest N.
int CountParameters(std::string_view sql) {
  int most = 0;
  for (size_t at = sql.find('$'); at != std::string_view::npos; at = sql.find('$', at + 1)) {
    int n = 0;
    std::from_chars(sql.data() + at + 1, sql.data() + sql.size(), n);
    most = std::max(most, n);
  }
  return most;
}

// Whether the session is in a transaction, as the server said with its last
// answer; a connection that was lost keeps what was known before.
void NoteTransaction(pg_conn* connection, PgSession& session) {
  PGTransactionStatusType status = PQtransactionStatus(connection);
  if (status != PQTRANS_UNKNOWN) session.in_transaction = status != PQTRANS_IDLE;
}

}  // namespace

std::string PgTranslate(std::string_view sql) {
  if (sql == "BEGIN IMMEDIATE")
    return "BEGIN; SELECT pg_advisory_xact_lock(" + std::to_string(kPgWriteLock) + ")";
  std::string out;
  out.reserve(sql.size() + 16);
  int plain = 0;
  char quote = 0;
  for (size_t i = 0; i < sql.size(); ++i) {
    char c = sql[i];
    if (quote != 0) {
      if (c == quote) quote = 0;  // a doubled quote closes and reopens: the same text
      out += c;
    } else if (c == '\'' || c == '"') {
      quote = c;
      out += c;
    } else if (c == '?') {
      size_t digits = 0;
      while (i + 1 + digits < sql.size() &&
             std::isdigit(static_cast<unsigned char>(sql[i + 1 + digits])))
        ++digits;
      out += '$';
      out += digits > 0 ? std::string(sql.substr(i + 1, digits)) : std::to_string(++plain);
      i += digits;
    } else {
      out += c;
    }
  }
  return out;
}

Status PgError(pg_conn* connection, const pg_result* result, std::string_view doing) {
  const char* state = result != nullptr ? PQresultErrorField(result, PG_DIAG_SQLSTATE) : nullptr;
  std::string reason = result != nullptr       ? PQresultErrorMessage(result)
                       : connection != nullptr ? PQerrorMessage(connection)
                                               : "out of memory";
  while (!reason.empty() && (reason.back() == '\n' || reason.back() == ' ')) reason.pop_back();
  if (state != nullptr && std::string_view(state) == "53100")  // disk_full
    return DiskFull("the catalogue could not " + std::string(doing));
  return Status(std::string(kStoreFailed),
                "The catalogue could not " + std::string(doing) + ": " + reason + ".",
                {{"reason", reason}});
}

PgStatement::PgStatement(pg_conn* connection, PgSession* session, std::string name, int parameters,
                         std::string simple)
    : connection_(connection),
      name_(std::move(name)),
      simple_(std::move(simple)),
      values_(size_t(parameters)),
      session_(session) {}

PgStatement::PgStatement(PgStatement&& other) noexcept
    : connection_(other.connection_),
      name_(std::move(other.name_)),
      simple_(std::move(other.simple_)),
      values_(std::move(other.values_)),
      result_(std::exchange(other.result_, nullptr)),
      row_(other.row_),
      changes_(other.changes_),
      session_(other.session_) {}

PgStatement::~PgStatement() { PQclear(result_); }

PgStatement& PgStatement::Bind(int index, int64_t value) {
  return Bind(index, std::string_view(std::to_string(value)));
}

PgStatement& PgStatement::Bind(int index, double value) {
  char text[64];
  auto [end, error] = std::to_chars(text, text + sizeof text, value);  // shortest round trip
  return Bind(index, std::string_view(text, error == std::errc() ? size_t(end - text) : 0));
}

PgStatement& PgStatement::Bind(int index, std::string_view value) {
  if (index >= 1 && size_t(index) <= values_.size())
    values_[size_t(index - 1)] = std::string(value);
  return *this;
}

PgStatement& PgStatement::BindNull(int index) {
  if (index >= 1 && size_t(index) <= values_.size()) values_[size_t(index - 1)].reset();
  return *this;
}

void PgStatement::Reset() {
  for (auto& value : values_) value.reset();
  PQclear(std::exchange(result_, nullptr));
  row_ = -1;
}

Result<bool> PgStatement::Step() {
  if (result_ == nullptr) {
    std::vector<const char*> values;
    for (const auto& value : values_) values.push_back(value ? value->c_str() : nullptr);
    result_ = !simple_.empty() ? PQexec(connection_, simple_.c_str())
                               : PQexecPrepared(connection_, name_.c_str(), int(values.size()),
                                                values.data(), nullptr, nullptr, 0);
    NoteTransaction(connection_, *session_);
    ExecStatusType status = PQresultStatus(result_);
    if (status != PGRES_TUPLES_OK && status != PGRES_COMMAND_OK) {
      Status error = PgError(connection_, result_, "run a query");
      PQclear(std::exchange(result_, nullptr));
      return error;
    }
    // A COMMIT of a transaction that had failed ends it as ROLLBACK, and says
    // OK: here it is the failure it is (SQLite would have kept what succeeded).
    if (simple_ == "COMMIT" && std::string_view(PQcmdStatus(result_)) == "ROLLBACK") {
      PQclear(std::exchange(result_, nullptr));
      return Status(std::string(kStoreFailed),
                    "The catalogue could not commit: a statement in the transaction had failed, "
                    "and PostgreSQL rolled all of it back.",
                    {{"reason", "rolled_back"}});
    }
    const char* changed = PQcmdTuples(result_);
    changes_ = changed != nullptr && *changed != '\0' ? std::atoll(changed) : 0;
    session_->changes = changes_;
  }
  return ++row_ < PQntuples(result_);
}

Status PgStatement::Run() {
  while (true) {
    Result<bool> more = Step();
    if (!more.ok()) return more.status();
    if (!*more) return Status::Ok();
  }
}

int64_t PgStatement::Int(int column) const {
  std::string_view text = View(column);
  if (text == "t") return 1;
  if (text == "f") return 0;
  int64_t value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

double PgStatement::Real(int column) const {
  std::string_view text = View(column);
  double value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

bool PgStatement::IsNull(int column) const {
  return result_ == nullptr || PQgetisnull(result_, row_, column) != 0;
}

std::string_view PgStatement::View(int column) const {
  if (IsNull(column)) return {};
  return {PQgetvalue(result_, row_, column), size_t(PQgetlength(result_, row_, column))};
}

Result<PgConnection> PgConnection::Open(const std::string& url) {
  pg_conn* connection = PQconnectdb(url.c_str());
  if (PQstatus(connection) != CONNECTION_OK) {
    Status error = PgError(connection, nullptr, "connect to PostgreSQL");
    PQfinish(connection);
    return error;
  }
  PgConnection opened(connection);
  POSTER_RETURN_IF_ERROR(opened.Configure());
  return opened;
}

Status PgConnection::Configure() {
  return Exec("SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'");
}

Status PgConnection::Reconnect(std::string_view sql) {
  if (PQstatus(connection_) == CONNECTION_OK) return Status::Ok();
  if (session_->in_transaction && sql != "ROLLBACK") {
    return Status(std::string(kStoreFailed),
                  "The catalogue lost its connection to PostgreSQL in the middle of a "
                  "transaction; PostgreSQL rolled it back.",
                  {{"reason", "connection_lost"}});
  }
  PQreset(connection_);
  session_->in_transaction = false;
  prepared_.clear();  // the server forgot them with the old session
  if (PQstatus(connection_) != CONNECTION_OK)
    return PgError(connection_, nullptr, "connect to PostgreSQL again");
  return Configure();
}

PgConnection::PgConnection(PgConnection&& other) noexcept
    : connection_(std::exchange(other.connection_, nullptr)),
      session_(std::move(other.session_)),
      prepared_(std::move(other.prepared_)) {}

PgConnection& PgConnection::operator=(PgConnection&& other) noexcept {
  std::swap(connection_, other.connection_);
  std::swap(session_, other.session_);
  std::swap(prepared_, other.prepared_);
  return *this;
}

PgConnection::~PgConnection() { PQfinish(connection_); }

Status PgConnection::Exec(std::string_view sql) {
  POSTER_RETURN_IF_ERROR(Reconnect(sql));
  std::string translated = PgTranslate(sql);
  pg_result* result = PQexec(connection_, translated.c_str());
  NoteTransaction(connection_, *session_);
  ExecStatusType status = PQresultStatus(result);
  Status outcome = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK
                       ? Status::Ok()
                       : PgError(connection_, result, "run a statement");
  PQclear(result);
  return outcome;
}

Result<PgStatement> PgConnection::Prepare(std::string_view sql) {
  POSTER_RETURN_IF_ERROR(Reconnect(sql));
  auto it = prepared_.find(std::string(sql));
  if (it == prepared_.end()) {
    std::string translated = PgTranslate(sql);
    std::string name = "s" + std::to_string(prepared_.size() + 1);
    if (IsTransactionControl(translated))  // not preparable: run as it is, on Step
      return PgStatement(connection_, session_.get(), "", 0, translated);
    int parameters = CountParameters(translated);
    pg_result* result =
        PQprepare(connection_, name.c_str(), translated.c_str(), parameters, nullptr);
    bool ok = PQresultStatus(result) == PGRES_COMMAND_OK;
    Status error = ok ? Status::Ok() : PgError(connection_, result, "prepare a query");
    PQclear(result);
    POSTER_RETURN_IF_ERROR(error);
    it = prepared_.emplace(std::string(sql), std::make_pair(name, parameters)).first;
  }
  return PgStatement(connection_, session_.get(), it->second.first, it->second.second);
}

}  // namespace poster::gallery
