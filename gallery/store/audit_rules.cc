// Korea's rules for public contests in the audit: revoked awards replayed from
// the log, held against their table, and their re-derived tiers recomputed.
#include "gallery/store/audit_replay.h"

namespace poster::gallery {

using nlohmann::json;

bool ApplyRulesRecord(const AuditRecord& record, const json& detail, Replay& replay) {
  if (record.action != "award.revoke") return false;
  replay.revocations.push_back(
      {record.seq, detail.at("entry").get<int64_t>(), detail.at("tier").get<std::string>(),
       detail.at("reason").get<std::string>(), detail.at("rule").get<std::string>(),
       detail.value("at", record.at), record.actor, detail.at("tiers")});
  return true;
}

Status CompareRevocations(Database& db, const Replay& replay, AuditReport& report) {
  report.checked.push_back("award_revocations");
  std::map<int64_t, const ReplayedRevocation*> logged;
  for (const ReplayedRevocation& r : replay.revocations) logged[r.entry] = &r;
  std::set<int64_t> seen;
  POSTER_RETURN_IF_ERROR(ForEachRow(
      db.Prepare("SELECT entry_id, tier, reason, rule, revoked_at, actor FROM award_revocations"),
      [&](const Statement& row) {
        seen.insert(row.Int(0));
        auto it = logged.find(row.Int(0));
        const ReplayedRevocation* r = it == logged.end() ? nullptr : it->second;
        if (!r || r->tier != row.Text(1) || r->reason != row.Text(2) || r->rule != row.Text(3) ||
            r->at != row.Text(4) || r->actor != row.Text(5))
          report.problems.push_back("award_revocations: the revocation of entry " +
                                    std::to_string(row.Int(0)) + " differs from the log");
      }));
  for (const auto& [entry, r] : logged) {
    if (!seen.count(entry))
      report.problems.push_back("award_revocations: the log's revocation of entry " +
                                std::to_string(entry) + " is missing");
  }
  return Status::Ok();
}

void CheckRevokedTiers(const Results& announced, const Replay& replay, AuditReport& report) {
  std::set<int64_t> revoked;
  for (const ReplayedRevocation& r : replay.revocations) {
    revoked.insert(r.entry);
    voting::Vacancy rule = voting::ParseVacancy(r.rule).value_or(voting::Vacancy::kLeaveVacant);
    if (TiersAfter(announced, revoked, rule) != r.tiers)
      report.problems.push_back("record " + std::to_string(r.seq) +
                                " (award.revoke): its tiers differ from the rule's, "
                                "re-derived from the log");
  }
}

}  // namespace poster::gallery
