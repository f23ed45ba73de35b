// Fair judging: a judge's recusals (POST /api/judge/recuse, GET
// /api/judge/recusals) and the admin's judging preview (GET
// /api/admin/judging: each judge's scores against their order, every recusal).
#include "gallery/web/http_site.h"

namespace poster::gallery::web {
namespace {

using nlohmann::json;

json RecusalJson(const Recusal& r) {
  return {{"judge", r.judge}, {"judge_name", r.judge_name}, {"entry", r.entry},
          {"title", r.title}, {"reason", r.reason},         {"recused_at", r.recused_at}};
}

json OptionalNumber(const std::optional<double>& value) {
  return value ? json(*value) : json(nullptr);
}

json RecusalsJson(const std::vector<Recusal>& recusals) {
  json list = json::array();
  for (const Recusal& r : recusals) list.push_back(RecusalJson(r));
  return list;
}

void RecuseIt(Call& call) {
  Body body = call.JsonBody();
  int64_t entry = body.Int64("entry", 1, kMaxId);
  std::string reason = body.String("reason");
  if (call.Refused(body)) return;
  Result<Recusal> recusal = call.site.catalogue.Recuse(call.actor(), entry, reason);
  if (!recusal.ok()) return call.Fail(recusal.status());
  call.Json(200, RecusalJson(*recusal));
}

void MyRecusals(Call& call) {
  Result<std::vector<Recusal>> mine = call.site.catalogue.Recusals(call.actor());
  if (!mine.ok()) return call.Fail(mine.status());
  call.Json(200, json{{"recusals", RecusalsJson(*mine)}});
}

void Preview(Call& call) {
  Result<std::vector<voting::OrderEffect>> effects = call.site.catalogue.OrderEffects(call.actor());
  if (!effects.ok()) return call.Fail(effects.status());
  Result<std::vector<Recusal>> recusals = call.site.catalogue.Recusals(call.actor());
  if (!recusals.ok()) return call.Fail(recusals.status());
  json judges = json::array();
  for (const voting::OrderEffect& e : *effects) {
    Result<PersonRecord> person = call.site.catalogue.Person(e.judge);
    judges.push_back({{"judge", e.judge},
                      {"name", person.ok() ? person->name : ""},
                      {"assigned", e.assigned},
                      {"scored", e.scored},
                      {"spearman", OptionalNumber(e.spearman)},
                      {"first_half_mean", OptionalNumber(e.first_half_mean)},
                      {"second_half_mean", OptionalNumber(e.second_half_mean)}});
  }
  call.Json(200, json{{"judges", judges}, {"recusals", RecusalsJson(*recusals)}});
}

}  // namespace

void AddJudgingRoutes(httplib::Server& server, Site& site) {
  Guard judge = WithRole(voting::Role::kJudge), admin = WithRole(voting::Role::kAdmin);
  Route(server, site, Method::kPost, "/api/judge/recuse", judge, RecuseIt);
  Route(server, site, Method::kGet, "/api/judge/recusals", judge, MyRecusals);
  Route(server, site, Method::kGet, "/api/admin/judging", admin, Preview);
}

}  // namespace poster::gallery::web
