// The shortlist of the verification period (검증 기간): from the announcement
// until the results are final, the entries that would take a tier are public,
// each with the posters that look nearly the same, so that anyone can point out
// a copy before the awards are final (행정기관의 공모전 운영에 관한 규정).
#include "gallery/store/awards_store.h"
#include "gallery/store/entry_store.h"
#include "gallery/store/results_store.h"

namespace poster::gallery {
namespace {

struct CurrentFile {
  std::string sha256;
  uint64_t phash = 0;
};

Result<std::optional<CurrentFile>> CurrentFileOf(Database& db, int64_t entry) {
  std::optional<CurrentFile> file;
  POSTER_RETURN_IF_ERROR(ForEachRow(
      Query(db,
            "SELECT fp.sha256, fp.phash FROM files f JOIN fingerprints fp ON fp.file_id = f.id "
            "WHERE f.entry_id = ? ORDER BY f.version DESC LIMIT 1",
            entry),
      [&](const Statement& row) {
        file = CurrentFile{row.Text(0), static_cast<uint64_t>(row.Int(1))};
      }));
  return file;
}

// Lists a neighbour the public may see (approved); counts the others.
Status AddNeighbour(Database& db, const Neighbour& near, ShortlistEntry& entry) {
  bool approved = false;
  std::string title;
  POSTER_RETURN_IF_ERROR(
      ForEachRow(Query(db, "SELECT status, title FROM entries WHERE id = ?", near.entry),
                 [&](const Statement& row) {
                   approved = row.Text(0) == "approved";
                   title = row.Text(1);
                 }));
  if (!approved || entry.neighbours.size() >= kShortlistNeighbours) {
    entry.hidden_neighbours += approved ? 0 : 1;
    return Status::Ok();
  }
  POSTER_ASSIGN_OR_RETURN(std::optional<CurrentFile> file, CurrentFileOf(db, near.entry));
  entry.neighbours.push_back({near.entry, near.distance, title, file ? file->sha256 : ""});
  return Status::Ok();
}

Result<ShortlistEntry> EntryOf(CatalogueState& self, const Results& results, const ResultRow& row) {
  const voting::Tier& tier = results.rules.tiers[*row.tally.tier];
  ShortlistEntry entry{
      row.tally.id,   row.tally.rank, tier.name, tier.name_en, row.title, row.author_name,
      row.department, row.theme,      "",        {},           0};
  POSTER_ASSIGN_OR_RETURN(std::optional<CurrentFile> file, CurrentFileOf(self.db, entry.entry));
  if (!file) return entry;
  entry.sha256 = file->sha256;
  POSTER_ASSIGN_OR_RETURN(
      std::vector<Neighbour> near,
      FindNearDuplicates(self.db, file->phash, self.config.near_duplicate_distance, entry.entry));
  for (const Neighbour& n : near) POSTER_RETURN_IF_ERROR(AddNeighbour(self.db, n, entry));
  return entry;
}

}  // namespace

Result<Shortlist> Catalogue::ShortlistNow() const {
  std::lock_guard lock(impl_->mutex);
  CatalogueState& self = *impl_;
  POSTER_ASSIGN_OR_RETURN(std::optional<StoredAnnouncement> stored, ReadAnnouncement(self.db));
  if (!stored) {
    return Status(std::string(kResultsSealed),
                  "The shortlist is published when the results are announced; it is public "
                  "until they are final.");
  }
  Results results = ResultsFromJson(stored->table);
  POSTER_ASSIGN_OR_RETURN(std::vector<StoredRevocation> revoked, ReadRevocations(self.db));
  ApplyRevocations(results, revoked);
  Shortlist list;
  list.announced_at = stored->announced_at;
  list.final_at = stored->final_at;
  list.state = self.NowText() >= stored->final_at ? "final" : "announced";
  list.time_zone = self.config.time_zone;
  list.max_distance = self.config.near_duplicate_distance;
  for (const ResultRow& row : results.rows) {
    if (!row.tally.tier) continue;
    POSTER_ASSIGN_OR_RETURN(ShortlistEntry entry, EntryOf(self, results, row));
    list.entries.push_back(std::move(entry));
  }
  return list;
}

}  // namespace poster::gallery
