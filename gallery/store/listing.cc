// Lists of entries, people and files, for the pages and the API.
#include "gallery/store/catalogue_state.h"

namespace poster::gallery {
namespace {

Result<std::vector<Entry>> Read(CatalogueState& self, Result<Statement> ids_query) {
  std::vector<int64_t> ids;
  POSTER_RETURN_IF_ERROR(
      ForEachRow(std::move(ids_query), [&](const Statement& row) { ids.push_back(row.Int(0)); }));
  std::vector<Entry> entries;
  for (int64_t id : ids) {
    POSTER_ASSIGN_OR_RETURN(Entry entry, ReadEntry(self.db, self.blobs, id));
    entries.push_back(std::move(entry));
  }
  return entries;
}

}  // namespace

Result<std::vector<Entry>> Catalogue::EntriesIn(voting::EntryStatus status) const {
  std::lock_guard lock(impl_->mutex);
  return Read(*impl_,
              Query(impl_->db, "SELECT id FROM entries WHERE status = ? ORDER BY created_at, id",
                    voting::EntryStatusName(status)));
}

Result<std::vector<Entry>> Catalogue::ReviewQueue() const {
  return EntriesIn(voting::EntryStatus::kSubmitted);
}

Result<std::map<int64_t, ReviewClaim>> Catalogue::ReviewClaims() const {
  std::lock_guard lock(impl_->mutex);
  std::map<int64_t, ReviewClaim> claims;
  POSTER_RETURN_IF_ERROR(ForEachRow(
      Query(impl_->db,
            "SELECT c.entry_id, c.moderator, coalesce(p.name, c.moderator), c.expires_at FROM "
            "review_claims c LEFT JOIN people p ON p.employee_id = c.moderator WHERE "
            "c.expires_at > ?",
            impl_->NowText()),
      [&](const Statement& row) {
        claims[row.Int(0)] = {row.Text(1), row.Text(2), row.Text(3)};
      }));
  return claims;
}

Result<std::vector<Entry>> Catalogue::EntriesBy(std::string_view author) const {
  std::lock_guard lock(impl_->mutex);
  return Read(*impl_, Query(impl_->db,
                            "SELECT id FROM entries WHERE author = ?1 OR id IN "
                            "(SELECT entry_id FROM co_authors WHERE employee_id = ?1) ORDER BY "
                            "created_at DESC, id DESC",
                            author));
}

Result<Media> Catalogue::FindMedia(std::string_view sha256, std::optional<int> width,
                                   ingest::Format format) const {
  std::lock_guard lock(impl_->mutex);
  CatalogueState& self = *impl_;
  std::string sql =
      width ? "SELECT d.blob, f.entry_id FROM derivatives d JOIN files f ON f.id = d.file_id "
              "JOIN fingerprints fp ON fp.file_id = f.id WHERE fp.sha256 = ?1 AND d.width = ?2 AND "
              "d.format = ?3 "
              "ORDER BY f.id DESC LIMIT 1"
            : "SELECT f.blob, f.entry_id FROM files f JOIN fingerprints fp ON fp.file_id = f.id "
              "WHERE fp.sha256 = ?1 AND f.format = ?3 AND ?2 = 0 ORDER BY f.id DESC LIMIT 1";
  POSTER_ASSIGN_OR_RETURN(
      Statement query, Query(self.db, sql, sha256, width.value_or(0), ingest::FormatName(format)));
  POSTER_ASSIGN_OR_RETURN(bool row, query.Step());
  if (!row) return Status(std::string(kNotFound), "There is no such file.");
  Media media{self.blobs.Absolute(query.Text(0)), format, query.Int(1), "", "", {}};
  POSTER_ASSIGN_OR_RETURN(EntryFacts facts, FactsOf(self.db, media.entry));
  media.status = std::string(voting::EntryStatusName(facts.status));
  media.author = facts.author;
  media.co_authors = facts.co_authors;
  return media;
}

Result<PersonRecord> Catalogue::Person(std::string_view employee_id) const {
  std::lock_guard lock(impl_->mutex);
  POSTER_ASSIGN_OR_RETURN(
      Statement query,
      Query(impl_->db, "SELECT name, department, email FROM people WHERE employee_id = ?",
            employee_id));
  POSTER_ASSIGN_OR_RETURN(bool row, query.Step());
  if (!row) {
    return Status(std::string(kNotFound), std::string(employee_id) + " is not on the roster.");
  }
  PersonRecord person{std::string(employee_id), query.Text(0), query.Text(1), query.Text(2), {}};
  Result<std::optional<voting::Person>> roles = FindPerson(impl_->db, employee_id);
  if (roles.ok() && *roles) person.roles = (*roles)->roles;
  return person;
}

}  // namespace poster::gallery
