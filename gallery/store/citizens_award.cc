// The 시민 인기상 (issue 12): the most-liked approved entry, ties broken by the
// result table's own rank (the contest's tie-breaks), shared by equal ranks.
#include "gallery/store/results_store.h"

namespace poster::gallery {

using nlohmann::json;

void SetCitizensChoice(Results& results, const CitizenSettings& settings) {
  results.citizens_choice.reset();
  if (!settings.award) return;
  int most = 0;
  for (const ResultRow& row : results.rows) most = std::max(most, row.tally.citizen_likes);
  if (most == 0) return;
  CitizensChoice choice{settings.award_name, settings.award_name_en, most, {}};
  int rank = 0;  // of the first (highest-ranked) of the most-liked; rows are in rank order
  for (const ResultRow& row : results.rows) {
    if (row.tally.citizen_likes != most) continue;
    if (rank == 0) rank = row.tally.rank;
    if (row.tally.rank != rank) break;
    choice.winners.push_back({row.tally.id, row.title, row.author_name, row.department, row.theme});
  }
  results.citizens_choice = std::move(choice);
}

json CitizensChoiceJson(const CitizensChoice& choice) {
  json winners = json::array();
  for (const CitizensChoiceWinner& w : choice.winners) {
    winners.push_back({{"entry", w.entry},
                       {"title", w.title},
                       {"author_name", w.author_name},
                       {"department", w.department},
                       {"theme", w.theme}});
  }
  return {{"name", choice.name},
          {"name_en", choice.name_en},
          {"likes", choice.likes},
          {"winners", winners}};
}

std::optional<CitizensChoice> CitizensChoiceFromJson(const json& in) {
  if (!in.is_object()) return std::nullopt;
  CitizensChoice choice{in.value("name", ""), in.value("name_en", ""), in.value("likes", 0), {}};
  for (const json& w : in.value("winners", json::array())) {
    choice.winners.push_back({w.value("entry", int64_t{0}), w.value("title", ""),
                              w.value("author_name", ""), w.value("department", ""),
                              w.value("theme", "")});
  }
  return choice;
}

Status SetCitizenLikes(Database& db, std::vector<EntryRecordForTally>& entries) {
  std::map<int64_t, int> likes;
  POSTER_RETURN_IF_ERROR(
      ForEachRow(db.Prepare("SELECT entry_id, count(*) FROM citizen_likes GROUP BY entry_id"),
                 [&](const Statement& row) { likes[row.Int(0)] = int(row.Int(1)); }));
  for (EntryRecordForTally& entry : entries) {
    auto it = likes.find(entry.id);
    entry.citizen_likes = it == likes.end() ? 0 : it->second;
  }
  return Status::Ok();
}

}  // namespace poster::gallery
