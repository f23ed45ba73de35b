// issue 11: the vote integrity report and voids (admins), and the published
// receipts a voter checks (anyone). docs/api.md, "Vote integrity and receipts".
#include "gallery/web/http_site.h"

namespace poster::gallery::web {
namespace {

using nlohmann::json;
using voting::Role;

void Report(Call& call) {
  Result<voting::IntegrityReport> report = call.site.catalogue.VoteIntegrity(call.actor());
  if (!report.ok()) return call.Fail(report.status());
  call.Json(200, IntegrityReportJson(*report));
}

void Void(Call& call) {
  Body body = call.JsonBody();
  std::string voter = body.String("voter");
  int64_t entry = body.Int64("entry", 1, kMaxId);
  std::string reason = body.OptionalString("reason", "");
  if (call.Refused(body)) return;
  Status voided = call.site.catalogue.VoidVote(voter, entry, reason, call.actor());
  if (!voided.ok()) return call.Fail(voided);
  Report(call);
}

void Published(Call& call) {
  Result<PublishedReceipts> published = call.site.catalogue.Receipts();
  if (!published.ok()) return call.Fail(published.status());
  call.Json(200, PublishedReceiptsJson(*published));
}

void Check(Call& call) {
  Result<ReceiptCheck> check = call.site.catalogue.CheckReceipt(call.Match(1));
  if (!check.ok()) return call.Fail(check.status());
  call.Json(200, ReceiptCheckJson(*check));
}

}  // namespace

void AddIntegrityRoutes(httplib::Server& server, Site& site) {
  Guard admin = WithRole(Role::kAdmin);
  Route(server, site, Method::kGet, "/api/admin/votes/report", admin, Report);
  Route(server, site, Method::kPost, "/api/admin/votes/void", admin, Void);
  Route(server, site, Method::kGet, "/api/receipts", Anyone(), Published);
  Route(server, site, Method::kGet, "/api/receipts/([0-9a-f]{64})", Anyone(), Check);
}

}  // namespace poster::gallery::web
