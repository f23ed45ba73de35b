// Citizens' choice in the audit (issue 12): citizen.like replayed from the log
// and held against citizen_likes, both ways; the counts the tally and the
// award use are recomputed from the same replay.
#include "gallery/store/audit_replay.h"

namespace poster::gallery {

using nlohmann::json;

bool ApplyCitizenRecord(const AuditRecord& record, const json& detail, Replay& replay) {
  if (record.action != "citizen.like") return false;
  std::pair<std::string, int64_t> key{detail.at("device").get<std::string>(),
                                      detail.at("entry").get<int64_t>()};
  if (!replay.citizen_likes.emplace(key, detail.at("at").get<std::string>()).second)
    replay.citizen_problems.push_back("record " + std::to_string(record.seq) +
                                      " (citizen.like): the device liked entry " +
                                      std::to_string(key.second) + " twice");
  return true;
}

std::map<int64_t, int> CitizenCounts(const Replay& replay) {
  std::map<int64_t, int> counts;
  for (const auto& [key, at] : replay.citizen_likes) ++counts[key.second];
  return counts;
}

Status CompareCitizenLikes(Database& db, const Replay& replay, AuditReport& report) {
  report.checked.push_back("citizen_likes");
  for (const std::string& problem : replay.citizen_problems) report.problems.push_back(problem);
  std::map<int64_t, int> unlogged, missing;
  std::set<std::pair<std::string, int64_t>> seen;
  POSTER_RETURN_IF_ERROR(
      ForEachRow(db.Prepare("SELECT device, entry_id, liked_at FROM citizen_likes"),
                 [&](const Statement& row) {
                   std::pair<std::string, int64_t> key{row.Text(0), row.Int(1)};
                   seen.insert(key);
                   auto it = replay.citizen_likes.find(key);
                   if (it == replay.citizen_likes.end() || it->second != row.Text(2))
                     ++unlogged[key.second];
                 }));
  for (const auto& [key, at] : replay.citizen_likes)
    if (!seen.count(key)) ++missing[key.second];
  for (const auto& [entry, count] : unlogged)
    report.problems.push_back("citizen_likes: " + std::to_string(count) + " like(s) of entry " +
                              std::to_string(entry) + " are not in the log");
  for (const auto& [entry, count] : missing)
    report.problems.push_back("citizen_likes: " + std::to_string(count) +
                              " logged like(s) of entry " + std::to_string(entry) + " are missing");
  return Status::Ok();
}

}  // namespace poster::gallery
