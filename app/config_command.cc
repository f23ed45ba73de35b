// poster config check: validates a contest config and prints what takes effect.
#include <cstdlib>
#include <iostream>
#include <nlohmann/json.hpp>

#include "app/commands.h"

namespace poster::app {
namespace {

nlohmann::json Effective(const gallery::ContestConfig& config) {
  const ingest::Settings& s = config.ingest;
  return {{"contest", {{"name", config.name}, {"name_en", config.name_en}}},
          {"ingest",
           {{"max_bytes", s.limits.max_bytes},
            {"max_pixels", s.limits.max_pixels},
            {"max_side", s.limits.max_side},
            {"min_short_side", s.limits.min_short_side},
            {"min_aspect", s.limits.min_aspect},
            {"max_aspect", s.limits.max_aspect},
            {"max_jpeg_scans", s.limits.max_jpeg_scans},
            {"webp_widths", s.webp_widths},
            {"jpeg_width", s.jpeg_width},
            {"webp_quality", s.webp_quality},
            {"webp_method", s.webp_method},
            {"jpeg_quality", s.jpeg_quality},
            {"near_duplicate_distance", config.near_duplicate_distance},
            {"blank_max_stddev", s.blank_max_stddev},
            {"blurry_max_sharpness", s.blurry_max_sharpness},
            {"qr_scan_width", s.qr_scan_width},
            {"metadata_max_bytes", s.metadata_max_bytes}}},
          {"fetch",
           {{"connect_timeout_ms", config.fetch.connect_timeout_ms},
            {"total_timeout_ms", config.fetch.total_timeout_ms},
            {"max_redirects", config.fetch.max_redirects},
            {"allow_private_addresses", config.fetch.allow_private_addresses}}}};
}

}  // namespace

void AddConfigCommand(CLI::App& app, Invocation& invocation) {
  auto common = std::make_shared<Common>();
  CLI::App* config = app.add_subcommand("config", "Contest configuration");
  config->require_subcommand(1);
  CLI::App* check =
      config->add_subcommand("check", "Validate a config and print what takes effect");
  AddCommonOptions(*check, *common);
  check->callback([common, &invocation] {
    std::optional<gallery::ContestConfig> loaded = LoadConfigOrReport(*common);
    if (!loaded) {
      invocation.exit_code = kExitUsage;
      return;
    }
    std::cout << Effective(*loaded).dump(common->json ? -1 : 2) << "\n";
  });
}

}  // namespace poster::app
