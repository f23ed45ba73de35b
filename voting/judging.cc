// Judge assignment, reassignment (a dropped judge's, a recusal's), and checking
// a judge's scores.
#include <algorithm>
#include <map>
#include <set>

#include "voting/seeded.h"
#include "voting/voting.h"

namespace poster::voting {

bool MayJudge(const Rules& rules, const Person& judge, const Candidate& entry) {
  if (std::find(entry.authors.begin(), entry.authors.end(), judge.id) != entry.authors.end())
    return false;
  if (std::find(entry.recused.begin(), entry.recused.end(), judge.id) != entry.recused.end())
    return false;
  if (rules.judge_conflict_department && !judge.department.empty()) {
    return std::find(entry.departments.begin(), entry.departments.end(), judge.department) ==
           entry.departments.end();
  }
  return true;
}

namespace {

Status NotEnough(int64_t entry, size_t needed, size_t found) {
  return Status(std::string(kNotEnoughJudges),
                "Entry " + std::to_string(entry) + " needs " + std::to_string(needed) +
                    " judges without a conflict of interest; only " + std::to_string(found) +
                    " are available. Add judges or lower judges_per_entry.",
                {{"entry", std::to_string(entry)},
                 {"needed", std::to_string(needed)},
                 {"available", std::to_string(found)}});
}

std::vector<Person> SortedJudges(std::vector<Person> judges) {
  std::sort(judges.begin(), judges.end(),
            [](const Person& a, const Person& b) { return a.id < b.id; });
  return judges;
}

// Judges eligible for `entry`, least loaded first, ties by the seeded draw.
std::vector<const Person*> Ranked(const Rules& rules, const std::vector<Person>& judges,
                                  const Candidate& entry, const std::map<std::string, int>& load,
                                  const std::set<std::string>& exclude, std::string_view seed) {
  std::vector<const Person*> ranked;
  for (const Person& judge : judges) {
    if (!exclude.count(judge.id) && MayJudge(rules, judge, entry)) ranked.push_back(&judge);
  }
  auto load_of = [&](const Person* judge) {
    auto it = load.find(judge->id);
    return it == load.end() ? 0 : it->second;
  };
  std::stable_sort(ranked.begin(), ranked.end(), [&](const Person* a, const Person* b) {
    if (load_of(a) != load_of(b)) return load_of(a) < load_of(b);
    return Draw(seed, a->id, uint64_t(entry.id)) < Draw(seed, b->id, uint64_t(entry.id));
  });
  return ranked;
}

void SortAssignments(std::vector<Assignment>& assignments) {
  std::sort(assignments.begin(), assignments.end(), [](const Assignment& a, const Assignment& b) {
    return a.entry != b.entry ? a.entry < b.entry : a.judge < b.judge;
  });
}

}  // namespace

Result<std::vector<Assignment>> AssignJudges(const Rules& rules,
                                             const std::vector<Person>& all_judges,
                                             const std::vector<Candidate>& entries,
                                             std::string_view seed) {
  std::vector<Person> judges = SortedJudges(all_judges);
  std::vector<const Candidate*> order;
  for (const Candidate& entry : entries) order.push_back(&entry);
  std::sort(order.begin(), order.end(), [&](const Candidate* a, const Candidate* b) {
    return Draw(seed, uint64_t(a->id)) < Draw(seed, uint64_t(b->id));
  });
  std::vector<Assignment> assignments;
  std::map<std::string, int> load;
  for (const Candidate* entry : order) {
    std::vector<const Person*> ranked = Ranked(rules, judges, *entry, load, {}, seed);
    size_t wanted = rules.judges_per_entry > 0 ? size_t(rules.judges_per_entry) : ranked.size();
    if (ranked.empty() || ranked.size() < wanted)
      return NotEnough(entry->id, std::max<size_t>(wanted, 1), ranked.size());
    for (size_t i = 0; i < wanted; ++i) {
      assignments.push_back({ranked[i]->id, entry->id});
      ++load[ranked[i]->id];
    }
  }
  SortAssignments(assignments);
  return assignments;
}

namespace {

// Gives each of `orphaned` to another eligible judge (the least loaded, then by
// seed), never one the entry has already; an orphan whose entry left the
// contest just goes. The one way a dropped judge's and a recusal's assignments move.
Result<std::vector<Assignment>> ReassignEach(const Rules& rules, std::vector<Assignment> kept,
                                             std::vector<Assignment> orphaned,
                                             const std::vector<Person>& judges,
                                             const std::vector<Candidate>& entries,
                                             std::string_view seed) {
  if (rules.judges_per_entry == 0) {  // every judge scores every entry: the others have it already
    SortAssignments(kept);
    return kept;
  }
  std::map<std::string, int> load;
  for (const Assignment& a : kept) ++load[a.judge];
  SortAssignments(orphaned);
  for (const Assignment& orphan : orphaned) {
    auto entry = std::find_if(entries.begin(), entries.end(),
                              [&](const Candidate& c) { return c.id == orphan.entry; });
    if (entry == entries.end()) continue;  // the entry left the contest: nothing to judge
    std::set<std::string> already{orphan.judge};
    for (const Assignment& a : kept) {
      if (a.entry == orphan.entry) already.insert(a.judge);
    }
    std::vector<const Person*> ranked = Ranked(rules, judges, *entry, load, already, seed);
    if (ranked.empty()) return NotEnough(orphan.entry, 1, 0);
    kept.push_back({ranked.front()->id, orphan.entry});
    ++load[ranked.front()->id];
  }
  SortAssignments(kept);
  return kept;
}

}  // namespace

Result<std::vector<Assignment>> Reassign(const Rules& rules, const std::vector<Assignment>& current,
                                         const std::vector<Assignment>& scored,
                                         std::string_view dropped,
                                         const std::vector<Person>& all_judges,
                                         const std::vector<Candidate>& entries,
                                         std::string_view seed) {
  std::vector<Person> judges;
  for (const Person& judge : SortedJudges(all_judges)) {
    if (judge.id != dropped) judges.push_back(judge);
  }
  auto has_score = [&](const Assignment& a) {
    return std::find(scored.begin(), scored.end(), a) != scored.end();
  };
  std::vector<Assignment> kept, orphaned;
  for (const Assignment& a : current)
    (a.judge != dropped || has_score(a) ? kept : orphaned).push_back(a);
  return ReassignEach(rules, std::move(kept), std::move(orphaned), judges, entries, seed);
}

Result<std::vector<Assignment>> Recuse(const Rules& rules, const std::vector<Assignment>& current,
                                       const Assignment& recused, const std::vector<Person>& judges,
                                       const std::vector<Candidate>& entries,
                                       std::string_view seed) {
  std::vector<Assignment> kept;
  for (const Assignment& a : current) {
    if (!(a == recused)) kept.push_back(a);
  }
  if (kept.size() == current.size()) {
    return Status(std::string(kNotAssigned),
                  recused.judge + " is not assigned entry " + std::to_string(recused.entry) + ".",
                  {{"judge", recused.judge}, {"entry", std::to_string(recused.entry)}});
  }
  std::vector<Candidate> with_conflict = entries;
  for (Candidate& entry : with_conflict) {
    if (entry.id == recused.entry) entry.recused.push_back(recused.judge);
  }
  return ReassignEach(rules, std::move(kept), {recused}, SortedJudges(judges), with_conflict, seed);
}

Status CheckScores(const Rules& rules, const std::vector<int>& scores) {
  std::string names;
  for (const Criterion& criterion : rules.rubric)
    names += (names.empty() ? "" : ", ") + criterion.name;
  std::string range = std::to_string(rules.min_score) + "-" + std::to_string(rules.max_score);
  bool in_range = std::all_of(scores.begin(), scores.end(),
                              [&](int s) { return s >= rules.min_score && s <= rules.max_score; });
  if (scores.size() == rules.rubric.size() && in_range) return Status::Ok();
  return Status(std::string(kInvalidScore),
                "Give " + std::to_string(rules.rubric.size()) + " whole-number scores from " +
                    range + ", one for each criterion (" + names + ").",
                {{"criteria", names},
                 {"range", range},
                 {"expected", std::to_string(rules.rubric.size())},
                 {"given", std::to_string(scores.size())}});
}

}  // namespace poster::voting
