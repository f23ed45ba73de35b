// poster migrate --to (issue 13): a contest kept in SQLite copied into an
// empty PostgreSQL database, table by table in one transaction on each side,
// values with their types (integers, reals at full precision, text, NULL, and
// the one BLOB as hex); new rows are numbered after the copied ones (next_id
// in schema_postgres.cc). The files stay where they are: the data folder's
// blobs/ serves the PostgreSQL catalogue as it served contest.db.
#include "gallery/store/catalogue_state.h"
#include "gallery/store/schema.h"

namespace poster::gallery {
namespace {

struct Column {
  std::string name;
  bool blob = false;
};

std::string Quoted(const std::string& name) { return "\"" + name + "\""; }

Result<std::vector<std::string>> Tables(Database& db) {
  std::vector<std::string> tables;
  POSTER_RETURN_IF_ERROR(
      ForEachRow(db.Prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE "
                            "'sqlite_%' ORDER BY name"),
                 [&](const Statement& row) { tables.push_back(row.Text(0)); }));
  return tables;
}

Result<std::vector<Column>> Columns(Database& db, const std::string& table) {
  std::vector<Column> columns;
  POSTER_RETURN_IF_ERROR(ForEachRow(
      Query(db, "SELECT name, upper(type) FROM pragma_table_info(?) ORDER BY cid", table),
      [&](const Statement& row) {
        columns.push_back({row.Text(0), row.Text(1) == "BLOB"});
      }));
  return columns;
}

// Copies `table`'s rows over whatever the new schema seeded there; returns how many.
Result<int64_t> CopyTable(Database& from, Database& to, const std::string& table) {
  POSTER_ASSIGN_OR_RETURN(std::vector<Column> columns, Columns(from, table));
  std::string select, names, values;
  for (const Column& c : columns) {
    std::string sep = select.empty() ? "" : ", ";
    select += sep + (c.blob ? "hex(" + Quoted(c.name) + ")" : Quoted(c.name));
    names += sep + Quoted(c.name);
    values += sep + (c.blob ? "decode(?, 'hex')" : "?");
  }
  POSTER_RETURN_IF_ERROR(to.Exec("DELETE FROM " + Quoted(table)));
  POSTER_ASSIGN_OR_RETURN(Statement insert, to.Prepare("INSERT INTO " + Quoted(table) + " (" +
                                                       names + ") VALUES (" + values + ")"));
  POSTER_ASSIGN_OR_RETURN(Statement rows,
                          from.Prepare("SELECT " + select + " FROM " + Quoted(table)));
  int64_t count = 0;
  while (true) {
    POSTER_ASSIGN_OR_RETURN(bool more, rows.Step());
    if (!more) return count;
    insert.Reset();
    for (int i = 0; i < int(columns.size()); ++i) {
      ColumnKind kind = rows.Kind(i);
      if (kind == ColumnKind::kNull)
        insert.BindNull(i + 1);
      else if (kind == ColumnKind::kInteger)
        insert.Bind(i + 1, rows.Int(i));
      else if (kind == ColumnKind::kReal)
        insert.Bind(i + 1, rows.Real(i));
      else
        insert.Bind(i + 1, rows.View(i));
    }
    POSTER_RETURN_IF_ERROR(insert.Run());
    ++count;
  }
}

Status NotEmpty(const std::string& url) {
  return Status(std::string(kTargetNotEmpty),
                url +
                    " already holds a contest; poster migrate copies into an empty database "
                    "only, and changed nothing.",
                {{"path", url}});
}

}  // namespace

Result<MigrationReport> Catalogue::MigrateTo(const std::string& url) const {
  CatalogueState& self = *impl_;
  if (self.db.postgres()) {
    return Status(std::string(kStoreFailed), "This catalogue is in PostgreSQL already.",
                  {{"reason", "postgres_catalogue"}});
  }
  POSTER_ASSIGN_OR_RETURN(Database to, Database::OpenPostgres(url));
  POSTER_RETURN_IF_ERROR(PreparePostgresCatalogue(to, url));
  MigrationReport report;
  std::lock_guard lock(self.mutex);
  POSTER_RETURN_IF_ERROR(InReadTransaction(self.db, [&]() -> Status {
    return InTransaction(to, [&]() -> Status {
      POSTER_ASSIGN_OR_RETURN(int64_t logged, QueryInt(to, "SELECT count(*) FROM audit_log"));
      POSTER_ASSIGN_OR_RETURN(int64_t people, QueryInt(to, "SELECT count(*) FROM people"));
      if (logged > 0 || people > 0) return NotEmpty(url);
      POSTER_RETURN_IF_ERROR(to.Exec("SET CONSTRAINTS ALL DEFERRED"));  // checked at COMMIT
      POSTER_ASSIGN_OR_RETURN(std::vector<std::string> tables, Tables(self.db));
      for (const std::string& table : tables) {
        POSTER_ASSIGN_OR_RETURN(int64_t rows, CopyTable(self.db, to, table));
        report.rows.push_back({table, rows});
      }
      return Status::Ok();
    });
  }));
  return report;
}

}  // namespace poster::gallery
