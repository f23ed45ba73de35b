#include "base/csv.h"

#include "base/text.h"

namespace poster {
namespace {

class Parser {
 public:
  Parser(std::string_view text, std::string_view origin, std::string_view code)
      : text_(text), origin_(origin), code_(code) {}

  Result<std::vector<CsvRow>> Run() {
    if (text_.substr(0, 3) == "\xEF\xBB\xBF") text_.remove_prefix(3);
    while (at_ < text_.size()) {
      CsvRow row{line_, {}};
      POSTER_RETURN_IF_ERROR(ReadRow(row));
      bool blank = row.fields.size() == 1 && row.fields[0].empty();
      if (!blank) rows_.push_back(std::move(row));
    }
    return std::move(rows_);
  }

 private:
  Status ReadRow(CsvRow& row) {
    while (true) {
      std::string field;
      POSTER_RETURN_IF_ERROR(ReadField(field, row.fields.size() + 1));
      row.fields.push_back(std::move(field));
      if (at_ >= text_.size()) return Status::Ok();
      char c = text_[at_++];
      if (c == ',') continue;
      if (c == '\r' && at_ < text_.size() && text_[at_] == '\n') ++at_;
      ++line_;
      return Status::Ok();
    }
  }

  Status ReadField(std::string& field, size_t column) {
    if (at_ < text_.size() && text_[at_] == '"') return ReadQuoted(field, column);
    size_t end = text_.find_first_of(",\r\n", at_);
    if (end == std::string_view::npos) end = text_.size();
    field = std::string(text_.substr(at_, end - at_));
    at_ = end;
    return Status::Ok();
  }

  Status ReadQuoted(std::string& field, size_t column) {
    int start_line = line_;
    ++at_;
    while (true) {
      size_t quote = text_.find('"', at_);
      if (quote == std::string_view::npos) {
        return CsvProblem(code_, origin_, start_line, int(column), "unclosed_quote",
                          "a quoted field is never closed");
      }
      std::string_view part = text_.substr(at_, quote - at_);
      for (char c : part) line_ += c == '\n';
      field += part;
      at_ = quote + 1;
      if (at_ < text_.size() && text_[at_] == '"') {
        field += '"';
        ++at_;
        continue;
      }
      if (at_ < text_.size() && text_.find_first_of(",\r\n", at_) != at_) {
        return CsvProblem(code_, origin_, line_, int(column), "text_after_quote",
                          "text follows a closing quote");
      }
      return Status::Ok();
    }
  }

  std::string_view text_;
  std::string_view origin_;
  std::string_view code_;
  size_t at_ = 0;
  int line_ = 1;
  std::vector<CsvRow> rows_;
};

// Appends rather than concatenates: GCC 12 at -O3 sees a false overlap
// (-Wrestrict) in `"'" + text`, which would stop the Release build.
std::string Quoted(std::string_view text) {
  if (text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out;
  out.reserve(text.size() + 2);
  out.push_back('"');
  for (char c : text) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
  return out;
}

}  // namespace

std::string CsvText(std::string_view text) {
  bool formula =
      !text.empty() && std::string_view("=+-@\t\r\n").find(text.front()) != std::string_view::npos;
  if (!formula) return Quoted(text);
  std::string neutral;
  neutral.reserve(text.size() + 1);
  neutral.push_back('\'');
  neutral.append(text);
  return Quoted(neutral);
}

std::string CsvNumber(std::string_view number) { return Quoted(number); }

std::string CsvLine(const std::vector<std::string>& cells) {
  size_t size = 2;
  for (const std::string& cell : cells) size += cell.size() + 1;
  std::string line;
  line.reserve(size);
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) line += ',';
    line += cells[i];
  }
  return line += "\r\n";
}

Status CsvProblem(std::string_view code, std::string_view origin, int line, int column,
                  std::string_view key, const std::string& english, std::vector<Detail> values) {
  std::string place(origin);
  std::vector<Detail> details = {{"file", std::string(origin)}};
  if (line > 0) {
    place += ":" + std::to_string(line) + ":" + std::to_string(column);
    details.push_back({"line", std::to_string(line)});
    details.push_back({"column", std::to_string(column)});
  }
  details.push_back({"row_problem", std::string(key)});
  for (Detail& value : values) details.push_back(std::move(value));
  return Status(std::string(code), place + ": " + english + ".", std::move(details));
}

Result<std::vector<CsvRow>> ParseCsv(std::string_view text, std::string_view origin,
                                     std::string_view code) {
  if (!CountCodePoints(text)) {
    return CsvProblem(code, origin, 0, 0, "not_utf8",
                      "the file is not UTF-8 text (save it as \"CSV UTF-8\")");
  }
  return Parser(text, origin, code).Run();
}

}  // namespace poster
