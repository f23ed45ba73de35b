#include "gallery/config/config_reader.h"

#include <algorithm>
#include <cmath>
#include <sstream>

#include "gallery/config/config.h"

namespace poster::gallery {
namespace {

std::string Plain(double value) {
  std::ostringstream text;
  text << value;
  return text.str();
}

}  // namespace

const toml::table* ConfigReader::Section(std::string_view path) {
  const toml::node* node = root_.at_path(path).node();
  if (node == nullptr) return nullptr;
  if (!node->is_table())
    Fail(*node, std::string(path), "must be a section ([" + std::string(path) + "])");
  return node->as_table();
}

void ConfigReader::Known(const toml::table* table, std::string_view path,
                         std::initializer_list<std::string_view> keys) {
  if (table == nullptr) return;
  for (auto&& [key, node] : *table) {
    if (std::find(keys.begin(), keys.end(), key.str()) != keys.end()) continue;
    Fail(node, Name(path, key.str()), "is not a setting poster knows (a typo?)");
  }
}

void ConfigReader::Real(const toml::table* table, std::string_view path, std::string_view key,
                        double min, double max, double& out) {
  const toml::node* node = Find(table, key);
  if (node == nullptr) return;
  auto value = node->value<double>();  // integers are accepted as numbers too
  if (!value || !std::isfinite(*value) || *value < min || *value > max) {
    return Fail(*node, Name(path, key),
                "must be a number from " + Plain(min) + " to " + Plain(max));
  }
  out = *value;
}

void ConfigReader::Boolean(const toml::table* table, std::string_view path, std::string_view key,
                           bool& out) {
  const toml::node* node = Find(table, key);
  if (node == nullptr) return;
  auto value = node->value_exact<bool>();
  if (!value) return Fail(*node, Name(path, key), "must be true or false");
  out = *value;
}

void ConfigReader::Text(const toml::table* table, std::string_view path, std::string_view key,
                        std::string& out) {
  const toml::node* node = Find(table, key);
  if (node == nullptr) return;
  auto value = node->value_exact<std::string>();
  if (!value) return Fail(*node, Name(path, key), "must be text in quotes");
  out = *value;
}

void ConfigReader::Widths(const toml::table* table, std::string_view path, std::string_view key,
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

void ConfigReader::Words(const toml::table* table, std::string_view path, std::string_view key,
                         std::vector<std::string>& out) {
  const toml::node* node = Find(table, key);
  if (node == nullptr) return;
  const toml::array* list = node->as_array();
  std::vector<std::string> words;
  for (size_t i = 0; list != nullptr && i < list->size(); ++i) {
    auto value = (*list)[i].value_exact<std::string>();
    if (!value) break;
    words.push_back(*value);
  }
  if (list == nullptr || words.size() != list->size()) {
    return Fail(*node, Name(path, key), "must be a list of quoted words");
  }
  out = words;
}

std::vector<const toml::table*> ConfigReader::Tables(const toml::table* table,
                                                     std::string_view path, std::string_view key,
                                                     bool& present) {
  std::vector<const toml::table*> tables;
  const toml::node* node = Find(table, key);
  present = node != nullptr;
  if (node == nullptr) return tables;
  const toml::array* list = node->as_array();
  for (size_t i = 0; list != nullptr && i < list->size(); ++i) {
    if (!(*list)[i].is_table()) break;
    tables.push_back((*list)[i].as_table());
  }
  if (list == nullptr || tables.size() != list->size()) {
    Fail(*node, Name(path, key), "must be a list of tables ([[" + std::string(key) + "]])");
    tables.clear();
  }
  return tables;
}

void ConfigReader::Fail(const toml::node& node, const std::string& key,
                        const std::string& problem) {
  if (!status_.ok()) return;  // the first problem is the one reported
  int line = static_cast<int>(node.source().begin.line);
  status_ = Status(std::string(kConfigInvalid),
                   origin_ + ":" + std::to_string(line) + ": " + key + " " + problem + ".",
                   {{"key", key}, {"line", std::to_string(line)}, {"file", origin_}});
}

void ConfigReader::Fail(const std::string& key, const std::string& problem) {
  if (!status_.ok()) return;
  status_ = Status(std::string(kConfigInvalid), origin_ + ": " + key + " " + problem + ".",
                   {{"key", key}, {"file", origin_}});
}

}  // namespace poster::gallery
