// The JSON shape of entries and intake results (docs/cli.md shows examples).
#include <nlohmann/json.hpp>

#include "gallery/config/config.h"
#include "gallery/web/web.h"

namespace poster::gallery {
namespace {

using nlohmann::json;

json Provenance(const Entry& entry) {
  json markers = json::array();
  for (const ingest::Marker& marker : entry.provenance) {
    markers.push_back({{"source", marker.source}, {"detail", marker.detail}});
  }
  return {{"detected", !entry.provenance.empty()}, {"markers", markers}};
}

json Flags(const Entry& entry, json& near_duplicates) {
  json flags = json::array();
  for (const EntryFlag& flag : entry.flags) {
    if (flag.name == kFlagNearDuplicate && flag.related) near_duplicates.push_back(*flag.related);
    if (std::find(flags.begin(), flags.end(), flag.name) == flags.end()) flags.push_back(flag.name);
  }
  return flags;
}

json Thumbnails(const Entry& entry) {
  json thumbnails = json::array();
  for (const StoredDerivative& d : entry.derivatives) {
    thumbnails.push_back({{"width", d.width},
                          {"height", d.height},
                          {"format", ingest::FormatName(d.format)},
                          {"bytes", d.bytes},
                          {"path", d.path.string()}});
  }
  return thumbnails;
}

json EntryObject(const Entry& entry) {
  json near_duplicates = json::array();
  json flags = Flags(entry, near_duplicates);
  json urls = json::array();
  for (const std::string& payload : entry.qr_payloads) {
    if (ingest::IsWebUrl(payload)) urls.push_back(payload);
  }
  const Submission& s = entry.submission;
  json out = {
      {"entry", entry.id},
      {"review_status", entry.status},
      {"title", s.title},
      {"author", s.author},
      {"co_authors", s.co_authors},
      {"status_reason", entry.status_reason},
      {"theme", s.theme},
      {"ai_tools", s.ai_tools},
      {"prompt", s.prompt},
      {"description", s.description},
      {"alt_text", s.alt_text},
      {"source", s.source},
      {"submitted_at", entry.created_at},
      {"sha256", entry.sha256},
      {"phash",
       [&] {
         char hex[17];
         std::snprintf(hex, sizeof hex, "%016llx", static_cast<unsigned long long>(entry.phash));
         return std::string(hex);
       }()},
      {"format", ingest::FormatName(entry.format)},
      {"width", entry.width},
      {"height", entry.height},
      {"bytes", entry.bytes},
      {"flags", flags},
      {"near_duplicate_of", near_duplicates},
      {"provenance", Provenance(entry)},
      {"qr", entry.qr_payloads},
      {"qr_urls", urls},
      {"quality", {{"stddev", entry.quality.stddev}, {"sharpness", entry.quality.sharpness}}},
      {"original", entry.original.string()},
      {"thumbnails", Thumbnails(entry)}};
  if (entry.trailing_bytes > 0) out["trailing_bytes"] = entry.trailing_bytes;
  return out;
}

}  // namespace

std::string JsonText(const nlohmann::json& value) {
  return value.dump(-1, ' ', false, json::error_handler_t::replace);
}

nlohmann::json EntryJson(const Entry& entry) { return EntryObject(entry); }

nlohmann::json IntakeResultJson(const IntakeResult& result, Language language) {
  json out = {{"input", result.input}};
  if (result.entry) {
    out["status"] = "accepted";
    out.update(EntryObject(*result.entry));
  } else {
    out["status"] = "rejected";
    out["code"] = result.status.code();
    out["message"] = Localize(result.status, language);
    if (language != Language::kEnglish) out["message_en"] = result.status.message();
    json details = json::object();
    for (const Detail& detail : result.status.details()) details[detail.key] = detail.value;
    if (!details.empty()) out["details"] = details;
  }
  return out;
}

}  // namespace poster::gallery

namespace poster::gallery {

std::string LocalTime(voting::Instant moment, const std::string& time_zone) {
  Result<TimeZone> zone = TimeZone::Load(time_zone);
  return zone.ok() ? zone->Format(moment) : FormatUtc(moment);
}

nlohmann::json PhasesJson(const std::vector<PhaseState>& phases, const std::string& time_zone) {
  nlohmann::json out = nlohmann::json::array();
  for (const PhaseState& phase : phases) {
    nlohmann::json item = {{"phase", voting::PhaseName(phase.phase)}, {"open", phase.open}};
    item["start"] = phase.window.start ? nlohmann::json(FormatUtc(*phase.window.start))
                                       : nlohmann::json(nullptr);
    item["end"] =
        phase.window.end ? nlohmann::json(FormatUtc(*phase.window.end)) : nlohmann::json(nullptr);
    item["start_local"] = phase.window.start
                              ? nlohmann::json(LocalTime(*phase.window.start, time_zone))
                              : nlohmann::json(nullptr);
    item["end_local"] = phase.window.end ? nlohmann::json(LocalTime(*phase.window.end, time_zone))
                                         : nlohmann::json(nullptr);
    out.push_back(item);
  }
  return out;
}

nlohmann::json PersonJson(const PersonRecord& person) {
  nlohmann::json roles = nlohmann::json::array();
  for (voting::Role role : person.roles) roles.push_back(voting::RoleName(role));
  return nlohmann::json{{"employee_id", person.id},
                        {"name", person.name},
                        {"department", person.department},
                        {"email", person.email},
                        {"roles", roles}};
}

nlohmann::json BallotJson(const Ballot& ballot) {
  return nlohmann::json{{"entries", ballot.entries},
                        {"eligible", ballot.eligible},
                        {"budget", ballot.budget},
                        {"remaining", ballot.remaining},
                        {"voided", ballot.voided}};
}

nlohmann::json JudgeTasksJson(const std::vector<JudgeTask>& tasks) {
  nlohmann::json out = nlohmann::json::array();
  for (const JudgeTask& task : tasks) {
    out.push_back({{"entry", task.entry},
                   {"title", task.title},
                   {"scores", task.scores ? nlohmann::json(*task.scores) : nlohmann::json(nullptr)},
                   {"comment", task.comment},
                   {"position", task.position}});
  }
  return out;
}

nlohmann::json AuditReportJson(const AuditReport& report) {
  return nlohmann::json{{"ok", report.chain_intact && report.problems.empty()},
                        {"records", report.records},
                        {"chain_intact", report.chain_intact},
                        {"votes_replayed", report.votes_replayed},
                        {"scores_replayed", report.scores_replayed},
                        {"head", {{"seq", report.head.seq}, {"hash", report.head.hash}}},
                        {"checked", report.checked},
                        {"problems", report.problems}};
}

}  // namespace poster::gallery
