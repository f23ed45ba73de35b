// The roster: who takes part, in which roles. Imported from the CSV an HR
// system or a spreadsheet exports, in UTF-8 or (as Korean Excel saves it) CP949.
#include <iconv.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "base/csv.h"
#include "base/sha256.h"
#include "base/text.h"
#include "gallery/store/audit.h"
#include "gallery/store/catalogue_state.h"

namespace poster::gallery {
namespace {

enum Column { kId, kName, kDepartment, kEmail, kRoles };

// Header words for each column, English and Korean.
const std::map<std::string, Column>& Headers() {
  static const std::map<std::string, Column> headers = {
      {"employee_id", kId},  {"id", kId},           {"사번", kId},     {"직원번호", kId},
      {"name", kName},       {"이름", kName},       {"성명", kName},   {"department", kDepartment},
      {"부서", kDepartment}, {"소속", kDepartment}, {"email", kEmail}, {"e-mail", kEmail},
      {"이메일", kEmail},    {"roles", kRoles},     {"role", kRoles},  {"역할", kRoles},
      {"권한", kRoles}};
  return headers;
}

// CP949 (Korean Windows, Excel's "CSV") to UTF-8; nothing when it is not CP949 either.
std::optional<std::string> FromCp949(const std::string& bytes) {
  iconv_t converter = iconv_open("UTF-8", "CP949");
  if (converter == reinterpret_cast<iconv_t>(-1)) return std::nullopt;
  std::string out(bytes.size() * 2 + 16, '\0');
  char* in = const_cast<char*>(bytes.data());
  char* to = out.data();
  size_t in_left = bytes.size(), out_left = out.size();
  size_t result = iconv(converter, &in, &in_left, &to, &out_left);
  iconv_close(converter);
  if (result == size_t(-1) || in_left != 0) return std::nullopt;
  out.resize(out.size() - out_left);
  return out;
}

struct Row {
  PersonRecord person;
  int line = 0;
};

Status Problem(const std::string& origin, int line, int column, std::string_view key,
               const std::string& english, std::vector<Detail> values = {}) {
  return CsvProblem(kRosterInvalid, origin, line, column, key, english, std::move(values));
}

Result<std::vector<int>> ReadHeader(const std::string& origin, const CsvRow& header) {
  std::vector<int> columns;
  for (size_t i = 0; i < header.fields.size(); ++i) {
    std::string word(Trim(header.fields[i]));
    for (char& c : word) c = char(std::tolower(static_cast<unsigned char>(c)));
    auto it = Headers().find(word);
    if (it == Headers().end()) {
      return Problem(origin, header.line, int(i + 1), "unknown_column",
                     "unknown column \"" + header.fields[i] +
                         "\" (the columns are employee_id, name, department, email, roles; or "
                         "사번, 이름, 부서, 이메일, 역할)",
                     {{"value", header.fields[i]}});
    }
    columns.push_back(it->second);
  }
  for (Column required : {kId, kName}) {
    if (std::find(columns.begin(), columns.end(), required) == columns.end()) {
      return required == kId ? Problem(origin, header.line, 1, "no_id_column",
                                       "the header has no employee_id (사번) column")
                             : Problem(origin, header.line, 1, "no_name_column",
                                       "the header has no name (이름) column");
    }
  }
  return columns;
}

Result<Row> ReadRow(const std::string& origin, const CsvRow& csv, const std::vector<int>& columns) {
  Row row;
  row.line = csv.line;
  if (csv.fields.size() != columns.size()) {
    return Problem(origin, csv.line, int(std::min(csv.fields.size(), columns.size()) + 1),
                   "field_count",
                   "this row has " + std::to_string(csv.fields.size()) +
                       " fields; the header has " + std::to_string(columns.size()),
                   {{"fields", std::to_string(csv.fields.size())},
                    {"expected", std::to_string(columns.size())}});
  }
  PersonRecord& p = row.person;
  std::string roles;
  for (size_t c = 0; c < columns.size(); ++c) {
    std::string value(Trim(csv.fields[c]));
    std::string* target = columns[c] == kId           ? &p.id
                          : columns[c] == kName       ? &p.name
                          : columns[c] == kDepartment ? &p.department
                          : columns[c] == kEmail      ? &p.email
                                                      : &roles;
    *target = value;
    int column = int(c + 1);
    if (columns[c] == kId &&
        (value.empty() || value.size() > 64 || HasControlCharacters(value, false) ||
         value.find(' ') != std::string::npos)) {
      return Problem(origin, csv.line, column, "bad_employee_id",
                     "the employee id must be one word of at most 64 characters");
    }
    if (columns[c] == kName && value.empty())
      return Problem(origin, csv.line, column, "name_empty", "the name is empty");
    if (columns[c] == kEmail && !value.empty() && value.find('@') == std::string::npos) {
      return Problem(origin, csv.line, column, "bad_email",
                     "\"" + value + "\" is not an email address", {{"value", value}});
    }
    if (columns[c] == kRoles) {
      for (const std::string& word : SplitWords(value)) {
        std::optional<voting::Role> role = voting::ParseRole(word);
        if (!role) {
          return Problem(
              origin, csv.line, column, "unknown_role",
              "unknown role \"" + word +
                  "\" (employee, moderator, judge, admin; or 직원, 검토자, 심사위원, 관리자)",
              {{"value", word}});
        }
        if (!p.roles.empty() && std::find(p.roles.begin(), p.roles.end(), *role) != p.roles.end())
          continue;
        p.roles.push_back(*role);
      }
    }
  }
  if (p.roles.empty()) p.roles.push_back(voting::Role::kEmployee);
  std::sort(p.roles.begin(), p.roles.end());
  return row;
}

Result<std::vector<Row>> Parse(const std::string& origin, const std::string& bytes,
                               std::string& encoding) {
  std::string text = bytes;
  encoding = "UTF-8";
  if (!CountCodePoints(text)) {
    std::optional<std::string> converted = FromCp949(bytes);
    if (!converted)
      return Problem(origin, 0, 0, "not_text", "the file is neither UTF-8 nor CP949 text");
    text = *converted;
    encoding = "CP949";
  }
  POSTER_ASSIGN_OR_RETURN(std::vector<CsvRow> csv, ParseCsv(text, origin, kRosterInvalid));
  if (csv.empty()) return Problem(origin, 0, 0, "roster_empty", "the roster is empty");
  POSTER_ASSIGN_OR_RETURN(std::vector<int> columns, ReadHeader(origin, csv.front()));
  std::vector<Row> rows;
  std::set<std::string> seen;
  for (size_t i = 1; i < csv.size(); ++i) {
    POSTER_ASSIGN_OR_RETURN(Row row, ReadRow(origin, csv[i], columns));
    std::string key = row.person.id;  // employee numbers are case-insensitive
    for (char& c : key) c = char(std::tolower(static_cast<unsigned char>(c)));
    if (!seen.insert(key).second) {
      return Problem(origin, row.line, 1, "duplicate_id",
                     "the employee id " + row.person.id + " is listed twice",
                     {{"value", row.person.id}});
    }
    rows.push_back(std::move(row));
  }
  return rows;
}

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
  if (!file) return Problem(csv.string(), 0, 0, "unreadable", "the roster file cannot be read");
  std::stringstream bytes;
  bytes << file.rdbuf();
  return ImportRosterBytes(bytes.str(), csv.string(), actor);
}

Result<RosterImport> Catalogue::ImportRosterBytes(std::string_view bytes, std::string_view origin,
                                                  std::string_view actor) {
  RosterImport result;
  POSTER_ASSIGN_OR_RETURN(std::vector<Row> rows,
                          Parse(std::string(origin), std::string(bytes), result.encoding));
  CatalogueState& self = *impl_;
  POSTER_RETURN_IF_ERROR(
      WriteAs(self, {actor, voting::Role::kAdmin, "import the roster"}, [&]() -> Status {
        nlohmann::json changed = nlohmann::json::array();
        std::string now = self.NowText();
        for (Row& row : rows) {
          // Listed as E1001, imported again as e1001: the same person, as first listed.
          POSTER_ASSIGN_OR_RETURN(std::optional<std::string> listed,
                                  ListedId(self.db, row.person.id));
          if (listed) row.person.id = *listed;
          POSTER_ASSIGN_OR_RETURN(std::optional<PersonRecord> old,
                                  Existing(self.db, row.person.id));
          const PersonRecord& p = row.person;
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
