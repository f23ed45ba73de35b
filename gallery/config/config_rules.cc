// [submission], [voting], [judging], [combine], [[tiers]], [tie_break], [results].
#include <algorithm>
#include <cmath>

#include "gallery/config/config_sections.h"

namespace poster::gallery {
namespace {

template <typename Enum>
void ReadChoice(ConfigReader& in, const toml::table* table, const std::string& path,
                std::string_view key, std::string_view (*name_of)(Enum),
                std::initializer_list<Enum> choices, Enum& out) {
  const toml::node* node = in.Find(table, key);
  if (node == nullptr) return;
  std::string word, allowed;
  in.Text(table, path, key, word);
  for (Enum choice : choices) {
    allowed += (allowed.empty() ? "\"" : ", \"") + std::string(name_of(choice)) + "\"";
    if (name_of(choice) == word) {
      out = choice;
      return;
    }
  }
  in.Fail(*node, ConfigReader::Name(path, key), "must be one of " + allowed);
}

void ReadJudging(ConfigReader& in, voting::Rules& rules) {
  const toml::table* judging = in.Section("judging");
  in.Known(judging, "judging",
           {"criteria", "min_score", "max_score", "judges_per_entry", "conflict_department",
            "scaling", "blind"});
  bool present = false;
  std::vector<const toml::table*> criteria = in.Tables(judging, "judging", "criteria", present);
  if (present) rules.rubric.clear();
  for (size_t i = 0; i < criteria.size(); ++i) {
    std::string path = "judging.criteria[" + std::to_string(i + 1) + "]";
    in.Known(criteria[i], path, {"name", "name_en", "weight"});
    voting::Criterion criterion;
    in.Text(criteria[i], path, "name", criterion.name);
    in.Text(criteria[i], path, "name_en", criterion.name_en);
    in.Integer(criteria[i], path, "weight", 1, 1000, criterion.weight);
    if (criterion.name.empty()) in.Fail(*criteria[i], path + ".name", "is required");
    if (criterion.weight == 0) in.Fail(*criteria[i], path + ".weight", "is required");
    rules.rubric.push_back(criterion);
  }
  if (present && rules.rubric.empty())
    in.Fail("judging.criteria", "must list at least one criterion");
  in.Integer(judging, "judging", "min_score", 0, 100, rules.min_score);
  in.Integer(judging, "judging", "max_score", 1, 100, rules.max_score);
  if (rules.min_score >= rules.max_score)
    in.Fail("judging.max_score", "must be above judging.min_score");
  in.Integer(judging, "judging", "judges_per_entry", 0, 100, rules.judges_per_entry);
  in.Boolean(judging, "judging", "conflict_department", rules.judge_conflict_department);
  in.Boolean(judging, "judging", "blind", rules.blind_judges);  // docs/tally.md: blind judging
  ReadChoice(
      in, judging, "judging", "scaling", voting::JudgeScalingName,
      {voting::JudgeScaling::kZScore, voting::JudgeScaling::kRawMean, voting::JudgeScaling::kModel},
      rules.judge_scaling);
}

void ReadCombine(ConfigReader& in, voting::Rules& rules) {
  const toml::table* combine = in.Section("combine");
  in.Known(combine, "combine", {"judges", "peers", "normalization"});
  double judges = rules.judge_weight, peers = rules.peer_weight;
  in.Real(combine, "combine", "judges", 0, 100, judges);
  in.Real(combine, "combine", "peers", 0, 100, peers);
  double total = judges + peers;
  if (std::abs(total - 100) < 1e-9) {
    judges /= 100;
    peers /= 100;
  } else if (std::abs(total - 1) >= 1e-9) {
    in.Fail("combine.judges", "and combine.peers must add up to 100 (or to 1.0)");
  }
  rules.judge_weight = judges;
  rules.peer_weight = peers;
  ReadChoice(in, combine, "combine", "normalization", voting::NormalizationName,
             {voting::Normalization::kPercentile, voting::Normalization::kWinsorized,
              voting::Normalization::kMinMax},
             rules.normalization);
}

void ReadTiers(ConfigReader& in, voting::Rules& rules) {
  bool present = false;
  std::vector<const toml::table*> tiers = in.Tables(&in.root(), "", "tiers", present);
  if (!present) return;
  rules.tiers.clear();
  for (size_t i = 0; i < tiers.size(); ++i) {
    std::string path = "tiers[" + std::to_string(i + 1) + "]";
    in.Known(tiers[i], path, {"name", "name_en", "count"});
    voting::Tier tier;
    in.Text(tiers[i], path, "name", tier.name);
    in.Text(tiers[i], path, "name_en", tier.name_en);
    in.Integer(tiers[i], path, "count", 0, 10000, tier.count);
    if (tier.name.empty()) in.Fail(*tiers[i], path + ".name", "is required");
    rules.tiers.push_back(tier);
  }
}

void ReadTieBreak(ConfigReader& in, voting::Rules& rules) {
  const toml::table* section = in.Section("tie_break");
  in.Known(section, "tie_break", {"order", "still_tied", "lot_seed"});
  std::vector<std::string> order;
  in.Words(section, "tie_break", "order", order);
  if (const toml::node* node = in.Find(section, "order")) {
    rules.tie_breaks.clear();
    for (const std::string& word : order) {
      bool known = false;
      for (voting::TieBreak key : {voting::TieBreak::kJudgeScore, voting::TieBreak::kPeerVotes,
                                   voting::TieBreak::kEarlierSubmission}) {
        if (voting::TieBreakName(key) == word) {
          rules.tie_breaks.push_back(key);
          known = true;
        }
      }
      if (!known) {
        in.Fail(*node, "tie_break.order",
                "holds \"" + word + "\"; use judge_score, peer_votes and earlier_submission");
      }
    }
  }
  ReadChoice(in, section, "tie_break", "still_tied", voting::StillTiedName,
             {voting::StillTied::kShared, voting::StillTied::kLot}, rules.still_tied);
  in.Text(section, "tie_break", "lot_seed", rules.lot_seed);
  if (rules.still_tied == voting::StillTied::kLot && rules.lot_seed.empty()) {
    in.Fail("tie_break.lot_seed", "must be set (and published) when still_tied is \"lot\"");
  }
}

// [integrity]: the vote integrity report's thresholds (docs/tally.md).
void ReadIntegrity(ConfigReader& in, voting::IntegrityThresholds& limits) {
  const toml::table* section = in.Section("integrity");
  in.Known(section, "integrity",
           {"min_votes", "department_share", "window_minutes", "window_share", "address_voters",
            "insider_votes", "ring_ratio", "ring_votes"});
  in.Integer(section, "integrity", "min_votes", 1, 100000, limits.min_votes);
  in.Real(section, "integrity", "department_share", 0.0, 1.0, limits.department_share);
  in.Integer(section, "integrity", "window_minutes", 1, 10080, limits.window_minutes);
  in.Real(section, "integrity", "window_share", 0.0, 1.0, limits.window_share);
  in.Integer(section, "integrity", "address_voters", 2, 100000, limits.address_voters);
  in.Integer(section, "integrity", "insider_votes", 1, 1000, limits.insider_votes);
  in.Real(section, "integrity", "ring_ratio", 1.0, 1000.0, limits.ring_ratio);
  in.Integer(section, "integrity", "ring_votes", 1, 100000, limits.ring_votes);
}

// [privacy] (issue 13, docs/operations.md): how long after the results are final
// the personal data the contest no longer needs is kept (poster privacy purge).
void ReadPrivacy(ConfigReader& in, ContestConfig& config) {
  const toml::table* section = in.Section("privacy");
  in.Known(section, "privacy", {"retention_days"});
  in.Integer(section, "privacy", "retention_days", 0, 3650, config.retention_days);
}

// Korea's rules for public contests: [submission]'s pledge and consent.
void ReadPledge(ConfigReader& in, const toml::table* submission, ContestConfig& config) {
  in.Boolean(submission, "submission", "require_pledge", config.require_pledge);
  for (auto [key, text] : {std::pair{"pledge", &config.pledge},
                           {"pledge_en", &config.pledge_en},
                           {"consent", &config.consent},
                           {"consent_en", &config.consent_en}}) {
    in.Text(submission, "submission", key, *text);
  }
  if (config.require_pledge && (config.pledge.empty() || config.consent.empty()))
    in.Fail("submission.require_pledge", "needs the pledge's and the consent's text");
}

// [results]: verification_days is the verification period (검증 기간), the same
// period as objection_days under the name the 규정 gives it; revoked_tier says
// what becomes of a revoked award's tier.
void ReadVerification(ConfigReader& in, const toml::table* results, ContestConfig& config) {
  int days = config.objection_days;
  in.Integer(results, "results", "verification_days", 0, 365, days);
  if (in.Find(results, "verification_days") && in.Find(results, "objection_days") &&
      days != config.objection_days) {
    in.Fail("results.verification_days",
            "is the objection period under another name; give one of the two, or the same days");
  }
  config.objection_days = days;
  ReadChoice(in, results, "results", "revoked_tier", voting::VacancyName,
             {voting::Vacancy::kLeaveVacant, voting::Vacancy::kMoveUp}, config.revoked_tier);
}

}  // namespace

std::string_view ResultsViewName(ResultsView view) {
  return view == ResultsView::kTable ? "table" : "winners";
}

void ReadRules(ConfigReader& in, ContestConfig& config) {
  voting::Rules& rules = config.rules;
  const toml::table* submission = in.Section("submission");
  in.Known(
      submission, "submission",
      {"entries_per_author", "require_pledge", "pledge", "pledge_en", "consent", "consent_en"});
  in.Integer(submission, "submission", "entries_per_author", 1, 1000, rules.entries_per_author);
  ReadPledge(in, submission, config);
  const toml::table* voting_section = in.Section("voting");
  in.Known(voting_section, "voting", {"votes_per_voter", "blind"});
  in.Integer(voting_section, "voting", "votes_per_voter", 1, 1000, rules.votes_per_voter);
  in.Boolean(voting_section, "voting", "blind", rules.blind_voters);
  ReadJudging(in, rules);
  ReadCombine(in, rules);
  ReadTiers(in, rules);
  ReadTieBreak(in, rules);
  ReadIntegrity(in, config.integrity);
  ReadPrivacy(in, config);
  const toml::table* results = in.Section("results");
  in.Known(results, "results",
           {"objection_days", "public", "judges", "one_award_per_person", "verification_days",
            "revoked_tier"});
  in.Integer(results, "results", "objection_days", 0, 365, config.objection_days);
  in.Boolean(results, "results", "one_award_per_person", rules.one_award_per_person);
  ReadVerification(in, results, config);
  if (rules.one_award_per_person && config.revoked_tier == voting::Vacancy::kMoveUp) {
    // Moving places up after a revocation is done on the announced table, which
    // knows no authors: it could hand a second award to one person.
    in.Fail("results.revoked_tier",
            "\"next\" cannot be combined with one_award_per_person; use \"vacant\"");
  }
  for (auto [key, view] :
       {std::pair{"public", &config.public_results}, std::pair{"judges", &config.judges_results}}) {
    ReadChoice(in, results, "results", key, ResultsViewName,
               {ResultsView::kWinners, ResultsView::kTable}, *view);
  }
}

}  // namespace poster::gallery
