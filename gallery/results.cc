// Results: computed from the facts while sealed, stored and hashed when
// announced, final once the objection period has passed.
#include <map>

#include "base/sha256.h"
#include "gallery/audit.h"
#include "gallery/results_store.h"

namespace poster::gallery {
namespace {

voting::Instant Parse(const std::string& text) {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(
      ParseUtc(text).value_or(TimePoint()));
}

Status Sealed() {
  return Status(
      std::string(kResultsSealed),
      "The results are sealed until they are announced; only admins may see them before.");
}

// The stored announcement, if any.
Result<std::optional<Results>> Stored(CatalogueState& self) {
  std::optional<Results> stored;
  POSTER_RETURN_IF_ERROR(ForEachRow(
      self.db.Prepare("SELECT announced_at, final_at, result_sha256, result FROM "
                      "announcements ORDER BY id DESC LIMIT 1"),
      [&](const Statement& row) {
        Results results = ResultsFromJson(nlohmann::json::parse(row.Text(3), nullptr, false));
        results.announced_at = row.Text(0);
        results.final_at = row.Text(1);
        results.sha256 = row.Text(2);
        results.state = self.NowText() >= results.final_at ? "final" : "announced";
        results.time_zone = self.config.time_zone;
        stored = std::move(results);
      }));
  return stored;
}

Result<Results> AnnounceNow(CatalogueState& self, std::string_view actor) {
  Result<Results> results = ComputeResults(self);
  if (!results.ok()) return results;
  std::string table = ResultsToJson(*results, true).dump();
  results->sha256 = Sha256Hex(table);
  results->announced_at = self.NowText();
  results->final_at =
      FormatUtc(self.clock->Now() + std::chrono::hours(24) * self.config.objection_days);
  results->state = results->final_at <= results->announced_at ? "final" : "announced";
  POSTER_RETURN_IF_ERROR(Execute(self.db,
                                 "INSERT INTO announcements (announced_at, final_at, actor, "
                                 "result_sha256, result) VALUES (?, ?, ?, ?, ?)",
                                 results->announced_at, results->final_at, actor, results->sha256,
                                 table));
  nlohmann::json detail = {{"sha256", results->sha256},
                           {"final_at", results->final_at},
                           {"entries", results->rows.size()}};
  POSTER_RETURN_IF_ERROR(
      AppendAudit(self.db, *self.clock, actor, "results.announce", "results", detail.dump()));
  return results;
}

}  // namespace

Results TallyResults(const voting::Rules& rules, const std::vector<EntryRecordForTally>& entries,
                     const std::map<int64_t, int>& votes,
                     const std::map<int64_t, std::vector<voting::JudgeScore>>& scores) {
  std::vector<voting::TallyEntry> facts;
  std::map<int64_t, const EntryRecordForTally*> by_id;
  for (const EntryRecordForTally& entry : entries) {
    voting::TallyEntry fact{entry.id, entry.submitted, 0, {}};
    if (auto it = votes.find(entry.id); it != votes.end()) fact.votes = it->second;
    if (auto it = scores.find(entry.id); it != scores.end()) fact.scores = it->second;
    facts.push_back(std::move(fact));
    by_id[entry.id] = &entry;
  }
  Results results;
  results.state = "sealed";
  results.rules = rules;
  for (voting::TallyRow& row : voting::Tally(rules, std::move(facts)).rows) {
    const EntryRecordForTally& entry = *by_id.at(row.id);
    results.rows.push_back(
        {std::move(row), entry.title, entry.author, entry.department, entry.theme});
  }
  return results;
}

Result<Results> ComputeResults(CatalogueState& self) {
  std::vector<EntryRecordForTally> entries;
  POSTER_RETURN_IF_ERROR(ForEachRow(
      self.db.Prepare(
          "SELECT e.id, e.title, e.author, coalesce(p.department, ''), e.theme, e.created_at "
          "FROM entries e LEFT JOIN people p ON p.employee_id = e.author "
          "WHERE e.status = 'approved' ORDER BY e.id"),
      [&](const Statement& row) {
        entries.push_back(
            {row.Int(0), row.Text(1), row.Text(2), row.Text(3), row.Text(4), Parse(row.Text(5))});
      }));
  std::map<int64_t, int> votes;
  POSTER_RETURN_IF_ERROR(
      ForEachRow(self.db.Prepare("SELECT entry_id, count(*) FROM votes GROUP BY entry_id"),
                 [&](const Statement& row) { votes[row.Int(0)] = int(row.Int(1)); }));
  std::map<int64_t, std::vector<voting::JudgeScore>> scores;
  POSTER_RETURN_IF_ERROR(ForEachRow(
      self.db.Prepare("SELECT judge, entry_id, scores FROM scores ORDER BY entry_id, judge"),
      [&](const Statement& row) {
        nlohmann::json list = nlohmann::json::parse(row.Text(2), nullptr, false);
        if (list.is_array())
          scores[row.Int(1)].push_back({row.Text(0), list.get<std::vector<int>>()});
      }));
  Results results = TallyResults(self.config.rules, entries, votes, scores);
  results.time_zone = self.config.time_zone;
  return results;
}

Result<Results> Catalogue::ResultsFor(std::string_view viewer) {
  std::lock_guard lock(impl_->mutex);
  CatalogueState& self = *impl_;
  Result<std::optional<Results>> stored = Stored(self);
  if (!stored.ok()) return stored.status();
  if (*stored) return std::move(**stored);
  Result<voting::Window> scheduled = PhaseWindow(self, voting::Phase::kResults);
  if (!scheduled.ok()) return scheduled.status();
  if (scheduled->Contains(self.Now())) {  // the scheduled announcement is due
    Result<Results> announced = Status(std::string(kStoreFailed), "not announced");
    POSTER_RETURN_IF_ERROR(InTransaction(self.db, [&]() -> Status {
      announced = AnnounceNow(self, "schedule");
      return announced.status();
    }));
    return announced;
  }
  if (!RequireRole(self.db, viewer, voting::Role::kAdmin, "see sealed results").ok())
    return Sealed();
  return ComputeResults(self);
}

Result<Results> Catalogue::Announce(std::string_view actor) {
  std::lock_guard lock(impl_->mutex);
  CatalogueState& self = *impl_;
  Result<Results> announced = Status(std::string(kStoreFailed), "not announced");
  POSTER_RETURN_IF_ERROR(InTransaction(self.db, [&]() -> Status {
    POSTER_RETURN_IF_ERROR(
        RequireRole(self.db, actor, voting::Role::kAdmin, "announce the results"));
    Result<bool> already = Announced(self.db);
    if (!already.ok()) return already.status();
    if (*already) {
      return Status(std::string(voting::kInvalidTransition), "The results are already announced.",
                    {{"from", "announced"}, {"action", "announce"}});
    }
    announced = AnnounceNow(self, actor);
    return announced.status();
  }));
  return announced;
}

}  // namespace poster::gallery
