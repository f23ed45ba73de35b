// The JSON shape of entries and intake results (docs/cli.md shows examples).
#include <nlohmann/json.hpp>

#include "gallery/gallery.h"

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
      {"theme", s.theme},
      {"ai_tools", s.ai_tools},
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

std::string EntryJson(const Entry& entry) {
  return EntryObject(entry).dump(-1, ' ', false, json::error_handler_t::replace);
}

std::string IntakeResultJson(const IntakeResult& result, Language language) {
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
  return out.dump(-1, ' ', false, json::error_handler_t::replace);
}

}  // namespace poster::gallery
