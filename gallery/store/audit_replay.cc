// ReplayLog: the chain checked record by record, and each record applied to
// what the log says the contest's state is.
#include "gallery/store/audit_replay.h"

#include "gallery/store/vote_integrity.h"

namespace poster::gallery {
namespace {

using nlohmann::json;

using Pairs = std::set<std::pair<std::string, int64_t>>;

int64_t EntryOf(const AuditRecord& record) {
  if (record.subject.rfind("entry:", 0) != 0) return 0;
  return std::stoll(record.subject.substr(6));
}

voting::Instant Moment(const std::string& utc) {
  return std::chrono::time_point_cast<std::chrono::milliseconds>(
      ParseUtc(utc).value_or(TimePoint()));
}

void ApplyEntry(const AuditRecord& record, const json& detail, Replay& replay) {
  int64_t id = EntryOf(record);
  ReplayedEntry& entry = replay.entries[id];
  if (record.action == "entry.submit") {
    entry.facts = {id,
                   detail.value("title", ""),
                   detail.value("author", ""),
                   "",
                   detail.value("theme", ""),
                   Moment(record.at),
                   "",
                   {}};
    entry.status = "submitted";
    entry.theme_logged = detail.contains("theme");
    entry.sha256 = detail.value("sha256", "");
    std::vector<std::string> co = detail.value("co_authors", std::vector<std::string>{});
    entry.co_authors = {co.begin(), co.end()};
    entry.pledge_sha256 = detail.value("pledge_sha256", "");
    entry.consent_sha256 = detail.value("consent_sha256", "");
  }
  if (record.action == "entry.submit" || record.action == "entry.edit") {
    if (detail.contains("title")) entry.facts.title = detail["title"].get<std::string>();
    if (detail.contains("description"))
      entry.description = detail["description"].get<std::string>();
    if (detail.contains("alt_text")) entry.alt_text = detail["alt_text"].get<std::string>();
  }
  if (record.action == "entry.submit") return;
  entry.status = detail.value("to", entry.status);
  if (detail.contains("sha256")) entry.sha256 = detail["sha256"].get<std::string>();
}

void ApplyRoster(const json& detail, Replay& replay) {
  for (const json& change : detail.value("changed", json::array())) {
    ReplayedPerson& person = replay.people[change.at("id").get<std::string>()];
    if (change.contains("name")) person.name = change["name"].get<std::string>();
    person.department = change.value("department", "");
    std::vector<std::string> roles = change.value("roles", std::vector<std::string>{});
    person.roles = {roles.begin(), roles.end()};
  }
}

Pairs AssignmentsOf(const json& detail) {
  Pairs assignments;
  for (const json& pair : detail.value("assignments", json::array()))
    assignments.insert({pair.at(0).get<std::string>(), pair.at(1).get<int64_t>()});
  return assignments;
}

void Apply(const AuditRecord& record, const json& detail, Replay& replay, AuditReport& report) {
  const std::string& action = record.action;
  if (action == "vote.cast") {
    replay.votes.insert({detail.at("voter").get<std::string>(), detail.at("entry").get<int64_t>()});
    ApplyBallot(action, detail, record.at, replay);
    ++report.votes_replayed;
  } else if (action == "vote.retract" || action == "vote.void") {
    if (!ApplyBallot(action, detail, record.at, replay))
      replay.votes.erase(
          {detail.at("voter").get<std::string>(), detail.at("entry").get<int64_t>()});
    ++report.votes_replayed;
  } else if (action == "judge.score") {
    std::pair<std::string, int64_t> key{detail.at("judge").get<std::string>(),
                                        detail.at("entry").get<int64_t>()};
    replay.scores[key] = detail.at("scores").get<std::vector<int>>();
    replay.comments[key] = detail.value("comment", "");
    ++report.scores_replayed;
  } else if (ApplyAwardRecord(action, detail, replay)) {
  } else if (ApplyJudgingRecord(action, detail, replay)) {
  } else if (ApplyRulesRecord(record, detail, replay)) {
  } else if (ApplyFinalRecord(record, detail, replay, report)) {
  } else if (ApplyCitizenRecord(record, detail, replay)) {
  } else if (action.rfind("entry.", 0) == 0) {
    ApplyEntry(record, detail, replay);
  } else if (action == "contest.init") {
    replay.config = detail.at("config").get<std::string>();
  } else if (action == "roster.import") {
    ApplyRoster(detail, replay);
  } else if (action == "privacy.purge") {
    // The purge blanked every vote's address (privacy.cc); the replay does the same.
    if (detail.at("removed").contains("vote_addresses"))
      for (auto& [vote, ballot] : replay.ballots) ballot.address.clear();
  } else if (action == "person.notices") {
    replay.people[detail.at("id").get<std::string>()].notices_opt_out =
        detail.at("opt_out").get<bool>();
  } else if (action == "account.password") {
    replay.passwords[record.actor] = detail.value("hash_sha256", "");
  } else if (action == "judging.assign" || action == "judging.drop") {
    replay.assignments = AssignmentsOf(detail);
    if (action == "judging.assign") replay.order_seed = detail.value("seed", "");
  } else if (action == "phase.open" || action == "phase.close") {
    replay.phases.emplace_back(detail.at("phase").get<std::string>(), action.substr(6),
                               detail.value("at", ""));
  } else if (action == "phase.schedule") {
    auto side = [&](const char* key) {
      return detail.at(key).is_null() ? std::string() : detail.at(key).get<std::string>();
    };
    replay.schedule[detail.at("phase").get<std::string>()] = {side("start"), side("end")};
  } else if (action == "results.announce") {
    replay.announcements.push_back({record.seq, record.hash, detail.value("sha256", ""),
                                    detail.value("final_at", ""),
                                    detail.contains("receipts_root")
                                        ? std::optional(detail["receipts_root"].get<std::string>())
                                        : std::nullopt});
  }
}

// Applies one record; a record whose detail is not what its action writes is
// reported, never thrown.
void ApplySafely(const AuditRecord& record, Replay& replay, AuditReport& report) {
  try {
    json detail = json::parse(record.detail);
    if (!detail.is_object()) throw std::invalid_argument("not an object");
    Apply(record, detail, replay, report);
  } catch (const std::exception&) {
    report.problems.push_back("record " + std::to_string(record.seq) + " (" + record.action +
                              ") cannot be read");
  }
}

}  // namespace

Status ReplayLog(Database& db, AuditReport& report, Replay& replay,
                 std::optional<Replay>* at_announcement) {
  std::string previous(64, '0');
  int64_t expected_seq = 1;
  POSTER_RETURN_IF_ERROR(
      ForEachRow(db.Prepare("SELECT seq, at, actor, action, subject, detail, prev_hash, hash FROM "
                            "audit_log ORDER BY seq"),
                 [&](const Statement& row) {
                   AuditRecord record{row.Int(0),  row.Text(1), row.Text(2), row.Text(3),
                                      row.Text(4), row.Text(5), row.Text(6), row.Text(7)};
                   ++report.records;
                   bool linked = record.seq == expected_seq && record.prev_hash == previous;
                   if ((!linked || AuditHash(record) != record.hash) && report.chain_intact) {
                     report.problems.push_back("the hash chain breaks at record " +
                                               std::to_string(record.seq));
                     report.chain_intact = false;
                   }
                   previous = record.hash;
                   expected_seq = record.seq + 1;
                   report.head = {record.seq, record.hash, record.at};
                   if (at_announcement && record.action == "results.announce")
                     *at_announcement = replay;
                   ApplySafely(record, replay, report);
                 }));
  if (report.head.hash.empty()) report.head.hash = previous;
  return Status::Ok();
}

}  // namespace poster::gallery
