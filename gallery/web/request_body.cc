#include "gallery/web/request_body.h"

#include "gallery/web/web.h"

namespace poster::gallery::web {
namespace {

using nlohmann::json;

std::string Range(int64_t min, int64_t max) {
  return "an integer from " + std::to_string(min) + " to " + std::to_string(max);
}

// The number at its full width, if it is a whole number within [min, max].
std::optional<int64_t> InRange(const json& value, int64_t min, int64_t max) {
  if (value.is_number_unsigned()) {
    uint64_t number = value.get<uint64_t>();
    if (max < 0 || number > uint64_t(max)) return std::nullopt;
    if (min > 0 && number < uint64_t(min)) return std::nullopt;
    return int64_t(number);
  }
  if (!value.is_number_integer()) return std::nullopt;  // floats, strings, true, null
  int64_t number = value.get<int64_t>();
  if (number < min || number > max) return std::nullopt;
  return number;
}

}  // namespace

Body::Body(std::string_view bytes) {
  json_ = json::parse(bytes.begin(), bytes.end(), nullptr, false);
  if (json_.is_discarded() || !json_.is_object()) {
    json_ = json::object();
    status_ = Status(std::string(kBadRequest), "The request's body is not a JSON object.",
                     {{"expected", "a JSON object"}});
  }
}

const json* Body::Find(std::string_view field) const {
  if (!ok()) return nullptr;
  auto found = json_.find(field);
  return found == json_.end() || found->is_null() ? nullptr : &*found;
}

void Body::Fail(std::string_view field, const std::string& expected) {
  if (!ok()) return;
  status_ = Status(std::string(kBadRequest),
                   "The field \"" + std::string(field) + "\" must be " + expected + ".",
                   {{"field", std::string(field)}, {"expected", expected}});
}

std::string Body::String(std::string_view field) {
  const json* value = Find(field);
  if (value && value->is_string()) return value->get<std::string>();
  Fail(field, "text");
  return "";
}

std::string Body::OptionalString(std::string_view field, std::string fallback) {
  const json* value = Find(field);
  if (!value) return fallback;
  if (value->is_string()) return value->get<std::string>();
  Fail(field, "text");
  return fallback;
}

bool Body::OptionalBool(std::string_view field, bool fallback) {
  const json* value = Find(field);
  if (!value) return fallback;
  if (value->is_boolean()) return value->get<bool>();
  Fail(field, "true or false");
  return fallback;
}

int64_t Body::Int64(std::string_view field, int64_t min, int64_t max) {
  const json* value = Find(field);
  std::optional<int64_t> number = value ? InRange(*value, min, max) : std::nullopt;
  if (number) return *number;
  Fail(field, Range(min, max));
  return min;
}

std::vector<int64_t> Body::IntList(std::string_view field, int64_t min, int64_t max,
                                   size_t max_count) {
  std::string expected = "a list of at most " + std::to_string(max_count) + " integers from " +
                         std::to_string(min) + " to " + std::to_string(max);
  const json* value = Find(field);
  std::vector<int64_t> numbers;
  if (!value || !value->is_array() || value->size() > max_count) {
    Fail(field, expected);
    return numbers;
  }
  for (const json& item : *value) {
    std::optional<int64_t> number = InRange(item, min, max);
    if (!number) {
      Fail(field, expected);
      return {};
    }
    numbers.push_back(*number);
  }
  return numbers;
}

}  // namespace poster::gallery::web
