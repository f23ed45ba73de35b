// Citizens' choice over HTTP (issue 12; docs/web.md "The citizens' page"):
// GET /p/N, the page a poster's QR code opens, which hands the device its
// signed cookie, and POST /api/citizen/like/N, a like from that device.
#include "gallery/web/citizens.h"

namespace poster::gallery::web {
namespace {

bool PublicUrlIsHttps(const Site& site) { return site.public_url.rfind("https://", 0) == 0; }

void SetDeviceCookie(Call& call, const std::string& token) {
  const CitizenSettings& citizens = call.site.catalogue.Config().citizens;
  std::string cookie = std::string(kDeviceCookie) + "=" + token +
                       "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" +
                       std::to_string(int64_t(citizens.cookie_days) * 86400);
  if (call.site.options.secure_cookies || PublicUrlIsHttps(call.site)) cookie += "; Secure";
  call.response.set_header("Set-Cookie", cookie);
}

// The device's token: its cookie when valid, else a new one (set as the cookie).
std::optional<std::string> KnownCitizenDevice(Call& call) {
  std::optional<std::string> token = Cookie(call.request, kDeviceCookie);
  if (token && call.site.catalogue.ValidCitizenDevice(*token)) return token;
  return std::nullopt;
}

void GiveCitizenDevice(Call& call) {
  Result<std::string> token = call.site.catalogue.NewCitizenDevice();
  if (token.ok()) SetDeviceCookie(call, *token);
}

void CitizenPageRoute(Call& call) {
  Language language = PageLanguage(call.request);
  Result<nlohmann::json> card = PublicEntryJson(call.site, call.Id());
  if (!card.ok()) {
    if (card.status().code() != kNotFound) return call.Fail(card.status());
    return SendCitizenHtml(call, 404, CitizenMissingHtml(language));
  }
  if (AuthorsHiddenFor(call)) WithoutAuthors(*card);
  if (!KnownCitizenDevice(call)) GiveCitizenDevice(call);
  CitizenPageFacts facts;
  facts.entry = call.Id();
  facts.card = std::move(*card);
  ContestConfig config = call.site.catalogue.Config();
  facts.contest =
      language == Language::kEnglish && !config.name_en.empty() ? config.name_en : config.name;
  Result<CitizenLikeCounts> counts = call.site.catalogue.CitizenLikes();
  if (counts.ok() && counts->shown) {
    auto it = counts->likes.find(facts.entry);
    facts.likes = it == counts->likes.end() ? 0 : it->second;
  }
  if (call.viewer) facts.csrf = call.viewer->csrf;
  SendCitizenHtml(call, 200, CitizenPageHtml(facts, language));
}

void CitizenLikeRoute(Call& call) {
  std::optional<std::string> device = KnownCitizenDevice(call);
  Result<CitizenLike> like = call.site.catalogue.LikeAsCitizen(
      call.Id(), device.value_or(""), ClientAddress(call.site, call.request));
  if (!like.ok()) {
    if (like.status().code() == kDeviceRequired) GiveCitizenDevice(call);  // the next press counts
    for (const poster::Detail& detail : like.status().details())
      if (detail.key == "retry_after") call.response.set_header("Retry-After", detail.value);
    return call.Fail(like.status());
  }
  nlohmann::json body = {{"entry", like->entry}, {"liked", true}};
  body["likes"] = like->likes ? nlohmann::json(*like->likes) : nlohmann::json(nullptr);
  call.Json(200, body);
}

void CitizenReportRoute(Call& call) {
  Result<CitizenLikeReport> report = call.site.catalogue.CitizenLikeReportFor(call.actor());
  if (!report.ok()) return call.Fail(report.status());
  nlohmann::json likes = nlohmann::json::object();
  for (const auto& [entry, count] : report->likes) likes[std::to_string(entry)] = count;
  call.Json(200, nlohmann::json{{"likes", likes}, {"drops", report->drops}});
}

}  // namespace

void AddCitizenRoutes(httplib::Server& server, Site& site) {
  Route(server, site, Method::kGet, R"(/p/(\d+))", Anyone(), CitizenPageRoute);
  Route(server, site, Method::kPost, R"(/api/citizen/like/(\d+))", Anyone(), CitizenLikeRoute);
  Route(server, site, Method::kGet, "/api/admin/citizens", WithRole(voting::Role::kAdmin),
        CitizenReportRoute);
}

}  // namespace poster::gallery::web
