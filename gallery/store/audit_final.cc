// The pairwise final in the audit: final.open, judge.pair and final.close
// replayed from the log; each answer held to the pair the log's own state
// offered the judge then (voting::NextPair, their conflicts barred), and both
// tables held against the replay. The finalists' ranks the announced table
// was placed by come from the same replay (audit_verify.cc).
#include "gallery/store/audit_replay.h"
#include "gallery/store/results_store.h"

namespace poster::gallery {
namespace {

using nlohmann::json;

std::string Record(const AuditRecord& record) {
  return "record " + std::to_string(record.seq) + " (" + record.action + ")";
}

// The rules in force at this point of the log (the default when none was logged).
voting::Rules RulesOf(const Replay& replay) {
  if (replay.config && !replay.config->empty()) {
    Result<ContestConfig> logged = ParseConfig(*replay.config, "the logged config");
    if (logged.ok()) return logged->rules;
  }
  return DefaultConfig().rules;
}

// What the replay says of `id` as a person who judges, and of the finalists.
voting::Person PersonIn(const Replay& replay, const std::string& id) {
  voting::Person person{id, "", {}};
  if (auto it = replay.people.find(id); it != replay.people.end()) {
    person.department = it->second.department;
    for (const std::string& role : it->second.roles)
      if (std::optional<voting::Role> parsed = voting::ParseRole(role))
        person.roles.push_back(*parsed);
  }
  return person;
}

// The finalists still approved, as NextPair's conflicts see them; `gone` gets
// the others (never offered either).
std::vector<voting::Candidate> FinalistsIn(const Replay& replay,
                                           const std::vector<int64_t>& finalists,
                                           std::set<int64_t>& gone) {
  std::vector<voting::Candidate> out;
  for (int64_t id : finalists) {
    auto it = replay.entries.find(id);
    if (it == replay.entries.end() || it->second.status != "approved") {
      gone.insert(id);
      continue;
    }
    voting::Candidate candidate{id, {}, {}, {}};
    candidate.authors.push_back(it->second.facts.author);
    candidate.authors.insert(candidate.authors.end(), it->second.co_authors.begin(),
                             it->second.co_authors.end());
    for (const std::string& author : candidate.authors) {
      std::string department = PersonIn(replay, author).department;
      if (!department.empty()) candidate.departments.push_back(department);
    }
    for (const auto& [key, reason] : replay.recusals)
      if (key.second == id) candidate.recused.push_back(key.first);
    out.push_back(std::move(candidate));
  }
  return out;
}

void ApplyAnswer(const AuditRecord& record, const json& detail, Replay& replay,
                 AuditReport& report) {
  std::optional<voting::PairOutcome> outcome =
      voting::ParsePairOutcome(detail.at("outcome").get<std::string>());
  voting::PairJudgment answer{detail.at("judge").get<std::string>(),
                              detail.at("left").get<int64_t>(), detail.at("right").get<int64_t>(),
                              outcome.value_or(voting::PairOutcome::kSkip)};
  ReplayedFinal* final = replay.final ? &*replay.final : nullptr;
  if (!final || final->closed || !replay.announcements.empty() || !outcome) {
    report.problems.push_back(Record(record) + " answers a pair when no final was open");
  } else {
    std::set<int64_t> barred;
    std::vector<voting::Candidate> finalists = FinalistsIn(replay, final->finalists, barred);
    barred.merge(
        voting::BarredFinalists(RulesOf(replay), PersonIn(replay, answer.judge), finalists));
    std::optional<voting::PairToShow> offered =
        voting::NextPair({final->max_per_judge}, final->finalists, final->answers, answer.judge,
                         final->seed, barred);
    if (!voting::CheckPairOffered(offered, answer).ok())
      report.problems.push_back(Record(record) + ": judge " + answer.judge +
                                " answered a pair the final did not offer them");
  }
  if (final) final->answers.push_back(answer);
}

std::string AnswerText(const voting::PairJudgment& a) {
  return a.judge + " " + std::to_string(a.left) + "-" + std::to_string(a.right) + " " +
         std::string(voting::PairOutcomeName(a.outcome));
}

}  // namespace

bool ApplyFinalRecord(const AuditRecord& record, const json& detail, Replay& replay,
                      AuditReport& report) {
  if (record.action == "final.open") {
    replay.final = ReplayedFinal{detail.at("finalists").get<std::vector<int64_t>>(),
                                 detail.at("seed").get<std::string>(),
                                 record.actor,
                                 detail.at("max_per_judge").get<int>(),
                                 false,
                                 {}};
  } else if (record.action == "judge.pair") {
    ApplyAnswer(record, detail, replay, report);
  } else if (record.action == "final.close") {
    if (replay.final) replay.final->closed = true;
  } else {
    return false;
  }
  return true;
}

Status CompareFinal(Database& db, const Replay& replay, AuditReport& report) {
  report.checked.push_back("pairwise_final");
  bool stored = false;
  POSTER_RETURN_IF_ERROR(ForEachRow(
      db.Prepare("SELECT finalists, seed, max_per_judge, opened_by, closed_at FROM pairwise_final"),
      [&](const Statement& row) {
        stored = true;
        const ReplayedFinal* final = replay.final ? &*replay.final : nullptr;
        json finalists = json::parse(row.Text(0), nullptr, false);
        bool same = final && finalists == json(final->finalists) && row.Text(1) == final->seed &&
                    row.Int(2) == final->max_per_judge && row.Text(3) == final->opened_by &&
                    row.Text(4).empty() != final->closed;
        if (!same) report.problems.push_back("pairwise_final: the final differs from the log");
      }));
  if (replay.final && !stored)
    report.problems.push_back("pairwise_final: the log's final is missing");
  report.checked.push_back("pair_answers");
  POSTER_ASSIGN_OR_RETURN(std::vector<voting::PairJudgment> rows, ReadPairAnswers(db));
  const std::vector<voting::PairJudgment> none;
  const std::vector<voting::PairJudgment>& logged = replay.final ? replay.final->answers : none;
  for (size_t i = 0; i < std::max(rows.size(), logged.size()); ++i) {
    if (i < rows.size() && i < logged.size() && AnswerText(rows[i]) == AnswerText(logged[i]))
      continue;
    report.problems.push_back("pair_answers: answer " + std::to_string(i + 1) +
                              " differs from the log (" +
                              (i < logged.size() ? AnswerText(logged[i]) : "none logged") + ")");
    break;
  }
  return Status::Ok();
}

}  // namespace poster::gallery
