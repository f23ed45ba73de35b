// Awards after the announcement: each entry's tier from the stored table, and
// the judges' comments an admin publishes for the results page.
#include "base/text.h"
#include "gallery/store/audit.h"
#include "gallery/store/awards_store.h"
#include "gallery/store/results_store.h"

namespace poster::gallery {
namespace {

Status InvalidText(std::string_view field, std::string_view problem, std::string message) {
  return Status(std::string(kInvalidMetadata), std::move(message),
                {{"field", std::string(field)},
                 {"problem", std::string(problem)},
                 {"max", std::to_string(kMaxAwardText)}});
}

Status NoComment(std::string_view judge, int64_t entry) {
  return Status(
      std::string(kNotFound),
      "Judge " + std::string(judge) + " wrote no comment on entry " + std::to_string(entry) + ".",
      {{"entry", std::to_string(entry)}});
}

Status Publish(CatalogueState& self, std::string_view judge, int64_t entry,
               std::string_view actor) {
  std::optional<std::string> text;
  POSTER_RETURN_IF_ERROR(ForEachRow(
      Query(self.db,
            "SELECT comment FROM scores WHERE judge = ? AND entry_id = ? AND comment != ''", judge,
            entry),
      [&](const Statement& row) { text = row.Text(0); }));
  if (!text) return NoComment(judge, entry);
  POSTER_RETURN_IF_ERROR(Execute(self.db,
                                 "INSERT INTO comment_publications (judge, entry_id, text, "
                                 "published_at, actor) VALUES (?, ?, ?, ?, ?) ON CONFLICT "
                                 "(judge, entry_id) DO UPDATE SET text = excluded.text, "
                                 "published_at = excluded.published_at, actor = excluded.actor",
                                 judge, entry, *text, self.NowText(), actor));
  nlohmann::json detail = {{"judge", std::string(judge)}, {"entry", entry}, {"text", *text}};
  return AppendAudit(self.db, *self.clock, actor, "comment.publish",
                     "entry:" + std::to_string(entry), detail.dump());
}

Status Withdraw(CatalogueState& self, std::string_view judge, int64_t entry,
                std::string_view actor) {
  POSTER_RETURN_IF_ERROR(Execute(
      self.db, "DELETE FROM comment_publications WHERE judge = ? AND entry_id = ?", judge, entry));
  if (self.db.Changes() == 0) return NoComment(judge, entry);
  nlohmann::json detail = {{"judge", std::string(judge)}, {"entry", entry}};
  return AppendAudit(self.db, *self.clock, actor, "comment.withdraw",
                     "entry:" + std::to_string(entry), detail.dump());
}

}  // namespace

Status CheckAwardText(std::string_view field, std::string_view text, TextRequired required) {
  std::string name(field);
  std::optional<size_t> length = CountCodePoints(text);
  if (!length) return InvalidText(field, "not_utf8", "The " + name + " is not valid UTF-8 text.");
  if (required == TextRequired::kRequired && Trim(text).empty())
    return InvalidText(field, "missing", "The " + name + " is missing; write it.");
  if (*length > kMaxAwardText) {
    return InvalidText(field, "too_long",
                       "The " + name + " is " + std::to_string(*length) + " characters; at most " +
                           std::to_string(kMaxAwardText) + " are allowed.");
  }
  if (HasControlCharacters(text, true)) {
    return InvalidText(field, "control_characters",
                       "The " + name + " holds control characters; type it again as plain text.");
  }
  return Status::Ok();
}

Result<std::optional<StoredAnnouncement>> ReadAnnouncement(Database& db) {
  std::optional<StoredAnnouncement> stored;
  POSTER_RETURN_IF_ERROR(ForEachRow(
      db.Prepare("SELECT announced_at, final_at, result FROM announcements ORDER BY id DESC "
                 "LIMIT 1"),
      [&](const Statement& row) {
        nlohmann::json table = nlohmann::json::parse(row.Text(2), nullptr, false);
        stored = StoredAnnouncement{row.Text(0), row.Text(1),
                                    table.is_object() ? table : nlohmann::json::object()};
      }));
  return stored;
}

Result<int64_t> Catalogue::GalleryVersion() const {
  std::lock_guard lock(impl_->mutex);
  int64_t version = 0;
  POSTER_RETURN_IF_ERROR(
      ForEachRow(impl_->db.Prepare("SELECT n FROM change_counts WHERE what = 'gallery'"),
                 [&](const Statement& row) { version = row.Int(0); }));
  return version;
}

Result<std::map<int64_t, AwardedTier>> Catalogue::AwardedTiers() const {
  std::lock_guard lock(impl_->mutex);
  POSTER_ASSIGN_OR_RETURN(std::optional<StoredAnnouncement> stored, ReadAnnouncement(impl_->db));
  std::map<int64_t, AwardedTier> tiers;
  if (!stored) return tiers;
  Results results = ResultsFromJson(stored->table);
  POSTER_ASSIGN_OR_RETURN(std::vector<StoredRevocation> revoked, ReadRevocations(impl_->db));
  ApplyRevocations(results, revoked);  // a revoked award's badge goes with it
  for (const ResultRow& row : results.rows) {
    if (!row.tally.tier) continue;
    const voting::Tier& tier = results.rules.tiers[*row.tally.tier];
    tiers[row.tally.id] = {tier.name, tier.name_en};
  }
  return tiers;
}

Result<std::vector<JudgeComment>> Catalogue::JudgeComments(std::string_view actor) const {
  std::lock_guard lock(impl_->mutex);
  POSTER_RETURN_IF_ERROR(
      RequireRole(impl_->db, actor, voting::Role::kAdmin, "read the judges' comments"));
  std::vector<JudgeComment> comments;
  POSTER_RETURN_IF_ERROR(ForEachRow(
      impl_->db.Prepare(
          "SELECT s.judge, coalesce(p.name, s.judge), s.entry_id, e.title, s.comment, "
          "c.text IS NOT NULL, coalesce(c.text, '') FROM scores s JOIN entries e ON e.id = "
          "s.entry_id LEFT JOIN people p ON p.employee_id = s.judge LEFT JOIN "
          "comment_publications c ON c.judge = s.judge AND c.entry_id = s.entry_id WHERE "
          "s.comment != '' ORDER BY s.entry_id, s.judge"),
      [&](const Statement& row) {
        comments.push_back({row.Text(0), row.Text(1), row.Int(2), row.Text(3), row.Text(4),
                            row.Int(5) != 0, row.Text(6)});
      }));
  return comments;
}

Status Catalogue::PublishComment(std::string_view judge, int64_t entry, CommentChange change,
                                 std::string_view actor) {
  CatalogueState& self = *impl_;
  return WriteAs(self, {actor, voting::Role::kAdmin, "publish judges' comments"}, [&]() {
    return change == CommentChange::kPublish ? Publish(self, judge, entry, actor)
                                             : Withdraw(self, judge, entry, actor);
  });
}

Result<std::map<int64_t, std::vector<std::string>>> Catalogue::PublishedComments() const {
  std::lock_guard lock(impl_->mutex);
  std::map<int64_t, std::vector<std::string>> comments;
  POSTER_ASSIGN_OR_RETURN(std::optional<StoredAnnouncement> stored, ReadAnnouncement(impl_->db));
  if (!stored) return comments;
  POSTER_RETURN_IF_ERROR(ForEachRow(
      impl_->db.Prepare(
          "SELECT entry_id, text FROM comment_publications ORDER BY entry_id, published_at"),
      [&](const Statement& row) { comments[row.Int(0)].push_back(row.Text(1)); }));
  return comments;
}

}  // namespace poster::gallery
