// A request's JSON body, read field by field (private to gallery/web). Every
// getter checks the field's type and, for numbers, its range at full width
// before anything is narrowed; the first field that fails is kept as a
// bad_request naming it ({field, expected}) and the getters after it return
// their fallbacks, so a handler reads all its fields and then checks once.
#pragma once

#include <cstdint>
#include <limits>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace poster::gallery::web {

class Body {
 public:
  // Not JSON, or not an object: failed at once.
  explicit Body(std::string_view bytes);

  bool Has(std::string_view field) const { return Find(field) != nullptr; }
  std::string String(std::string_view field);  // required
  std::string OptionalString(std::string_view field, std::string fallback);
  bool OptionalBool(std::string_view field, bool fallback);
  int64_t Int64(std::string_view field, int64_t min, int64_t max);  // required
  std::vector<int64_t> IntList(std::string_view field, int64_t min, int64_t max,
                               size_t max_count);  // required, may be empty

  bool ok() const { return status_.ok(); }
  const Status& status() const { return status_; }

 private:
  // The field's value, or null when it is absent (or reading has failed).
  const nlohmann::json* Find(std::string_view field) const;
  void Fail(std::string_view field, const std::string& expected);

  nlohmann::json json_;
  Status status_;
};

inline constexpr int64_t kMaxId = std::numeric_limits<int64_t>::max();

}  // namespace poster::gallery::web
