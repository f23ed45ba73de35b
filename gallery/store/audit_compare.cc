// CompareWithTables: every table that carries the contest's state, held
// against what the replayed log says it must hold. A row the log does not
// explain, or a logged fact the table lost, is a problem.
#include "base/sha256.h"
#include "gallery/store/audit_replay.h"

namespace poster::gallery {
namespace {

using nlohmann::json;
using Pairs = std::set<std::pair<std::string, int64_t>>;

// Problems of one table, at most kShown of them spelled out.
class Findings {
 public:
  static constexpr int kShown = 20;
  Findings(AuditReport& report, std::string table) : report_(report), table_(std::move(table)) {
    report_.checked.push_back(table_);
  }
  ~Findings() {
    if (count_ > kShown)
      report_.problems.push_back(table_ + ": " + std::to_string(count_ - kShown) + " more");
  }
  void Add(const std::string& problem) {
    if (++count_ <= kShown) report_.problems.push_back(table_ + ": " + problem);
  }

 private:
  AuditReport& report_;
  std::string table_;
  int count_ = 0;
};

std::string Pair(const std::pair<std::string, int64_t>& p, const char* who) {
  return std::string(who) + " " + p.first + " and entry " + std::to_string(p.second);
}

Status ComparePairs(Database& db, const char* sql, const Pairs& logged, Findings& findings,
                    const char* who) {
  Pairs stored;
  POSTER_RETURN_IF_ERROR(ForEachRow(db.Prepare(sql), [&](const Statement& row) {
    stored.insert({row.Text(0), row.Int(1)});
  }));
  for (const auto& p : stored)
    if (!logged.count(p)) findings.Add(Pair(p, who) + " is not in the log");
  for (const auto& p : logged)
    if (!stored.count(p)) findings.Add("the log's " + Pair(p, who) + " is missing from the table");
  return Status::Ok();
}

Status CompareVotes(Database& db, const Replay& replay, AuditReport& report) {
  Findings findings(report, "votes");
  return ComparePairs(db, "SELECT voter, entry_id FROM votes", replay.votes, findings,
                      "the vote by");
}

Status CompareAssignments(Database& db, const Replay& replay, AuditReport& report) {
  Findings findings(report, "judge_assignments");
  return ComparePairs(db, "SELECT judge, entry_id FROM judge_assignments",
                      replay.assignments.value_or(Pairs{}), findings, "the assignment of judge");
}

Status CompareScores(Database& db, const Replay& replay, AuditReport& report) {
  Findings findings(report, "scores");
  std::set<std::pair<std::string, int64_t>> seen;
  POSTER_RETURN_IF_ERROR(ForEachRow(
      db.Prepare("SELECT judge, entry_id, scores FROM scores"), [&](const Statement& row) {
        std::pair<std::string, int64_t> key{row.Text(0), row.Int(1)};
        seen.insert(key);
        auto it = replay.scores.find(key);
        json stored = json::parse(row.Text(2), nullptr, false);
        if (it == replay.scores.end() || stored != json(it->second))
          findings.Add("the score of " + Pair(key, "judge") + " differs from the log");
      }));
  for (const auto& [key, list] : replay.scores)
    if (!seen.count(key)) findings.Add("the log's score of " + Pair(key, "judge") + " is missing");
  return Status::Ok();
}

// The entry's row, its co-authors and its current file against the log.
void CompareEntry(const ReplayedEntry& logged, const std::string& status,
                  const std::vector<std::string>& fields, const std::set<std::string>& co_authors,
                  const std::string& sha256, Findings& findings) {
  std::string id = "entry " + std::to_string(logged.facts.id);
  if (status != logged.status)
    findings.Add(id + " is " + status + " but the log says " + logged.status);
  std::string theme = logged.theme_logged ? logged.facts.theme : fields[2];
  if (std::vector<std::string>(fields.begin(), fields.begin() + 3) !=
      std::vector<std::string>{logged.facts.title, logged.facts.author, theme})
    findings.Add(id + "'s title, author or theme differs from the log");
  if (co_authors != logged.co_authors) findings.Add(id + "'s co-authors differ from the log");
  if (logged.description && *logged.description != fields[3])
    findings.Add(id + "'s description differs from the log");
  if (logged.alt_text && *logged.alt_text != fields[4])
    findings.Add(id + "'s alt text differs from the log");
  if (sha256 != logged.sha256) findings.Add(id + "'s current file differs from the log");
  if (fields.size() > 6 &&
      (fields[5] != logged.pledge_sha256 || fields[6] != logged.consent_sha256))
    findings.Add(id + "'s accepted pledge or consent differs from the log");
}

Status CompareEntries(Database& db, const Replay& replay, AuditReport& report) {
  Findings findings(report, "entries");
  std::map<int64_t, std::set<std::string>> co_authors;
  POSTER_RETURN_IF_ERROR(
      ForEachRow(db.Prepare("SELECT entry_id, employee_id FROM co_authors"),
                 [&](const Statement& row) { co_authors[row.Int(0)].insert(row.Text(1)); }));
  std::set<int64_t> seen;
  POSTER_RETURN_IF_ERROR(ForEachRow(
      db.Prepare("SELECT e.id, e.status, e.title, e.author, e.theme, e.description, e.alt_text, "
                 "coalesce(("
                 "SELECT p.sha256 FROM files f JOIN fingerprints p ON p.file_id = f.id "
                 "WHERE f.entry_id = e.id ORDER BY f.version DESC LIMIT 1), ''), "
                 "e.pledge_sha256, e.consent_sha256 FROM entries e"),
      [&](const Statement& row) {
        int64_t id = row.Int(0);
        seen.insert(id);
        auto it = replay.entries.find(id);
        if (it == replay.entries.end() || it->second.status.empty()) {
          findings.Add("entry " + std::to_string(id) + " is not in the log");
          return;
        }
        CompareEntry(it->second, row.Text(1),
                     {row.Text(2), row.Text(3), row.Text(4), row.Text(5), row.Text(6), row.Text(8),
                      row.Text(9)},
                     co_authors[id], row.Text(7), findings);
      }));
  for (const auto& [id, entry] : replay.entries)
    if (!seen.count(id)) findings.Add("the log's entry " + std::to_string(id) + " is missing");
  return Status::Ok();
}

Status ComparePeople(Database& db, const Replay& replay, AuditReport& report) {
  Findings findings(report, "people");
  std::map<std::string, std::set<std::string>> roles;
  POSTER_RETURN_IF_ERROR(
      ForEachRow(db.Prepare("SELECT employee_id, role FROM roles"),
                 [&](const Statement& row) { roles[row.Text(0)].insert(row.Text(1)); }));
  std::set<std::string> seen;
  POSTER_RETURN_IF_ERROR(ForEachRow(
      db.Prepare("SELECT employee_id, name, department, notices_opt_out FROM people"),
      [&](const Statement& row) {
        std::string id = row.Text(0);
        seen.insert(id);
        auto it = replay.people.find(id);
        if (it == replay.people.end()) return findings.Add(id + " is not in the log");
        const ReplayedPerson& logged = it->second;
        if ((logged.name && *logged.name != row.Text(1)) || logged.department != row.Text(2))
          findings.Add(id + "'s name or department differs from the log");
        if (roles[id] != logged.roles) findings.Add(id + "'s roles differ from the log");
        if ((row.Int(3) != 0) != logged.notices_opt_out)
          findings.Add(id + "'s choice of notices differs from the log");
      }));
  for (const auto& [id, person] : replay.people)
    if (!seen.count(id)) findings.Add("the log's " + id + " is missing");
  return Status::Ok();
}

Status ComparePasswords(Database& db, const Replay& replay, AuditReport& report) {
  Findings findings(report, "users");
  return ForEachRow(
      db.Prepare("SELECT employee_id, password_hash FROM users"), [&](const Statement& row) {
        auto it = replay.passwords.find(row.Text(0));
        if (it == replay.passwords.end())
          return findings.Add("the password of " + row.Text(0) + " was never set through poster");
        if (!it->second.empty() && it->second != Sha256Hex(row.Text(1)))
          findings.Add("the password of " + row.Text(0) + " differs from the one last set");
      });
}

Status ComparePhases(Database& db, const Replay& replay, AuditReport& report) {
  Findings findings(report, "phase_overrides");
  size_t i = 0;
  POSTER_RETURN_IF_ERROR(ForEachRow(
      db.Prepare("SELECT phase, action, at FROM phase_overrides ORDER BY id"),
      [&](const Statement& row) {
        std::string what = row.Text(1) + " " + row.Text(0) + " at " + row.Text(2);
        if (i >= replay.phases.size()) return findings.Add("\"" + what + "\" is not in the log");
        const auto& [phase, action, at] = replay.phases[i++];
        if (phase != row.Text(0) || action != row.Text(1) || (!at.empty() && at != row.Text(2)))
          findings.Add("\"" + what + "\" differs from the log's " + action + " " + phase);
      }));
  for (; i < replay.phases.size(); ++i)
    findings.Add("the log's " + std::get<1>(replay.phases[i]) + " " +
                 std::get<0>(replay.phases[i]) + " is missing");
  return Status::Ok();
}

Status CompareSchedule(Database& db, const Replay& replay, AuditReport& report) {
  Findings findings(report, "phase_schedule");
  std::map<std::string, std::pair<std::string, std::string>> stored;
  POSTER_RETURN_IF_ERROR(ForEachRow(
      db.Prepare("SELECT phase, coalesce(start, ''), coalesce(\"end\", '') FROM phase_schedule"),
      [&](const Statement& row) {
        stored[row.Text(0)] = {row.Text(1), row.Text(2)};
      }));
  for (const auto& [phase, times] : stored) {
    auto logged = replay.schedule.find(phase);
    if (logged == replay.schedule.end())
      findings.Add("the calendar of " + phase + " is not in the log");
    else if (logged->second != times)
      findings.Add("the calendar of " + phase + " differs from the one last logged");
  }
  for (const auto& [phase, times] : replay.schedule)
    if (!stored.count(phase)) findings.Add("the log's calendar of " + phase + " is missing");
  return Status::Ok();
}

Status CompareConfig(Database& db, const Replay& replay, AuditReport& report) {
  Findings findings(report, "contest");
  return ForEachRow(db.Prepare("SELECT config FROM contest"), [&](const Statement& row) {
    if (row.Text(0) != replay.config.value_or(""))
      findings.Add("the stored config differs from the last one logged");
  });
}

Status CompareAnnouncements(Database& db, const Replay& replay, AuditReport& report) {
  Findings findings(report, "announcements");
  if (replay.announcements.size() > 1)
    findings.Add("the log announces the results " + std::to_string(replay.announcements.size()) +
                 " times; an announcement was removed and made again");
  size_t i = 0;
  POSTER_RETURN_IF_ERROR(ForEachRow(
      db.Prepare(
          "SELECT result_sha256, final_at, log_seq, log_hash FROM announcements ORDER BY id"),
      [&](const Statement& row) {
        if (i >= replay.announcements.size())
          return findings.Add("the announcement of " + row.Text(0) + " is not in the log");
        const ReplayedAnnouncement& logged = replay.announcements[i++];
        bool anchored = row.Int(2) == 0 || (row.Int(2) == logged.seq && row.Text(3) == logged.hash);
        if (row.Text(0) != logged.sha256 || row.Text(1) != logged.final_at || !anchored)
          findings.Add("the announcement differs from the log's record " +
                       std::to_string(logged.seq));
      }));
  for (; i < replay.announcements.size(); ++i)
    findings.Add("the results were announced (record " +
                 std::to_string(replay.announcements[i].seq) +
                 ") but the stored announcement is missing");
  return Status::Ok();
}

}  // namespace

Status CompareWithTables(Database& db, const Replay& replay, AuditReport& report) {
  for (auto compare :
       {CompareEntries, ComparePeople, ComparePasswords, CompareConfig, ComparePhases,
        CompareSchedule, CompareVotes, CompareAssignments, CompareScores, CompareAnnouncements,
        CompareAwards, CompareJudging, CompareRevocations, CompareFinal, CompareCitizenLikes}) {
    POSTER_RETURN_IF_ERROR(compare(db, replay, report));
  }
  return Status::Ok();
}

}  // namespace poster::gallery
