// Ranks and tiers: tied groups share a rank (or draw lots across a tier
// boundary), award places are handed out in rank order, and entries that may
// not hold an award (excluded, or 1인 1상) pass their place on.
#include "voting/awards.h"

#include <algorithm>
#include <map>

#include "base/text.h"
#include "voting/seeded.h"

namespace poster::voting {
namespace {

// The tier holding 0-based award place `position` when tiers are filled in order.
std::optional<size_t> TierAt(const Rules& rules, size_t position) {
  size_t end = 0;
  for (size_t t = 0; t < rules.tiers.size(); ++t) {
    end += size_t(std::max(0, rules.tiers[t].count));
    if (position < end) return t;
  }
  return std::nullopt;
}

std::string Joined(const std::vector<int64_t>& ids) {
  std::string text;
  for (int64_t id : ids) text += (text.empty() ? "" : ", ") + std::to_string(id);
  return text;
}

struct Holding {
  size_t tier = 0;
  int64_t entry = 0;
  std::string name;
};

struct Bar {
  std::string en, ko;
};

// Who holds what so far, and where the next award place is.
class Awarder {
 public:
  Awarder(const Rules& rules, const std::set<int64_t>& excluded)
      : rules_(rules), excluded_(excluded) {}

  // Why `r` may not hold an award given `holders`; nothing when it may.
  std::optional<Bar> Barred(const RankedRow& r,
                            const std::map<std::string, Holding>& holders) const {
    if (excluded_.count(r.row->id)) {
      return Bar{"Excluded from the awards; its place goes to the next eligible entry.",
                 "수상 대상에서 제외되어, 이 작품의 자리는 다음 작품에 돌아갑니다."};
    }
    if (!rules_.one_award_per_person) return std::nullopt;
    for (const Author& person : r.entry->authors) {
      auto held = holders.find(person.id);
      if (held == holders.end()) continue;
      const std::string& tier = rules_.tiers[held->second.tier].name;
      std::string entry = std::to_string(held->second.entry);
      return Bar{"1인 1상 (one award per person): " + held->second.name + " already holds " + tier +
                     " for entry " + entry +
                     "; this entry's place goes to the next eligible entry.",
                 "1인 1상: " + held->second.name + " 님은 이미 " + entry + "번으로 " + tier +
                     std::string(KoreanParticle(tier, "을")) +
                     " 받아, 이 작품의 자리는 다음 작품에 돌아갑니다."};
    }
    return std::nullopt;
  }

  // How many of the group may hold an award, taken in the group's order.
  size_t EligibleIn(const std::vector<RankedRow>& ranked, TieGroup group) const {
    std::map<std::string, Holding> holders = holders_;
    size_t count = 0;
    for (size_t i = group.first; i <= group.last; ++i) {
      if (Barred(ranked[i], holders)) continue;
      ++count;
      for (const Author& person : ranked[i].entry->authors) holders[person.id] = {};
    }
    return count;
  }

  // Tiers for the group: all at one place when shared, one place each with lots.
  void Award(std::vector<RankedRow>& ranked, TieGroup group, bool lot) {
    size_t start = position_;
    for (size_t i = group.first; i <= group.last; ++i) {
      TallyRow& row = *ranked[i].row;
      std::optional<size_t> tier = TierAt(rules_, lot ? position_ : start);
      row.tier = std::nullopt;
      if (!tier) continue;
      if (std::optional<Bar> bar = Barred(ranked[i], holders_)) {
        row.notes.push_back(bar->en);
        row.notes_ko.push_back(bar->ko);
        passed_.push_back(row.id);
        continue;
      }
      row.tier = tier;
      ++position_;
      for (const Author& person : ranked[i].entry->authors) {
        if (!holders_.count(person.id))
          holders_[person.id] = {*tier, row.id, person.name.empty() ? person.id : person.name};
      }
      NoteMovedUp(row);
    }
  }

  size_t position() const { return position_; }
  // True once every award place is handed out: no later group can hold one.
  bool Done() const { return !TierAt(rules_, position_); }

  // Tiers left short because entries were passed over, in words.
  void NoteUnfilled(const std::vector<RankedRow>& ranked, TallyResult& result) const {
    if (passed_.empty()) return;
    for (size_t t = 0; t < rules_.tiers.size(); ++t) {
      int filled = 0, by_rank = 0, count = rules_.tiers[t].count;
      for (const RankedRow& r : ranked) {
        filled += r.row->tier == t ? 1 : 0;
        by_rank += TierAt(rules_, size_t(r.row->rank - 1)) == t ? 1 : 0;
      }
      if (filled >= count || filled >= by_rank) continue;  // short anyway: too few entries
      const std::string& name = rules_.tiers[t].name;
      std::string of = std::to_string(filled) + " of its " + std::to_string(count);
      result.notes.push_back(
          name + " has " + of +
          " places filled: not enough eligible entries (passed over: " + Joined(passed_) + ").");
      result.notes_ko.push_back(
          name + std::string(KoreanParticle(name, "은")) + " " + std::to_string(count) +
          "자리 중 " + std::to_string(filled) +
          "자리만 채웠습니다: 수상할 수 있는 작품이 모자랍니다(제외된 작품: " + Joined(passed_) +
          ").");
    }
  }

