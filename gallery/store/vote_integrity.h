// Vote integrity and receipts (issue 11): the facts the report reads, the
// receipts an announcement publishes, and their audit (private to gallery/store).
#pragma once

#include "gallery/store/audit_replay.h"

namespace poster::gallery {

// A voided vote cannot be retracted (that would give its budget back) nor
// voided again: invalid_transition (from "voided").
Status RefuseIfVoided(Database& db, std::string_view voter, int64_t entry, std::string_view action);

// The report's facts: from the tables, or from the replayed log.
Result<voting::IntegrityFacts> IntegrityFactsOf(Database& db);
voting::IntegrityFacts IntegrityFactsOf(const Replay& replay);

// The receipts of the votes the tally counts (not voided, for approved
// entries, cast since schema 6), sorted.
Result<std::vector<std::string>> CountedReceipts(Database& db);
std::vector<std::string> CountedReceipts(const Replay& replay);

// Keeps replay.ballots for vote.cast, vote.retract and vote.void; true when the
// record keeps the vote's row (an admin's void), false when the row goes.
bool ApplyBallot(const std::string& action, const nlohmann::json& detail,
                 const std::string& record_at, Replay& replay);
bool IsVoided(const Replay& replay, const std::pair<std::string, int64_t>& vote);

// Each vote's receipt, address and void against the log ("votes.details").
Status CompareBallots(Database& db, const Replay& replay, AuditReport& report);
// The published receipts and root against those recomputed from the log as it
// stood when the results were announced, and against the logged root.
Status CheckReceiptsRoot(Database& db, const Replay& replay,
                         const std::optional<Replay>& at_announcement, AuditReport& report);

}  // namespace poster::gallery
