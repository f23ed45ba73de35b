// The result table as JSON (stored and hashed), CSV (for Excel) and text.
#include <cstdio>
#include <sstream>

#include "gallery/results_store.h"

namespace poster::gallery {
namespace {

using nlohmann::json;

json RulesJson(const voting::Rules& rules) {
  json criteria = json::array(), tiers = json::array(), ties = json::array();
  for (const voting::Criterion& c : rules.rubric)
    criteria.push_back({{"name", c.name}, {"name_en", c.name_en}, {"weight", c.weight}});
  for (const voting::Tier& t : rules.tiers)
    tiers.push_back({{"name", t.name}, {"name_en", t.name_en}, {"count", t.count}});
  for (voting::TieBreak t : rules.tie_breaks) ties.push_back(voting::TieBreakName(t));
  return {{"criteria", criteria},
          {"tiers", tiers},
          {"judges_weight", rules.judge_weight},
          {"peers_weight", rules.peer_weight},
          {"normalization", voting::NormalizationName(rules.normalization)},
          {"judge_scaling", voting::JudgeScalingName(rules.judge_scaling)},
          {"tie_break", ties},
          {"still_tied", voting::StillTiedName(rules.still_tied)},
          {"lot_seed", rules.lot_seed}};
}

json RowJson(const ResultRow& r, const voting::Rules& rules) {
  const voting::TallyRow& t = r.tally;
  json row = {{"rank", t.rank},
              {"entry", t.id},
              {"title", r.title},
              {"author", r.author},
              {"department", r.department},
              {"theme", r.theme},
              {"votes", t.votes},
              {"judges", t.judges},
              {"criterion_means", t.criterion_means},
              {"judge_raw", t.judge_raw},
              {"judge_z", t.judge_z},
              {"judge_component", t.judge_component},
              {"peer_component", t.peer_component},
              {"combined", t.combined},
              {"notes", t.notes},
              {"notes_ko", t.notes_ko}};
  row["tier"] = t.tier ? json(rules.tiers[*t.tier].name) : json(nullptr);
  row["tier_en"] = t.tier ? json(rules.tiers[*t.tier].name_en) : json(nullptr);
  return row;
}

std::string Fixed(double value, int digits = 2) {
  char text[32];
  std::snprintf(text, sizeof text, "%.*f", digits, value);
  return text;
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

std::string CsvField(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char c : text) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

std::string TierName(const ResultRow& row, const voting::Rules& rules, bool korean) {
  if (!row.tally.tier) return "";
  return korean ? rules.tiers[*row.tally.tier].name : rules.tiers[*row.tally.tier].name_en;
}

std::string Csv(const Results& results, bool korean) {
  const voting::Rules& rules = results.rules;
  std::vector<std::string> header =
      korean ? std::vector<std::string>{"순위", "등급", "출품번호", "제목",       "작성자",
                                        "부서", "주제", "득표",     "심사위원 수"}
             : std::vector<std::string>{"rank",       "tier",  "entry", "title", "author",
                                        "department", "theme", "votes", "judges"};
  for (const voting::Criterion& c : rules.rubric)
    header.push_back((korean ? c.name : c.name_en) + (korean ? " 평균" : " mean"));
  std::vector<std::string> tail =
      korean ? std::vector<std::string>{"심사 원점수",   "심사 z점수", "심사 환산점수",
                                        "투표 환산점수", "종합점수",   "비고"}
             : std::vector<std::string>{"judge raw",  "judge z",  "judge score",
                                        "peer score", "combined", "notes"};
  header.insert(header.end(), tail.begin(), tail.end());
  std::ostringstream out;
  out << "\xEF\xBB\xBF";
  for (size_t i = 0; i < header.size(); ++i) out << (i ? "," : "") << CsvField(header[i]);
  out << "\r\n";
  for (const ResultRow& r : results.rows) {
    const voting::TallyRow& t = r.tally;
    std::vector<std::string> cells = {std::to_string(t.rank),
                                      TierName(r, rules, korean),
                                      std::to_string(t.id),
                                      r.title,
                                      r.author,
                                      r.department,
                                      r.theme,
                                      std::to_string(t.votes),
                                      std::to_string(t.judges)};
    for (double mean : t.criterion_means) cells.push_back(Fixed(mean));
    std::string notes;
    for (const std::string& note : korean ? t.notes_ko : t.notes)
      notes += (notes.empty() ? "" : " / ") + note;
    for (std::string cell : {Fixed(t.judge_raw), Fixed(t.judge_z, 4), Fixed(t.judge_component),
                             Fixed(t.peer_component), Fixed(t.combined, 4), notes}) {
      cells.push_back(cell);
    }
    for (size_t i = 0; i < cells.size(); ++i) out << (i ? "," : "") << CsvField(cells[i]);
    out << "\r\n";
  }
  return out.str();
}

std::string Table(const Results& results, bool korean) {
  std::vector<std::vector<std::string>> lines = {
      korean
          ? std::vector<std::string>{"순위", "등급", "번호", "제목", "득표", "심사", "투표", "종합"}
          : std::vector<std::string>{"rank", "tier", "entry", "title", "votes", "judges", "peers",
                                     "combined"}};
  for (const ResultRow& r : results.rows) {
    const voting::TallyRow& t = r.tally;
    lines.push_back({std::to_string(t.rank), TierName(r, results.rules, korean),
                     "#" + std::to_string(t.id), r.title, std::to_string(t.votes),
                     Fixed(t.judge_component), Fixed(t.peer_component), Fixed(t.combined)});
  }
  std::vector<size_t> widths(lines.front().size(), 0);
  for (const auto& line : lines) {
    for (size_t i = 0; i < line.size(); ++i) widths[i] = std::max(widths[i], DisplayWidth(line[i]));
  }
  std::ostringstream out;
  std::string state =
      results.state == "sealed" ? (korean ? "비공개(관리자만 열람)" : "sealed (admins only)")
      : results.state == "final"
          ? (korean ? "확정" : "final")
          : (korean ? "발표됨, 이의신청 기간 " + Local(results.final_at, results.time_zone) + "까지"
                    : "announced; objections until " + Local(results.final_at, results.time_zone));
  out << (korean ? "결과: " : "results: ") << state << "\n";
  for (const auto& line : lines) {
    for (size_t i = 0; i < line.size(); ++i) out << Pad(line[i], widths[i] + 2);
    out << "\n";
  }
  for (const ResultRow& r : results.rows) {
    for (const std::string& note : korean ? r.tally.notes_ko : r.tally.notes)
      out << "  #" << r.tally.id << ": " << note << "\n";
  }
  return out.str();
}

}  // namespace

json ResultsToJson(const Results& results, bool canonical) {
  json rows = json::array();
  for (const ResultRow& row : results.rows) rows.push_back(RowJson(row, results.rules));
  json out = {{"rules", RulesJson(results.rules)}, {"rows", rows}};
  if (!canonical) {
    out["state"] = results.state;
    out["announced_at"] = results.announced_at;
    out["final_at"] = results.final_at;
    out["sha256"] = results.sha256;
  }
  return out;
}

Results ResultsFromJson(const json& in) {
  Results results;
  if (!in.is_object()) return results;
  const json& rules = in.value("rules", json::object());
  voting::Rules& r = results.rules;
  r.rubric.clear();
  r.tiers.clear();
  for (const json& c : rules.value("criteria", json::array()))
    r.rubric.push_back({c.value("name", ""), c.value("name_en", ""), c.value("weight", 0)});
  for (const json& t : rules.value("tiers", json::array()))
    r.tiers.push_back({t.value("name", ""), t.value("name_en", ""), t.value("count", 0)});
  r.judge_weight = rules.value("judges_weight", 0.7);
  r.peer_weight = rules.value("peers_weight", 0.3);
  r.lot_seed = rules.value("lot_seed", "");
  for (const json& row : in.value("rows", json::array())) {
    voting::TallyRow t;
    t.rank = row.value("rank", 0);
    t.id = row.value("entry", int64_t{0});
    t.votes = row.value("votes", 0);
    t.judges = row.value("judges", 0);
    t.criterion_means = row.value("criterion_means", std::vector<double>{});
    t.judge_raw = row.value("judge_raw", 0.0);
    t.judge_z = row.value("judge_z", 0.0);
    t.judge_component = row.value("judge_component", 0.0);
    t.peer_component = row.value("peer_component", 0.0);
    t.combined = row.value("combined", 0.0);
    t.notes = row.value("notes", std::vector<std::string>{});
    t.notes_ko = row.value("notes_ko", std::vector<std::string>{});
    if (row.contains("tier") && row["tier"].is_string()) {
      for (size_t i = 0; i < r.tiers.size(); ++i) {
        if (r.tiers[i].name == row["tier"].get<std::string>()) t.tier = i;
      }
    }
    results.rows.push_back({t, row.value("title", ""), row.value("author", ""),
                            row.value("department", ""), row.value("theme", "")});
  }
  return results;
}

std::string FormatResults(const Results& results, ResultsFormat format, Language language) {
  bool korean = language == Language::kKorean;
  switch (format) {
    case ResultsFormat::kJson:
      return ResultsToJson(results, false).dump(-1, ' ', false, json::error_handler_t::replace) +
             "\n";
    case ResultsFormat::kCsv:
      return Csv(results, korean);
    case ResultsFormat::kTable:
      return Table(results, korean);
  }
  return "";
}

}  // namespace poster::gallery
