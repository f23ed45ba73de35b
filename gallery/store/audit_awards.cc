// The awards in the audit: judges' comments, their publication and the
// objections, replayed from the log and held against their tables.
#include "gallery/store/audit_replay.h"

namespace poster::gallery {
namespace {

using nlohmann::json;
using Key = std::pair<std::string, int64_t>;

Key KeyOf(const json& detail) {
  return {detail.at("judge").get<std::string>(), detail.at("entry").get<int64_t>()};
}

std::string Named(const Key& key) {
  return "judge " + key.first + " on entry " + std::to_string(key.second);
}

// Rows of `sql` (judge, entry, text) against `logged`, both ways.
Status CompareTexts(Database& db, const char* sql, const std::map<Key, std::string>& logged,
                    const std::string& table, const char* what, AuditReport& report) {
  report.checked.push_back(table);
  std::set<Key> seen;
  POSTER_RETURN_IF_ERROR(ForEachRow(db.Prepare(sql), [&](const Statement& row) {
    Key key{row.Text(0), row.Int(1)};
    seen.insert(key);
    auto it = logged.find(key);
    if (it == logged.end() || it->second != row.Text(2))
      report.problems.push_back(table + ": the " + what + " of " + Named(key) +
                                " differs from the log");
  }));
  for (const auto& [key, text] : logged) {
    if (!seen.count(key) && !text.empty())
      report.problems.push_back(table + ": the log's " + what + " of " + Named(key) +
                                " is missing");
  }
  return Status::Ok();
}

bool Same(const ReplayedObjection& logged, const Statement& row) {
  return logged.entry == row.Int(1) && logged.filer == row.Text(2) && logged.text == row.Text(3) &&
         logged.answer == row.Text(4);
}

Status CompareObjections(Database& db, const Replay& replay, AuditReport& report) {
  report.checked.push_back("objections");
  std::set<int64_t> seen;
  POSTER_RETURN_IF_ERROR(ForEachRow(
      db.Prepare("SELECT id, entry_id, filer, text, answer FROM objections"),
      [&](const Statement& row) {
        seen.insert(row.Int(0));
        auto it = replay.objections.find(row.Int(0));
        if (it == replay.objections.end() || !Same(it->second, row))
          report.problems.push_back("objections: objection " + std::to_string(row.Int(0)) +
                                    " differs from the log");
      }));
  for (const auto& [id, objection] : replay.objections) {
    if (!seen.count(id))
      report.problems.push_back("objections: the log's objection " + std::to_string(id) +
                                " is missing");
  }
  return Status::Ok();
}

}  // namespace

bool ApplyAwardRecord(const std::string& action, const json& detail, Replay& replay) {
  if (action == "comment.publish") {
    replay.published[KeyOf(detail)] = detail.at("text").get<std::string>();
  } else if (action == "comment.withdraw") {
    replay.published.erase(KeyOf(detail));
  } else if (action == "objection.file") {
    replay.objections[detail.at("id").get<int64_t>()] = {detail.at("entry").get<int64_t>(),
                                                         detail.at("filer").get<std::string>(),
                                                         detail.at("text").get<std::string>(), ""};
  } else if (action == "objection.answer") {
    replay.objections[detail.at("id").get<int64_t>()].answer =
        detail.at("answer").get<std::string>();
  } else {
    return false;
  }
  return true;
}

Status CompareAwards(Database& db, const Replay& replay, AuditReport& report) {
  POSTER_RETURN_IF_ERROR(
      CompareTexts(db, "SELECT judge, entry_id, comment FROM scores WHERE comment != ''",
                   replay.comments, "comments", "comment", report));
  POSTER_RETURN_IF_ERROR(CompareTexts(db, "SELECT judge, entry_id, text FROM comment_publications",
                                      replay.published, "comment_publications", "published comment",
                                      report));
  return CompareObjections(db, replay, report);
}

}  // namespace poster::gallery
