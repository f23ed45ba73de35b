// VerifyAudit: anyone can check the contest from its log. The chain is checked
// record by record, the votes, scores and decisions are replayed, compared with
// the tables, and the tally is recomputed from the replay alone.
#include <map>
#include <set>

#include "base/sha256.h"
#include "gallery/audit.h"
#include "gallery/results_store.h"

namespace poster::gallery {
namespace {

using nlohmann::json;

struct Replay {
  std::set<std::pair<std::string, int64_t>> votes;
  std::map<std::pair<std::string, int64_t>, std::vector<int>> scores;
  std::map<int64_t, std::string> status;
  std::map<int64_t, EntryRecordForTally> entries;
  std::string config;  // the last stored config's text
};

int64_t EntryOf(const AuditRecord& record) {
  return record.subject.rfind("entry:", 0) == 0 ? std::stoll(record.subject.substr(6)) : 0;
}

void Apply(const AuditRecord& record, Replay& replay, int& votes, int& scores) {
  json detail = json::parse(record.detail, nullptr, false);
  if (detail.is_discarded()) return;
  const std::string& action = record.action;
  int64_t entry = EntryOf(record);
  if (action == "vote.cast") {
    replay.votes.insert({detail.value("voter", ""), detail.value("entry", int64_t{0})});
    ++votes;
  } else if (action == "vote.retract" || action == "vote.void") {
    replay.votes.erase({detail.value("voter", ""), detail.value("entry", int64_t{0})});
    ++votes;
  } else if (action == "judge.score") {
    replay.scores[{detail.value("judge", ""), detail.value("entry", int64_t{0})}] =
        detail.value("scores", std::vector<int>{});
    ++scores;
  } else if (action == "entry.submit") {
    replay.status[entry] = "submitted";
    auto submitted = std::chrono::time_point_cast<std::chrono::milliseconds>(
        ParseUtc(record.at).value_or(TimePoint()));
    replay.entries[entry] = {entry, detail.value("title", ""), detail.value("author", ""),
                             "",    detail.value("theme", ""), submitted};
  } else if (action.rfind("entry.", 0) == 0) {
    replay.status[entry] = detail.value("to", replay.status[entry]);
  } else if (action == "contest.init") {
    replay.config = detail.value("config", "");
  }
}

// Reads every record, checking each hash and link on the way.
Status ReadChain(Database& db, AuditReport& report, Replay& replay) {
  std::string previous(64, '0');
  return ForEachRow(
      db.Prepare("SELECT seq, at, actor, action, subject, detail, prev_hash, hash FROM "
                 "audit_log ORDER BY seq"),
      [&](const Statement& row) {
        AuditRecord record{row.Int(0),  row.Text(1), row.Text(2), row.Text(3),
                           row.Text(4), row.Text(5), row.Text(6), row.Text(7)};
        ++report.records;
        if (record.prev_hash != previous || AuditHash(record) != record.hash) {
          if (report.chain_intact)
            report.problems.push_back("the hash chain breaks at record " +
                                      std::to_string(record.seq));
          report.chain_intact = false;
        }
        previous = record.hash;
        Apply(record, replay, report.votes_replayed, report.scores_replayed);
      });
}

Status CompareTables(Database& db, const Replay& replay, AuditReport& report) {
  std::set<std::pair<std::string, int64_t>> votes;
  POSTER_RETURN_IF_ERROR(
      ForEachRow(db.Prepare("SELECT voter, entry_id FROM votes"), [&](const Statement& row) {
        votes.insert({row.Text(0), row.Int(1)});
      }));
  for (const auto& vote : votes) {
    if (!replay.votes.count(vote))
      report.problems.push_back("vote by " + vote.first + " for entry " +
                                std::to_string(vote.second) + " is not in the log");
  }
  for (const auto& vote : replay.votes) {
    if (!votes.count(vote))
      report.problems.push_back("the log's vote by " + vote.first + " for entry " +
                                std::to_string(vote.second) + " is missing from the table");
  }
  POSTER_RETURN_IF_ERROR(ForEachRow(
      db.Prepare("SELECT judge, entry_id, scores FROM scores"), [&](const Statement& row) {
        auto it = replay.scores.find({row.Text(0), row.Int(1)});
        json stored = json::parse(row.Text(2), nullptr, false);
        if (it == replay.scores.end() || !stored.is_array() ||
            stored.get<std::vector<int>>() != it->second) {
          report.problems.push_back("the score of " + row.Text(0) + " for entry " +
                                    std::to_string(row.Int(1)) + " differs from the log");
        }
      }));
  return ForEachRow(db.Prepare("SELECT id, status FROM entries"), [&](const Statement& row) {
    auto it = replay.status.find(row.Int(0));
    if (it == replay.status.end() || it->second != row.Text(1)) {
      report.problems.push_back("entry " + std::to_string(row.Int(0)) + " is " + row.Text(1) +
                                " but the log says " +
                                (it == replay.status.end() ? "nothing" : it->second));
    }
  });
}

bool SameTable(const Results& a, const Results& b) {
  if (a.rows.size() != b.rows.size()) return false;
  for (size_t i = 0; i < a.rows.size(); ++i) {
    const voting::TallyRow &x = a.rows[i].tally, &y = b.rows[i].tally;
    if (x.id != y.id || x.rank != y.rank || x.tier != y.tier || x.votes != y.votes ||
        std::llround(x.combined * 1e6) != std::llround(y.combined * 1e6)) {
      return false;
    }
  }
  return true;
}

Results ReplayedTally(CatalogueState& self, Replay& replay) {
  ContestConfig config = self.config;
  if (!replay.config.empty()) {
    Result<ContestConfig> logged = ParseConfig(replay.config, "the logged config");
    if (logged.ok()) config = *logged;
  }
  std::vector<EntryRecordForTally> entries;
  for (auto& [id, entry] : replay.entries) {
    if (replay.status[id] != "approved") continue;
    Result<std::optional<voting::Person>> author = FindPerson(self.db, entry.author);
    if (author.ok() && *author) entry.department = (*author)->department;
    entries.push_back(entry);
  }
  std::map<int64_t, int> votes;
  for (const auto& [voter, entry] : replay.votes) ++votes[entry];
  std::map<int64_t, std::vector<voting::JudgeScore>> scores;
  for (const auto& [key, list] : replay.scores) scores[key.second].push_back({key.first, list});
  return TallyResults(config.rules, entries, votes, scores);
}

}  // namespace

Result<AuditReport> Catalogue::VerifyAudit() const {
  std::lock_guard lock(impl_->mutex);
  CatalogueState& self = *impl_;
  AuditReport report;
  Replay replay;
  POSTER_RETURN_IF_ERROR(ReadChain(self.db, report, replay));
  POSTER_RETURN_IF_ERROR(CompareTables(self.db, replay, report));
  Results replayed = ReplayedTally(self, replay);
  Result<Results> from_tables = ComputeResults(self);
  if (!from_tables.ok()) return from_tables.status();
  if (!SameTable(replayed, *from_tables)) {
    report.problems.push_back(
        "the tally recomputed from the log differs from the tally of the tables");
  }
  Result<Statement> announced =
      self.db.Prepare("SELECT result, result_sha256 FROM announcements ORDER BY id DESC LIMIT 1");
  if (!announced.ok()) return announced.status();
  Result<bool> row = announced->Step();
  if (!row.ok()) return row.status();
  if (*row) {
    if (Sha256Hex(announced->Text(0)) != announced->Text(1))
      report.problems.push_back("the announced table does not match its SHA-256");
    if (!SameTable(replayed, ResultsFromJson(json::parse(announced->Text(0), nullptr, false)))) {
      report.problems.push_back(
          "the announced table differs from the tally recomputed from the log");
    }
  }
  return report;
}

}  // namespace poster::gallery
