// Results: computed from the facts while sealed, stored and hashed when
// announced, final once the objection period has passed.
#include <algorithm>
#include <charconv>
#include <map>
#include <unordered_map>

#include "base/sha256.h"
#include "gallery/store/audit.h"
#include "gallery/store/results_store.h"
#include "gallery/store/vote_integrity.h"

namespace poster::gallery {
namespace {

voting::Instant Parse(std::string_view text) {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(
      ParseUtc(text).value_or(TimePoint()));
}

// A stored score's marks, "[8,7,9,6]": read by hand (the tally reads one a
// judge and an entry, half a million in a large contest), by the JSON parser
// when it is written any other way.
std::optional<std::vector<int>> Marks(std::string_view text) {
  std::vector<int> marks;
  bool plain = text.size() >= 2 && text.front() == '[' && text.back() == ']';
  for (size_t at = 1; plain && at + 1 < text.size(); ++at) {
    int mark = 0;
    auto [end, error] = std::from_chars(text.data() + at, text.data() + text.size() - 1, mark);
    at = size_t(end - text.data());
    plain = error == std::errc() && (text[at] == ',' || at + 1 == text.size());
    marks.push_back(mark);
  }
  if (plain && text.size() > 2) return marks;
  nlohmann::json list = nlohmann::json::parse(text, nullptr, false);
  if (!list.is_array()) return std::nullopt;
  marks.clear();
  for (const nlohmann::json& mark : list) {
    if (!mark.is_number_integer()) return std::nullopt;
    marks.push_back(mark.get<int>());
  }
  return marks;
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
      self.db.Prepare("SELECT announced_at, final_at, result_sha256, result, log_seq, log_hash, "
                      "coalesce((SELECT at FROM audit_log WHERE seq = log_seq), ''), "
                      "receipts_root, json_array_length(receipts) FROM "
                      "announcements ORDER BY id DESC LIMIT 1"),
      [&](const Statement& row) {
        Results results = ResultsFromJson(nlohmann::json::parse(row.Text(3), nullptr, false));
        results.announced_at = row.Text(0);
        results.final_at = row.Text(1);
        results.sha256 = row.Text(2);
        results.log_head = {row.Int(4), row.Text(5), row.Text(6)};
        results.receipts_root = row.Text(7);
        results.receipts = row.Int(8);
        results.state = self.NowText() >= results.final_at ? "final" : "announced";
        for (ResultRow& r : results.rows) {  // tables announced before names were stored
          if (!r.author_name.empty()) continue;
          r.author_name = r.author;
          (void)ForEachRow(
              Query(self.db, "SELECT name FROM people WHERE employee_id = ?", r.author),
              [&](const Statement& name) { r.author_name = name.Text(0); });
        }
        results.time_zone = self.config.time_zone;
        stored = std::move(results);
      }));
  if (stored) {
    POSTER_ASSIGN_OR_RETURN(std::vector<StoredRevocation> revoked, ReadRevocations(self.db));
    ApplyRevocations(*stored, revoked);
  }
  return stored;
}

// Each entry's co-authors with their roster names (the number when unnamed).
Status CoAuthors(CatalogueState& self, std::vector<EntryRecordForTally>& entries) {
  std::map<int64_t, EntryRecordForTally*> by_id;
  for (EntryRecordForTally& entry : entries) by_id[entry.id] = &entry;
  return ForEachRow(self.db.Prepare("SELECT c.entry_id, c.employee_id, coalesce(p.name, '') FROM "
                                    "co_authors c LEFT JOIN people p ON p.employee_id = "
                                    "c.employee_id ORDER BY c.entry_id, c.employee_id"),
                    [&](const Statement& row) {
                      auto it = by_id.find(row.Int(0));
                      if (it == by_id.end()) return;
                      std::string id = row.Text(1), name = row.Text(2);
                      it->second->co_authors.push_back({id, name.empty() ? id : name});
                    });
}

Status AnnouncementMissing() {
  return Status(std::string(kStoreFailed),
                "The audit log says the results were announced, but the stored announcement is "
                "gone: the data folder was altered. Run `poster audit verify` and restore the "
                "folder from a backup.",
                {{"reason", "announcement_missing"}});
}

