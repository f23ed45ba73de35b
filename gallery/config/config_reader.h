// Strict reading of the contest's TOML (private to gallery/config): every key known,
// every value typed and in range, and the first problem reported with its file,
// line and key.
#pragma once

#include <toml++/toml.h>

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace poster::gallery {

class ConfigReader {
 public:
  ConfigReader(const toml::table& root, std::string origin)
      : root_(root), origin_(std::move(origin)) {}

  // The table at `path` ("ingest.fetch"), or nullptr when absent.
  const toml::table* Section(std::string_view path);

  // Fails on any key of `table` not in `keys` (a typo, usually).
  void Known(const toml::table* table, std::string_view path,
             std::initializer_list<std::string_view> keys);

  template <typename T>
  void Integer(const toml::table* table, std::string_view path, std::string_view key, int64_t min,
               int64_t max, T& out) {
    const toml::node* node = Find(table, key);
    if (node == nullptr) return;
    auto value = node->value_exact<int64_t>();
    if (!value || *value < min || *value > max) {
      return Fail(
          *node, Name(path, key),
          "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
    }
    out = static_cast<T>(*value);
  }

  void Real(const toml::table* table, std::string_view path, std::string_view key, double min,
            double max, double& out);
  void Boolean(const toml::table* table, std::string_view path, std::string_view key, bool& out);
  void Text(const toml::table* table, std::string_view path, std::string_view key,
            std::string& out);
  void Widths(const toml::table* table, std::string_view path, std::string_view key,
              std::vector<int>& out);
  void Words(const toml::table* table, std::string_view path, std::string_view key,
             std::vector<std::string>& out);

  // The tables of an array of tables ([[tiers]]) or of inline tables.
  std::vector<const toml::table*> Tables(const toml::table* table, std::string_view path,
                                         std::string_view key, bool& present);

  const toml::node* Find(const toml::table* table, std::string_view key) const {
    return table == nullptr ? nullptr : table->get(key);
  }
  static std::string Name(std::string_view path, std::string_view key) {
    return path.empty() ? std::string(key) : std::string(path) + "." + std::string(key);
  }

  // Records the first problem: `key` `problem`, at the node's line.
  void Fail(const toml::node& node, const std::string& key, const std::string& problem);
  void Fail(const std::string& key, const std::string& problem);  // no line to point at

  const Status& status() const { return status_; }
  const std::string& origin() const { return origin_; }
  const toml::table& root() const { return root_; }

 private:
  const toml::table& root_;
  std::string origin_;
  Status status_;
};

}  // namespace poster::gallery