 private:
  void NoteMovedUp(TallyRow& row) const {
    std::optional<size_t> by_rank = TierAt(rules_, size_t(row.rank - 1));
    if (by_rank == row.tier) return;
    const std::string& tier = rules_.tiers[*row.tier].name;
    std::string alone = by_rank ? rules_.tiers[*by_rank].name : std::string();
    row.notes.push_back("Holds " + tier +
                        " (by rank alone: " + (by_rank ? alone : std::string("no award")) +
                        ") because entries " + Joined(passed_) + " above it were passed over.");
    row.notes_ko.push_back("앞선 " + Joined(passed_) + "번이 수상 대상에서 빠져 " + tier +
                           std::string(KoreanParticle(tier, "을")) + " 받습니다(순위만으로는 " +
                           (by_rank ? alone : std::string("수상권 밖")) + ").");
  }

  const Rules& rules_;
  const std::set<int64_t>& excluded_;
  std::map<std::string, Holding> holders_;  // by employee number
  std::vector<int64_t> passed_;             // entries passed over, in rank order
  size_t position_ = 0;                     // the next award place
};

// Who else shares entry `i`'s tie, in both languages: each of them when few;
// when many, how many, the ranks they span and the first few (a note per entry
// naming all the others would grow with the square of the group).
struct Words {
  std::string en, ko;
};

Words Others(const std::vector<RankedRow>& ranked, TieGroup group, size_t i) {
  constexpr size_t kNamed = 5, kListedWhole = 10;
  size_t others = group.last - group.first;
  std::vector<int64_t> named;
  for (size_t j = group.first; j <= group.last && named.size() < kListedWhole; ++j)
    if (j != i) named.push_back(ranked[j].row->id);
  if (others <= kListedWhole) return {"entries " + Joined(named), Joined(named) + "번"};
  named.resize(kNamed);
  std::string count = GroupDigits(others), rest = GroupDigits(others - kNamed);
  std::string from = std::to_string(group.first + 1), to = std::to_string(group.last + 1);
  return {count + " other entries (ranks " + from + " to " + to + ", among them " + Joined(named) +
              " and " + rest + " more)",
          "다른 " + count + "편(" + from + "위부터 " + to + "위까지, " + Joined(named) + "번 외 " +
              rest + "편)"};
}

void NoteGroup(const Rules& rules, std::vector<RankedRow>& ranked, TieGroup group, bool straddles,
               bool lot) {
  for (size_t i = group.first; i <= group.last; ++i) {
    ranked[i].row->rank = int(lot ? i : group.first) + 1;
    if (group.last == group.first) continue;
    Words others = Others(ranked, group, i);
    std::string with = others.ko + std::string(KoreanParticle(others.ko, "과"));
    if (lot) {
      ranked[i].row->notes.push_back(
          "Tied with " + others.en +
          " on every tie-break across a tier boundary; order drawn by lot from the seed \"" +
          rules.lot_seed + "\".");
      ranked[i].row->notes_ko.push_back(
          with + " 모든 기준에서 동점이고 수상 등급 경계에 걸쳐 있어, 공개된 시드 \"" +
          rules.lot_seed + "\"로 추첨해 순서를 정했습니다.");
    } else {
      ranked[i].row->notes.push_back(
          "Tied with " + others.en + " on every tie-break; they share rank " +
          std::to_string(group.first + 1) + (straddles ? " and the higher tier" : "") + ".");
      ranked[i].row->notes_ko.push_back(with + " 모든 기준에서 동점이라 " +
                                        std::to_string(group.first + 1) + "위를 함께 합니다" +
                                        (straddles ? "(상위 등급을 함께 받습니다)" : "") + ".");
    }
  }
}

}  // namespace

void RankAndAward(const Rules& rules, const std::set<int64_t>& excluded,
                  const std::vector<TieGroup>& groups, std::vector<RankedRow>& ranked,
                  TallyResult& result) {
  Awarder awarder(rules, excluded);
  for (TieGroup group : groups) {
    size_t eligible = awarder.Done() ? 0 : awarder.EligibleIn(ranked, group);
    size_t at = awarder.position();
    bool straddles = group.last > group.first && eligible > 1 &&
                     TierAt(rules, at) != TierAt(rules, at + eligible - 1);
    bool lot = straddles && rules.still_tied == StillTied::kLot;
    if (lot) {
      std::sort(ranked.begin() + group.first, ranked.begin() + group.last + 1,
                [&](const RankedRow& a, const RankedRow& b) {
                  return Draw(rules.lot_seed, uint64_t(a.row->id)) <
                         Draw(rules.lot_seed, uint64_t(b.row->id));
                });
    }
    NoteGroup(rules, ranked, group, straddles, lot);
    awarder.Award(ranked, group, lot);
  }
  awarder.NoteUnfilled(ranked, result);
}

}  // namespace poster::voting
