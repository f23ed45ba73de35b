// The contest config: defaults that work, and every mistake named by key and line.
#include "tests/gallery/fixtures.h"

using namespace poster;
using namespace poster::testing;

namespace {

Status Problem(const std::string& toml) {
  return gallery::ParseConfig(toml, "contest.toml").status();
}

}  // namespace

TEST_CASE("the built-in config is valid and holds the documented defaults", "[gallery][config]") {
  const gallery::ContestConfig& config = gallery::DefaultConfig();
  CHECK(config.name == "AI 혁신 포스터 공모전");
  CHECK(config.ingest.limits.max_bytes == 50 << 20);
  CHECK(config.ingest.limits.max_pixels == 50'000'000);
  CHECK(config.ingest.limits.max_side == 20000);
  CHECK(config.ingest.limits.min_short_side == 800);
  CHECK(config.ingest.limits.min_aspect == 0.5);
  CHECK(config.ingest.limits.max_aspect == 1.0);
  CHECK(config.ingest.webp_widths == std::vector<int>{320, 640, 1280});
  CHECK(config.near_duplicate_distance == 10);
  CHECK(config.fetch.max_redirects == 3);
  CHECK_FALSE(config.fetch.allow_private_addresses);
  CHECK(config.fetch.max_bytes == config.ingest.limits.max_bytes);
  REQUIRE(gallery::ParseConfig("", "empty.toml").ok());  // every key is optional
}

TEST_CASE("settings in the file replace the defaults", "[gallery][config]") {
  Result<gallery::ContestConfig> config = gallery::ParseConfig(R"(
[contest]
name = "시청 혁신주간"
[ingest]
max_megabytes = 20
min_short_side = 1000
webp_widths = [400, 800]
[ingest.fetch]
allow_private_addresses = true
timeout_seconds = 5
)",
                                                               "contest.toml");
  REQUIRE(config.ok());
  CHECK(config->name == "시청 혁신주간");
  CHECK(config->ingest.limits.max_bytes == 20 << 20);
  CHECK(config->fetch.max_bytes == 20 << 20);
  CHECK(config->ingest.limits.min_short_side == 1000);
  CHECK(config->ingest.webp_widths == std::vector<int>{400, 800});
  CHECK(config->fetch.allow_private_addresses);
  CHECK(config->fetch.total_timeout_ms == 5000);
}

TEST_CASE("a misspelt key is an error naming it and its line", "[gallery][config]") {
  Status status = Problem("[ingest]\nmax_megabytes = 10\nmin_shortside = 900\n");
  CHECK(status.code() == "config_invalid");
  CHECK(status.detail("key") == "ingest.min_shortside");
  CHECK(status.detail("line") == "3");
  CHECK_THAT(status.message(), Catch::StartsWith("contest.toml:3: ingest.min_shortside"));
}

TEST_CASE("an unknown section is an error", "[gallery][config]") {
  CHECK(Problem("[ingset]\nmax_megabytes = 10\n").detail("key") == "ingset");
}

TEST_CASE("a value of the wrong type or out of range is an error saying what is allowed",
          "[gallery][config]") {
  Status text = Problem("[ingest]\nmax_side = \"big\"\n");
  CHECK(text.detail("key") == "ingest.max_side");
  CHECK_THAT(text.message(), Catch::Contains("whole number from 1 to"));
  CHECK(Problem("[ingest]\nwebp_quality = 101\n").detail("key") == "ingest.webp_quality");
  CHECK(Problem("[ingest]\nwebp_widths = []\n").detail("key") == "ingest.webp_widths");
  CHECK(Problem("[ingest]\nwebp_widths = [320, \"640\"]\n").detail("key") == "ingest.webp_widths");
  CHECK(Problem("[ingest.fetch]\nallow_private_addresses = \"yes\"\n").detail("key") ==
        "ingest.fetch.allow_private_addresses");
  CHECK(Problem("[ingest]\nmin_aspect = 0.9\nmax_aspect = 0.8\n").detail("key") ==
        "ingest.min_aspect");
}

TEST_CASE("a TOML syntax error names the line", "[gallery][config]") {
  Status status = Problem("[ingest]\nmax_side = = 3\n");
  CHECK(status.code() == "config_invalid");
  CHECK(status.detail("line") == "2");
}

TEST_CASE("a config file that cannot be read is config_invalid", "[gallery][config]") {
  CHECK(gallery::LoadConfig("/nonexistent/contest.toml").status().code() == "config_invalid");
}

TEST_CASE("the JPEG scan limit comes from [ingest] max_jpeg_scans, 100 by default",
          "[gallery][config]") {
  CHECK(gallery::DefaultConfig().ingest.limits.max_jpeg_scans == 100);
  Result<gallery::ContestConfig> config =
      gallery::ParseConfig("[ingest]\nmax_jpeg_scans = 250\n", "contest.toml");
  REQUIRE(config.ok());
  CHECK(config->ingest.limits.max_jpeg_scans == 250);
  CHECK(Problem("[ingest]\nmax_jpeg_scans = 0\n").detail("key") == "ingest.max_jpeg_scans");
}

TEST_CASE("every section docs/config.md documents is taken, [integrity] and [citizens] included",
          "[gallery][config]") {
  Result<gallery::ContestConfig> config = gallery::ParseConfig(
      "[integrity]\nmin_votes = 7\n[citizens]\nlobby = \"sealed\"\n", "contest.toml");
  REQUIRE(config.ok());
  CHECK(config->integrity.min_votes == 7);
  CHECK(config->citizens.lobby == gallery::LikesDisplay::kSealed);
}
