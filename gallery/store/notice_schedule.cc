// The notices the calendar makes due: voting opens, voting closes soon,
// results announced. The worker asks every little while; each is queued once
// per window (notice_schedule remembers which were), for every reader at once.
#include "gallery/store/notices.h"

namespace poster::gallery {
namespace {

struct DueNotice {
  std::string kind;
  std::string key;   // the window it belongs to: a moved deadline is a new notice
  std::string when;  // for people: in Korean
  bool voters_only = true;
  std::string when_en;  // and in English
};

Result<std::vector<DueNotice>> NoticesDueNow(CatalogueState& self) {
  std::vector<DueNotice> due;
  POSTER_ASSIGN_OR_RETURN(voting::Window voting, PhaseWindow(self, voting::Phase::kVoting));
  voting::Instant now = self.Now();
  if (voting.Contains(now) && voting.start) {
    due.push_back({"voting_opens", "voting_opens:" + FormatUtc(*voting.start), "", true, ""});
  }
  auto soon = std::chrono::hours(self.config.mail.closing_reminder_hours);
  if (voting.Contains(now) && voting.end && now >= *voting.end - soon) {
    TimeZone zone = TimeZone::LoadOrUtc(self.config.time_zone);
    due.push_back({"voting_closes_soon", "voting_closes:" + FormatUtc(*voting.end),
                   zone.FormatDate(*voting.end, DateStyle::kKorean), true,
                   zone.FormatDate(*voting.end, DateStyle::kEnglish)});
  }
  POSTER_ASSIGN_OR_RETURN(bool announced, Announced(self.db));
  if (announced) due.push_back({"results_announced", "results_announced", "", false, ""});
  return due;
}

Result<bool> AlreadyQueued(Database& db, const std::string& key) {
  POSTER_ASSIGN_OR_RETURN(Statement found,
                          Query(db, "SELECT 1 FROM notice_schedule WHERE key = ?", key));
  return found.Step();
}

Result<std::vector<std::pair<std::string, std::string>>> NoticeReaders(Database& db,
                                                                       bool voters_only) {
  std::vector<std::pair<std::string, std::string>> readers;
  const char* sql = voters_only ? "SELECT p.employee_id, p.name FROM people p JOIN roles r ON "
                                  "r.employee_id = p.employee_id AND r.role = 'employee' ORDER BY 1"
                                : "SELECT employee_id, name FROM people ORDER BY 1";
  POSTER_RETURN_IF_ERROR(ForEachRow(db.Prepare(sql), [&](const Statement& row) {
    readers.emplace_back(row.Text(0), row.Text(1));
  }));
  return readers;
}

Result<int> QueueDue(CatalogueState& self, const DueNotice& due) {
  POSTER_ASSIGN_OR_RETURN(bool done, AlreadyQueued(self.db, due.key));
  if (done) return 0;
  POSTER_ASSIGN_OR_RETURN(auto readers, NoticeReaders(self.db, due.voters_only));
  int queued = 0;
  for (const auto& [id, name] : readers) {
    Notice notice = ContestNotice({&self.config, name}, due.kind, due.when, due.when_en);
    notice.recipient = id;
    notice.key = due.key + ":" + id;
    POSTER_ASSIGN_OR_RETURN(int added, QueueNotice(self, std::move(notice)));
    queued += added;
  }
  POSTER_RETURN_IF_ERROR(
      Execute(self.db, "INSERT INTO notice_schedule VALUES (?, ?)", due.key, self.NowText()));
  return queued;
}

}  // namespace

Result<int> Catalogue::QueueScheduledNotices() {
  CatalogueState& self = *impl_;
  if (!self.config.mail.enabled) return 0;
  int queued = 0;
  POSTER_RETURN_IF_ERROR(Write(self, [&]() -> Status {
    POSTER_ASSIGN_OR_RETURN(std::vector<DueNotice> due, NoticesDueNow(self));
    for (const DueNotice& one : due) {
      POSTER_ASSIGN_OR_RETURN(int added, QueueDue(self, one));
      queued += added;
    }
    return Status::Ok();
  }));
  return queued;
}

}  // namespace poster::gallery
