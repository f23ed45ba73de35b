// Objections (이의 신청) to the announced results: filed by staff during the
// objection period, answered by admins, every step audited.
#include "gallery/store/audit.h"
#include "gallery/store/awards_store.h"

namespace poster::gallery {
namespace {

constexpr std::string_view kObjectionColumns =
    "SELECT o.id, o.entry_id, coalesce(e.title, ''), o.filer, coalesce(p.name, o.filer), "
    "coalesce(p.department, ''), o.text, o.filed_at, o.answer, o.answered_at, o.answered_by "
    "FROM objections o LEFT JOIN entries e ON e.id = o.entry_id LEFT JOIN people p ON "
    "p.employee_id = o.filer ";

Objection ObjectionOf(const Statement& row) {
  return {row.Int(0),  row.Int(1),  row.Text(2), row.Text(3), row.Text(4), row.Text(5),
          row.Text(6), row.Text(7), row.Text(8), row.Text(9), row.Text(10)};
}

template <typename... Args>
Result<std::vector<Objection>> ReadObjections(Database& db, std::string_view where,
                                              const Args&... args) {
  std::vector<Objection> found;
  POSTER_RETURN_IF_ERROR(
      ForEachRow(Query(db, std::string(kObjectionColumns) + std::string(where), args...),
                 [&](const Statement& row) { found.push_back(ObjectionOf(row)); }));
  return found;
}

Status Closed(std::string_view reason, std::string message, int days) {
  return Status(std::string(kObjectionClosed), std::move(message),
                {{"reason", std::string(reason)}, {"days", std::to_string(days)}});
}

// The objection period: from the announcement until the results are final.
Status CheckPeriod(CatalogueState& self, const std::optional<StoredAnnouncement>& stored) {
  int days = self.config.objection_days;
  if (!stored) {
    return Closed(
        "not_announced",
        "Objections open when the results are announced, for " + std::to_string(days) + " days.",
        days);
  }
  if (self.NowText() >= stored->final_at) {
    return Closed("period_over",
                  "The objection period ended when the results became final; objections were "
                  "taken for " +
                      std::to_string(days) + " days after the announcement.",
                  days);
  }
  return Status::Ok();
}

Status CheckInTable(const StoredAnnouncement& stored, int64_t entry) {
  for (const nlohmann::json& row : stored.table.value("rows", nlohmann::json::array()))
    if (row.is_object() && row.value("entry", int64_t{0}) == entry) return Status::Ok();
  return Status(std::string(kNotFound),
                "Entry " + std::to_string(entry) + " is not in the announced results.",
                {{"entry", std::to_string(entry)}});
}

Result<Objection> OneObjection(Database& db, int64_t id) {
  POSTER_ASSIGN_OR_RETURN(std::vector<Objection> found, ReadObjections(db, "WHERE o.id = ?", id));
  if (found.empty()) {
    return Status(std::string(kNotFound), "There is no objection " + std::to_string(id) + ".",
                  {{"objection", std::to_string(id)}});
  }
  return found.front();
}

Status Insert(CatalogueState& self, std::string_view filer, int64_t entry, std::string_view text,
              int64_t& id) {
  POSTER_RETURN_IF_ERROR(Execute(
      self.db, "INSERT INTO objections (entry_id, filer, text, filed_at) VALUES (?, ?, ?, ?)",
      entry, filer, text, self.NowText()));
  id = self.db.LastInsertId();
  nlohmann::json detail = {
      {"id", id}, {"entry", entry}, {"filer", std::string(filer)}, {"text", std::string(text)}};
  return AppendAudit(self.db, *self.clock, filer, "objection.file",
                     "objection:" + std::to_string(id), detail.dump());
}

}  // namespace

Result<Objection> Catalogue::FileObjection(std::string_view filer, int64_t entry,
                                           std::string_view text) {
  CatalogueState& self = *impl_;
  POSTER_RETURN_IF_ERROR(CheckAwardText("objection", text, TextRequired::kRequired));
  int64_t id = 0;
  return WriteAs(
      self, {filer, voting::Role::kEmployee, "file objections"},
      [&]() -> Status {
        POSTER_ASSIGN_OR_RETURN(std::optional<StoredAnnouncement> stored,
                                ReadAnnouncement(self.db));
        POSTER_RETURN_IF_ERROR(CheckPeriod(self, stored));
        POSTER_RETURN_IF_ERROR(CheckInTable(*stored, entry));
        return Insert(self, filer, entry, text, id);
      },
      [&]() { return OneObjection(self.db, id); });
}

Result<std::vector<Objection>> Catalogue::Objections(std::string_view actor) const {
  std::lock_guard lock(impl_->mutex);
  POSTER_RETURN_IF_ERROR(RequireRole(impl_->db, actor, voting::Role::kAdmin, "read objections"));
  return ReadObjections(impl_->db, "ORDER BY o.id");
}

Result<std::vector<Objection>> Catalogue::ObjectionsBy(std::string_view filer) const {
  std::lock_guard lock(impl_->mutex);
  return ReadObjections(impl_->db, "WHERE o.filer = ? ORDER BY o.id", filer);
}

Result<Objection> Catalogue::AnswerObjection(int64_t id, std::string_view answer,
                                             std::string_view actor) {
  CatalogueState& self = *impl_;
  POSTER_RETURN_IF_ERROR(CheckAwardText("answer", answer, TextRequired::kRequired));
  return WriteAs(
      self, {actor, voting::Role::kAdmin, "answer objections"},
      [&]() -> Status {
        POSTER_RETURN_IF_ERROR(OneObjection(self.db, id).status());
        POSTER_RETURN_IF_ERROR(Execute(
            self.db,
            "UPDATE objections SET answer = ?, answered_at = ?, answered_by = ? WHERE id = ?",
            answer, self.NowText(), actor, id));
        nlohmann::json detail = {{"id", id}, {"answer", std::string(answer)}};
        return AppendAudit(self.db, *self.clock, actor, "objection.answer",
                           "objection:" + std::to_string(id), detail.dump());
      },
      [&]() { return OneObjection(self.db, id); });
}

}  // namespace poster::gallery
