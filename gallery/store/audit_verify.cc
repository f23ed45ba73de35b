// VerifyAudit: anyone can check the contest from its log. The chain is checked
// record by record, the log is replayed and compared with every table that
// carries state, the tally is recomputed from the replay alone, and a head
// published earlier is looked up in the log.
#include <cctype>

#include "base/sha256.h"
#include "gallery/store/audit_replay.h"
#include "gallery/store/vote_integrity.h"

namespace poster::gallery {
namespace {

using nlohmann::json;

bool SameTable(const Results& a, const Results& b) {
  if (a.rows.size() != b.rows.size()) return false;
  for (size_t i = 0; i < a.rows.size(); ++i) {
    const voting::TallyRow &x = a.rows[i].tally, &y = b.rows[i].tally;
    if (x.id != y.id || x.rank != y.rank || x.tier != y.tier || x.votes != y.votes ||
        x.citizen_likes != y.citizen_likes ||
        std::llround(x.combined * 1e6) != std::llround(y.combined * 1e6) ||
        std::llround(x.judge_model * 1e6) != std::llround(y.judge_model * 1e6)) {
      return false;
    }
  }
  return true;
}

Results ReplayedTally(const CatalogueState& self, const Replay& replay) {
  ContestConfig config = DefaultConfig();
  if (replay.config && !replay.config->empty()) {
    Result<ContestConfig> logged = ParseConfig(*replay.config, "the logged config");
    config = logged.ok() ? *logged : self.config;
  }
  std::vector<EntryRecordForTally> entries;
  for (const auto& [id, entry] : replay.entries) {
    if (entry.status != "approved") continue;
    EntryRecordForTally facts = entry.facts;
    if (auto author = replay.people.find(facts.author); author != replay.people.end()) {
      facts.department = author->second.department;
      facts.author_name = author->second.name.value_or("");
    }
    for (const std::string& id : entry.co_authors) {  // sorted, as the tables give them
      auto person = replay.people.find(id);
      std::string name = person == replay.people.end() ? "" : person->second.name.value_or("");
      facts.co_authors.push_back({id, name.empty() ? id : name});
    }
    entries.push_back(std::move(facts));
  }
  VoteCounts votes;
  for (const auto& key : replay.votes)
    if (!IsVoided(replay, key)) ++votes[key.second];
  ScoreSheets scores;
  for (const auto& [key, list] : replay.scores) scores[key.second].push_back({key.first, list});
  if (replay.final) SetFinalRanks(replay.final->finalists, replay.final->answers, entries);
  std::map<int64_t, int> likes = CitizenCounts(replay);  // issue 12
  for (EntryRecordForTally& entry : entries) entry.citizen_likes = likes[entry.id];
  Results results = TallyResults(config.rules, std::move(entries), votes, std::move(scores));
  SetCitizensChoice(results, config.citizens);
  return results;
}

Status CheckAnnouncedTable(CatalogueState& self, const Results& replayed, AuditReport& report) {
  return ForEachRow(
      self.db.Prepare("SELECT result, result_sha256 FROM announcements ORDER BY id DESC LIMIT 1"),
      [&](const Statement& row) {
        if (Sha256Hex(row.Text(0)) != row.Text(1))
          report.problems.push_back("the announced table does not match its SHA-256");
        if (!SameTable(replayed, ResultsFromJson(json::parse(row.Text(0), nullptr, false))))
          report.problems.push_back(
              "the announced table differs from the tally recomputed from the log");
      });
}

Status CheckPublishedHead(Database& db, const AuditHead& published, AuditReport& report) {
  std::string seq = std::to_string(published.seq);
  POSTER_ASSIGN_OR_RETURN(Statement query,
                          Query(db, "SELECT hash FROM audit_log WHERE seq = ?", published.seq));
  POSTER_ASSIGN_OR_RETURN(bool row, query.Step());
  if (!row) {
    report.problems.push_back("the published head is record " + seq + " but the log ends at " +
                              std::to_string(report.head.seq) + ": records were removed");
  } else if (query.Text(0) != published.hash) {
    report.problems.push_back("record " + seq +
                              " differs from the published head: the log was rewritten");
  }
  return Status::Ok();
}

}  // namespace

std::optional<AuditHead> ParseAuditHead(std::string_view text) {
  size_t colon = text.find(':');
  if (colon == std::string_view::npos || colon == 0 || colon > 18) return std::nullopt;
  std::string_view seq = text.substr(0, colon), hash = text.substr(colon + 1);
  if (hash.size() != 64) return std::nullopt;
  for (char c : seq)
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
  for (char c : hash)
    if (!std::isxdigit(static_cast<unsigned char>(c)) ||
        std::isupper(static_cast<unsigned char>(c)))
      return std::nullopt;
  return AuditHead{std::stoll(std::string(seq)), std::string(hash), ""};
}

Result<AuditHead> ReadHead(Database& db) {
  AuditHead head{0, std::string(64, '0'), ""};
  POSTER_RETURN_IF_ERROR(
      ForEachRow(db.Prepare("SELECT seq, hash, at FROM audit_log ORDER BY seq DESC LIMIT 1"),
                 [&](const Statement& row) {
                   head = {row.Int(0), row.Text(1), row.Text(2)};
                 }));
  return head;
}

Result<AuditHead> Catalogue::Head() const {
  std::lock_guard lock(impl_->mutex);
  return ReadHead(impl_->db);
}

Result<AuditReport> Catalogue::VerifyAudit(std::optional<AuditHead> published) const {
  std::lock_guard lock(impl_->mutex);
  CatalogueState& self = *impl_;
  AuditReport report;
  Replay replay;
  std::optional<Replay> at_announcement;
  // One read transaction: the tables and the log are seen as of one moment.
  POSTER_RETURN_IF_ERROR(InReadTransaction(self.db, [&]() -> Status {
    POSTER_RETURN_IF_ERROR(ReplayLog(self.db, report, replay, &at_announcement));
    POSTER_RETURN_IF_ERROR(CompareWithTables(self.db, replay, report));
    if (published) POSTER_RETURN_IF_ERROR(CheckPublishedHead(self.db, *published, report));
    Results replayed = ReplayedTally(self, replay);
    POSTER_ASSIGN_OR_RETURN(Results from_tables, ComputeResults(self));
    if (!SameTable(replayed, from_tables)) {
      report.problems.push_back(
          "the tally recomputed from the log differs from the tally of the tables");
    }
    POSTER_RETURN_IF_ERROR(CompareBallots(self.db, replay, report));
    POSTER_RETURN_IF_ERROR(CheckReceiptsRoot(self.db, replay, at_announcement, report));
    // The announced table against the log as it stood when it was announced.
    Results announced = at_announcement ? ReplayedTally(self, *at_announcement) : replayed;
    CheckRevokedTiers(announced, replay, report);
    return CheckAnnouncedTable(self, announced, report);
  }));
  return report;
}

}  // namespace poster::gallery
