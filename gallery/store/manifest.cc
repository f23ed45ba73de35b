// What a batch names: inputs expanded into items (files, a folder's files, URLs),
// and ReadManifest, a CSV listing many uploads with what each author declares.
#include <algorithm>
#include <fstream>
#include <sstream>

#include "base/csv.h"
#include "base/text.h"
#include "gallery/store/store.h"

namespace poster::gallery {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kColumns[] = {"input", "author",   "co_authors", "title",
                                         "theme", "ai_tools", "prompt",     "description"};

Status Problem(const fs::path& path, int line, int column, std::string_view key,
               const std::string& english, std::vector<Detail> values = {}) {
  return CsvProblem(kManifestInvalid, path.string(), line, column, key, english, std::move(values));
}

std::string* FieldOf(IntakeItem& item, std::string_view column) {
  Submission& s = item.submission;
  if (column == "input") return &item.input;
  if (column == "author") return &s.author;
  if (column == "title") return &s.title;
  if (column == "theme") return &s.theme;
  if (column == "ai_tools") return &s.ai_tools;
  if (column == "prompt") return &s.prompt;
  return &s.description;
}

void SetField(IntakeItem& item, std::string_view column, const std::string& value) {
  Submission& s = item.submission;
  if (column == "co_authors") {
    s.co_authors = SplitWords(value);
    return;
  }
  *FieldOf(item, column) = value;
}

Result<std::vector<std::string>> ReadHeader(const fs::path& path, const CsvRow& header) {
  std::vector<std::string> columns;
  for (size_t i = 0; i < header.fields.size(); ++i) {
    std::string name = header.fields[i];
    if (std::find(std::begin(kColumns), std::end(kColumns), name) == std::end(kColumns)) {
      return Problem(path, header.line, int(i + 1), "unknown_manifest_column",
                     "unknown column \"" + name +
                         "\" (the columns are input, author, co_authors, title, theme, ai_tools, "
                         "prompt, description)",
                     {{"value", name}});
    }
    columns.push_back(name);
  }
  if (std::find(columns.begin(), columns.end(), "input") == columns.end()) {
    return Problem(path, header.line, 1, "no_input_column",
                   "the header row has no \"input\" column");
  }
  return columns;
}

std::string DefaultTitle(const std::string& input) {
  if (!IsUrl(input)) return fs::path(input).stem().string();
  std::string path = input.substr(input.find("://") + 3);
  path = path.substr(0, path.find_first_of("?#"));
  std::string last = path.substr(path.find_last_of('/') + 1);
  std::string stem = fs::path(last).stem().string();
  std::string host = path.substr(0, path.find('/'));
  return !stem.empty() ? stem : !host.empty() ? host : input;  // "http://" is the fetch's to refuse
}

IntakeItem MakeItem(const std::string& input, const Submission& defaults) {
  IntakeItem item{input, NormalizedSubmission(defaults)};
  if (item.submission.title.empty()) {
    item.submission.title = TitleFromFileName(DefaultTitle(input));
    item.submission.title_origin = TitleOrigin::kFileName;
  }
  item.submission.source = IsUrl(input) ? input : fs::path(input).filename().string();
  return item;
}

void AddFolder(const fs::path& folder, const Submission& defaults, std::vector<IntakeItem>& items) {
  std::vector<std::string> files;
  std::error_code error;
  auto it = fs::recursive_directory_iterator(folder, fs::directory_options::skip_permission_denied,
                                             error);
  for (; !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    bool hidden = it->path().filename().string().starts_with(".");
    std::error_code unreadable;  // an entry that cannot be examined is skipped
    if (hidden && it->is_directory(unreadable)) it.disable_recursion_pending();
    if (!hidden && it->is_regular_file(unreadable)) files.push_back(it->path().string());
  }
  std::sort(files.begin(), files.end());
  for (const std::string& file : files) items.push_back(MakeItem(file, defaults));
}

}  // namespace

bool IsUrl(std::string_view input) { return input.find("://") != std::string_view::npos; }

std::vector<IntakeItem> ExpandInputs(const std::vector<std::string>& inputs,
                                     const Submission& defaults) {
  std::vector<IntakeItem> items;
  for (const std::string& input : inputs) {
    std::error_code error;
    if (!IsUrl(input) && fs::is_directory(input, error)) {
      AddFolder(input, defaults, items);
    } else {
      items.push_back(MakeItem(input, defaults));
    }
  }
  return items;
}

Result<std::vector<IntakeItem>> ReadManifest(const fs::path& path, const Submission& defaults) {
  std::ifstream file(path, std::ios::binary);
  if (!file) return Problem(path, 0, 0, "unreadable", "the manifest cannot be read");
  std::stringstream text;
  text << file.rdbuf();
  POSTER_ASSIGN_OR_RETURN(std::vector<CsvRow> rows,
                          ParseCsv(text.str(), path.string(), kManifestInvalid));
  if (rows.empty()) return Problem(path, 0, 0, "manifest_empty", "the manifest is empty");
  POSTER_ASSIGN_OR_RETURN(std::vector<std::string> columns, ReadHeader(path, rows.front()));
  std::vector<IntakeItem> items;
  for (size_t r = 1; r < rows.size(); ++r) {
    const CsvRow& row = rows[r];
    if (row.fields.size() != columns.size()) {
      return Problem(path, row.line, int(std::min(row.fields.size(), columns.size()) + 1),
                     "field_count",
                     "this row has " + std::to_string(row.fields.size()) +
                         " fields; the header has " + std::to_string(columns.size()),
                     {{"fields", std::to_string(row.fields.size())},
                      {"expected", std::to_string(columns.size())}});
    }
    IntakeItem item{"", defaults};
    for (size_t c = 0; c < columns.size(); ++c) {
      if (!row.fields[c].empty()) SetField(item, columns[c], row.fields[c]);
    }
    if (item.input.empty()) return Problem(path, row.line, 1, "input_empty", "the input is empty");
    if (!IsUrl(item.input) && fs::path(item.input).is_relative())
      item.input = (path.parent_path() / item.input).string();
    std::vector<IntakeItem> expanded = ExpandInputs({item.input}, item.submission);
    items.insert(items.end(), expanded.begin(), expanded.end());
  }
  return items;
}

}  // namespace poster::gallery
