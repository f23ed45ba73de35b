// Notices: the forgotten password, a person's choice of optional notices,
// and the admin's view of the outbox (docs/api.md, "Notices").
#include <thread>

#include "gallery/web/http_site.h"

namespace poster::gallery::web {
namespace {

using nlohmann::json;

// Every answer to a reset request takes at least this long, so that how long
// it took does not tell whether the number exists.
constexpr auto kResetAnswerTakes = std::chrono::milliseconds(300);

Status TooManyResets() {
  return Status(std::string(kTooManyAttempts),
                "Too many password resets were asked from here. Wait 15 minutes, or ask the "
                "contest's admin.");
}

void ForgotPassword(Call& call) {
  auto started = std::chrono::steady_clock::now();
  Body body = call.JsonBody();
  std::string id = body.String("employee_id");
  if (call.Refused(body)) return;
  std::string by_address = "address:" + ClientAddress(call.site, call.request);
  std::string by_person = "person:" + id;
  if (call.site.reset_addresses.Blocked(by_address)) return call.Fail(TooManyResets());
  call.site.reset_addresses.Failed(by_address);
  // A person over the limit is answered as anyone else, and sent nothing.
  if (!call.site.reset_people.Blocked(by_person)) {
    call.site.reset_people.Failed(by_person);
    Status asked = call.site.catalogue.RequestPasswordReset(id);
    if (!asked.ok()) return call.Fail(asked);
  }
  std::this_thread::sleep_until(started + kResetAnswerTakes);
  call.Json(200, json{{"status", "ok"}});
}

void MyNotices(Call& call) {
  Result<bool> opted_out = call.site.catalogue.NoticesOptOut(call.actor());
  if (!opted_out.ok()) return call.Fail(opted_out.status());
  call.Json(200, json{{"optional", !*opted_out}});
}

void SetMyNotices(Call& call) {
  Body body = call.JsonBody();
  bool optional = body.OptionalBool("optional", true);
  if (call.Refused(body)) return;
  POSTER_RETURN_IF_ERROR_VOID(call, call.site.catalogue.SetNoticesOptOut(call.actor(), !optional));
  call.Json(200, json{{"optional", optional}});
}

json MessageJson(const OutboxMessage& m) {
  return {{"id", m.id},
          {"channel", m.channel},
          {"kind", m.kind},
          {"recipient", m.recipient},
          {"address", m.address},
          {"subject", m.subject},
          {"state", m.state},
          {"attempts", m.attempts},
          {"next_try_at", m.next_try_at},
          {"last_error", m.last_error},
          {"created_at", m.created_at},
          {"sent_at", m.sent_at}};
}

void OutboxList(Call& call) {
  Result<OutboxListing> listing = call.site.catalogue.Outbox(call.actor(), 200);
  if (!listing.ok()) return call.Fail(listing.status());
  json messages = json::array();
  for (const OutboxMessage& m : listing->messages) messages.push_back(MessageJson(m));
  const OutboxCounts& c = listing->counts;
  call.Json(200, json{{"enabled", call.site.catalogue.Config().mail.enabled},
                      {"counts",
                       {{"waiting", c.waiting},
                        {"sending", c.sending},
                        {"sent", c.sent},
                        {"failed", c.failed}}},
                      {"messages", messages}});
}

void Resend(Call& call) {
  POSTER_RETURN_IF_ERROR_VOID(call, call.site.catalogue.Resend(call.Id(), call.actor()));
  call.Json(200, json{{"id", call.Id()}, {"state", "waiting"}});
}

}  // namespace

void AddNoticeRoutes(httplib::Server& server, Site& site) {
  Route(server, site, Method::kPost, "/api/auth/forgot", SigningIn(), ForgotPassword);
  Route(server, site, Method::kGet, "/api/me/notices", SignedIn(), MyNotices);
  Route(server, site, Method::kPost, "/api/me/notices", SignedIn(), SetMyNotices);
  Guard admin = WithRole(voting::Role::kAdmin);
  Route(server, site, Method::kGet, "/api/admin/outbox", admin, OutboxList);
  Route(server, site, Method::kPost, R"(/api/admin/outbox/(\d+)/resend)", admin, Resend);
}

}  // namespace poster::gallery::web
