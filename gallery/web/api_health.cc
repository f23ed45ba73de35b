// /healthz and /readyz (issue 13, docs/operations.md "Monitoring"): whether the
// process answers, and whether it can read its catalogue. Anyone may ask; the
// answers say nothing about the contest.
#include <spdlog/spdlog.h>

#include "gallery/web/http_site.h"

namespace poster::gallery::web {

void AnswerHealth(Site&, httplib::Response& response) {
  response.set_header("Cache-Control", "no-store");
  response.set_content("{\"status\":\"ok\"}", "application/json; charset=utf-8");
}

void AnswerReadiness(Site& site, httplib::Response& response) {
  Result<StoreGauges> gauges = site.catalogue.Gauges();
  response.set_header("Cache-Control", "no-store");
  if (gauges.ok()) {
    response.set_content("{\"status\":\"ready\"}", "application/json; charset=utf-8");
    return;
  }
  site.log->error("readyz: {}: {}", gauges.status().code(), gauges.status().message());
  response.status = 503;
  response.set_content(
      nlohmann::json{{"status", "not_ready"}, {"code", gauges.status().code()}}.dump(),
      "application/json; charset=utf-8");
}

void AddHealthRoutes(httplib::Server& server, Site& site) {
  Route(server, site, Method::kGet, "/healthz", Anyone(),
        [](Call& call) { AnswerHealth(call.site, call.response); });
  Route(server, site, Method::kGet, "/readyz", Anyone(),
        [](Call& call) { AnswerReadiness(call.site, call.response); });
}

}  // namespace poster::gallery::web
