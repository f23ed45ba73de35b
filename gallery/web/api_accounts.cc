// Signing in and out, first passwords from invitations, and "who am I".
#include "gallery/web/http_site.h"

namespace poster::gallery::web {
namespace {

using nlohmann::json;

constexpr int kSessionSeconds = 12 * 3600;

json Me(const Viewer& viewer) {
  json roles = json::array(), acts_as = json::array();
  for (voting::Role role : viewer.roles) roles.push_back(voting::RoleName(role));
  // What the route guards grant (Viewer::Has: an admin acts as every role).
  for (voting::Role role : {voting::Role::kEmployee, voting::Role::kModerator, voting::Role::kJudge,
                            voting::Role::kAdmin}) {
    if (viewer.Has(role)) acts_as.push_back(voting::RoleName(role));
  }
  return {{"employee_id", viewer.employee_id},
          {"name", viewer.name},
          {"department", viewer.department},
          {"roles", roles},
          {"acts_as", acts_as},
          {"csrf", viewer.csrf}};
}

void SignedIn(Call& call, const Session& session) {
  SetCookie(call.response, call.site, "poster_session", session.token, kSessionSeconds);
  Result<Viewer> viewer = call.site.catalogue.ViewerOf(session.token);
  if (!viewer.ok()) return call.Fail(viewer.status());
  call.Json(200, Me(*viewer));
}

Status TooMany() {
  return Status(std::string(kTooManyAttempts),
                "Too many wrong passwords. Wait 15 minutes, or ask the contest's admin for a new "
                "invitation.");
}

// The limiter's key for a person: employee numbers are case-insensitive, so
// E1001 and e1001 share one count.
std::string PersonKey(std::string id) {
  for (char& c : id) c = char(std::tolower(static_cast<unsigned char>(c)));
  return "person:" + id;
}

void Login(Call& call) {
  Body body = call.JsonBody();
  std::string id = body.String("employee_id"), password = body.String("password");
  if (call.Refused(body)) return;
  std::string by_person = PersonKey(id);
  std::string by_address = "address:" + ClientAddress(call.site, call.request);
  if (call.site.people.Blocked(by_person) || call.site.addresses.Blocked(by_address))
    return call.Fail(TooMany());
  Result<Session> session = call.site.catalogue.SignIn(id, password);
  if (!session.ok()) {
    call.site.people.Failed(by_person);
    call.site.addresses.Failed(by_address);
    return call.Fail(session.status());
  }
  call.site.people.Forget(by_person);
  SignedIn(call, *session);
}

// Who an invitation is for, before they choose a password: the page names
// them, or says the link was used (sign in) or is not valid. Unknown tokens
// count against the address like wrong passwords.
void CheckInvitation(Call& call) {
  Body body = call.JsonBody();
  std::string token = body.String("token");
  if (call.Refused(body)) return;
  std::string by_address = "address:" + ClientAddress(call.site, call.request);
  if (call.site.addresses.Blocked(by_address)) return call.Fail(TooMany());
  Result<InvitationView> invitation = call.site.catalogue.Invitation(token);
  if (!invitation.ok()) {
    if (invitation.status().code() == kInvalidToken) call.site.addresses.Failed(by_address);
    return call.Fail(invitation.status());
  }
  call.Json(200, json{{"employee_id", invitation->employee_id},
                      {"name", invitation->name},
                      {"department", invitation->department},
                      {"expires_at", invitation->expires_at},
                      {"purpose", invitation->purpose}});
}

void Accept(Call& call) {
  Body body = call.JsonBody();
  std::string token = body.String("token"), password = body.String("password");
  if (call.Refused(body)) return;
  std::string by_address = "address:" + ClientAddress(call.site, call.request);
  if (call.site.addresses.Blocked(by_address)) return call.Fail(TooMany());
  Result<Session> session = call.site.catalogue.AcceptInvitation(token, password);
  if (!session.ok()) {
    if (session.status().code() == kInvalidToken) call.site.addresses.Failed(by_address);
    return call.Fail(session.status());
  }
  SignedIn(call, *session);
}

// The session is ended before the cookie is dropped: when ending it fails, the
// person is told so (and stays signed in) rather than told they are out.
void Logout(Call& call) {
  if (std::optional<std::string> token = Cookie(call.request, "poster_session"))
    POSTER_RETURN_IF_ERROR_VOID(call, call.site.catalogue.SignOut(*token));
  SetCookie(call.response, call.site, "poster_session", "", 0);
  call.Json(200, json{{"status", "ok"}});
}

}  // namespace

void AddAccountRoutes(httplib::Server& server, Site& site) {
  Route(server, site, Method::kPost, "/api/auth/login", SigningIn(), Login);
  Route(server, site, Method::kPost, "/api/auth/invitation", SigningIn(), CheckInvitation);
  Route(server, site, Method::kPost, "/api/auth/accept", SigningIn(), Accept);
  Route(server, site, Method::kPost, "/api/auth/logout", SignedIn(), Logout);
  Route(server, site, Method::kGet, "/api/me", SignedIn(),
        [](Call& call) { call.Json(200, Me(*call.viewer)); });
}

}  // namespace poster::gallery::web
