// Localize: a Status in Korean, from the templates in assets/i18n/ko.json.
#include <nlohmann/json.hpp>

#include "assets/assets.h"
#include "base/text.h"
#include "gallery/web/web.h"

namespace poster::gallery {
namespace {

using nlohmann::json;

const json& Messages() {
  static const json messages = [] {
    auto text = assets::Find("i18n/ko.json");
    json parsed = text ? json::parse(*text, nullptr, /*allow_exceptions=*/false) : json();
    return parsed.is_discarded() ? json::object() : parsed;
  }();
  return messages;
}

// The value for {name}: the English message, or the detail, translated through
// the table of that name when there is one.
std::optional<std::string> Value(const Status& status, std::string_view name) {
  if (name == "message") return status.message();
  for (const Detail& detail : status.details()) {
    if (detail.key != name) continue;
    const json& table = Messages().value(std::string(name), json::object());
    if (table.is_object() && table.contains(detail.value) && table[detail.value].is_string()) {
      return table[detail.value].get<std::string>();
    }
    return detail.value;
  }
  return std::nullopt;
}

// `text` with every {placeholder} filled, or nothing when one cannot be.
std::optional<std::string> Fill(std::string_view text, const Status& status, int depth = 0) {
  std::string out;
  for (size_t at = 0; at < text.size();) {
    size_t open = text.find('{', at);
    size_t close = open == std::string_view::npos ? open : text.find('}', open);
    if (close == std::string_view::npos) {
      out += text.substr(at);
      break;
    }
    out += text.substr(at, open - at);
    // {name} or {name:을}: the value, then the particle in the form its last sound takes.
    std::string_view name = text.substr(open + 1, close - open - 1);
    std::string_view particle;
    if (size_t colon = name.find(':'); colon != std::string_view::npos) {
      particle = name.substr(colon + 1);
      name = name.substr(0, colon);
    }
    std::optional<std::string> value = Value(status, name);
    if (!value) return std::nullopt;
    // A translated value may hold placeholders of its own; the English message is left as it is.
    if (depth == 0 && name != "message") value = Fill(*value, status, 1);
    if (!value) return std::nullopt;
    out += *value;
    out += KoreanParticle(*value, particle);
    at = close + 1;
  }
  return out;
}

}  // namespace

std::string Localize(const Status& status, Language language) {
  if (status.ok() || language == Language::kEnglish) return status.message();
  const json& forms = Messages().value("codes", json::object()).value(status.code(), json::array());
  for (const json& form : forms) {
    if (!form.is_string()) continue;
    std::optional<std::string> filled = Fill(form.get<std::string>(), status);
    if (filled) return *filled;
  }
  return status.message();
}

bool HasTranslation(std::string_view code) {
  const json& codes = Messages().value("codes", json::object());
  return codes.contains(std::string(code)) && codes[std::string(code)].is_array() &&
         !codes[std::string(code)].empty();
}

}  // namespace poster::gallery
