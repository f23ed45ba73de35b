// The citizens' page and its like (private to gallery/web; issue 12).
#pragma once

#include <optional>
#include <string>

#include "gallery/web/http_site.h"

namespace poster::gallery::web {

// The device cookie: a token Catalogue::NewCitizenDevice made.
inline constexpr const char* kDeviceCookie = "poster_device";

// What the page shows of one approved entry.
struct CitizenPageFacts {
  int64_t entry = 0;
  nlohmann::json card;  // PublicEntryJson, without authors when the public may not see them
  std::string contest;  // the contest's name in the page's language
  std::optional<int64_t> likes;  // nothing while the counts are sealed
  std::string csrf;              // a signed-in viewer's token, for the like's POST
};

// `text` with & < > " ' as character references: safe in text and in quoted attributes.
std::string HtmlEscape(std::string_view text);
// ?lang=en|ko, else English when the reader's first Accept-Language is English.
Language PageLanguage(const httplib::Request& request);
std::string CitizenPageHtml(const CitizenPageFacts& facts, Language language);
std::string CitizenMissingHtml(Language language);  // the 404 page
// Answers the page with its own Content-Security-Policy (its inline script
// and style by hash) and no caching.
void SendCitizenHtml(Call& call, int status, const std::string& html);

}  // namespace poster::gallery::web