// What `viewer` may see of announced results: admins the whole table,
// everyone else the view [results] gives them, never an employee number.
Result<Results> ForViewer(CatalogueState& self, std::string_view viewer, Results results) {
  if (RequireRole(self.db, viewer, voting::Role::kAdmin, "see the whole table").ok())
    return results;
  results.view = self.config.public_results;
  if (RequireRole(self.db, viewer, voting::Role::kJudge, "see the judges' view").ok())
    results.view = std::max(results.view, self.config.judges_results);
  results.model.reset();  // names the judges
  if (results.view == ResultsView::kWinners) {
    results.notes.clear();
    results.notes_ko.clear();
  }
  std::vector<ResultRow> shown;
  for (ResultRow& row : results.rows) {
    if (results.view == ResultsView::kWinners && !row.tally.tier && !row.revoked) continue;
    row.author.clear();
    shown.push_back(std::move(row));
  }
  results.rows = std::move(shown);
  return results;
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
  // issue 11: the counted votes' receipts and their Merkle root, published beside the table.
  POSTER_ASSIGN_OR_RETURN(std::vector<std::string> receipts, CountedReceipts(self.db));
  results->receipts_root = voting::MerkleRoot(receipts);
  results->receipts = int64_t(receipts.size());
  nlohmann::json detail = {{"sha256", results->sha256},
                           {"final_at", results->final_at},
                           {"entries", results->rows.size()},
                           {"receipts_root", results->receipts_root},
                           {"receipts", receipts.size()}};
  POSTER_RETURN_IF_ERROR(
      AppendAudit(self.db, *self.clock, actor, "results.announce", "results", detail.dump()));
  // The announcement's own record anchors the log: published with the results,
  // it lets anyone see later that no record up to it was removed.
  POSTER_ASSIGN_OR_RETURN(AuditHead head, ReadHead(self.db));
  results->log_head = head;
  POSTER_RETURN_IF_ERROR(Execute(self.db,
                                 "INSERT INTO announcements (announced_at, final_at, actor, "
                                 "result_sha256, result, log_seq, log_hash, receipts_root, "
                                 "receipts) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                                 results->announced_at, results->final_at, actor, results->sha256,
                                 table, head.seq, head.hash, results->receipts_root,
                                 nlohmann::json(receipts).dump()));
  return results;
}

}  // namespace

Results TallyResults(const voting::Rules& rules, std::vector<EntryRecordForTally> entries,
                     const VoteCounts& votes, ScoreSheets scores,
                     const std::set<int64_t>& excluded) {
  std::vector<voting::TallyEntry> facts;
  facts.reserve(entries.size());
  std::unordered_map<int64_t, EntryRecordForTally*> by_id(entries.size());
  for (EntryRecordForTally& entry : entries) {
    voting::TallyEntry fact{entry.id, entry.submitted, 0, {}, {}};
    fact.authors.push_back(
        {entry.author, entry.author_name.empty() ? entry.author : entry.author_name});
    fact.authors.insert(fact.authors.end(), entry.co_authors.begin(), entry.co_authors.end());
    fact.final_rank = entry.final_rank;
    fact.citizen_likes = entry.citizen_likes;
    if (auto it = votes.find(entry.id); it != votes.end()) fact.votes = it->second;
    if (auto it = scores.find(entry.id); it != scores.end()) fact.scores = std::move(it->second);
    facts.push_back(std::move(fact));
    by_id[entry.id] = &entry;
  }
  Results results;
  results.state = "sealed";
  results.rules = rules;
  voting::TallyResult tally = voting::Tally(rules, std::move(facts), excluded);
  results.notes = std::move(tally.notes);
  results.notes_ko = std::move(tally.notes_ko);
  results.model = std::move(tally.model);
  results.rows.reserve(tally.rows.size());
  for (voting::TallyRow& row : tally.rows) {
    EntryRecordForTally& entry = *by_id.at(row.id);  // each row's once: its texts move
    std::string name = entry.author_name.empty() ? entry.author : std::move(entry.author_name);
    results.rows.push_back({std::move(row), std::move(entry.title), std::move(entry.author),
                            std::move(entry.department), std::move(entry.theme), std::move(name),
                            std::nullopt});
  }
  return results;
}

