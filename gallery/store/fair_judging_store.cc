// Fair judging as it persists: recusals (kept, audited, reassigned like a
// dropped judge's entries), the order-effect check over each judge's own
// order, and whether a viewer is shown the authors (blind judging).
#include <nlohmann/json.hpp>

#include "base/text.h"
#include "gallery/store/audit.h"
#include "gallery/store/catalogue_state.h"
#include "gallery/store/judging_facts.h"

namespace poster::gallery {
namespace {

Result<bool> RowCounted(Database& db, std::string_view sql, std::string_view judge, int64_t entry) {
  POSTER_ASSIGN_OR_RETURN(Statement query, Query(db, sql, judge, entry));
  POSTER_ASSIGN_OR_RETURN(bool row, query.Step());
  return row && query.Int(0) > 0;
}

Result<voting::RecusalFacts> GatherRecusal(Database& db, std::string_view judge, int64_t entry,
                                           std::string_view reason) {
  voting::RecusalFacts facts{std::string(judge), entry, false, false, false, std::string(reason)};
  POSTER_ASSIGN_OR_RETURN(
      facts.assigned,
      RowCounted(db, "SELECT count(*) FROM judge_assignments WHERE judge = ? AND entry_id = ?",
                 judge, entry));
  POSTER_ASSIGN_OR_RETURN(
      facts.scored,
      RowCounted(db, "SELECT count(*) FROM scores WHERE judge = ? AND entry_id = ?", judge, entry));
  POSTER_ASSIGN_OR_RETURN(facts.announced, Announced(db));
  return facts;
}

// The judge who took `entry` over: in `after` and not in `before`.
std::optional<std::string> Successor(const std::vector<voting::Assignment>& before,
                                     const std::vector<voting::Assignment>& after, int64_t entry) {
  for (const voting::Assignment& a : after) {
    if (a.entry == entry && std::find(before.begin(), before.end(), a) == before.end())
      return a.judge;
  }
  return std::nullopt;
}

Status RecuseIn(CatalogueState& self, std::string_view judge, int64_t entry,
                std::string_view reason) {
  POSTER_ASSIGN_OR_RETURN(voting::RecusalFacts facts, GatherRecusal(self.db, judge, entry, reason));
  POSTER_RETURN_IF_ERROR(voting::CheckRecusal(facts));
  POSTER_ASSIGN_OR_RETURN(std::vector<voting::Person> judges, JudgesOnRoster(self.db));
  POSTER_ASSIGN_OR_RETURN(std::vector<voting::Candidate> entries, JudgingCandidates(self.db));
  POSTER_ASSIGN_OR_RETURN(std::vector<voting::Assignment> before,
                          AssignmentsIn(self.db, AssignmentRows::kAll));
  POSTER_ASSIGN_OR_RETURN(std::string seed, OrderSeed(self.db));
  POSTER_ASSIGN_OR_RETURN(std::vector<voting::Assignment> after,
                          voting::Recuse(self.config.rules, before, {std::string(judge), entry},
                                         judges, entries, seed));
  POSTER_RETURN_IF_ERROR(StoreAssignments(self.db, after));
  std::string trimmed(Trim(reason));
  POSTER_RETURN_IF_ERROR(Execute(self.db, "INSERT INTO recusals VALUES (?, ?, ?, ?)", judge, entry,
                                 trimmed, self.NowText()));
  std::optional<std::string> to = Successor(before, after, entry);
  nlohmann::json detail = {{"judge", std::string(judge)},
                           {"entry", entry},
                           {"reason", trimmed},
                           {"to", to ? nlohmann::json(*to) : nlohmann::json(nullptr)}};
  return AppendAudit(self.db, *self.clock, judge, "judge.recuse", "entry:" + std::to_string(entry),
                     detail.dump());
}

constexpr std::string_view kRecusalsSql =
    "SELECT r.judge, coalesce(p.name, ''), r.entry_id, coalesce(e.title, ''), r.reason, "
    "r.recused_at FROM recusals r LEFT JOIN people p ON p.employee_id = r.judge LEFT JOIN "
    "entries e ON e.id = r.entry_id";

Result<std::vector<Recusal>> ReadRecusals(Database& db, std::string_view judge) {
  std::vector<Recusal> out;
  std::string sql(kRecusalsSql);
  sql += judge.empty() ? " WHERE r.judge != ?" : " WHERE r.judge = ?";  // "": everyone's
  sql += " ORDER BY r.recused_at, r.entry_id";
  POSTER_RETURN_IF_ERROR(ForEachRow(Query(db, sql, std::string(judge)), [&](const Statement& row) {
    out.push_back({row.Text(0), row.Text(1), row.Int(2), row.Text(3), row.Text(4), row.Text(5)});
  }));
  return out;
}

// Each judge's weighted totals, in their order (nothing where unscored).
Result<std::map<std::string, std::map<int64_t, std::optional<double>>>> TotalsByJudge(
    Database& db, const voting::Rules& rules) {
  std::map<std::string, std::map<int64_t, std::optional<double>>> totals;
  POSTER_RETURN_IF_ERROR(ForEachRow(
      db.Prepare("SELECT a.judge, a.entry_id, s.scores FROM judge_assignments a LEFT JOIN scores "
                 "s ON s.judge = a.judge AND s.entry_id = a.entry_id"),
      [&](const Statement& row) {
        std::optional<double> total;
        if (!row.IsNull(2)) {
          nlohmann::json list = nlohmann::json::parse(row.Text(2), nullptr, false);
          if (list.is_array()) total = voting::WeightedTotal(rules, list.get<std::vector<int>>());
        }
        totals[row.Text(0)][row.Int(1)] = total;
      }));
  return totals;
}

}  // namespace

Result<Recusal> Catalogue::Recuse(std::string_view judge, int64_t entry, std::string_view reason) {
  CatalogueState& self = *impl_;
  std::vector<Recusal> kept;
  POSTER_RETURN_IF_ERROR(WriteAs(
      self, {judge, voting::Role::kJudge, "recuse from entries"},
      [&] { return RecuseIn(self, judge, entry, reason); },
      [&]() -> Status {
        POSTER_ASSIGN_OR_RETURN(kept, ReadRecusals(self.db, judge));
        return Status::Ok();
      }));
  for (const Recusal& recusal : kept) {
    if (recusal.entry == entry) return recusal;
  }
  return Status(std::string(kStoreFailed), "The recusal could not be read back.",
                {{"reason", "read"}});
}

Result<std::vector<Recusal>> Catalogue::Recusals(std::string_view viewer) const {
  std::lock_guard lock(impl_->mutex);
  bool admin = RequireRole(impl_->db, viewer, voting::Role::kAdmin, "see every recusal").ok();
  return ReadRecusals(impl_->db, admin ? std::string_view() : viewer);
}

Result<std::vector<voting::OrderEffect>> Catalogue::OrderEffects(std::string_view actor) const {
  std::lock_guard lock(impl_->mutex);
  Database& db = impl_->db;
  POSTER_RETURN_IF_ERROR(RequireRole(db, actor, voting::Role::kAdmin, "see the order effects"));
  std::vector<voting::OrderEffect> effects;
  POSTER_RETURN_IF_ERROR(InReadTransaction(db, [&]() -> Status {
    POSTER_ASSIGN_OR_RETURN(std::string seed, OrderSeed(db));
    POSTER_ASSIGN_OR_RETURN(auto totals, TotalsByJudge(db, impl_->config.rules));
    for (const auto& [judge, by_entry] : totals) {
      std::vector<int64_t> entries;
      for (const auto& [entry, total] : by_entry) entries.push_back(entry);
      std::vector<std::optional<double>> in_order;
      for (int64_t entry : voting::JudgeOrder(seed, judge, entries))
        in_order.push_back(by_entry.at(entry));
      effects.push_back(voting::CheckOrderEffect(judge, in_order));
    }
    return Status::Ok();
  }));
  return effects;
}

Result<bool> Catalogue::AuthorsHidden(std::string_view viewer) const {
  std::lock_guard lock(impl_->mutex);
  CatalogueState& self = *impl_;
  voting::BlindFacts facts;
  if (viewer == kOperator) return false;
  if (!viewer.empty()) {
    POSTER_ASSIGN_OR_RETURN(std::optional<voting::Person> person, FindPerson(self.db, viewer));
    if (person) {
      facts.staff = person->Has(voting::Role::kAdmin) || person->Has(voting::Role::kModerator);
      facts.judge = person->Has(voting::Role::kJudge);
    }
  }
  POSTER_ASSIGN_OR_RETURN(facts.announced, Announced(self.db));
  POSTER_ASSIGN_OR_RETURN(voting::Window voting, PhaseWindow(self, voting::Phase::kVoting));
  facts.voting_open = voting.Contains(self.Now());
  return voting::AuthorsHidden(self.config.rules, facts);
}

}  // namespace poster::gallery
