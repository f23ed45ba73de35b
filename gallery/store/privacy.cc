// poster privacy purge (issue 13, docs/operations.md "Personal data"): removes
// the personal data the contest no longer needs. What has expired goes at any
// time; the rest once [privacy] retention_days have passed since the results
// became final. The audit log is the contest's record and is left whole, so
// `poster audit verify` still passes: no table the log is compared with loses
// a row it holds (docs/audit.md lists them).
#include <nlohmann/json.hpp>

#include "gallery/store/audit.h"
#include "gallery/store/catalogue_state.h"

namespace poster::gallery {
namespace {

// One kind of personal data: the statement that removes it (UPDATE ... SET or
// DELETE FROM `table`) and the rows it applies to (`where`, with ?1 the time
// now where it matters). No two kinds share a row, so a dry run's counts are
// what the purge removes.
struct Kind {
  const char* name;
  const char* table;
  const char* set;  // nullptr: the rows are deleted
  const char* where;
  bool after_retention;
};

constexpr Kind kKinds[] = {
    {"expired_sessions", "sessions", nullptr, "expires_at <= ?1", false},
    {"spent_invitations", "invitations", nullptr, "used_at IS NOT NULL OR expires_at <= ?1", false},
    {"sessions", "sessions", nullptr, "expires_at > ?1", true},
    {"invitations", "invitations", nullptr, "used_at IS NULL AND expires_at > ?1", true},
    {"emails", "people", "email = ''", "email != ''", true},
    {"notices", "outbox", "address = '', subject = '', body = '', secret = NULL",
     "state IN ('sent', 'failed') AND (address != '' OR body != '')", true},
    {"vote_addresses", "votes", "address = ''", "address != ''", true},
};

std::string CountSql(const Kind& kind) {
  return std::string("SELECT count(*) FROM ") + kind.table + " WHERE " + kind.where;
}

std::string PurgeSql(const Kind& kind) {
  if (kind.set == nullptr) return std::string("DELETE FROM ") + kind.table + " WHERE " + kind.where;
  return std::string("UPDATE ") + kind.table + " SET " + kind.set + " WHERE " + kind.where;
}

// When the rest may go: the results' final time plus the retention; nothing
// before the announcement.
Result<std::optional<TimePoint>> RetainedUntil(CatalogueState& self) {
  std::optional<TimePoint> until;
  POSTER_RETURN_IF_ERROR(
      ForEachRow(self.db.Prepare("SELECT final_at FROM announcements ORDER BY id DESC LIMIT 1"),
                 [&](const Statement& row) {
                   std::optional<TimePoint> final_at = ParseUtc(row.Text(0));
                   if (final_at)
                     until = *final_at + std::chrono::hours(24) * self.config.retention_days;
                 }));
  return until;
}

// `now` is bound as ?1; a statement that names no parameter ignores it.
Result<int64_t> Count(Database& db, const Kind& kind, const std::string& now) {
  POSTER_ASSIGN_OR_RETURN(Statement query, Query(db, CountSql(kind), now));
  POSTER_ASSIGN_OR_RETURN(bool row, query.Step());
  return row ? query.Int(0) : 0;
}

}  // namespace

Result<PurgeReport> Catalogue::PurgePersonalData(PurgeMode mode, std::string_view actor) {
  CatalogueState& self = *impl_;
  PurgeReport report;
  report.dry_run = mode == PurgeMode::kDryRun;
  std::string now = self.NowText();
  Status status =
      WriteAs(self, {actor, voting::Role::kAdmin, "purge personal data"}, [&]() -> Status {
        POSTER_ASSIGN_OR_RETURN(std::optional<TimePoint> until, RetainedUntil(self));
        if (until) report.retained_until = FormatUtc(*until);
        report.retention_over = until && self.clock->Now() >= *until;
        nlohmann::json removed = nlohmann::json::object();
        for (const Kind& kind : kKinds) {
          if (kind.after_retention && !report.retention_over) continue;
          POSTER_ASSIGN_OR_RETURN(int64_t rows, Count(self.db, kind, now));
          report.removed.emplace_back(kind.name, rows);
          removed[kind.name] = rows;
          if (!report.dry_run && rows > 0)
            POSTER_RETURN_IF_ERROR(Execute(self.db, PurgeSql(kind), now));
        }
        if (report.dry_run) return Status::Ok();
        nlohmann::json detail = {{"removed", removed},
                                 {"retention_days", self.config.retention_days},
                                 {"retained_until", report.retained_until}};
        return AppendAudit(self.db, *self.clock, actor, "privacy.purge", "privacy", detail.dump());
      });
  if (!status.ok()) return status;
  return report;
}

}  // namespace poster::gallery
