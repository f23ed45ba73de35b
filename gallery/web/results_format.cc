// The result table as CSV (for Excel) and as text for terminals.
#include <algorithm>
#include <charconv>
#include <cstdio>
#include <sstream>

#include "base/csv.h"
#include "gallery/web/web.h"

namespace poster::gallery {
namespace {

using nlohmann::json;

std::string Fixed(double value, int digits = 2) {
  char text[400];  // the widest double in fixed notation, with its digits
  auto [end, error] =
      std::to_chars(text, text + sizeof text, value, std::chars_format::fixed, digits);
  return error == std::errc() ? std::string(text, end) : std::string();
}

// Columns on a terminal: Hangul and other wide characters take two.
size_t DisplayWidth(const std::string& text) {
  size_t width = 0;
  for (size_t i = 0; i < text.size();) {
    unsigned char lead = static_cast<unsigned char>(text[i]);
    size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    width += length >= 3 ? 2 : 1;
    i += length;
  }
  return width;
}

std::string Pad(const std::string& text, size_t width) {
  size_t shown = DisplayWidth(text);
  return text + std::string(width > shown ? width - shown : 0, ' ');
}

std::string Local(const std::string& utc, const std::string& time_zone) {
  std::optional<TimePoint> moment = ParseUtc(utc);
  if (!moment) return utc;
  return LocalTime(std::chrono::time_point_cast<std::chrono::milliseconds>(*moment), time_zone);
}

std::string TierName(const ResultRow& row, const voting::Rules& rules, bool korean) {
  if (row.revoked) {  // Korea's rules for public contests: 수상 취소, with the tier it held
    return korean ? row.revoked->tier + " 수상 취소" : row.revoked->tier_en + " (revoked)";
  }
  if (!row.tally.tier) return "";
  return korean ? rules.tiers[*row.tally.tier].name : rules.tiers[*row.tally.tier].name_en;
}

// ---- issue 12: the 시민 인기상, apart from the tiers ----

std::string CitizensChoiceName(const CitizensChoice& choice, bool korean) {
  return korean || choice.name_en.empty() ? choice.name : choice.name_en;
}

// After the table, a blank line and the award's own rows.
std::string CitizensChoiceCsv(const Results& results, bool korean) {
  if (!results.citizens_choice) return "";
  const CitizensChoice& choice = *results.citizens_choice;
  std::vector<std::string> header;
  for (const char* name : korean ? std::vector<const char*>{"시상", "출품번호", "제목", "작성자",
                                                            "부서", "주제", "좋아요"}
                                 : std::vector<const char*>{"award", "entry", "title", "author",
                                                            "department", "theme", "likes"})
    header.push_back(CsvText(name));
  std::string out = "\r\n" + CsvLine(header);
  for (const CitizensChoiceWinner& w : choice.winners) {
    out += CsvLine({CsvText(CitizensChoiceName(choice, korean)), CsvNumber(std::to_string(w.entry)),
                    CsvText(w.title), CsvText(w.author_name), CsvText(w.department),
                    CsvText(w.theme), CsvNumber(std::to_string(choice.likes))});
  }
  return out;
}

void CitizensChoiceLines(const Results& results, bool korean, std::ostringstream& out) {
  if (!results.citizens_choice) return;
  const CitizensChoice& choice = *results.citizens_choice;
  for (const CitizensChoiceWinner& w : choice.winners) {
    out << CitizensChoiceName(choice, korean) << ": #" << w.entry << " " << w.title;
    if (!w.author_name.empty()) out << " (" << w.author_name << ")";
    out << (korean ? ", 좋아요 " : ", likes ") << choice.likes << "\n";
  }
}

std::vector<std::string> CsvHeader(const Results& results, bool korean, bool employee_numbers) {
  std::vector<std::string> header =
      korean
          ? std::vector<std::string>{"순위", "등급", "출품번호", "제목", "작성자", "부서", "주제"}
          : std::vector<std::string>{"rank",   "tier",       "entry", "title",
                                     "author", "department", "theme"};
  if (employee_numbers) header.push_back(korean ? "사번" : "employee number");
  if (results.view == ResultsView::kWinners) return header;
  header.insert(header.end(), {korean ? "득표" : "votes", korean ? "심사위원 수" : "judges"});
  for (const voting::Criterion& c : results.rules.rubric)
    header.push_back((korean ? c.name : c.name_en) + (korean ? " 평균" : " mean"));
  std::vector<std::string> tail =
      korean ? std::vector<std::string>{"심사 원점수",   "심사 z점수", "심사 환산점수",
                                        "투표 환산점수", "종합점수",   "비고"}
             : std::vector<std::string>{"judge raw",  "judge z",  "judge score",
                                        "peer score", "combined", "notes"};
  tail.insert(tail.end() - 1, korean ? "시민 좋아요" : "citizen likes");  // issue 12
  if (results.rules.judge_scaling == voting::JudgeScaling::kModel)
    tail.insert(tail.begin() + 2, korean ? "심사 모형점수" : "judge model");
  header.insert(header.end(), tail.begin(), tail.end());
  return header;
}

std::vector<std::string> CsvRowCells(const Results& results, const ResultRow& r, bool korean,
                                     bool employee_numbers) {
  const voting::TallyRow& t = r.tally;
  std::vector<std::string> cells = {CsvNumber(std::to_string(t.rank)),
                                    CsvText(TierName(r, results.rules, korean)),
                                    CsvNumber(std::to_string(t.id)),
                                    CsvText(r.title),
                                    CsvText(r.author_name),
                                    CsvText(r.department),
                                    CsvText(r.theme)};
  if (employee_numbers) cells.push_back(CsvText(r.author));
  if (results.view == ResultsView::kWinners) return cells;
  cells.push_back(CsvNumber(std::to_string(t.votes)));
  cells.push_back(CsvNumber(std::to_string(t.judges)));
  for (double mean : t.criterion_means) cells.push_back(CsvNumber(Fixed(mean)));
  std::vector<std::string> numbers = {Fixed(t.judge_raw), Fixed(t.judge_z, 4),
                                      Fixed(t.judge_component), Fixed(t.peer_component),
                                      Fixed(t.combined, 4)};
  if (results.rules.judge_scaling == voting::JudgeScaling::kModel)
    numbers.insert(numbers.begin() + 2, Fixed(t.judge_model));
  for (const std::string& number : numbers) cells.push_back(CsvNumber(number));
  cells.push_back(CsvNumber(std::to_string(t.citizen_likes)));
  std::string notes;
  for (const std::string& note : korean ? t.notes_ko : t.notes) {
    if (!notes.empty()) notes += " / ";
    notes += note;
  }
  cells.push_back(CsvText(notes));
  return cells;
}

// UTF-8 with a BOM, so that Excel shows Korean; every text cell neutralised.
std::string Csv(const Results& results, bool korean) {
  bool employee_numbers = std::any_of(results.rows.begin(), results.rows.end(),
                                      [](const ResultRow& r) { return !r.author.empty(); });
  std::vector<std::string> header;
  for (const std::string& name : CsvHeader(results, korean, employee_numbers))
    header.push_back(CsvText(name));
  std::string out = "\xEF\xBB\xBF" + CsvLine(header);
  out.reserve(out.size() + results.rows.size() * 256);
  for (const ResultRow& r : results.rows)
    out += CsvLine(CsvRowCells(results, r, korean, employee_numbers));
  return out + CitizensChoiceCsv(results, korean);
}

bool Modelled(const Results& results) {
  return results.rules.judge_scaling == voting::JudgeScaling::kModel;
}

// Issue 11: the table's own notes, and the judge model's fit for admins.
void TableExtras(const Results& results, bool korean, std::ostringstream& out) {
  for (const std::string& note : korean ? results.notes_ko : results.notes)
    out << "  * " << note << "\n";
  if (!results.model) return;
  for (const voting::JudgeFit& fit : results.model->judges) {
    const voting::ModelComponent& part = results.model->components.at(fit.component);
    out << (korean ? "  심사 모형 " : "  judge model ") << fit.judge
        << (korean ? ": 편향 " : ": bias ") << (fit.bias >= 0 ? "+" : "") << Fixed(fit.bias)
        << (korean ? ", 기울기 " : ", gain ") << Fixed(fit.gain)
        << (part.gain_fitted ? "" : (korean ? "(추정 안 함)" : " (not fitted)")) << ", "
        << fit.entries << (korean ? "편" : " entries") << "\n";
  }
}

std::vector<std::vector<std::string>> TableLines(const Results& results, bool korean) {
  bool table = results.view == ResultsView::kTable;
  std::vector<std::vector<std::string>> lines = {
      korean ? std::vector<std::string>{"순위", "등급", "번호", "제목"}
             : std::vector<std::string>{"rank", "tier", "entry", "title"}};
  if (table) {
    std::vector<std::string> scores =
        korean ? std::vector<std::string>{"득표", "심사", "투표", "종합"}
               : std::vector<std::string>{"votes", "judges", "peers", "combined"};
    lines[0].insert(lines[0].end(), scores.begin(), scores.end());
    if (Modelled(results)) lines[0].insert(lines[0].begin() + 5, korean ? "모형" : "model");
  } else {
    lines[0].push_back(korean ? "작성자" : "author");
  }
  for (const ResultRow& r : results.rows) {
    const voting::TallyRow& t = r.tally;
    std::string number = "#";  // appended: GCC 12 -O3 warns falsely on "#" + text
    number.append(std::to_string(t.id));
    lines.push_back({std::to_string(t.rank), TierName(r, results.rules, korean), number, r.title});
    if (table) {
      lines.back().insert(lines.back().end(), {std::to_string(t.votes), Fixed(t.judge_component),
                                               Fixed(t.peer_component), Fixed(t.combined)});
      if (Modelled(results)) lines.back().insert(lines.back().begin() + 5, Fixed(t.judge_model));
    } else {
      std::string author = r.author_name;
      if (!r.department.empty()) author.append(" (").append(r.department).append(")");
      lines.back().push_back(author);
    }
  }
  return lines;
}

std::string StateLine(const Results& results, bool korean) {
  std::string state =
      results.state == "sealed" ? (korean ? "비공개(관리자만 열람)" : "sealed (admins only)")
      : results.state == "final"
          ? (korean ? "확정" : "final")
          : (korean ? "발표됨, 이의신청 기간 " + Local(results.final_at, results.time_zone) + "까지"
                    : "announced; objections until " + Local(results.final_at, results.time_zone));
  std::string line = (korean ? "결과: " : "results: ") + state + "\n";
  if (results.sha256.empty()) return line;
  return line + "SHA-256 " + results.sha256 + (korean ? "\n감사 기록 " : "\naudit log head ") +
         std::to_string(results.log_head.seq) + ":" + results.log_head.hash + "\n";
}

std::string Table(const Results& results, bool korean) {
  std::vector<std::vector<std::string>> lines = TableLines(results, korean);
  std::vector<size_t> widths(lines.front().size(), 0);
  for (const auto& line : lines) {
    for (size_t i = 0; i < line.size(); ++i) widths[i] = std::max(widths[i], DisplayWidth(line[i]));
  }
  std::ostringstream out;
  out << StateLine(results, korean);
  for (const auto& line : lines) {
    for (size_t i = 0; i < line.size(); ++i) out << Pad(line[i], widths[i] + 2);
    out << "\n";
  }
  CitizensChoiceLines(results, korean, out);
  if (results.view == ResultsView::kWinners) return out.str();
  for (const ResultRow& r : results.rows) {
    for (const std::string& note : korean ? r.tally.notes_ko : r.tally.notes)
      out << "  #" << r.tally.id << ": " << note << "\n";
  }
  TableExtras(results, korean, out);
  return out.str();
}

// The times in one language's notes, for people in the contest's zone.
void TimesForPeople(Results& results, const TimeZone& zone, Language language) {
  bool korean = language == Language::kKorean;
  for (ResultRow& row : results.rows) {
    for (std::string& note : korean ? row.tally.notes_ko : row.tally.notes)
      note = zone.FormatTimesIn(note, korean ? DateStyle::kKorean : DateStyle::kEnglish);
  }
}

}  // namespace

Results NotesForPeople(Results results) {
  TimeZone zone = TimeZone::LoadOrUtc(results.time_zone);
  TimesForPeople(results, zone, Language::kEnglish);
  TimesForPeople(results, zone, Language::kKorean);
  return results;
}

std::string FormatResults(Results results, ResultsFormat format, Language language) {
  bool korean = language == Language::kKorean;
  if (format == ResultsFormat::kJson)
    return ResultsToJson(results, false).dump(-1, ' ', false, json::error_handler_t::replace) +
           "\n";
  TimesForPeople(results, TimeZone::LoadOrUtc(results.time_zone), language);
  return format == ResultsFormat::kCsv ? Csv(results, korean) : Table(results, korean);
}

}  // namespace poster::gallery
