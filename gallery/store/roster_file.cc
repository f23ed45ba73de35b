// ReadRoster: the roster CSV an HR system or a spreadsheet exports, in UTF-8
// or (as Korean Excel saves it) CP949, read into people and their roles. Pure:
// Catalogue::ImportRoster stores what it reads, and fuzz_roster drives it alone.
#include <iconv.h>

#include <map>
#include <set>

#include "base/csv.h"
#include "base/text.h"
#include "gallery/store/store.h"

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

Result<PersonRecord> ReadRow(const std::string& origin, const CsvRow& csv,
                             const std::vector<int>& columns) {
  PersonRecord p;
  if (csv.fields.size() != columns.size()) {
    return Problem(origin, csv.line, int(std::min(csv.fields.size(), columns.size()) + 1),
                   "field_count",
                   "this row has " + std::to_string(csv.fields.size()) +
                       " fields; the header has " + std::to_string(columns.size()),
                   {{"fields", std::to_string(csv.fields.size())},
                    {"expected", std::to_string(columns.size())}});
  }
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
  return p;
}

}  // namespace

Result<RosterFile> ReadRoster(std::string_view bytes, std::string_view origin_view) {
  const std::string origin(origin_view);
  RosterFile roster;
  std::string text(bytes);
  roster.encoding = "UTF-8";
  if (!CountCodePoints(text)) {
    std::optional<std::string> converted = FromCp949(text);
    if (!converted)
      return Problem(origin, 0, 0, "not_text", "the file is neither UTF-8 nor CP949 text");
    text = *converted;
    roster.encoding = "CP949";
  }
  POSTER_ASSIGN_OR_RETURN(std::vector<CsvRow> csv, ParseCsv(text, origin, kRosterInvalid));
  if (csv.empty()) return Problem(origin, 0, 0, "roster_empty", "the roster is empty");
  POSTER_ASSIGN_OR_RETURN(std::vector<int> columns, ReadHeader(origin, csv.front()));
  std::set<std::string> seen;
  for (size_t i = 1; i < csv.size(); ++i) {
    POSTER_ASSIGN_OR_RETURN(PersonRecord person, ReadRow(origin, csv[i], columns));
    std::string key = person.id;  // employee numbers are case-insensitive
    for (char& c : key) c = char(std::tolower(static_cast<unsigned char>(c)));
    if (!seen.insert(key).second) {
      return Problem(origin, csv[i].line, 1, "duplicate_id",
                     "the employee id " + person.id + " is listed twice", {{"value", person.id}});
    }
    roster.people.push_back(std::move(person));
  }
  return roster;
}

}  // namespace poster::gallery
