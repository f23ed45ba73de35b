// What the judging operations read and write (private to gallery/store):
// judging_store.cc defines them, fair_judging_store.cc uses them too.
#pragma once

#include <nlohmann/json.hpp>

#include "gallery/store/catalogue_state.h"

namespace poster::gallery {

// People with the judge role, by employee number.
Result<std::vector<voting::Person>> JudgesOnRoster(Database& db);
// Approved entries as assignment sees them: authors, their departments, and
// the judges who recused from each.
Result<std::vector<voting::Candidate>> JudgingCandidates(Database& db);
// Every assignment, or (kScored) only those with a score, by entry then judge.
enum class AssignmentRows { kAll, kScored };
Result<std::vector<voting::Assignment>> AssignmentsIn(Database& db, AssignmentRows rows);
// Replaces the judge_assignments table with `assignments`.
Status StoreAssignments(Database& db, const std::vector<voting::Assignment>& assignments);
// The seed of the last judging.assign record: the judges' orders are drawn
// from it (voting::JudgeOrder). Empty before any assignment.
Result<std::string> OrderSeed(Database& db);

}  // namespace poster::gallery
