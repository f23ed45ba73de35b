// The contest config: TOML read strictly, so that a typo is an error naming the
// key rather than a default silently kept. docs/config.md lists every key.
#include <cmath>
#include <fstream>
#include <sstream>

#include "assets/assets.h"
#include "gallery/config/config.h"
#include "gallery/config/config_reader.h"
#include "gallery/config/config_sections.h"

namespace poster::gallery {
namespace {

void ReadIngest(ConfigReader& in, ContestConfig& config) {
  const toml::table* section = in.Section("ingest");
  in.Known(section, "ingest",
           {"max_megabytes", "max_megapixels", "max_side", "min_short_side", "min_aspect",
            "max_aspect", "webp_widths", "jpeg_width", "webp_quality", "webp_method",
            "jpeg_quality", "near_duplicate_distance", "blank_max_stddev", "blurry_max_sharpness",
            "qr_scan_width", "metadata_max_kilobytes", "max_jpeg_scans", "fetch"});
  ingest::Settings& s = config.ingest;
  int64_t megabytes = s.limits.max_bytes >> 20, kilobytes = s.metadata_max_bytes >> 10;
  double megapixels = double(s.limits.max_pixels) / 1e6;
  in.Integer(section, "ingest", "max_megabytes", 1, 2048, megabytes);
  in.Real(section, "ingest", "max_megapixels", 0.01, 1000, megapixels);
  in.Integer(section, "ingest", "max_side", 1, 1'000'000, s.limits.max_side);
  in.Integer(section, "ingest", "min_short_side", 1, 100'000, s.limits.min_short_side);
  in.Real(section, "ingest", "min_aspect", 0.01, 100, s.limits.min_aspect);
  in.Real(section, "ingest", "max_aspect", 0.01, 100, s.limits.max_aspect);
  in.Widths(section, "ingest", "webp_widths", s.webp_widths);
  in.Integer(section, "ingest", "jpeg_width", 0, 8192, s.jpeg_width);
  in.Integer(section, "ingest", "webp_quality", 0, 100, s.webp_quality);
  in.Integer(section, "ingest", "webp_method", 0, 6, s.webp_method);
  in.Integer(section, "ingest", "jpeg_quality", 0, 100, s.jpeg_quality);
  in.Integer(section, "ingest", "near_duplicate_distance", 0, 64, config.near_duplicate_distance);
  in.Real(section, "ingest", "blank_max_stddev", 0, 255, s.blank_max_stddev);
  in.Real(section, "ingest", "blurry_max_sharpness", 0, 1e6, s.blurry_max_sharpness);
  in.Integer(section, "ingest", "qr_scan_width", 100, 8192, s.qr_scan_width);
  in.Integer(section, "ingest", "metadata_max_kilobytes", 1, 65536, kilobytes);
  in.Integer(section, "ingest", "max_jpeg_scans", 1, 10000, s.limits.max_jpeg_scans);
  s.limits.max_bytes = megabytes << 20;
  s.limits.max_pixels = std::llround(megapixels * 1e6);
  s.metadata_max_bytes = kilobytes << 10;
  if (s.limits.min_aspect > s.limits.max_aspect) {
    in.Fail("ingest.min_aspect", "must not be above ingest.max_aspect");
  }
}

void ReadFetch(ConfigReader& in, ContestConfig& config) {
  const toml::table* section = in.Section("ingest.fetch");
  in.Known(
      section, "ingest.fetch",
      {"connect_timeout_seconds", "timeout_seconds", "max_redirects", "allow_private_addresses"});
  ingest::FetchOptions& f = config.fetch;
  int connect = f.connect_timeout_ms / 1000, total = f.total_timeout_ms / 1000;
  in.Integer(section, "ingest.fetch", "connect_timeout_seconds", 1, 300, connect);
  in.Integer(section, "ingest.fetch", "timeout_seconds", 1, 3600, total);
  in.Integer(section, "ingest.fetch", "max_redirects", 0, 10, f.max_redirects);
  in.Boolean(section, "ingest.fetch", "allow_private_addresses", f.allow_private_addresses);
  f.connect_timeout_ms = connect * 1000;
  f.total_timeout_ms = total * 1000;
  f.max_bytes = config.ingest.limits.max_bytes;
}

ContestConfig BuiltInDefaults() {
  ContestConfig config;
  config.fetch.max_bytes = config.ingest.limits.max_bytes;
  return config;
}

}  // namespace

Result<ContestConfig> ParseConfig(std::string_view text, std::string_view origin) {
  toml::table root;
  try {
    root = toml::parse(text, origin);
  } catch (const toml::parse_error& error) {
    int line = static_cast<int>(error.source().begin.line);
    return Status(std::string(kConfigInvalid),
                  std::string(origin) + ":" + std::to_string(line) + ": " +
                      std::string(error.description()) + ".",
                  {{"line", std::to_string(line)}, {"file", std::string(origin)}});
  }
  ContestConfig config = BuiltInDefaults();
  config.text = std::string(text);
  ConfigReader in(root, std::string(origin));
  in.Known(&root, "",
           {"contest", "themes", "phases", "submission", "voting", "judging", "combine", "tiers",
            "tie_break", "results", "ingest", "mail", "integrity", "citizens", "privacy"});
  ReadContest(in, config);
  ReadRules(in, config);
  ReadIngest(in, config);
  ReadFetch(in, config);
  ReadMail(in, config);
  ReadCitizens(in, config);
  POSTER_RETURN_IF_ERROR(in.status());
  return config;
}

Result<ContestConfig> LoadConfig(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    return Status(std::string(kConfigInvalid),
                  "Could not read the config file " + path.string() + ".",
                  {{"file", path.string()}});
  }
  std::stringstream text;
  text << file.rdbuf();
  return ParseConfig(text.str(), path.string());
}

const ContestConfig& DefaultConfig() {
  static const ContestConfig config = [] {
    Result<ContestConfig> parsed =
        ParseConfig(*assets::Find("contest.toml"), "assets/contest.toml");
    return parsed.ok() ? *parsed : BuiltInDefaults();
  }();
  return config;
}

}  // namespace poster::gallery
