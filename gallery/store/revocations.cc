// Revoked awards (수상 취소): an admin revokes a final award for misconduct
// found later; the tiers are re-derived by voting::AssignTiers, the revocation
// audited and shown with the results. docs/tally.md, "Korea's rules for public
// contests", says which rule and why.
#include "gallery/store/audit.h"
#include "gallery/store/awards_store.h"
#include "gallery/store/results_store.h"

namespace poster::gallery {
namespace {

using nlohmann::json;

Status NotRevocable(int64_t entry, std::string_view reason, std::string message) {
  return Status(std::string(kNotRevocable), std::move(message),
                {{"entry", std::to_string(entry)}, {"reason", std::string(reason)}});
}

std::vector<voting::TallyRow> TallyRows(const Results& results) {
  std::vector<voting::TallyRow> rows;
  for (const ResultRow& row : results.rows) rows.push_back(row.tally);
  return rows;
}

// Why `entry` cannot be revoked now, or Ok.
Status CheckRevocable(CatalogueState& self, const std::optional<StoredAnnouncement>& stored,
                      const Results& current, int64_t entry) {
  std::string id = std::to_string(entry);
  if (!stored || self.NowText() < stored->final_at) {
    return NotRevocable(entry, "not_final",
                        "Awards can be revoked once the results are final (after the "
                        "verification period); the results are not final yet.");
  }
  for (const ResultRow& row : current.rows) {
    if (row.tally.id != entry) continue;
    if (row.revoked)
      return NotRevocable(entry, "already_revoked",
                          "The award of entry " + id + " was revoked already.");
    if (row.tally.tier) return Status::Ok();
  }
  return NotRevocable(entry, "not_awarded", "Entry " + id + " holds no award to revoke.");
}

Result<Revocation> Insert(CatalogueState& self, const Results& announced, const Results& current,
                          int64_t entry, std::string_view reason, std::string_view actor,
                          const std::vector<StoredRevocation>& before) {
  Revocation made{entry, "", "", std::string(reason), self.NowText(), std::string(actor)};
  for (const ResultRow& row : current.rows) {
    if (row.tally.id != entry || !row.tally.tier) continue;
    made.tier = current.rules.tiers[*row.tally.tier].name;
    made.tier_en = current.rules.tiers[*row.tally.tier].name_en;
  }
  voting::Vacancy rule = self.config.revoked_tier;
  POSTER_RETURN_IF_ERROR(Execute(self.db,
                                 "INSERT INTO award_revocations (entry_id, tier, tier_en, reason, "
                                 "rule, revoked_at, actor) VALUES (?, ?, ?, ?, ?, ?, ?)",
                                 entry, made.tier, made.tier_en, made.reason,
                                 voting::VacancyName(rule), made.revoked_at, actor));
  std::set<int64_t> revoked{entry};
  for (const StoredRevocation& r : before) revoked.insert(r.revocation.entry);
  json detail = {{"entry", entry},
                 {"reason", made.reason},
                 {"tier", made.tier},
                 {"tier_en", made.tier_en},
                 {"rule", voting::VacancyName(rule)},
                 {"at", made.revoked_at},
                 {"tiers", TiersAfter(announced, revoked, rule)}};
  POSTER_RETURN_IF_ERROR(AppendAudit(self.db, *self.clock, actor, "award.revoke",
                                     "entry:" + std::to_string(entry), detail.dump()));
  return made;
}

}  // namespace

Result<std::vector<StoredRevocation>> ReadRevocations(Database& db) {
  std::vector<StoredRevocation> found;
  POSTER_RETURN_IF_ERROR(ForEachRow(
      db.Prepare("SELECT entry_id, tier, tier_en, reason, revoked_at, actor, rule FROM "
                 "award_revocations ORDER BY id"),
      [&](const Statement& row) {
        found.push_back(
            {{row.Int(0), row.Text(1), row.Text(2), row.Text(3), row.Text(4), row.Text(5)},
             voting::ParseVacancy(row.Text(6)).value_or(voting::Vacancy::kLeaveVacant)});
      }));
  return found;
}

json TiersAfter(const Results& announced, const std::set<int64_t>& revoked, voting::Vacancy rule) {
  json tiers = json::array();
  for (const voting::TallyRow& row :
       voting::AssignTiers(announced.rules, TallyRows(announced), revoked, rule)) {
    if (row.tier) tiers.push_back({row.id, announced.rules.tiers[*row.tier].name});
  }
  return tiers;
}

void ApplyRevocations(Results& results, const std::vector<StoredRevocation>& revocations) {
  if (revocations.empty()) return;
  std::set<int64_t> revoked;
  for (const StoredRevocation& r : revocations) revoked.insert(r.revocation.entry);
  std::vector<voting::TallyRow> rows =
      voting::AssignTiers(results.rules, TallyRows(results), revoked, revocations.back().rule);
  for (size_t i = 0; i < results.rows.size(); ++i) {
    results.rows[i].tally.tier = rows[i].tier;
    for (const StoredRevocation& r : revocations)
      if (r.revocation.entry == rows[i].id) results.rows[i].revoked = r.revocation;
  }
}

}  // namespace poster::gallery

namespace poster::gallery {

Result<Revocation> Catalogue::RevokeAward(int64_t entry, std::string_view reason,
                                          std::string_view actor) {
  CatalogueState& self = *impl_;
  POSTER_RETURN_IF_ERROR(CheckAwardText("reason", reason, TextRequired::kRequired));
  Revocation made;
  POSTER_RETURN_IF_ERROR(
      WriteAs(self, {actor, voting::Role::kAdmin, "revoke awards"}, [&]() -> Status {
        POSTER_ASSIGN_OR_RETURN(std::optional<StoredAnnouncement> stored,
                                ReadAnnouncement(self.db));
        POSTER_ASSIGN_OR_RETURN(std::vector<StoredRevocation> before, ReadRevocations(self.db));
        Results announced = stored ? ResultsFromJson(stored->table) : Results();
        Results current = announced;
        ApplyRevocations(current, before);
        POSTER_RETURN_IF_ERROR(CheckRevocable(self, stored, current, entry));
        POSTER_ASSIGN_OR_RETURN(made,
                                Insert(self, announced, current, entry, reason, actor, before));
        return Status::Ok();
      }));
  return made;
}

Result<std::vector<Revocation>> Catalogue::Revocations() const {
  std::lock_guard lock(impl_->mutex);
  POSTER_ASSIGN_OR_RETURN(std::vector<StoredRevocation> stored, ReadRevocations(impl_->db));
  std::vector<Revocation> found;
  for (const StoredRevocation& r : stored) found.push_back(r.revocation);
  return found;
}

}  // namespace poster::gallery
