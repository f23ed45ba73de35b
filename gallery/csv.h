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
// skipped. Fails with manifest_invalid naming the line and column of a quote
// left open or text after a closing quote, and when the text is not UTF-8.
Result<std::vector<CsvRow>> ParseCsv(std::string_view text, std::string_view origin);

}  // namespace poster::gallery
