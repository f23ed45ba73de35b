// The pairwise final as it persists: the final an admin opened, the answers
// judges gave on the pairs voting::NextPair showed them (each held to that
// pair), both audited, and the finalists' ranks the tally places them by.
#include <nlohmann/json.hpp>

#include "gallery/store/audit.h"
#include "gallery/store/catalogue_state.h"
#include "gallery/store/judging_facts.h"
#include "gallery/store/results_store.h"

namespace poster::gallery {
namespace {

Result<std::optional<PairwiseFinal>> ReadFinal(Database& db) {
  std::optional<PairwiseFinal> final;
  POSTER_RETURN_IF_ERROR(ForEachRow(
      db.Prepare("SELECT finalists, seed, max_per_judge, opened_at, opened_by, closed_at "
                 "FROM pairwise_final"),
      [&](const Statement& row) {
        nlohmann::json finalists = nlohmann::json::parse(row.Text(0), nullptr, false);
        final.emplace();
        if (finalists.is_array()) final->finalists = finalists.get<std::vector<int64_t>>();
        final->seed = row.Text(1);
        final->max_per_judge = int(row.Int(2));
        final->opened_at = row.Text(3);
        final->opened_by = row.Text(4);
        final->closed_at = row.Text(5);
      }));
  if (!final) return final;
  POSTER_RETURN_IF_ERROR(ForEachRow(
      db.Prepare("SELECT judge, left_entry, right_entry, outcome FROM pair_answers ORDER BY id"),
      [&](const Statement& row) {
        std::optional<voting::PairOutcome> outcome = voting::ParsePairOutcome(row.Text(3));
        final->answers.push_back(
            {row.Text(0), row.Int(1), row.Int(2), outcome.value_or(voting::PairOutcome::kSkip)});
      }));
  return final;
}

// The final just written, read back (a read that fails says so, never crashes).
Result<PairwiseFinal> StoredFinal(Database& db) {
  POSTER_ASSIGN_OR_RETURN(std::optional<PairwiseFinal> final, ReadFinal(db));
  if (!final) return Status(std::string(kStoreFailed), "The pairwise final was not stored.");
  return std::move(*final);
}

Status NoFinalOpen(std::string_view why) {
  return Status(std::string(voting::kInvalidTransition), std::string(why),
                {{"reason", "no_final_open"}});
}

// The finalists `judge` may not compare: their own, recused or (configured)
// their department's, and any no longer approved.
Result<std::set<int64_t>> BarredFor(CatalogueState& self, std::string_view judge,
                                    const std::vector<int64_t>& finalists) {
  POSTER_ASSIGN_OR_RETURN(std::vector<voting::Candidate> approved, JudgingCandidates(self.db));
  std::vector<voting::Candidate> candidates;
  std::set<int64_t> barred(finalists.begin(), finalists.end());
  for (const voting::Candidate& c : approved) {
    if (!barred.erase(c.id)) continue;
    candidates.push_back(c);
  }
  POSTER_ASSIGN_OR_RETURN(std::optional<voting::Person> person, FindPerson(self.db, judge));
  voting::Person who = person.value_or(voting::Person{std::string(judge), "", {}});
  barred.merge(voting::BarredFinalists(self.config.rules, who, candidates));
  return barred;
}

// The pair `judge` is shown now, or nothing (done, closed, announced).
Result<std::optional<voting::PairToShow>> Offered(CatalogueState& self, const PairwiseFinal& final,
                                                  std::string_view judge) {
  POSTER_ASSIGN_OR_RETURN(bool announced, Announced(self.db));
  if (announced || !final.closed_at.empty()) return std::optional<voting::PairToShow>();
  POSTER_ASSIGN_OR_RETURN(std::set<int64_t> barred, BarredFor(self, judge, final.finalists));
  voting::PairwiseRules rules{final.max_per_judge};
  return voting::NextPair(rules, final.finalists, final.answers, judge, final.seed, barred);
}

Result<std::vector<int64_t>> Approved(Database& db) {
  std::vector<int64_t> ids;
  POSTER_RETURN_IF_ERROR(
      ForEachRow(db.Prepare("SELECT id FROM entries WHERE status = 'approved' ORDER BY id"),
                 [&](const Statement& row) { ids.push_back(row.Int(0)); }));
  return ids;
}

Status OpenIn(CatalogueState& self, const std::vector<int64_t>& finalists, std::string_view seed,
              int max_per_judge, std::string_view actor) {
  POSTER_ASSIGN_OR_RETURN(bool announced, Announced(self.db));
  if (announced) return NoFinalOpen("The results are announced: a final can no longer be held.");
  POSTER_ASSIGN_OR_RETURN(std::optional<PairwiseFinal> existing, ReadFinal(self.db));
  if (existing) return NoFinalOpen("A pairwise final was opened already; a contest holds one.");
  if (max_per_judge < 0)
    return Status("bad_request",  // web.h's kBadRequest: the request was malformed
                  "max_per_judge is 0 (no limit) or more.", {{"field", "max_per_judge"}});
  POSTER_ASSIGN_OR_RETURN(std::vector<int64_t> approved, Approved(self.db));
  POSTER_RETURN_IF_ERROR(voting::CheckFinalists(approved, finalists));
  std::string list = nlohmann::json(finalists).dump();
  POSTER_RETURN_IF_ERROR(Execute(self.db,
                                 "INSERT INTO pairwise_final (id, finalists, seed, max_per_judge, "
                                 "opened_at, opened_by) VALUES (1, ?, ?, ?, ?, ?)",
                                 list, std::string(seed), int64_t(max_per_judge), self.NowText(),
                                 std::string(actor)));
  nlohmann::json detail = {
      {"finalists", finalists}, {"seed", std::string(seed)}, {"max_per_judge", max_per_judge}};
  return AppendAudit(self.db, *self.clock, actor, "final.open", "final", detail.dump());
}

}  // namespace

Result<std::vector<voting::PairJudgment>> ReadPairAnswers(Database& db) {
  std::vector<voting::PairJudgment> answers;
  POSTER_RETURN_IF_ERROR(ForEachRow(
      db.Prepare("SELECT judge, left_entry, right_entry, outcome FROM pair_answers ORDER BY id"),
      [&](const Statement& row) {
        std::optional<voting::PairOutcome> outcome = voting::ParsePairOutcome(row.Text(3));
        answers.push_back(
            {row.Text(0), row.Int(1), row.Int(2), outcome.value_or(voting::PairOutcome::kSkip)});
      }));
  return answers;
}

nlohmann::json PairwiseFinalToJson(const PairwiseFinal& final) {
  nlohmann::json answers = nlohmann::json::array(), order = nlohmann::json::array();
  for (const voting::PairJudgment& a : final.answers) {
    answers.push_back({{"judge", a.judge},
                       {"left", a.left},
                       {"right", a.right},
                       {"outcome", voting::PairOutcomeName(a.outcome)}});
  }
  for (const voting::PairwiseRow& row : final.order) {
    order.push_back({{"entry", row.entry},
                     {"rank", row.rank},
                     {"strength", row.strength},
                     {"wins", row.wins},
                     {"answers", row.answers}});
  }
  return {{"finalists", final.finalists},
          {"seed", final.seed},
          {"max_per_judge", final.max_per_judge},
          {"opened_at", final.opened_at},
          {"closed_at", final.closed_at},
          {"answers", answers},
          {"order", order}};
}

void SetFinalRanks(const std::vector<int64_t>& finalists,
                   const std::vector<voting::PairJudgment>& answers,
                   std::vector<EntryRecordForTally>& entries) {
  std::map<int64_t, int> ranks;
  for (const voting::PairwiseRow& row : voting::PairwiseOrder(finalists, answers))
    ranks[row.entry] = row.rank;
  for (EntryRecordForTally& entry : entries) {
    auto it = ranks.find(entry.id);
    entry.final_rank = it == ranks.end() ? 0 : it->second;
  }
}

Status SetFinalRanks(Database& db, std::vector<EntryRecordForTally>& entries) {
  POSTER_ASSIGN_OR_RETURN(std::optional<PairwiseFinal> final, ReadFinal(db));
  if (final) SetFinalRanks(final->finalists, final->answers, entries);
  return Status::Ok();
}

Result<PairwiseFinal> Catalogue::OpenPairwiseFinal(const std::vector<int64_t>& finalists,
                                                   std::string_view seed, int max_per_judge,
                                                   std::string_view actor) {
  CatalogueState& self = *impl_;
  return WriteAs(
      self, {actor, voting::Role::kAdmin, "open the pairwise final"},
      [&] { return OpenIn(self, finalists, seed, max_per_judge, actor); },
      [&] { return StoredFinal(self.db); });
}

Result<PairwiseFinal> Catalogue::ClosePairwiseFinal(std::string_view actor) {
  CatalogueState& self = *impl_;
  return WriteAs(
      self, {actor, voting::Role::kAdmin, "close the pairwise final"},
      [&]() -> Status {
        POSTER_ASSIGN_OR_RETURN(std::optional<PairwiseFinal> final, ReadFinal(self.db));
        if (!final || !final->closed_at.empty()) return NoFinalOpen("No pairwise final is open.");
        POSTER_RETURN_IF_ERROR(
            Execute(self.db, "UPDATE pairwise_final SET closed_at = ?", self.NowText()));
        nlohmann::json detail = {{"answers", final->answers.size()}};
        return AppendAudit(self.db, *self.clock, actor, "final.close", "final", detail.dump());
      },
      [&] { return StoredFinal(self.db); });
}

Result<std::optional<PairwiseFinal>> Catalogue::PairwiseFinalFor(std::string_view viewer) const {
  std::lock_guard lock(impl_->mutex);
  Database& db = impl_->db;
  bool admin = RequireRole(db, viewer, voting::Role::kAdmin, "see the pairwise final").ok();
  if (!admin) POSTER_RETURN_IF_ERROR(RequireRole(db, viewer, voting::Role::kJudge, "judge"));
  POSTER_ASSIGN_OR_RETURN(std::optional<PairwiseFinal> final, ReadFinal(db));
  if (!final) return final;
  if (admin) {
    final->order = voting::PairwiseOrder(final->finalists, final->answers);
  } else {
    std::erase_if(final->answers, [&](const voting::PairJudgment& a) { return a.judge != viewer; });
  }
  return final;
}

Result<std::optional<voting::PairToShow>> Catalogue::NextPairFor(std::string_view judge) const {
  std::lock_guard lock(impl_->mutex);
  CatalogueState& self = *impl_;
  POSTER_RETURN_IF_ERROR(RequireRole(self.db, judge, voting::Role::kJudge, "judge"));
  POSTER_ASSIGN_OR_RETURN(std::optional<PairwiseFinal> final, ReadFinal(self.db));
  if (!final) return std::optional<voting::PairToShow>();
  return Offered(self, *final, judge);
}

Status Catalogue::AnswerPair(const voting::PairJudgment& answer) {
  CatalogueState& self = *impl_;
  return WriteAs(self, {answer.judge, voting::Role::kJudge, "judge"}, [&]() -> Status {
    POSTER_ASSIGN_OR_RETURN(std::optional<PairwiseFinal> final, ReadFinal(self.db));
    POSTER_ASSIGN_OR_RETURN(bool announced, Announced(self.db));
    if (!final || !final->closed_at.empty() || announced)
      return NoFinalOpen("No pairwise final is open: there is nothing to compare.");
    POSTER_ASSIGN_OR_RETURN(std::optional<voting::PairToShow> offered,
                            Offered(self, *final, answer.judge));
    POSTER_RETURN_IF_ERROR(voting::CheckPairOffered(offered, answer));
    std::string outcome(voting::PairOutcomeName(answer.outcome));
    POSTER_RETURN_IF_ERROR(Execute(self.db,
                                   "INSERT INTO pair_answers (judge, left_entry, right_entry, "
                                   "outcome, answered_at) VALUES (?, ?, ?, ?, ?)",
                                   answer.judge, answer.left, answer.right, outcome,
                                   self.NowText()));
    nlohmann::json detail = {{"judge", answer.judge},
                             {"left", answer.left},
                             {"right", answer.right},
                             {"outcome", outcome}};
    return AppendAudit(self.db, *self.clock, answer.judge, "judge.pair", "final", detail.dump());
  });
}

}  // namespace poster::gallery
