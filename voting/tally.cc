// Tally: components, the combined score, ranks, tie-breaks and tiers.
// docs/tally.md is this file in prose; keep them together.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>

#include "base/clock.h"
#include "base/text.h"
#include "voting/awards.h"
#include "voting/normalize.h"
#include "voting/voting.h"

namespace poster::voting {
namespace {

std::string Fixed(double value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", value);
  return text;
}

// Judges' weighted totals (10-100), their z-scores and the per-criterion means.
// Returns every judge's total for every entry they scored when the model will
// be fitted (half a million of them in a large contest), nothing otherwise.
std::vector<Observation> ScoreJudges(const Rules& rules, const std::vector<TallyEntry>& entries,
                                     std::vector<TallyRow>& rows) {
  bool model = rules.judge_scaling == JudgeScaling::kModel;
  double weight_sum = 0;
  for (const Criterion& c : rules.rubric) weight_sum += c.weight;
  std::map<std::string, std::vector<std::pair<size_t, double>>> by_judge;
  std::vector<Observation> observed;
  for (size_t e = 0; e < entries.size(); ++e) {
    rows[e].criterion_means.assign(rules.rubric.size(), 0.0);
    for (const JudgeScore& score : entries[e].scores) {
      if (score.scores.size() != rules.rubric.size() || weight_sum <= 0) continue;
      double total = 0;
      for (size_t i = 0; i < score.scores.size(); ++i) {
        total += rules.rubric[i].weight * score.scores[i];
        rows[e].criterion_means[i] += score.scores[i];
      }
      std::vector<std::pair<size_t, double>>& totals = by_judge[score.judge];
      totals.push_back({e, total / (weight_sum * rules.max_score) * 100.0});
      if (model) observed.push_back({score.judge, entries[e].id, totals.back().second});
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
  return observed;
}

// The judge model's quality in each row, the fit in `result`, and a note when
// the judge-entry graph falls apart (each part is fitted on its own).
void FitModel(const std::vector<Observation>& observed, std::vector<TallyRow>& rows,
              TallyResult& result) {
  JudgeModel model = FitJudgeModel(observed);
  for (TallyRow& row : rows) {
    if (auto it = model.quality.find(row.id); it != model.quality.end())
      row.judge_model = it->second;
  }
  std::string parts, parts_ko, unsettled;
  for (const ModelComponent& c : model.components) {
    std::string entries;
    for (int64_t id : c.entries) entries += (entries.empty() ? "" : ", ") + std::to_string(id);
    std::string judges = std::to_string(c.judges.size());
    parts += (parts.empty() ? "" : "; ") + ("entries " + entries + " (" + judges + " judges)");
    parts_ko += (parts_ko.empty() ? "" : "; ") + (entries + "번(심사위원 " + judges + "명)");
    if (!c.converged) unsettled += (unsettled.empty() ? "" : "; ") + entries;
  }
  if (model.components.size() > 1) {
    std::string count = std::to_string(model.components.size());
    result.notes.push_back(
        "The judge model: judges and entries fall into " + count +
        " separate groups that no judge scored across: " + parts +
        ". Each group was fitted on its own with its judges' mean bias 0, so qualities compare "
        "across groups only as far as each group's judges are fair on average.");
    result.notes_ko.push_back("심사 모형: 심사위원과 작품이 서로 겹치지 않는 " + count +
                              "개 묶음으로 나뉩니다: " + parts_ko +
                              ". 묶음마다 따로 추정했고(묶음별 심사위원 편향 평균 0), 묶음 "
                              "사이의 비교는 각 묶음의 심사위원이 평균적으로 공정하다는 가정에 "
                              "기댑니다.");
  }
  if (!unsettled.empty()) {
    result.notes.push_back("The judge model did not settle within " +
                           std::to_string(kModelMaxSweeps) + " sweeps for entries " + unsettled +
                           ": their qualities are approximate.");
    result.notes_ko.push_back("심사 모형이 " + std::to_string(kModelMaxSweeps) + "회 안에 " +
                              unsettled + "번의 추정을 마치지 못해, 그 값은 근사치입니다.");
  }
  result.model = std::move(model);
}

// Issue 12: citizens' likes, normalised like the peer votes, take citizen_weight
// of the combined score (the rest keeps the judges' and peers' shares); with
// the default weight 0 the combined score is untouched.
void CitizenComponent(const Rules& rules, const std::vector<TallyEntry>& entries,
                      std::vector<TallyRow>& rows) {
  std::vector<double> likes;
  for (size_t e = 0; e < entries.size(); ++e) {
    rows[e].citizen_likes = entries[e].citizen_likes;
    likes.push_back(entries[e].citizen_likes);
  }
  if (rules.citizen_weight <= 0) return;
  std::vector<double> part = Normalize(rules.normalization, likes);
  for (size_t e = 0; e < entries.size(); ++e) {
    rows[e].citizen_component = part[e];
    rows[e].combined =
        (1 - rules.citizen_weight) * rows[e].combined + rules.citizen_weight * part[e];
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
    judged.push_back(rules.judge_scaling == JudgeScaling::kZScore  ? rows[e].judge_z
                     : rules.judge_scaling == JudgeScaling::kModel ? rows[e].judge_model
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
  CitizenComponent(rules, entries, rows);
}

// <0 when a goes first by `key`, >0 when b does, 0 when they are equal on it.
int CompareBy(TieBreak key, const RankedRow& a, const RankedRow& b) {
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
std::optional<TieBreak> Decider(const Rules& rules, const RankedRow& a, const RankedRow& b) {
  for (TieBreak key : rules.tie_breaks) {
    if (CompareBy(key, a, b) != 0) return key;
  }
  return std::nullopt;
}

// Tied on every key; two finalists the pairwise final told apart are not.
bool FullyTied(const Rules& rules, const RankedRow& a, const RankedRow& b) {
  return Key(a.row->combined) == Key(b.row->combined) && !Decider(rules, a, b) &&
         a.entry->final_rank == b.entry->final_rank;
}

std::string ValueOf(TieBreak key, const RankedRow& r) {
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

void NoteDecided(TieBreak key, const RankedRow& above, const RankedRow& below) {
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

// Runs of entries tied on every key, in table order.
std::vector<TieGroup> Groups(const Rules& rules, const std::vector<RankedRow>& ranked) {
  std::vector<TieGroup> groups;
  for (size_t first = 0; first < ranked.size();) {
    size_t last = first;
    while (last + 1 < ranked.size() && FullyTied(rules, ranked[first], ranked[last + 1])) ++last;
    groups.push_back({first, last});
    first = last + 1;
  }
  return groups;
}

std::vector<RankedRow> Order(const Rules& rules, const std::vector<TallyEntry>& entries,
                             std::vector<TallyRow>& rows) {
  std::vector<RankedRow> ranked;
  for (size_t e = 0; e < entries.size(); ++e) ranked.push_back({&entries[e], &rows[e]});
  std::sort(ranked.begin(), ranked.end(), [&](const RankedRow& a, const RankedRow& b) {
    int64_t x = Key(a.row->combined), y = Key(b.row->combined);
    if (x != y) return x > y;
    if (std::optional<TieBreak> key = Decider(rules, a, b)) return CompareBy(*key, a, b) < 0;
    return a.row->id < b.row->id;  // fully tied: a stable order, not a ranking
  });
  return ranked;
}

// The pairwise final's finalists keep the places the table gives them, and
// take them in the final's order (its rank, then the table's order): a place
// held by a finalist goes to a finalist. Each finalist says so in its notes.
void PlaceFinalists(std::vector<RankedRow>& ranked) {
  std::vector<size_t> places;
  std::vector<RankedRow> finalists;
  for (size_t i = 0; i < ranked.size(); ++i) {
    if (ranked[i].entry->final_rank == 0) continue;
    places.push_back(i);
    finalists.push_back(ranked[i]);
  }
  std::stable_sort(finalists.begin(), finalists.end(), [](const RankedRow& a, const RankedRow& b) {
    return a.entry->final_rank < b.entry->final_rank;
  });
  std::string count = std::to_string(finalists.size());
  for (size_t f = 0; f < finalists.size(); ++f) {
    ranked[places[f]] = finalists[f];
    std::string rank = std::to_string(finalists[f].entry->final_rank);
    finalists[f].row->notes.push_back("Placed by the pairwise final: " + rank + " of its " + count +
                                      " finalists, in the finalists' places.");
    finalists[f].row->notes_ko.push_back("결선 비교 심사로 순위를 정했습니다: 결선작 " + count +
                                         "편 중 " + rank + "위, 결선작들의 자리 안에서.");
  }
}

// Notes each tie on the combined score that a tie-break decided, where the
// table's order is that tie-break's (the pairwise final places finalists).
void NoteTieBreaks(const Rules& rules, const std::vector<RankedRow>& ranked) {
  for (size_t i = 1; i < ranked.size(); ++i) {
    const RankedRow &above = ranked[i - 1], &below = ranked[i];
    if (Key(above.row->combined) != Key(below.row->combined)) continue;
    if (above.entry->final_rank > 0 && below.entry->final_rank > 0) continue;
    std::optional<TieBreak> key = Decider(rules, above, below);
    if (key && CompareBy(*key, above, below) < 0) NoteDecided(*key, above, below);
  }
}

}  // namespace

TallyResult Tally(const Rules& rules, std::vector<TallyEntry> entries,
                  const std::set<int64_t>& excluded) {
  std::sort(entries.begin(), entries.end(),
            [](const TallyEntry& a, const TallyEntry& b) { return a.id < b.id; });
  std::vector<TallyRow> rows(entries.size());
  for (size_t e = 0; e < entries.size(); ++e) {
    rows[e].id = entries[e].id;
    rows[e].votes = entries[e].votes;
  }
  TallyResult result;
  std::vector<Observation> observed = ScoreJudges(rules, entries, rows);
  if (rules.judge_scaling == JudgeScaling::kModel) FitModel(observed, rows, result);
  Components(rules, entries, rows);
  std::vector<RankedRow> ranked = Order(rules, entries, rows);
  PlaceFinalists(ranked);
  NoteTieBreaks(rules, ranked);
  RankAndAward(rules, excluded, Groups(rules, ranked), ranked, result);
  result.rows.reserve(ranked.size());
  for (const RankedRow& r : ranked) result.rows.push_back(std::move(*r.row));
  return result;
}

}  // namespace poster::voting
