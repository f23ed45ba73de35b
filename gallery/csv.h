// RFC 4180 CSV, as spreadsheets write it (private to gallery).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace poster::gallery {

struct CsvRow {
  int line = 0;  // where the row starts, from 1
  std::vector<std::string> fields;
};

// Splits `text` (UTF-8, an optional BOM, CRLF or LF) into rows; blank lines are
// skipped. Fails with `code` naming the line and column of a quote left open or
// text after a closing quote, and when the text is not UTF-8.
Result<std::vector<CsvRow>> ParseCsv(std::string_view text, std::string_view origin,
                                     std::string_view code);

// The Status for a problem at a place in a CSV file.
Status CsvProblem(std::string_view code, std::string_view origin, int line, int column,
                  const std::string& problem);

}  // namespace poster::gallery
