// assets: the files of assets/ (pages, translations, the default contest
// config) compiled into the binary, so that poster runs from anywhere.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace poster::assets {

struct File {
  std::string_view path;  // relative to assets/, e.g. "i18n/ko.json"
  std::string_view bytes;
};

// Every embedded file, in a fixed order.
const std::vector<File>& All();

// The bytes of the file at `path`, or nothing when no such file is embedded.
inline std::optional<std::string_view> Find(std::string_view path) {
  for (const File& file : All()) {
    if (file.path == path) return file.bytes;
  }
  return std::nullopt;
}

}  // namespace poster::assets
