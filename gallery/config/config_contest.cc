// [contest], [[themes]] and [phases.*].
#include <algorithm>
#include <chrono>

#include "gallery/config/config_sections.h"
#include "gallery/config/time_zone.h"

namespace poster::gallery {
namespace {

using std::chrono::days;
using LocalMillis = std::chrono::local_time<std::chrono::milliseconds>;

LocalMillis LocalDay(const toml::date& date) {
  std::chrono::year_month_day day{std::chrono::year(date.year), std::chrono::month(date.month),
                                  std::chrono::day(date.day)};
  return LocalMillis(std::chrono::local_days(day).time_since_epoch());
}

// A phase boundary: an offset date-time, a local date-time in the contest's zone,
// or a date (its start, or for an end the midnight after it: "through that day").
std::optional<voting::Instant> ReadMoment(ConfigReader& in, const toml::table* table,
                                          const std::string& path, std::string_view key,
                                          const TimeZone& zone, bool& from_creation) {
  const toml::node* node = in.Find(table, key);
  if (node == nullptr) return std::nullopt;
  bool is_end = key == "end";
  if (auto word = node->value_exact<std::string>(); word && *word == "contest" && !is_end) {
    from_creation = true;
    return std::nullopt;
  }
  if (std::optional<toml::date> date = node->value_exact<toml::date>()) {
    return zone.ToInstant(LocalDay(*date) + (is_end ? days(1) : days(0)));
  }
  if (std::optional<toml::date_time> moment = node->value_exact<toml::date_time>()) {
    const toml::time& t = moment->time;
    LocalMillis local = LocalDay(moment->date) + std::chrono::hours(t.hour) +
                        std::chrono::minutes(t.minute) + std::chrono::seconds(t.second) +
                        std::chrono::milliseconds(t.nanosecond / 1'000'000);
    if (!moment->offset) return zone.ToInstant(local);
    return voting::Instant(local.time_since_epoch()) -
           std::chrono::minutes(moment->offset->minutes);
  }
  in.Fail(*node, ConfigReader::Name(path, key),
          std::string("must be a date and time (2026-11-13T18:00:00), a date (2026-11-13)") +
              (is_end ? "" : " or \"contest\" (from the moment the contest is created)"));
  return std::nullopt;
}

void ReadPhases(ConfigReader& in, ContestConfig& config, const TimeZone& zone) {
  const toml::table* phases = in.Section("phases");
  std::vector<std::string_view> names;
  for (voting::Phase phase : voting::kAllPhases) names.push_back(voting::PhaseName(phase));
  if (phases != nullptr) {
    for (auto&& [key, node] : *phases) {
      if (std::find(names.begin(), names.end(), key.str()) == names.end()) {
        in.Fail(node, "phases." + std::string(key.str()),
                "is not a phase (submission, review, voting, judging, results)");
      }
    }
  }
  for (voting::Phase phase : voting::kAllPhases) {
    std::string path = "phases." + std::string(voting::PhaseName(phase));
    const toml::table* table = in.Section(path);
    in.Known(table, path, {"start", "end"});
    if (table == nullptr) continue;
    PhaseSchedule& schedule = config.phases[size_t(phase)];
    schedule = PhaseSchedule();
    schedule.start = ReadMoment(in, table, path, "start", zone, schedule.from_creation);
    bool ignored = false;
    schedule.end = ReadMoment(in, table, path, "end", zone, ignored);
    if (schedule.start && schedule.end && *schedule.end <= *schedule.start) {
      in.Fail(*in.Find(table, "end"), path + ".end", "must come after " + path + ".start");
    }
  }
}

void ReadThemes(ConfigReader& in, ContestConfig& config) {
  bool present = false;
  std::vector<const toml::table*> tables = in.Tables(&in.root(), "", "themes", present);
  if (!present) return;
  config.themes.clear();
  for (size_t i = 0; i < tables.size(); ++i) {
    std::string path = "themes[" + std::to_string(i + 1) + "]";
    in.Known(tables[i], path, {"name", "name_en"});
    Theme theme;
    in.Text(tables[i], path, "name", theme.name);
    in.Text(tables[i], path, "name_en", theme.name_en);
    bool repeated = std::any_of(config.themes.begin(), config.themes.end(),
                                [&](const Theme& t) { return t.name == theme.name; });
    if (theme.name.empty()) in.Fail(*tables[i], path + ".name", "is required");
    if (repeated) in.Fail(*tables[i], path + ".name", "repeats the theme \"" + theme.name + "\"");
    config.themes.push_back(theme);
  }
}

}  // namespace

void ReadContest(ConfigReader& in, ContestConfig& config) {
  const toml::table* contest = in.Section("contest");
  in.Known(
      contest, "contest",
      {"name", "name_en", "time_zone", "rules", "rules_en", "contact", "contact_en", "organizer"});
  in.Text(contest, "contest", "organizer", config.organizer);
  in.Text(contest, "contest", "name", config.name);
  in.Text(contest, "contest", "name_en", config.name_en);
  in.Text(contest, "contest", "rules", config.rules_text);  // the help page (#/help)
  in.Text(contest, "contest", "rules_en", config.rules_text_en);
  in.Text(contest, "contest", "contact", config.contact);
  in.Text(contest, "contest", "contact_en", config.contact_en);
  in.Text(contest, "contest", "time_zone", config.time_zone);
  Result<TimeZone> zone = TimeZone::Load(config.time_zone);
  if (!zone.ok()) {
    in.Fail("contest.time_zone", "names no time zone in the tz database (like \"Asia/Seoul\")");
    return;
  }
  ReadThemes(in, config);
  ReadPhases(in, config, *zone);
}

}  // namespace poster::gallery
