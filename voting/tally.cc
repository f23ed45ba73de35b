// Tally: components, the combined score, ranks, tie-breaks and tiers.
// docs/tally.md is this file in prose; keep them together.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "base/clock.h"
#include "base/text.h"
#include "voting/normalize.h"
#include "voting/seeded.h"
#include "voting/voting.h"

namespace poster::voting {
namespace {

std::string Fixed(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", value);
  return text;
}

// Judges' weighted totals (10-100), their z-scores and the per-criterion means.
void ScoreJudges(const Rules& rules, const std::vector<TallyEntry>& entries,
                 std::vector<TallyRow>& rows) {
  double weight_sum = 0;
  for (const Criterion& c : rules.rubric) weight_sum += c.weight;
  std::map<std::string, std::vector<std::pair<size_t, double>>> by_judge;
  for (size_t e = 0; e < entries.size(); ++e) {
    rows[e].criterion_means.assign(rules.rubric.size(), 0.0);
    for (const JudgeScore& score : entries[e].scores) {
      if (score.scores.size() != rules.rubric.size() || weight_sum <= 0) continue;
      double total = 0;
      for (size_t i = 0; i < score.scores.size(); ++i) {
        total += rules.rubric[i].weight * score.scores[i];
        rows[e].criterion_means[i] += score.scores[i];
      }
      by_judge[score.judge].push_back({e, total / (weight_sum * rules.max_score) * 100.0});
      ++rows[e].judges;
    }
  }
  std::vector<double> z_sum(entries.size(), 0.0), raw_sum(entries.size(), 0.0);
  for (const auto& [judge, totals] : by_judge) {
    double mean = 0, variance = 0;
    for (const auto& [e, total] : totals) mean += total / totals.size();
    for (const auto& [e, total] : totals)
      variance += (total - mean) * (total - mean) / totals.size();
    double sd = std::sqrt(variance);
    for (const auto& [e, total] : totals) {
      raw_sum[e] += total;
      z_sum[e] += Key(sd) > 0 ? (total - mean) / sd : 0.0;
    }
  }
  for (size_t e = 0; e < entries.size(); ++e) {
    if (rows[e].judges == 0) continue;
    for (double& mean : rows[e].criterion_means) mean /= rows[e].judges;
    rows[e].judge_raw = raw_sum[e] / rows[e].judges;
    rows[e].judge_z = z_sum[e] / rows[e].judges;
  }
}

void Components(const Rules& rules, const std::vector<TallyEntry>& entries,
                std::vector<TallyRow>& rows) {
  std::vector<double> judged, votes;
  std::vector<size_t> judged_rows;
  for (size_t e = 0; e < entries.size(); ++e) {
    votes.push_back(entries[e].votes);
    if (rows[e].judges == 0) {
      rows[e].notes.push_back("No judge has scored this entry: its judge score counts as 0.");
      rows[e].notes_ko.push_back("심사 점수가 없어 심사 점수를 0으로 계산했습니다.");
      continue;
    }
    judged.push_back(rules.judge_scaling == JudgeScaling::kZScore ? rows[e].judge_z
                                                                  : rows[e].judge_raw);
    judged_rows.push_back(e);
  }
  std::vector<double> judge_part = Normalize(rules.normalization, judged);
  for (size_t i = 0; i < judged_rows.size(); ++i)
    rows[judged_rows[i]].judge_component = judge_part[i];
  std::vector<double> peer_part = Normalize(rules.normalization, votes);
  for (size_t e = 0; e < entries.size(); ++e) {
    rows[e].peer_component = peer_part[e];
    rows[e].combined =
        rules.judge_weight * rows[e].judge_component + rules.peer_weight * rows[e].peer_component;
  }
}

struct Ranked {
  const TallyEntry* entry;
  TallyRow* row;
};

// <0 when a goes first by `key`, >0 when b does, 0 when they are equal on it.
int CompareBy(TieBreak key, const Ranked& a, const Ranked& b) {
  switch (key) {
    case TieBreak::kJudgeScore: {
      int64_t x = Key(a.row->judge_component), y = Key(b.row->judge_component);
      return x == y ? 0 : x > y ? -1 : 1;
    }
    case TieBreak::kPeerVotes:
      return a.entry->votes == b.entry->votes ? 0 : a.entry->votes > b.entry->votes ? -1 : 1;
    case TieBreak::kEarlierSubmission:
      return a.entry->submitted == b.entry->submitted  ? 0
             : a.entry->submitted < b.entry->submitted ? -1
                                                       : 1;
  }
  return 0;
}

// The tie-break that separates a and b, if their combined scores are equal and one does.
std::optional<TieBreak> Decider(const Rules& rules, const Ranked& a, const Ranked& b) {
  for (TieBreak key : rules.tie_breaks) {
    if (CompareBy(key, a, b) != 0) return key;
  }
  return std::nullopt;
}

bool FullyTied(const Rules& rules, const Ranked& a, const Ranked& b) {
  return Key(a.row->combined) == Key(b.row->combined) && !Decider(rules, a, b);
}

std::string ValueOf(TieBreak key, const Ranked& r) {
  switch (key) {
    case TieBreak::kJudgeScore:
      return Fixed(r.row->judge_component);
    case TieBreak::kPeerVotes:
      return std::to_string(r.entry->votes);
    case TieBreak::kEarlierSubmission:
      return FormatUtc(r.entry->submitted);
  }
  return "";
}

void NoteDecided(TieBreak key, const Ranked& above, const Ranked& below) {
  static const std::map<TieBreak, std::pair<std::string, std::string>> kWords = {
      {TieBreak::kJudgeScore, {"judge score", "심사 점수"}},
      {TieBreak::kPeerVotes, {"peer votes", "직원 투표 수"}},
      {TieBreak::kEarlierSubmission, {"earlier submission", "먼저 제출한 순서"}}};
  const auto& [en, ko] = kWords.at(key);
  std::string by_ko = ko + std::string(KoreanParticle(ko, "으로"));
  std::string values = " (" + ValueOf(key, above) + " vs " + ValueOf(key, below) + ")";
  std::string values_ko = "(" + ValueOf(key, above) + " 대 " + ValueOf(key, below) + ")";
  std::string a = std::to_string(above.row->id), b = std::to_string(below.row->id);
  above.row->notes.push_back("Tied with entry " + b +
                             " on the combined score; ranked above it by " + en + values + ".");
  above.row->notes_ko.push_back(b + "번과 종합 점수가 같아 " + by_ko + " 앞 순위가 되었습니다" +
                                values_ko + ".");
  below.row->notes.push_back("Tied with entry " + a +
                             " on the combined score; ranked below it by " + en + values + ".");
  below.row->notes_ko.push_back(a + "번과 종합 점수가 같아 " + by_ko + " 뒤 순위가 되었습니다" +
                                values_ko + ".");
}

std::vector<Ranked> Order(const Rules& rules, const std::vector<TallyEntry>& entries,
                          std::vector<TallyRow>& rows) {
  std::vector<Ranked> ranked;
  for (size_t e = 0; e < entries.size(); ++e) ranked.push_back({&entries[e], &rows[e]});
  std::sort(ranked.begin(), ranked.end(), [&](const Ranked& a, const Ranked& b) {
    int64_t x = Key(a.row->combined), y = Key(b.row->combined);
    if (x != y) return x > y;
    if (std::optional<TieBreak> key = Decider(rules, a, b)) return CompareBy(*key, a, b) < 0;
    return a.row->id < b.row->id;  // fully tied: a stable order, not a ranking
  });
  return ranked;
}

// The tier holding 0-based `position` when tiers are filled in order.
std::optional<size_t> TierAt(const Rules& rules, size_t position) {
  size_t end = 0;
  for (size_t t = 0; t < rules.tiers.size(); ++t) {
    end += size_t(std::max(0, rules.tiers[t].count));
    if (position < end) return t;
  }
  return std::nullopt;
}

// Groups of fully tied entries get one rank; across a tier boundary, the
// rules say whether they share the higher tier or draw lots.
void RankGroups(const Rules& rules, std::vector<Ranked>& ranked) {
  for (size_t first = 0; first < ranked.size();) {
    size_t last = first;
    while (last + 1 < ranked.size() && FullyTied(rules, ranked[first], ranked[last + 1])) ++last;
    bool straddles = TierAt(rules, first) != TierAt(rules, last);
    if (straddles && rules.still_tied == StillTied::kLot) {
      std::sort(ranked.begin() + first, ranked.begin() + last + 1,
                [&](const Ranked& a, const Ranked& b) {
                  return Draw(rules.lot_seed, uint64_t(a.row->id)) <
                         Draw(rules.lot_seed, uint64_t(b.row->id));
                });
    }
    for (size_t i = first; i <= last; ++i) {
      bool lot = straddles && rules.still_tied == StillTied::kLot;
      ranked[i].row->rank = int(lot ? i : first) + 1;
      if (last == first) continue;
      std::string others;
      for (size_t j = first; j <= last; ++j) {
        if (j != i) others += (others.empty() ? "" : ", ") + std::to_string(ranked[j].row->id);
      }
      if (lot) {
        ranked[i].row->notes.push_back(
            "Tied with entries " + others +
            " on every tie-break across a tier boundary; order drawn by lot from the seed \"" +
            rules.lot_seed + "\".");
        ranked[i].row->notes_ko.push_back(
            others + "번과 모든 기준에서 동점이고 수상 등급 경계에 걸쳐 있어, 공개된 시드 \"" +
            rules.lot_seed + "\"로 추첨해 순서를 정했습니다.");
      } else {
        ranked[i].row->notes.push_back(
            "Tied with entries " + others + " on every tie-break; they share rank " +
            std::to_string(first + 1) + (straddles ? " and the higher tier" : "") + ".");
        ranked[i].row->notes_ko.push_back(others + "번과 모든 기준에서 동점이라 " +
                                          std::to_string(first + 1) + "위를 함께 합니다" +
                                          (straddles ? "(상위 등급을 함께 받습니다)" : "") + ".");
      }
    }
    first = last + 1;
  }
}

}  // namespace

TallyResult Tally(const Rules& rules, std::vector<TallyEntry> entries) {
  std::sort(entries.begin(), entries.end(),
            [](const TallyEntry& a, const TallyEntry& b) { return a.id < b.id; });
  std::vector<TallyRow> rows(entries.size());
  for (size_t e = 0; e < entries.size(); ++e) {
    rows[e].id = entries[e].id;
    rows[e].votes = entries[e].votes;
  }
  ScoreJudges(rules, entries, rows);
  Components(rules, entries, rows);
  std::vector<Ranked> ranked = Order(rules, entries, rows);
  for (size_t i = 1; i < ranked.size(); ++i) {
    if (Key(ranked[i - 1].row->combined) != Key(ranked[i].row->combined)) continue;
    if (std::optional<TieBreak> key = Decider(rules, ranked[i - 1], ranked[i])) {
      NoteDecided(*key, ranked[i - 1], ranked[i]);
    }
  }
  RankGroups(rules, ranked);
  TallyResult result;
  for (const Ranked& r : ranked) result.rows.push_back(*r.row);
  result.rows = AssignTiers(rules, std::move(result.rows), {}, Vacancy::kMoveUp);
  return result;
}

}  // namespace poster::voting
