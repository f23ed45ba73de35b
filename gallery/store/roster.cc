// The roster: who takes part, in which roles, as ReadRoster (roster_file.cc)
// reads it from the CSV, stored and logged.
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "base/csv.h"
#include "base/sha256.h"
#include "gallery/store/audit.h"
#include "gallery/store/catalogue_state.h"

namespace poster::gallery {
namespace {

Result<std::optional<PersonRecord>> Existing(Database& db, const std::string& id) {
  POSTER_ASSIGN_OR_RETURN(
      Statement query,
      Query(db, "SELECT name, department, email FROM people WHERE employee_id = ?", id));
  POSTER_ASSIGN_OR_RETURN(bool row, query.Step());
  if (!row) return std::optional<PersonRecord>();
  PersonRecord person{id, query.Text(0), query.Text(1), query.Text(2), {}};
  POSTER_ASSIGN_OR_RETURN(std::optional<voting::Person> found, FindPerson(db, id));
  if (found) person.roles = found->roles;
  std::sort(person.roles.begin(), person.roles.end());
  return std::optional(person);
}

Status Upsert(Database& db, const PersonRecord& p, const std::string& now, bool exists) {
  if (exists) {
    POSTER_RETURN_IF_ERROR(Execute(db,
                                   "UPDATE people SET name = ?, department = ?, email = ?, "
                                   "updated_at = ? WHERE employee_id = ?",
                                   p.name, p.department, p.email, now, p.id));
    POSTER_RETURN_IF_ERROR(Execute(db, "DELETE FROM roles WHERE employee_id = ?", p.id));
  } else {
    POSTER_RETURN_IF_ERROR(Execute(db,
                                   "INSERT INTO people (employee_id, name, department, email, "
                                   "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?)",
                                   p.id, p.name, p.department, p.email, now, now));
  }
  for (voting::Role role : p.roles) {
    POSTER_RETURN_IF_ERROR(
        Execute(db, "INSERT INTO roles VALUES (?, ?)", p.id, voting::RoleName(role)));
  }
  return Status::Ok();
}

}  // namespace

Result<RosterImport> Catalogue::ImportRoster(const std::filesystem::path& csv,
                                             std::string_view actor) {
  std::ifstream file(csv, std::ios::binary);
  if (!file) {
    return CsvProblem(kRosterInvalid, csv.string(), 0, 0, "unreadable",
                      "the roster file cannot be read", {});
  }
  std::stringstream bytes;
  bytes << file.rdbuf();
  return ImportRosterBytes(bytes.str(), csv.string(), actor);
}

Result<RosterImport> Catalogue::ImportRosterBytes(std::string_view bytes, std::string_view origin,
                                                  std::string_view actor) {
  RosterImport result;
  POSTER_ASSIGN_OR_RETURN(RosterFile roster, ReadRoster(bytes, origin));
  result.encoding = roster.encoding;
  CatalogueState& self = *impl_;
  POSTER_RETURN_IF_ERROR(
      WriteAs(self, {actor, voting::Role::kAdmin, "import the roster"}, [&]() -> Status {
        nlohmann::json changed = nlohmann::json::array();
        std::string now = self.NowText();
        for (PersonRecord& p : roster.people) {
          // Listed as E1001, imported again as e1001: the same person, as first listed.
          POSTER_ASSIGN_OR_RETURN(std::optional<std::string> listed, ListedId(self.db, p.id));
          if (listed) p.id = *listed;
          POSTER_ASSIGN_OR_RETURN(std::optional<PersonRecord> old, Existing(self.db, p.id));
          bool same = old && old->name == p.name && old->department == p.department &&
                      old->email == p.email && old->roles == p.roles;
          if (same) {
            ++result.unchanged;
            continue;
          }
          ++(old ? result.updated : result.added);
          POSTER_RETURN_IF_ERROR(Upsert(self.db, p, now, old.has_value()));
          nlohmann::json roles = nlohmann::json::array();
          for (voting::Role role : p.roles) roles.push_back(voting::RoleName(role));
          changed.push_back(
              {{"id", p.id}, {"name", p.name}, {"department", p.department}, {"roles", roles}});
        }
        nlohmann::json detail = {{"sha256", Sha256Hex(bytes)},    {"encoding", result.encoding},
                                 {"added", result.added},         {"updated", result.updated},
                                 {"unchanged", result.unchanged}, {"changed", changed}};
        return AppendAudit(self.db, *self.clock, actor, "roster.import", "roster", detail.dump());
      }));
  return result;
}

Result<std::vector<PersonRecord>> Catalogue::Roster() const {
  std::lock_guard lock(impl_->mutex);
  std::vector<std::string> ids;
  POSTER_RETURN_IF_ERROR(
      ForEachRow(impl_->db.Prepare("SELECT employee_id FROM people ORDER BY employee_id"),
                 [&](const Statement& query) { ids.push_back(query.Text(0)); }));
  std::vector<PersonRecord> people;
  for (const std::string& id : ids) {
    POSTER_ASSIGN_OR_RETURN(std::optional<PersonRecord> person, Existing(impl_->db, id));
    people.push_back(*person);
  }
  return people;
}

}  // namespace poster::gallery
