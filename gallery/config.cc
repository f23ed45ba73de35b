// The contest config: TOML read strictly, so that a typo is an error naming the
// key rather than a default silently kept. docs/config.md lists every key.
#include <toml++/toml.h>

#include <cmath>
#include <fstream>
#include <sstream>

#include "assets/assets.h"
#include "gallery/gallery.h"

namespace poster::gallery {
namespace {

class Reader {
 public:
  Reader(const toml::table& root, std::string origin) : root_(root), origin_(std::move(origin)) {}

  // The table at `path` ("ingest.fetch"), or nullptr when absent.
  const toml::table* Section(std::string_view path) {
    const toml::node* node = root_.at_path(path).node();
    if (node == nullptr) return nullptr;
    if (!node->is_table())
      Fail(*node, std::string(path), "must be a section ([" + std::string(path) + "])");
    return node->as_table();
  }

  void Known(const toml::table* table, std::string_view path,
             std::initializer_list<std::string_view> keys) {
    if (table == nullptr) return;
    for (auto&& [key, node] : *table) {
      if (std::find(keys.begin(), keys.end(), key.str()) != keys.end()) continue;
      std::string name =
          path.empty() ? std::string(key.str()) : std::string(path) + "." + std::string(key.str());
      Fail(node, name, "is not a setting poster knows (a typo?)");
    }
  }

  template <typename T>
  void Integer(const toml::table* table, std::string_view path, std::string_view key, int64_t min,
               int64_t max, T& out) {
    const toml::node* node = Find(table, key);
    if (node == nullptr) return;
    auto value = node->value_exact<int64_t>();
    std::string range = "a whole number from " + std::to_string(min) + " to " + std::to_string(max);
    if (!value || *value < min || *value > max)
      return Fail(*node, Name(path, key), "must be " + range);
    out = static_cast<T>(*value);
  }

  void Real(const toml::table* table, std::string_view path, std::string_view key, double min,
            double max, double& out) {
    const toml::node* node = Find(table, key);
    if (node == nullptr) return;
    auto value = node->value<double>();  // integers are accepted as numbers too
    if (!value || !std::isfinite(*value) || *value < min || *value > max) {
      return Fail(*node, Name(path, key),
                  "must be a number from " + Plain(min) + " to " + Plain(max));
    }
    out = *value;
  }

  void Boolean(const toml::table* table, std::string_view path, std::string_view key, bool& out) {
    const toml::node* node = Find(table, key);
    if (node == nullptr) return;
    auto value = node->value_exact<bool>();
    if (!value) return Fail(*node, Name(path, key), "must be true or false");
    out = *value;
  }

  void Text(const toml::table* table, std::string_view path, std::string_view key,
            std::string& out) {
    const toml::node* node = Find(table, key);
    if (node == nullptr) return;
    auto value = node->value_exact<std::string>();
    if (!value) return Fail(*node, Name(path, key), "must be text in quotes");
    out = *value;
  }

  void Widths(const toml::table* table, std::string_view path, std::string_view key,
              std::vector<int>& out) {
    const toml::node* node = Find(table, key);
    if (node == nullptr) return;
    const toml::array* list = node->as_array();
    std::vector<int> widths;
    for (size_t i = 0; list != nullptr && i < list->size(); ++i) {
      auto value = (*list)[i].value_exact<int64_t>();
      if (!value || *value < 16 || *value > 8192) break;
      widths.push_back(static_cast<int>(*value));
    }
    if (list == nullptr || list->empty() || widths.size() != list->size()) {
      return Fail(*node, Name(path, key),
                  "must be a list of widths from 16 to 8192, like [320, 640, 1280]");
    }
    out = widths;
  }

  const Status& status() const { return status_; }

 private:
  const toml::node* Find(const toml::table* table, std::string_view key) const {
    return table == nullptr ? nullptr : table->get(key);
  }

  static std::string Name(std::string_view path, std::string_view key) {
    return std::string(path) + "." + std::string(key);
  }

  static std::string Plain(double value) {
    std::ostringstream text;
    text << value;
    return text.str();
  }

  void Fail(const toml::node& node, const std::string& key, const std::string& problem) {
    if (!status_.ok()) return;  // the first problem is the one reported
    int line = static_cast<int>(node.source().begin.line);
    status_ = Status(std::string(kConfigInvalid),
                     origin_ + ":" + std::to_string(line) + ": " + key + " " + problem + ".",
                     {{"key", key}, {"line", std::to_string(line)}, {"file", origin_}});
  }

  const toml::table& root_;
  std::string origin_;
  Status status_;
};

void ReadIngest(Reader& in, ContestConfig& config) {
  const toml::table* section = in.Section("ingest");
  in.Known(section, "ingest",
           {"max_megabytes", "max_megapixels", "max_side", "min_short_side", "min_aspect",
            "max_aspect", "webp_widths", "jpeg_width", "webp_quality", "webp_method",
            "jpeg_quality", "near_duplicate_distance", "blank_max_stddev", "blurry_max_sharpness",
            "qr_scan_width", "metadata_max_kilobytes", "fetch"});
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
  s.limits.max_bytes = megabytes << 20;
  s.limits.max_pixels = std::llround(megapixels * 1e6);
  s.metadata_max_bytes = kilobytes << 10;
}

void ReadFetch(Reader& in, ContestConfig& config) {
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

Status CheckTogether(const ContestConfig& config, std::string_view origin) {
  const ingest::Limits& limits = config.ingest.limits;
  if (limits.min_aspect > limits.max_aspect) {
    return Status(std::string(kConfigInvalid),
                  std::string(origin) + ": ingest.min_aspect must not be above ingest.max_aspect.",
                  {{"key", "ingest.min_aspect"}, {"file", std::string(origin)}});
  }
  return Status::Ok();
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
                  {{"key", ""}, {"line", std::to_string(line)}, {"file", std::string(origin)}});
  }
  ContestConfig config = BuiltInDefaults();
  Reader in(root, std::string(origin));
  in.Known(&root, "", {"contest", "ingest"});
  const toml::table* contest = in.Section("contest");
  in.Known(contest, "contest", {"name", "name_en"});
  in.Text(contest, "contest", "name", config.name);
  in.Text(contest, "contest", "name_en", config.name_en);
  ReadIngest(in, config);
  ReadFetch(in, config);
  POSTER_RETURN_IF_ERROR(in.status());
  POSTER_RETURN_IF_ERROR(CheckTogether(config, origin));
  return config;
}

Result<ContestConfig> LoadConfig(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  if (!file) {
    return Status(std::string(kConfigInvalid),
                  "Could not read the config file " + path.string() + ".",
                  {{"key", ""}, {"file", path.string()}});
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
