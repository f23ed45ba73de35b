// The admin's dashboard: the contest at a glance, in one read.
#include "gallery/store/catalogue_state.h"

namespace poster::gallery {
namespace {

Result<int> Count(Database& db, std::string_view sql) {
  POSTER_ASSIGN_OR_RETURN(Statement query, db.Prepare(sql));
  POSTER_ASSIGN_OR_RETURN(bool row, query.Step());
  return row ? int(query.Int(0)) : 0;
}

Status CountEntries(Database& db, Dashboard& out) {
  for (voting::EntryStatus status :
       {voting::EntryStatus::kSubmitted, voting::EntryStatus::kApproved,
        voting::EntryStatus::kRejected, voting::EntryStatus::kChangesRequested,
        voting::EntryStatus::kWithdrawn, voting::EntryStatus::kDisqualified})
    out.entries_by_state[std::string(voting::EntryStatusName(status))] = 0;
  return ForEachRow(
      db.Prepare("SELECT status, count(*) FROM entries GROUP BY status"),
      [&](const Statement& row) { out.entries_by_state[row.Text(0)] = int(row.Int(1)); });
}

Status CountJudges(Database& db, Dashboard& out) {
  return ForEachRow(
      db.Prepare("SELECT p.employee_id, p.name, p.department, (SELECT count(*) FROM "
                 "judge_assignments a WHERE a.judge = p.employee_id), (SELECT count(*) FROM "
                 "scores s JOIN judge_assignments a ON a.judge = s.judge AND a.entry_id = "
                 "s.entry_id WHERE s.judge = p.employee_id) FROM people p JOIN roles r ON "
                 "r.employee_id = p.employee_id AND r.role = 'judge' ORDER BY p.employee_id"),
      [&](const Statement& row) {
        out.judges.push_back(
            {row.Text(0), row.Text(1), row.Text(2), int(row.Int(4)), int(row.Int(3))});
      });
}

Status CountTheRest(Database& db, Dashboard& out) {
  struct {
    int* field;
    std::string_view sql;
  } counts[] = {
      {&out.review_queue, "SELECT count(*) FROM entries WHERE status = 'submitted'"},
      {&out.votes_cast, "SELECT count(*) FROM votes"},
      {&out.eligible_voters, "SELECT count(*) FROM roles WHERE role = 'employee'"},
      {&out.distinct_voters,
       "SELECT count(DISTINCT v.voter) FROM votes v JOIN roles r ON r.employee_id = v.voter AND "
       "r.role = 'employee'"},
      {&out.objections_open, "SELECT count(*) FROM objections WHERE answer = ''"},
      {&out.objections_answered, "SELECT count(*) FROM objections WHERE answer != ''"},
      {&out.comments, "SELECT count(*) FROM scores WHERE comment != ''"},
      {&out.comments_published, "SELECT count(*) FROM comment_publications"},
  };
  for (const auto& count : counts) {
    POSTER_ASSIGN_OR_RETURN(*count.field, Count(db, count.sql));
  }
  return Status::Ok();
}

}  // namespace

Result<Dashboard> Catalogue::DashboardFor(std::string_view actor) const {
  std::lock_guard lock(impl_->mutex);
  Database& db = impl_->db;
  POSTER_RETURN_IF_ERROR(RequireRole(db, actor, voting::Role::kAdmin, "see the dashboard"));
  Dashboard out;
  POSTER_RETURN_IF_ERROR(InReadTransaction(db, [&]() -> Status {
    POSTER_RETURN_IF_ERROR(CountEntries(db, out));
    POSTER_RETURN_IF_ERROR(CountJudges(db, out));
    return CountTheRest(db, out);
  }));
  return out;
}

}  // namespace poster::gallery
