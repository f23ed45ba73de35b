// The audit log replayed: what the log alone says the contest's state is, for
// VerifyAudit to compare with the tables (private to gallery/store).
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "gallery/store/audit.h"
#include "gallery/store/results_store.h"

namespace poster::gallery {

struct ReplayedEntry {
  EntryRecordForTally facts;  // id, title, author, theme, submitted
  std::string status;
  std::string sha256;  // of its current file
  std::set<std::string> co_authors;
  bool theme_logged = true;  // schema 1's entry.submit did not log the theme
  // Logged since schema 5 (entry.submit and entry.edit); nothing before.
  std::optional<std::string> description;
  std::optional<std::string> alt_text;
  std::string pledge_sha256, consent_sha256;  // accepted with entry.submit (schema 6)
};

struct ReplayedPerson {
  std::optional<std::string> name;  // rosters imported before names were logged say none
  std::string department;
  std::set<std::string> roles;
  bool notices_opt_out = false;  // person.notices
};

struct ReplayedAnnouncement {
  int64_t seq = 0;  // of its results.announce record
  std::string hash;
  std::string sha256;
  std::string final_at;
  std::optional<std::string> receipts_root;  // logged since schema 6
};

// issue 11: what vote.cast and an admin's vote.void say of one vote (vote_integrity.cc).
struct ReplayedVote {
  std::string at, receipt, address;  // "" when the record predates schema 6
  std::optional<std::string> void_reason;
};

struct ReplayedObjection {
  int64_t entry = 0;
  std::string filer, text, answer;
};

struct ReplayedRevocation {  // award.revoke (audit_rules.cc)
  int64_t seq = 0;
  int64_t entry = 0;
  std::string tier, reason, rule, at, actor;
  nlohmann::json tiers;  // [[entry, tier], ...] after it, as logged
};

struct ReplayedFinal {  // final.open, judge.pair, final.close (audit_final.cc)
  std::vector<int64_t> finalists;
  std::string seed, opened_by;
  int max_per_judge = 0;
  bool closed = false;
  std::vector<voting::PairJudgment> answers;  // in the log's order
};

struct Replay {
  std::set<std::pair<std::string, int64_t>> votes;  // the rows of votes, voided ones included
  std::map<std::pair<std::string, int64_t>, ReplayedVote> ballots;  // the same votes' details
  std::map<std::pair<std::string, int64_t>, std::vector<int>> scores;
  std::map<int64_t, ReplayedEntry> entries;
  std::map<std::string, ReplayedPerson> people;
  // Who set a password, with the SHA-256 of the stored hash where the log has it.
  std::map<std::string, std::string> passwords;
  std::optional<std::set<std::pair<std::string, int64_t>>> assignments;   // the last one logged
  std::vector<std::tuple<std::string, std::string, std::string>> phases;  // phase, action, at
  std::optional<std::string> config;  // the last stored config's text
  // The calendar: each phase's last logged start and end (UTC text, "" for none).
  std::map<std::string, std::pair<std::string, std::string>> schedule;
  std::vector<ReplayedAnnouncement> announcements;
  // awards (audit_awards.cc): each score's comment, the published comments, objections
  std::map<std::pair<std::string, int64_t>, std::string> comments;
  std::map<std::pair<std::string, int64_t>, std::string> published;
  std::map<int64_t, ReplayedObjection> objections;
  // fair judging (audit_judging.cc): each recusal's reason, and the seed of the
  // last judging.assign, from which every judge's order is drawn
  std::map<std::pair<std::string, int64_t>, std::string> recusals;
  std::string order_seed;
  std::vector<ReplayedRevocation> revocations;  // in the log's order
  std::optional<ReplayedFinal> final;           // the pairwise final, if one was opened
  // citizens' choice (audit_citizens.cc): each like, (device hash, entry) -> at
  std::map<std::pair<std::string, int64_t>, std::string> citizen_likes;
  std::vector<std::string> citizen_problems;  // a like the log holds twice
};

// ---- citizens' choice (audit_citizens.cc; issue 12) ----

// Applies citizen.like; false for any other action.
bool ApplyCitizenRecord(const AuditRecord& record, const nlohmann::json& detail, Replay& replay);
// Each entry's citizens' likes as the log tells them.
std::map<int64_t, int> CitizenCounts(const Replay& replay);
// citizen_likes against the replay, both ways.
Status CompareCitizenLikes(Database& db, const Replay& replay, AuditReport& report);

// ---- the pairwise final (audit_final.cc) ----

// Applies final.open, judge.pair and final.close; false for any other action.
// A judge.pair on a pair the log's own state did not offer the judge then
// (voting::NextPair), or given when no final was open, is reported.
bool ApplyFinalRecord(const AuditRecord& record, const nlohmann::json& detail, Replay& replay,
                      AuditReport& report);
// pairwise_final and pair_answers against the replay.
Status CompareFinal(Database& db, const Replay& replay, AuditReport& report);

// ---- Korea's rules for public contests (audit_rules.cc) ----

// Applies award.revoke; false for any other action.
bool ApplyRulesRecord(const AuditRecord& record, const nlohmann::json& detail, Replay& replay);
// award_revocations against the replay, both ways.
Status CompareRevocations(Database& db, const Replay& replay, AuditReport& report);
// Re-derives the tiers after each logged revocation from `announced` (the
// table the log's facts give at the announcement) and voting::AssignTiers,
// and reports a record whose logged tiers differ.
void CheckRevokedTiers(const Results& announced, const Replay& replay, AuditReport& report);

// Applies a record of the awards (comment.publish, comment.withdraw,
// objection.file, objection.answer); false for any other action.
bool ApplyAwardRecord(const std::string& action, const nlohmann::json& detail, Replay& replay);

// The comments, their publications and the objections against the replay.
Status CompareAwards(Database& db, const Replay& replay, AuditReport& report);

// Applies a judge.recuse record (the recusal, and the assignment it moved);
// false for any other action.
bool ApplyJudgingRecord(const std::string& action, const nlohmann::json& detail, Replay& replay);

// The recusals, and each judge's order, against the replay.
Status CompareJudging(Database& db, const Replay& replay, AuditReport& report);

// Reads every record in order, checking each link and hash of the chain, and
// applies it to `replay`. Records it cannot read are reported in `report`.
// `at_announcement`, when given, gets the replay as it stood when the results
// were announced (what the announced table was tallied from: entries approved,
// votes or scores changed afterwards are not in it).
Status ReplayLog(Database& db, AuditReport& report, Replay& replay,
                 std::optional<Replay>* at_announcement = nullptr);

// Compares every table that carries state with the replay; each difference
// becomes a sentence in report.problems, each table compared a name in
// report.checked.
Status CompareWithTables(Database& db, const Replay& replay, AuditReport& report);

}  // namespace poster::gallery
