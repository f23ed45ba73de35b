// RFC 4180 CSV, as spreadsheets write it.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace poster {

struct CsvRow {
  int line = 0;  // where the row starts, from 1
  std::vector<std::string> fields;
};

// Splits `text` (UTF-8, an optional BOM, CRLF or LF) into rows; blank lines are
// skipped. Fails with `code` naming the line and column of a quote left open or
// text after a closing quote, and when the text is not UTF-8.
Result<std::vector<CsvRow>> ParseCsv(std::string_view text, std::string_view origin,
                                     std::string_view code);

// One cell of a CSV that poster writes, quoted where RFC 4180 needs it. Text
// that a spreadsheet would run as a formula (starting with =, +, -, @, a tab,
// CR or LF: OWASP's CSV-injection rule) gets a leading apostrophe, so Excel
// shows it as the text it is. Numbers poster formats itself go through
// CsvNumber, which leaves a minus sign alone.
std::string CsvText(std::string_view text);
std::string CsvNumber(std::string_view number);

// Cells joined into one CRLF-terminated line.
std::string CsvLine(const std::vector<std::string>& cells);

// The Status for a problem at a place in a CSV file (line 0: the file as a
// whole). `key` names the problem for translation (the details' `row_problem`,
// a table in assets/i18n/ko.json), `english` says it in the message, and
// `values` are the figures either may name.
Status CsvProblem(std::string_view code, std::string_view origin, int line, int column,
                  std::string_view key, const std::string& english,
                  std::vector<Detail> values = {});

}  // namespace poster
