// What the catalogue holds now, counted for the metrics (/metrics) and asked
// by the readiness check (/readyz): one read transaction of small counts.
#include "gallery/store/catalogue_state.h"

namespace poster::gallery {
namespace {

using Counts = std::vector<std::pair<std::string, int64_t>>;

Status Grouped(Database& db, std::string_view sql, Counts& out) {
  return ForEachRow(db.Prepare(sql),
                    [&](const Statement& row) { out.emplace_back(row.Text(0), row.Int(1)); });
}

template <typename... Args>
Status Single(Database& db, std::string_view sql, int64_t& out, const Args&... args) {
  return ForEachRow(Query(db, sql, args...), [&](const Statement& row) { out = row.Int(0); });
}

}  // namespace

Result<StoreGauges> Catalogue::Gauges() const {
  std::lock_guard lock(impl_->mutex);
  Database& db = impl_->db;
  StoreGauges gauges;
  std::string now = impl_->NowText();
  POSTER_RETURN_IF_ERROR(InReadTransaction(db, [&]() -> Status {
    POSTER_RETURN_IF_ERROR(
        Grouped(db, "SELECT status, count(*) FROM entries GROUP BY status", gauges.entries));
    // Every state, the empty ones too: a depth of 0 is a reading, not a gap.
    POSTER_RETURN_IF_ERROR(Grouped(db,
                                   "SELECT s.state, count(o.id) FROM (SELECT 'waiting' AS state "
                                   "UNION ALL SELECT 'sending' UNION ALL SELECT 'sent' UNION ALL "
                                   "SELECT 'failed') s LEFT JOIN outbox o ON o.state = s.state "
                                   "GROUP BY s.state",
                                   gauges.outbox));
    POSTER_RETURN_IF_ERROR(
        Single(db, "SELECT count(*) FROM votes WHERE void_reason IS NULL", gauges.votes));
    POSTER_RETURN_IF_ERROR(Single(db, "SELECT count(*) FROM votes WHERE void_reason IS NOT NULL",
                                  gauges.voided_votes));
    POSTER_RETURN_IF_ERROR(Single(db, "SELECT count(*) FROM citizen_likes", gauges.citizen_likes));
    POSTER_RETURN_IF_ERROR(
        Single(db, "SELECT coalesce(max(seq), 0) FROM audit_log", gauges.audit_records));
    POSTER_RETURN_IF_ERROR(Single(db, "SELECT count(*) FROM people", gauges.people));
    return Single(db, "SELECT count(*) FROM sessions WHERE expires_at > ?", gauges.active_sessions,
                  now);
  }));
  return gauges;
}

}  // namespace poster::gallery
