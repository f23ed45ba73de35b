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
};

struct Replay {
  std::set<std::pair<std::string, int64_t>> votes;
  std::map<std::pair<std::string, int64_t>, std::vector<int>> scores;
  std::map<int64_t, ReplayedEntry> entries;
  std::map<std::string, ReplayedPerson> people;
  // Who set a password, with the SHA-256 of the stored hash where the log has it.
  std::map<std::string, std::string> passwords;
  std::optional<std::set<std::pair<std::string, int64_t>>> assignments;   // the last one logged
  std::vector<std::tuple<std::string, std::string, std::string>> phases;  // phase, action, at
  std::optional<std::string> config;  // the last stored config's text
  std::vector<ReplayedAnnouncement> announcements;
};

// Reads every record in order, checking each link and hash of the chain, and
// applies it to `replay`. Records it cannot read are reported in `report`.
Status ReplayLog(Database& db, AuditReport& report, Replay& replay);

// Compares every table that carries state with the replay; each difference
// becomes a sentence in report.problems, each table compared a name in
// report.checked.
Status CompareWithTables(Database& db, const Replay& replay, AuditReport& report);

}  // namespace poster::gallery
