// Judging as it persists: assignments made up front, reassignment when a judge
// leaves, and scores on the rubric.
#include <map>

#include <nlohmann/json.hpp>

#include "gallery/store/audit.h"
#include "gallery/store/awards_store.h"
#include "gallery/store/catalogue_state.h"
#include "gallery/store/judging_facts.h"

namespace poster::gallery {

Result<std::vector<voting::Person>> JudgesOnRoster(Database& db) {
  std::vector<voting::Person> judges;
  POSTER_RETURN_IF_ERROR(
      ForEachRow(db.Prepare("SELECT p.employee_id, p.department FROM people p JOIN roles r "
                            "ON r.employee_id = p.employee_id AND r.role = 'judge' ORDER BY 1"),
                 [&](const Statement& row) {
                   judges.push_back({row.Text(0), row.Text(1), {voting::Role::kJudge}});
                 }));
  return judges;
}

Result<std::vector<voting::Candidate>> JudgingCandidates(Database& db) {
  std::vector<voting::Candidate> entries;
  POSTER_RETURN_IF_ERROR(
      ForEachRow(db.Prepare("SELECT id FROM entries WHERE status = 'approved' ORDER BY id"),
                 [&](const Statement& row) {
                   entries.push_back({row.Int(0), {}, {}, {}});
                 }));
  for (voting::Candidate& entry : entries) {
    POSTER_ASSIGN_OR_RETURN(EntryFacts facts, FactsOf(db, entry.id));
    entry.authors = facts.co_authors;
    entry.authors.insert(entry.authors.begin(), facts.author);
    for (const std::string& author : entry.authors) {
      POSTER_ASSIGN_OR_RETURN(std::optional<voting::Person> person, FindPerson(db, author));
      if (person && !person->department.empty()) entry.departments.push_back(person->department);
    }
    POSTER_RETURN_IF_ERROR(ForEachRow(
        Query(db, "SELECT judge FROM recusals WHERE entry_id = ? ORDER BY judge", entry.id),
        [&](const Statement& row) { entry.recused.push_back(row.Text(0)); }));
  }
  return entries;
}

Result<std::vector<voting::Assignment>> AssignmentsIn(Database& db, AssignmentRows rows) {
  std::vector<voting::Assignment> assignments;
  std::string sql = rows == AssignmentRows::kScored
                        ? "SELECT judge, entry_id FROM scores ORDER BY entry_id, judge"
                        : "SELECT judge, entry_id FROM judge_assignments ORDER BY entry_id, judge";
  POSTER_RETURN_IF_ERROR(ForEachRow(db.Prepare(sql), [&](const Statement& row) {
    assignments.push_back({row.Text(0), row.Int(1)});
  }));
  return assignments;
}

Status StoreAssignments(Database& db, const std::vector<voting::Assignment>& assignments) {
  POSTER_RETURN_IF_ERROR(db.Exec("DELETE FROM judge_assignments"));
  for (const voting::Assignment& a : assignments) {
    POSTER_RETURN_IF_ERROR(Execute(db,
                                   "INSERT INTO judge_assignments (judge, entry_id) VALUES (?, ?) "
                                   "ON CONFLICT DO NOTHING",
                                   a.judge, a.entry));
  }
  return Status::Ok();
}

Result<std::string> OrderSeed(Database& db) {
  POSTER_ASSIGN_OR_RETURN(Statement last,
                          db.Prepare("SELECT detail FROM audit_log WHERE action = 'judging.assign' "
                                     "ORDER BY seq DESC LIMIT 1"));
  POSTER_ASSIGN_OR_RETURN(bool found, last.Step());
  if (!found) return std::string();
  nlohmann::json detail = nlohmann::json::parse(last.Text(0), nullptr, false);
  return detail.is_object() ? detail.value("seed", "") : std::string();
}

namespace {

nlohmann::json AsJson(const std::vector<voting::Assignment>& assignments) {
  nlohmann::json list = nlohmann::json::array();
  for (const voting::Assignment& a : assignments) list.push_back({a.judge, a.entry});
  return list;
}

Status NotAssigned(std::string_view judge, int64_t entry) {
  return Status(std::string(voting::kNotAssigned),
                std::string(judge) + " is not assigned entry " + std::to_string(entry) +
                    "; judges score only their own list.",
                {{"judge", std::string(judge)}, {"entry", std::to_string(entry)}});
}

}  // namespace

Result<std::vector<voting::Assignment>> Catalogue::AssignJudges(std::string_view seed,
                                                                std::string_view actor) {
  CatalogueState& self = *impl_;
  std::vector<voting::Assignment> result;
  POSTER_RETURN_IF_ERROR(
      WriteAs(self, {actor, voting::Role::kAdmin, "assign judges"}, [&]() -> Status {
        POSTER_ASSIGN_OR_RETURN(std::vector<voting::Person> judges, JudgesOnRoster(self.db));
        POSTER_ASSIGN_OR_RETURN(std::vector<voting::Candidate> entries, JudgingCandidates(self.db));
        POSTER_ASSIGN_OR_RETURN(std::vector<voting::Assignment> scored,
                                AssignmentsIn(self.db, AssignmentRows::kScored));
        POSTER_ASSIGN_OR_RETURN(result,
                                voting::AssignJudges(self.config.rules, judges, entries, seed));
        // A score already given keeps its assignment.
        for (const voting::Assignment& kept : scored) {
          if (std::find(result.begin(), result.end(), kept) == result.end()) result.push_back(kept);
        }
        POSTER_RETURN_IF_ERROR(StoreAssignments(self.db, result));
        nlohmann::json detail = {{"seed", std::string(seed)}, {"assignments", AsJson(result)}};
        return AppendAudit(self.db, *self.clock, actor, "judging.assign", "judging", detail.dump());
      }));
  return result;
}

Result<std::vector<voting::Assignment>> Catalogue::DropJudge(std::string_view judge,
                                                             std::string_view seed,
                                                             std::string_view actor) {
  CatalogueState& self = *impl_;
  std::vector<voting::Assignment> result;
  POSTER_RETURN_IF_ERROR(
      WriteAs(self, {actor, voting::Role::kAdmin, "reassign judges"}, [&]() -> Status {
        Result<std::vector<voting::Person>> judges = JudgesOnRoster(self.db);
        Result<std::vector<voting::Candidate>> entries = JudgingCandidates(self.db);
        Result<std::vector<voting::Assignment>> current =
            AssignmentsIn(self.db, AssignmentRows::kAll);
        Result<std::vector<voting::Assignment>> scored =
            AssignmentsIn(self.db, AssignmentRows::kScored);
        if (!judges.ok() || !entries.ok() || !current.ok() || !scored.ok()) {
          return Status(std::string(kStoreFailed), "The judging tables could not be read.",
                        {{"reason", "read"}});
        }
        POSTER_ASSIGN_OR_RETURN(
            std::vector<voting::Assignment> after,
            voting::Reassign(self.config.rules, *current, *scored, judge, *judges, *entries, seed));
        result = after;
        POSTER_RETURN_IF_ERROR(StoreAssignments(self.db, result));
        nlohmann::json detail = {{"judge", std::string(judge)},
                                 {"seed", std::string(seed)},
                                 {"assignments", AsJson(result)}};
        return AppendAudit(self.db, *self.clock, actor, "judging.drop",
                           "judge:" + std::string(judge), detail.dump());
      }));
  return result;
}

Status Catalogue::Score(std::string_view judge, int64_t entry, const std::vector<int>& scores,
                        std::string_view comment) {
  POSTER_RETURN_IF_ERROR(CheckAwardText("comment", comment, TextRequired::kOptional));
  CatalogueState& self = *impl_;
  return WriteAs(self, {judge, voting::Role::kJudge, "score entries"}, [&]() -> Status {
    POSTER_ASSIGN_OR_RETURN(voting::Window window, PhaseWindow(self, voting::Phase::kJudging));
    if (!window.Contains(self.Now())) {
      return Status(std::string(voting::kOutsideWindow), "Judging is not open now.",
                    {{"phase", "judging"}});
    }
    POSTER_ASSIGN_OR_RETURN(
        Statement assigned,
        Query(self.db, "SELECT count(*) FROM judge_assignments WHERE judge = ? AND entry_id = ?",
              judge, entry));
    POSTER_RETURN_IF_ERROR(assigned.Step().status());
    if (assigned.Int(0) == 0) return NotAssigned(judge, entry);
    POSTER_ASSIGN_OR_RETURN(EntryFacts facts, FactsOf(self.db, entry));
    if (facts.status != voting::EntryStatus::kApproved) {
      return Status(std::string(voting::kNotVotable),
                    "Entry " + std::to_string(entry) + " is no longer in the contest.",
                    {{"status", std::string(voting::EntryStatusName(facts.status))}});
    }
    POSTER_RETURN_IF_ERROR(voting::CheckScores(self.config.rules, scores));
    std::string list = nlohmann::json(scores).dump();
    POSTER_RETURN_IF_ERROR(Execute(self.db,
                                   "INSERT INTO scores (judge, entry_id, scores, scored_at, "
                                   "comment) VALUES (?, ?, ?, ?, ?) ON CONFLICT (judge, "
                                   "entry_id) DO UPDATE SET scores = excluded.scores, scored_at "
                                   "= excluded.scored_at, comment = excluded.comment",
                                   judge, entry, list, self.NowText(), comment));
    nlohmann::json detail = {{"judge", std::string(judge)}, {"entry", entry}, {"scores", scores}};
    if (!comment.empty()) detail["comment"] = std::string(comment);
    return AppendAudit(self.db, *self.clock, judge, "judge.score", "entry:" + std::to_string(entry),
                       detail.dump());
  });
}

Result<std::vector<JudgeTask>> Catalogue::JudgeTasks(std::string_view judge) const {
  std::lock_guard lock(impl_->mutex);
  std::map<int64_t, JudgeTask> by_entry;
  POSTER_RETURN_IF_ERROR(ForEachRow(
      Query(impl_->db,
            "SELECT a.entry_id, e.title, s.scores, coalesce(s.comment, '') FROM "
            "judge_assignments a JOIN entries e ON e.id "
            "= a.entry_id "
            "LEFT JOIN scores s ON s.judge = a.judge AND s.entry_id = a.entry_id WHERE a.judge = ? "
            "ORDER BY a.entry_id",
            judge),
      [&](const Statement& row) {
        JudgeTask task{row.Int(0), row.Text(1), std::nullopt, row.Text(3), 0};
        if (!row.IsNull(2))
          task.scores = nlohmann::json::parse(row.Text(2), nullptr, false).get<std::vector<int>>();
        by_entry[task.entry] = std::move(task);
      }));
  // Each judge's own order (voting::JudgeOrder), drawn from the assignment's seed.
  POSTER_ASSIGN_OR_RETURN(std::string seed, OrderSeed(impl_->db));
  std::vector<int64_t> entries;
  for (const auto& [entry, task] : by_entry) entries.push_back(entry);
  std::vector<JudgeTask> tasks;
  for (int64_t entry : voting::JudgeOrder(seed, judge, entries)) {
    tasks.push_back(std::move(by_entry[entry]));
    tasks.back().position = int(tasks.size());
  }
  return tasks;
}

}  // namespace poster::gallery
