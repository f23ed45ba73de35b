// Korea's rules for public contests: the shortlist of the verification period
// (검증 기간, public), an admin's revocation of an award (수상 취소), and the
// pledge and consent the submit page shows.
#include "gallery/web/http_site.h"

namespace poster::gallery::web {
namespace {

using nlohmann::json;

std::string Thumbnail(const std::string& sha256) {
  return sha256.empty() ? "" : MediaUrl(sha256, "320.webp");
}

json NeighbourJson(const ShortlistNeighbour& n) {
  return {{"entry", n.entry},
          {"distance", n.distance},
          {"title", n.title},
          {"thumbnail", Thumbnail(n.sha256)}};
}

json ShortlistEntryJson(const ShortlistEntry& e) {
  json neighbours = json::array();
  for (const ShortlistNeighbour& n : e.neighbours) neighbours.push_back(NeighbourJson(n));
  return {{"entry", e.entry},
          {"rank", e.rank},
          {"tier", e.tier},
          {"tier_en", e.tier_en},
          {"title", e.title},
          {"author_name", e.author_name},
          {"department", e.department},
          {"theme", e.theme},
          {"thumbnail", Thumbnail(e.sha256)},
          {"neighbours", neighbours},
          {"hidden_neighbours", e.hidden_neighbours}};
}

void ShortlistIt(Call& call) {
  Result<Shortlist> list = call.site.catalogue.ShortlistNow();
  if (!list.ok() && list.status().code() == kResultsSealed) {
    return call.Json(200, json{{"state", "sealed"}, {"entries", json::array()}});
  }
  if (!list.ok()) return call.Fail(list.status());
  call.Json(200, ShortlistJson(*list));
}

void RevokeIt(Call& call) {
  Body body = call.JsonBody();
  std::string reason = body.String("reason");
  if (call.Refused(body)) return;
  Result<Revocation> made = call.site.catalogue.RevokeAward(call.Id(), reason, call.actor());
  if (!made.ok()) return call.Fail(made.status());
  GalleryChanged(call.site);  // the badge goes with the award
  call.Json(200, RevocationJson(*made));
}

}  // namespace

json ShortlistJson(const Shortlist& list) {
  json entries = json::array();
  for (const ShortlistEntry& e : list.entries) entries.push_back(ShortlistEntryJson(e));
  return {{"state", list.state},
          {"announced_at", list.announced_at},
          {"final_at", list.final_at},
          {"time_zone", list.time_zone},
          {"max_distance", list.max_distance},
          {"entries", entries}};
}

json RevocationJson(const Revocation& r) {
  return {{"entry", r.entry},
          {"tier", r.tier},
          {"tier_en", r.tier_en},
          {"reason", r.reason},
          {"revoked_at", r.revoked_at}};
}

json PledgeJson(const ContestConfig& config) {
  return {{"required", config.require_pledge},
          {"pledge", config.pledge},
          {"pledge_en", config.pledge_en},
          {"pledge_sha256", PledgeVersion(config.pledge, config.pledge_en)},
          {"consent", config.consent},
          {"consent_en", config.consent_en},
          {"consent_sha256", PledgeVersion(config.consent, config.consent_en)}};
}

void AddRulesRoutes(httplib::Server& server, Site& site) {
  Route(server, site, Method::kGet, "/api/shortlist", Anyone(), ShortlistIt);
  Route(server, site, Method::kPost, R"(/api/admin/awards/(\d+)/revoke)",
        WithRole(voting::Role::kAdmin), RevokeIt);
}

}  // namespace poster::gallery::web
