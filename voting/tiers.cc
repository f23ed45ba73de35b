// Tiers once some entries may hold none: a revoked award (수상 취소) or, for
// one award per person, an author's other entries. docs/tally.md, "Korea's
// rules for public contests", is this file in prose.
#include <algorithm>

#include "voting/voting.h"

namespace poster::voting {
namespace {

// The tier holding 0-based `place` when tiers are filled in order.
std::optional<size_t> TierOfPlace(const Rules& rules, size_t place) {
  size_t end = 0;
  for (size_t t = 0; t < rules.tiers.size(); ++t) {
    end += size_t(std::max(0, rules.tiers[t].count));
    if (place < end) return t;
  }
  return std::nullopt;
}

// How many rows that may hold an award are ranked strictly above `rank`.
size_t EligibleAbove(const std::vector<TallyRow>& rows, const std::set<int64_t>& excluded,
                     int rank) {
  return size_t(std::count_if(rows.begin(), rows.end(), [&](const TallyRow& row) {
    return row.rank < rank && !excluded.count(row.id);
  }));
}

}  // namespace

std::string_view VacancyName(Vacancy value) {
  return value == Vacancy::kMoveUp ? "next" : "vacant";
}

std::optional<Vacancy> ParseVacancy(std::string_view name) {
  if (name == "vacant") return Vacancy::kLeaveVacant;
  if (name == "next") return Vacancy::kMoveUp;
  return std::nullopt;
}

std::vector<TallyRow> AssignTiers(const Rules& rules, std::vector<TallyRow> rows,
                                  const std::set<int64_t>& excluded, Vacancy vacancy) {
  for (TallyRow& row : rows) {
    if (excluded.count(row.id) || row.rank < 1) {
      row.tier = std::nullopt;
      continue;
    }
    size_t place = vacancy == Vacancy::kMoveUp ? EligibleAbove(rows, excluded, row.rank)
                                               : size_t(row.rank - 1);
    row.tier = TierOfPlace(rules, place);
  }
  return rows;
}

}  // namespace poster::voting
