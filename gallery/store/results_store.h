// The result table from the catalogue's facts, and its stored, announced form
// (private to gallery/store).
#pragma once

#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>

#include "gallery/store/catalogue_state.h"

namespace poster::gallery {

// The tally of approved entries from the votes and scores tables, as of now.
Result<Results> ComputeResults(CatalogueState& state);

// Facts in, table out: the part of ComputeResults that audit verification
// reuses with facts replayed from the log.
struct EntryRecordForTally {
  int64_t id = 0;
  std::string title, author, department, theme;
  voting::Instant submitted;
  std::string author_name;                 // the roster's name; the tally does not use it
  std::vector<voting::Author> co_authors;  // with their names: for 1인 1상's cascade
  int final_rank = 0;                      // in the pairwise final; 0: not a finalist
  int citizen_likes = 0;                   // issue 12: citizens' likes
};
// Counted votes and judges' scores by entry.
using VoteCounts = std::unordered_map<int64_t, int>;
using ScoreSheets = std::unordered_map<int64_t, std::vector<voting::JudgeScore>>;
// `excluded`: entries that may not hold an award (voting::Tally). The sheets
// are taken, not copied: half a million scores in a large contest.
Results TallyResults(const voting::Rules& rules, std::vector<EntryRecordForTally> entries,
                     const VoteCounts& votes, ScoreSheets scores,
                     const std::set<int64_t>& excluded = {});

// ---- citizens' choice (gallery/store/citizens_award.cc; issue 12) ----

// Sets results.citizens_choice from the rows (their citizen_likes and ranks)
// when [citizens] award is on and some entry has a like; clears it otherwise.
void SetCitizensChoice(Results& results, const CitizenSettings& settings);
// Its JSON (stored with the announced table) and back.
nlohmann::json CitizensChoiceJson(const CitizensChoice& choice);
std::optional<CitizensChoice> CitizensChoiceFromJson(const nlohmann::json& in);
// Each approved entry's likes from citizen_likes.
Status SetCitizenLikes(Database& db, std::vector<EntryRecordForTally>& entries);

// ---- the pairwise final (gallery/store/pairwise_store.cc) ----

// Every answer of the pairwise final, in the order given.
Result<std::vector<voting::PairJudgment>> ReadPairAnswers(Database& db);

// Each finalist's final_rank from the final's answers (voting::PairwiseOrder);
// the others keep 0. The first reads the stored final, the second is given one.
Status SetFinalRanks(Database& db, std::vector<EntryRecordForTally>& entries);
void SetFinalRanks(const std::vector<int64_t>& finalists,
                   const std::vector<voting::PairJudgment>& answers,
                   std::vector<EntryRecordForTally>& entries);

// A stored result table read back (empty when someone altered it past reading).
Results ResultsFromJson(const nlohmann::json& json);

// ---- revoked awards (gallery/store/revocations.cc) ----

// Every stored revocation, oldest first, with the vacancy rule it was made under.
struct StoredRevocation {
  Revocation revocation;
  voting::Vacancy rule = voting::Vacancy::kLeaveVacant;
};
Result<std::vector<StoredRevocation>> ReadRevocations(Database& db);

// Marks the revoked rows of an announced table and re-derives every row's tier
// with voting::AssignTiers (the revoked entries excluded, under the rule of the
// last revocation). Nothing changes when there are none.
void ApplyRevocations(Results& results, const std::vector<StoredRevocation>& revocations);

// Each row's tier (Korean name) after `revoked` are excluded under `rule`, for
// the audit record and its check: [[entry, tier], ...] of the rows that hold one.
nlohmann::json TiersAfter(const Results& announced, const std::set<int64_t>& revoked,
                          voting::Vacancy rule);

}  // namespace poster::gallery
