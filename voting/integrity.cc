// The vote integrity report: how each entry's votes concentrate by department
// and in time, insiders, bursts from one address, reciprocal rings
// (docs/tally.md, "Vote integrity report").
#include <algorithm>
#include <set>

#include "voting/voting.h"

namespace poster::voting {
namespace {

using Votes = std::vector<const CountedVote*>;

std::string DepartmentOf(const IntegrityFacts& facts, const std::string& voter) {
  auto it = facts.voter_department.find(voter);
  return it == facts.voter_department.end() ? std::string() : it->second;
}

struct Span {
  size_t first = 0, last = 0;  // indices into the time-sorted votes, both included
  size_t size() const { return last - first + 1; }
};

// The window of `minutes` holding most of `sorted` (by time), the earliest of equals;
// `weight` counts what a window holds (votes, or distinct voters).
template <typename Weight>
Span BusiestWindow(const Votes& sorted, int minutes, Weight weight) {
  Span best;
  int best_weight = -1;
  auto width = std::chrono::minutes(minutes);
  for (size_t first = 0, last = 0; first < sorted.size(); ++first) {
    last = std::max(last, first);
    while (last + 1 < sorted.size() && sorted[last + 1]->at < sorted[first]->at + width) ++last;
    int held = weight(sorted, first, last);
    if (held > best_weight) best = {first, last}, best_weight = held;
  }
  return best;
}

int CountVotes(const Votes&, size_t first, size_t last) { return int(last - first + 1); }

int CountVoters(const Votes& sorted, size_t first, size_t last) {
  std::set<std::string> voters;
  for (size_t i = first; i <= last; ++i) voters.insert(sorted[i]->voter);
  return int(voters.size());
}

Votes ByTime(Votes votes) {
  std::sort(votes.begin(), votes.end(), [](const CountedVote* x, const CountedVote* y) {
    return std::tie(x->at, x->voter, x->entry) < std::tie(y->at, y->voter, y->entry);
  });
  return votes;
}

void Concentration(const IntegrityThresholds& limits, const IntegrityFacts& facts,
                   const Votes& votes, EntryIntegrity& row) {
  std::map<std::string, int> by_department;
  for (const CountedVote* vote : votes) ++by_department[DepartmentOf(facts, vote->voter)];
  for (const auto& [department, count] : by_department) {
    if (count > row.top_department_votes) row.top_department = department;
    row.top_department_votes = std::max(row.top_department_votes, count);
  }
  row.own_department_votes =
      by_department.count(row.department) ? by_department[row.department] : 0;
  if (!votes.empty()) {
    Votes sorted = ByTime(votes);
    Span busiest = BusiestWindow(sorted, limits.window_minutes, CountVotes);
    row.window_votes = int(busiest.size());
    row.window_start = sorted[busiest.first]->at;
  }
  if (row.votes < limits.min_votes) return;
  if (row.top_department_votes >= limits.department_share * row.votes)
    row.flags.push_back("department");
  if (row.window_votes >= limits.window_share * row.votes) row.flags.push_back("window");
}

std::vector<EntryIntegrity> Entries(const IntegrityThresholds& limits, const IntegrityFacts& facts,
                                    const std::map<int64_t, Votes>& counted) {
  std::vector<EntryIntegrity> rows;
  for (const auto& [entry, department] : facts.entry_department) {
    EntryIntegrity row;
    row.entry = entry;
    row.department = department;
    for (const CountedVote& vote : facts.votes)
      if (vote.entry == entry && vote.voided) ++row.voided;
    auto it = counted.find(entry);
    Votes votes = it == counted.end() ? Votes() : it->second;
    row.votes = int(votes.size());
    Concentration(limits, facts, votes, row);
    rows.push_back(std::move(row));
  }
  return rows;
}

std::vector<InsiderVoter> Insiders(const IntegrityThresholds& limits, const IntegrityFacts& facts,
                                   const Votes& counted) {
  std::map<std::string, std::pair<int, bool>> by_voter;  // votes, all inside
  for (const CountedVote* vote : counted) {
    auto& [count, inside] = by_voter.try_emplace(vote->voter, 0, true).first->second;
    ++count;
    std::string department = DepartmentOf(facts, vote->voter);
    inside = inside && !department.empty() && facts.entry_department.at(vote->entry) == department;
  }
  std::vector<InsiderVoter> insiders;
  for (const auto& [voter, tally] : by_voter)
    if (tally.second && tally.first >= limits.insider_votes)
      insiders.push_back({voter, DepartmentOf(facts, voter), tally.first});
  return insiders;
}

std::vector<AddressBurst> Bursts(const IntegrityThresholds& limits, const Votes& counted) {
  std::map<std::string, Votes> by_address;
  for (const CountedVote* vote : counted)
    if (!vote->address.empty()) by_address[vote->address].push_back(vote);
  std::vector<AddressBurst> bursts;
  for (const auto& [address, votes] : by_address) {
    Votes sorted = ByTime(votes);
    Span busiest = BusiestWindow(sorted, limits.window_minutes, CountVoters);
    int voters = CountVoters(sorted, busiest.first, busiest.last);
    if (voters >= limits.address_voters)
      bursts.push_back({address, voters, int(busiest.size()), sorted[busiest.first]->at,
                        sorted[busiest.last]->at});
  }
  return bursts;
}

// A → B: votes by A's voters for B's entries, against V_A × E_B ÷ E (A's votes
// spread over the entries as if departments did not matter).
std::vector<Ring> Rings(const IntegrityThresholds& limits, const IntegrityFacts& facts,
                        const Votes& counted) {
  std::map<std::string, int> entries_of, votes_by;
  std::map<std::pair<std::string, std::string>, int> between;
  for (const auto& [entry, department] : facts.entry_department) ++entries_of[department];
  for (const CountedVote* vote : counted) {
    std::string from = DepartmentOf(facts, vote->voter);
    if (from.empty()) continue;
    ++votes_by[from];
    ++between[{from, facts.entry_department.at(vote->entry)}];
  }
  double total = double(facts.entry_department.size());
  auto expected = [&](const std::string& from, const std::string& to) {
    return votes_by[from] * entries_of[to] / total;
  };
  std::vector<Ring> rings;
  for (const auto& [pair, a_to_b] : between) {
    const auto& [a, b] = pair;
    if (a >= b || a_to_b < limits.ring_votes || b.empty()) continue;
    int b_to_a = between.count({b, a}) ? between[{b, a}] : 0;
    Ring ring{a, b, a_to_b, b_to_a, expected(a, b), expected(b, a)};
    if (b_to_a >= limits.ring_votes && a_to_b >= limits.ring_ratio * ring.expected_a_to_b &&
        b_to_a >= limits.ring_ratio * ring.expected_b_to_a)
      rings.push_back(ring);
  }
  return rings;
}

}  // namespace

IntegrityReport BuildIntegrityReport(const IntegrityThresholds& thresholds,
                                     const IntegrityFacts& facts) {
  IntegrityReport report;
  report.thresholds = thresholds;
  Votes counted;
  std::map<int64_t, Votes> by_entry;
  for (const CountedVote& vote : facts.votes) {
    if (!facts.entry_department.count(vote.entry)) continue;
    if (vote.voided) {
      ++report.voided;
      continue;
    }
    counted.push_back(&vote);
    by_entry[vote.entry].push_back(&vote);
  }
  report.votes = int(counted.size());
  report.entries = Entries(thresholds, facts, by_entry);
  report.insiders = Insiders(thresholds, facts, counted);
  report.bursts = Bursts(thresholds, counted);
  report.rings = Rings(thresholds, facts, counted);
  return report;
}

}  // namespace poster::voting
