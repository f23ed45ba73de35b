// The result table as JSON: what is stored and hashed when the results are
// announced, and what the API and `poster results --json` print.
#include <nlohmann/json.hpp>

#include "gallery/store/results_store.h"

namespace poster::gallery {
namespace {

using nlohmann::json;

json RulesJson(const voting::Rules& rules) {
  json criteria = json::array(), tiers = json::array(), ties = json::array();
  for (const voting::Criterion& c : rules.rubric)
    criteria.push_back({{"name", c.name}, {"name_en", c.name_en}, {"weight", c.weight}});
  for (const voting::Tier& t : rules.tiers)
    tiers.push_back({{"name", t.name}, {"name_en", t.name_en}, {"count", t.count}});
  for (voting::TieBreak t : rules.tie_breaks) ties.push_back(voting::TieBreakName(t));
  return {{"criteria", criteria},
          {"tiers", tiers},
          {"judges_weight", rules.judge_weight},
          {"peers_weight", rules.peer_weight},
          {"normalization", voting::NormalizationName(rules.normalization)},
          {"judge_scaling", voting::JudgeScalingName(rules.judge_scaling)},
          {"tie_break", ties},
          {"still_tied", voting::StillTiedName(rules.still_tied)},
          {"lot_seed", rules.lot_seed}};
}

// ---- issue 11: the judge model and 1인 1상, only where they are in use ----

json ModelJson(const voting::JudgeModel& model) {
  json components = json::array(), judges = json::array();
  for (const voting::ModelComponent& c : model.components) {
    components.push_back({{"judges", c.judges},
                          {"entries", c.entries},
                          {"gain_fitted", c.gain_fitted},
                          {"gain_refused", c.gain_refused},
                          {"sweeps", c.sweeps},
                          {"converged", c.converged},
                          {"rmse", c.rmse}});
  }
  for (const voting::JudgeFit& j : model.judges) {
    judges.push_back({{"judge", j.judge},
                      {"bias", j.bias},
                      {"gain", j.gain},
                      {"entries", j.entries},
                      {"component", j.component}});
  }
  return {{"components", components}, {"judges", judges}};
}

voting::JudgeModel ModelFromJson(const json& in) {
  voting::JudgeModel model;
  for (const json& c : in.value("components", json::array())) {
    model.components.push_back(
        {c.value("judges", std::vector<std::string>{}), c.value("entries", std::vector<int64_t>{}),
         c.value("gain_fitted", false), c.value("gain_refused", ""), c.value("sweeps", 0),
         c.value("converged", true), c.value("rmse", 0.0)});
  }
  for (const json& j : in.value("judges", json::array())) {
    model.judges.push_back({j.value("judge", ""), j.value("bias", 0.0), j.value("gain", 1.0),
                            j.value("entries", 0), j.value("component", size_t{0})});
  }
  return model;
}

// The table's own notes and the model's fit, added to `out` when there are any.
void AddTableExtras(const Results& results, bool with_model, json& out) {
  if (results.rules.one_award_per_person) out["rules"]["one_award_per_person"] = true;
  if (!results.notes.empty()) {
    out["notes"] = results.notes;
    out["notes_ko"] = results.notes_ko;
  }
  if (results.model && with_model) out["judge_model"] = ModelJson(*results.model);
  if (results.rules.citizen_weight > 0)
    out["rules"]["citizens_weight"] = results.rules.citizen_weight;
  if (results.citizens_choice)
    out["citizens_choice"] = CitizensChoiceJson(*results.citizens_choice);
}

void ReadTableExtras(const json& in, Results& results) {
  results.rules.one_award_per_person =
      in.value("rules", json::object()).value("one_award_per_person", false);
  results.notes = in.value("notes", std::vector<std::string>{});
  results.notes_ko = in.value("notes_ko", std::vector<std::string>{});
  if (in.contains("judge_model") && in["judge_model"].is_object())
    results.model = ModelFromJson(in["judge_model"]);
  results.rules.citizen_weight = in.value("rules", json::object()).value("citizens_weight", 0.0);
  if (in.contains("citizens_choice"))
    results.citizens_choice = CitizensChoiceFromJson(in["citizens_choice"]);
}

// A row as JSON: the winners' fields for everyone, the scores in the table
// view, the employee number only where the row still carries it (admins).
json RowJson(const ResultRow& r, const voting::Rules& rules, ResultsView view) {
  const voting::TallyRow& t = r.tally;
  json row = {{"rank", t.rank},
              {"entry", t.id},
              {"title", r.title},
              {"author_name", r.author_name},
              {"department", r.department},
              {"theme", r.theme}};
  if (!r.author.empty()) row["author"] = r.author;
  row["tier"] = t.tier ? json(rules.tiers[*t.tier].name) : json(nullptr);
  row["tier_en"] = t.tier ? json(rules.tiers[*t.tier].name_en) : json(nullptr);
  if (r.revoked) {
    row["revoked"] = {{"tier", r.revoked->tier},
                      {"tier_en", r.revoked->tier_en},
                      {"reason", r.revoked->reason},
                      {"revoked_at", r.revoked->revoked_at}};
  }
  if (view == ResultsView::kWinners) return row;
  row.update({{"votes", t.votes},
              {"judges", t.judges},
              {"criterion_means", t.criterion_means},
              {"judge_raw", t.judge_raw},
              {"judge_z", t.judge_z},
              {"judge_component", t.judge_component},
              {"peer_component", t.peer_component},
              {"combined", t.combined},
              {"citizen_likes", t.citizen_likes},
              {"notes", t.notes},
              {"notes_ko", t.notes_ko}});
  if (rules.judge_scaling == voting::JudgeScaling::kModel) row["judge_model"] = t.judge_model;
  if (rules.citizen_weight > 0) row["citizen_component"] = t.citizen_component;
  return row;
}

}  // namespace

Results ReadResults(const json& in);

namespace {

// The enum whose name is `rules[key]`, among `choices`; `out` unchanged otherwise.
template <typename Enum>
void ReadName(const json& rules, const char* key, std::string_view (*name_of)(Enum),
              std::initializer_list<Enum> choices, Enum& out) {
  std::string name = rules.value(key, "");
  for (Enum choice : choices)
    if (name_of(choice) == name) out = choice;
}

// What the stored table says of the rules it was tallied with, back in Rules.
void ReadRuleNames(const json& rules, voting::Rules& r) {
  ReadName(rules, "normalization", voting::NormalizationName,
           {voting::Normalization::kPercentile, voting::Normalization::kWinsorized,
            voting::Normalization::kMinMax},
           r.normalization);
  ReadName(
      rules, "judge_scaling", voting::JudgeScalingName,
      {voting::JudgeScaling::kZScore, voting::JudgeScaling::kRawMean, voting::JudgeScaling::kModel},
      r.judge_scaling);
  ReadName(rules, "still_tied", voting::StillTiedName,
           {voting::StillTied::kShared, voting::StillTied::kLot}, r.still_tied);
  if (!rules.contains("tie_break")) return;
  r.tie_breaks.clear();
  for (const json& word : rules["tie_break"]) {
    voting::TieBreak key = voting::TieBreak::kJudgeScore;
    ReadName(json{{"key", word}}, "key", voting::TieBreakName,
             {voting::TieBreak::kJudgeScore, voting::TieBreak::kPeerVotes,
              voting::TieBreak::kEarlierSubmission},
             key);
    r.tie_breaks.push_back(key);
  }
}

}  // namespace

json ResultsToJson(const Results& results, bool canonical) {
  json rows = json::array();
  for (const ResultRow& row : results.rows)
    rows.push_back(RowJson(row, results.rules, canonical ? ResultsView::kTable : results.view));
  json out = {{"rules", RulesJson(results.rules)}, {"rows", rows}};
  AddTableExtras(results, canonical || results.view == ResultsView::kTable, out);
  if (!canonical) {
    out["view"] = ResultsViewName(results.view);
    out["log_head"] = {{"seq", results.log_head.seq}, {"hash", results.log_head.hash}};
    out["state"] = results.state;
    out["announced_at"] = results.announced_at;
    out["final_at"] = results.final_at;
    out["sha256"] = results.sha256;
    if (!results.receipts_root.empty()) {  // issue 11: published with the announcement
      out["receipts_root"] = results.receipts_root;
      out["receipts"] = results.receipts;
    }
  }
  return out;
}

Results ResultsFromJson(const json& in) {
  try {
    return ReadResults(in);
  } catch (const json::exception&) {  // a stored table someone altered
    return Results();
  }
}

Results ReadResults(const json& in) {
  Results results;
  if (!in.is_object()) return results;
  const json& rules = in.value("rules", json::object());
  voting::Rules& r = results.rules;
  r.rubric.clear();
  r.tiers.clear();
  for (const json& c : rules.value("criteria", json::array()))
    r.rubric.push_back({c.value("name", ""), c.value("name_en", ""), c.value("weight", 0)});
  for (const json& t : rules.value("tiers", json::array()))
    r.tiers.push_back({t.value("name", ""), t.value("name_en", ""), t.value("count", 0)});
  r.judge_weight = rules.value("judges_weight", 0.7);
  r.peer_weight = rules.value("peers_weight", 0.3);
  r.lot_seed = rules.value("lot_seed", "");
  ReadRuleNames(rules, r);
  ReadTableExtras(in, results);
  for (const json& row : in.value("rows", json::array())) {
    voting::TallyRow t;
    t.rank = row.value("rank", 0);
    t.id = row.value("entry", int64_t{0});
    t.votes = row.value("votes", 0);
    t.judges = row.value("judges", 0);
    t.criterion_means = row.value("criterion_means", std::vector<double>{});
    t.judge_raw = row.value("judge_raw", 0.0);
    t.judge_z = row.value("judge_z", 0.0);
    t.judge_model = row.value("judge_model", 0.0);
    t.judge_component = row.value("judge_component", 0.0);
    t.peer_component = row.value("peer_component", 0.0);
    t.combined = row.value("combined", 0.0);
    t.citizen_likes = row.value("citizen_likes", 0);
    t.citizen_component = row.value("citizen_component", 0.0);
    t.notes = row.value("notes", std::vector<std::string>{});
    t.notes_ko = row.value("notes_ko", std::vector<std::string>{});
    if (row.contains("tier") && row["tier"].is_string()) {
      for (size_t i = 0; i < r.tiers.size(); ++i) {
        if (r.tiers[i].name == row["tier"].get<std::string>()) t.tier = i;
      }
    }
    results.rows.push_back({t, row.value("title", ""), row.value("author", ""),
                            row.value("department", ""), row.value("theme", ""),
                            row.value("author_name", ""), std::nullopt});
  }
  return results;
}

}  // namespace poster::gallery
