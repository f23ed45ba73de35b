// Fair judging in the audit: recusals (judge.recuse) replayed from the log and
// held against their table, and each judge's order derived again from the
// log alone (the last judging.assign's seed and the replayed assignments).
#include "gallery/store/audit_replay.h"
#include "gallery/store/judging_facts.h"

namespace poster::gallery {

bool ApplyJudgingRecord(const std::string& action, const nlohmann::json& detail, Replay& replay) {
  if (action != "judge.recuse") return false;
  std::string judge = detail.at("judge").get<std::string>();
  int64_t entry = detail.at("entry").get<int64_t>();
  replay.recusals[{judge, entry}] = detail.at("reason").get<std::string>();
  if (!replay.assignments) replay.assignments.emplace();
  replay.assignments->erase({judge, entry});
  if (detail.contains("to") && detail["to"].is_string())
    replay.assignments->insert({detail["to"].get<std::string>(), entry});
  return true;
}

namespace {

using JudgeEntry = std::pair<std::string, int64_t>;

std::string RecusalNamed(const JudgeEntry& key) {
  return "judge " + key.first + " on entry " + std::to_string(key.second);
}

Status CompareRecusals(Database& db, const Replay& replay, AuditReport& report) {
  report.checked.push_back("recusals");
  std::set<JudgeEntry> seen;
  POSTER_RETURN_IF_ERROR(ForEachRow(
      db.Prepare("SELECT judge, entry_id, reason FROM recusals"), [&](const Statement& row) {
        JudgeEntry key{row.Text(0), row.Int(1)};
        seen.insert(key);
        auto it = replay.recusals.find(key);
        if (it == replay.recusals.end() || it->second != row.Text(2))
          report.problems.push_back("recusals: the recusal of " + RecusalNamed(key) +
                                    " differs from the log");
      }));
  for (const auto& [key, reason] : replay.recusals) {
    if (!seen.count(key))
      report.problems.push_back("recusals: the log's recusal of " + RecusalNamed(key) +
                                " is missing");
  }
  return Status::Ok();
}

std::map<std::string, std::vector<int64_t>> ByJudge(const std::vector<JudgeEntry>& pairs) {
  std::map<std::string, std::vector<int64_t>> lists;
  for (const auto& [judge, entry] : pairs) lists[judge].push_back(entry);
  return lists;
}

// The order each judge is served (from the tables) against the order the log
// alone gives (voting::JudgeOrder over the replay).
Status CompareOrders(Database& db, const Replay& replay, AuditReport& report) {
  report.checked.push_back("judge_orders");
  POSTER_ASSIGN_OR_RETURN(std::string seed, OrderSeed(db));
  POSTER_ASSIGN_OR_RETURN(std::vector<voting::Assignment> stored,
                          AssignmentsIn(db, AssignmentRows::kAll));
  std::vector<JudgeEntry> stored_pairs, logged_pairs;
  for (const voting::Assignment& a : stored) stored_pairs.push_back({a.judge, a.entry});
  if (replay.assignments)
    logged_pairs.assign(replay.assignments->begin(), replay.assignments->end());
  std::map<std::string, std::vector<int64_t>> served = ByJudge(stored_pairs),
                                              logged = ByJudge(logged_pairs);
  for (const auto& [judge, entries] : served) {
    std::vector<int64_t> from_log = logged.count(judge) ? logged[judge] : std::vector<int64_t>{};
    if (voting::JudgeOrder(seed, judge, entries) !=
        voting::JudgeOrder(replay.order_seed, judge, from_log))
      report.problems.push_back("judge_orders: the order judge " + judge +
                                " is shown differs from the one the log gives");
  }
  return Status::Ok();
}

}  // namespace

Status CompareJudging(Database& db, const Replay& replay, AuditReport& report) {
  POSTER_RETURN_IF_ERROR(CompareRecusals(db, replay, report));
  return CompareOrders(db, replay, report);
}

}  // namespace poster::gallery