Result<Results> ComputeResults(CatalogueState& self) {
  std::vector<EntryRecordForTally> entries;
  POSTER_RETURN_IF_ERROR(ForEachRow(
      self.db.Prepare(
          "SELECT e.id, e.title, e.author, coalesce(p.department, ''), e.theme, e.created_at, "
          "coalesce(p.name, e.author) "
          "FROM entries e LEFT JOIN people p ON p.employee_id = e.author "
          "WHERE e.status = 'approved' ORDER BY e.id"),
      [&](const Statement& row) {
        entries.push_back({row.Int(0),
                           row.Text(1),
                           row.Text(2),
                           row.Text(3),
                           row.Text(4),
                           Parse(row.View(5)),
                           row.Text(6),
                           {}});
      }));
  POSTER_RETURN_IF_ERROR(CoAuthors(self, entries));
  VoteCounts votes;
  POSTER_RETURN_IF_ERROR(
      ForEachRow(self.db.Prepare("SELECT entry_id, count(*) FROM votes WHERE void_reason IS NULL "
                                 "GROUP BY entry_id"),
                 [&](const Statement& row) { votes[row.Int(0)] = int(row.Int(1)); }));
  // In the table's order, each entry's judges then put in order: sorting half
  // a million rows in SQL cost more than sorting each entry's few judges here.
  ScoreSheets scores;
  POSTER_RETURN_IF_ERROR(ForEachRow(
      self.db.Prepare("SELECT judge, entry_id, scores FROM scores"), [&](const Statement& row) {
        if (std::optional<std::vector<int>> marks = Marks(row.View(2)))
          scores[row.Int(1)].push_back({row.Text(0), std::move(*marks)});
      }));
  for (auto& [entry, judged] : scores) {
    std::sort(
        judged.begin(), judged.end(),
        [](const voting::JudgeScore& a, const voting::JudgeScore& b) { return a.judge < b.judge; });
  }
  POSTER_RETURN_IF_ERROR(SetFinalRanks(self.db, entries));
  POSTER_RETURN_IF_ERROR(SetCitizenLikes(self.db, entries));
  Results results = TallyResults(self.config.rules, std::move(entries), votes, std::move(scores));
  SetCitizensChoice(results, self.config.citizens);
  results.time_zone = self.config.time_zone;
  return results;
}

Result<Results> Catalogue::ResultsFor(std::string_view viewer) {
  std::lock_guard lock(impl_->mutex);
  CatalogueState& self = *impl_;
  POSTER_ASSIGN_OR_RETURN(std::optional<Results> stored, Stored(self));
  if (stored) return ForViewer(self, viewer, std::move(*stored));
  POSTER_ASSIGN_OR_RETURN(bool announced_before, Announced(self.db));
  if (announced_before) return AnnouncementMissing();
  POSTER_ASSIGN_OR_RETURN(voting::Window scheduled, PhaseWindow(self, voting::Phase::kResults));
  if (scheduled.Contains(self.Now())) {  // the scheduled announcement is due
    Result<Results> announced = Status(std::string(kStoreFailed), "not announced");
    POSTER_RETURN_IF_ERROR(InTransaction(self.db, [&]() -> Status {
      announced = AnnounceNow(self, "schedule");
      return announced.status();
    }));
    if (!announced.ok()) return announced;
    return ForViewer(self, viewer, std::move(*announced));
  }
  if (!RequireRole(self.db, viewer, voting::Role::kAdmin, "see sealed results").ok())
    return Sealed();
  return ComputeResults(self);
}

Result<Results> Catalogue::Announce(std::string_view actor) {
  CatalogueState& self = *impl_;
  Result<Results> announced = Status(std::string(kStoreFailed), "not announced");
  POSTER_RETURN_IF_ERROR(
      WriteAs(self, {actor, voting::Role::kAdmin, "announce the results"}, [&]() -> Status {
        POSTER_ASSIGN_OR_RETURN(bool already, Announced(self.db));
        if (already) {
          return Status(std::string(voting::kInvalidTransition),
                        "The results are already announced.",
                        {{"from", "announced"}, {"action", "announce"}});
        }
        announced = AnnounceNow(self, actor);
        return announced.status();
      }));
  return announced;
}

}  // namespace poster::gallery
