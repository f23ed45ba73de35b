// Every endpoint against every kind of person: exactly the allowed ones pass.
// "Pass" means the server did not refuse who was asking (401, 403, or 404 for
// what they may not see); rule refusals like over_budget still count as passing.
#include <map>
#include <set>

#include "tests/web/fixture.h"

using namespace poster;
using namespace poster::testing;

namespace {

enum Who { kAnonymous, kEmployee, kAuthor, kModerator, kJudge, kAdmin };
const char* const kNames[] = {"anonymous", "employee", "author", "moderator", "judge", "admin"};
const std::set<Who> kEveryone = {kAnonymous, kEmployee, kAuthor, kModerator, kJudge, kAdmin};
const std::set<Who> kSignedIn = {kEmployee, kAuthor, kModerator, kJudge, kAdmin};

struct Endpoint {
  std::string method;
  std::string pattern;  // the route as the server registered it
  std::string path;
  std::string body;  // JSON; "@file" for a multipart poster; "@csv" for a roster
  std::set<Who> allowed;
  bool hidden_is_404 = false;  // the endpoint answers 404 to who may not see
  bool open_door = false;      // anyone may call it; its 401 is a wrong password, not a guard
};

HttpReply Call(HttpClient& client, const Endpoint& e) {
  if (e.method == "GET") return client.Get(e.path);
  if (e.method == "DELETE") return client.Delete(e.path);
  if (e.method == "PUT") return client.Put(e.path, e.body);
  if (e.body == "@file") return client.PostForm(e.path, {{"file", PosterPng(77), "v2.png"}});
  if (e.body == "@csv")
    return client.PostRaw(e.path, "employee_id,name\nE9999,새 직원\n", "text/csv");
  return client.Post(e.path, e.body);
}

bool Passed(const Endpoint& e, const HttpReply& reply) {
  if (e.open_door) return reply.status != 403 && reply.status != 404;
  if (reply.status == 401 || reply.status == 403) return false;
  return !(e.hidden_is_404 && reply.status == 404);
}

}  // namespace

TEST_CASE("every endpoint lets through exactly the roles allowed to use it", "[web][authz]") {
  WebContest contest;
  int64_t approved = contest.Entry("E1001", 1, true), pending = contest.Entry("E1001", 2, false);
  contest.Entry("E1002", 3, true);
  contest.Open(voting::Phase::kVoting);
  contest.Open(voting::Phase::kJudging);
  REQUIRE(contest.catalogue().AssignJudges("seed", "operator").ok());
  std::string a = std::to_string(approved), p = std::to_string(pending);
  std::string a_sha = contest.catalogue().Get(approved)->sha256,
              p_sha = contest.catalogue().Get(pending)->sha256;
  const std::set<Who> author_only = {kAuthor}, moderators = {kModerator, kAdmin},
                      judges = {kJudge, kAdmin}, admins = {kAdmin},
                      staff_or_author = {kAuthor, kModerator, kAdmin};
  const std::vector<Endpoint> endpoints = {
      {"GET", "/api/contest", "/api/contest", "", kEveryone},
      {"GET", "/api/gallery", "/api/gallery", "", kEveryone},
      {"GET", R"(/api/entries/(\d+))", "/api/entries/" + a, "", kEveryone},
      {"GET", R"(/api/entries/(\d+))", "/api/entries/" + p, "", staff_or_author, true},
      {"GET", R"(/api/entries/(\d+)/qr\.png)", "/api/entries/" + a + "/qr.png", "", kEveryone},
      // The exhibition (api_exhibition.cc): public; a pending entry is nobody's sheet.
      {"GET", "/api/exhibition", "/api/exhibition", "", kEveryone},
      {"GET", "/healthz", "/healthz", "", kEveryone},
      {"GET", "/readyz", "/readyz", "", kEveryone},
      {"GET", "/api/exhibition", "/api/exhibition?entry=" + p, "", {}, true},
      {"GET", R"(/media/([0-9a-f]{64})/([a-z0-9.]+))", "/media/" + a_sha + "/640.webp", "",
       kEveryone},
      {"GET", R"(/media/([0-9a-f]{64})/([a-z0-9.]+))", "/media/" + p_sha + "/640.webp", "",
       staff_or_author, true},
      {"GET", R"(/media/([0-9a-f]{64})/([a-z0-9.]+))", "/media/" + p_sha + "/original", "",
       staff_or_author, true},
      {"GET", "/api/results", "/api/results", "", admins},
      {"GET", "/api/results.csv", "/api/results.csv", "", admins},
      {"GET", "/api/me", "/api/me", "", kSignedIn},
      {"GET", "/api/my/entries", "/api/my/entries", "", kSignedIn},
      {"GET", "/api/my/ballot", "/api/my/ballot", "", kSignedIn},
      {"POST", "/api/votes", "/api/votes", "{\"entry\":" + a + "}", kSignedIn},
      {"DELETE", R"(/api/votes/(\d+))", "/api/votes/" + a, "", kSignedIn},
      {"POST", "/api/entries", "/api/entries", "@file", kSignedIn},
      {"POST", R"(/api/entries/(\d+)/replace)", "/api/entries/" + p + "/replace", "@file",
       author_only},
      {"GET", "/api/review/queue", "/api/review/queue", "", moderators},
      {"POST", R"(/api/review/(\d+)/claim)", "/api/review/" + p + "/claim", "", moderators},
      {"POST", R"(/api/review/(\d+)/decision)", "/api/review/" + p + "/decision",
       "{\"action\":\"request_changes\",\"reason\":\"글씨를 키워 주세요\"}", moderators},
      {"POST", R"(/api/entries/(\d+)/withdraw)", "/api/entries/" + p + "/withdraw", "",
       author_only},
      {"POST", R"(/api/entries/(\d+)/edit)", "/api/entries/" + p + "/edit",
       "{\"title\":\"고친 제목\"}", author_only},
      {"POST", R"(/api/entries/(\d+)/edit)", "/api/entries/" + a + "/edit",
       "{\"alt_text\":\"시청 앞 광장의 시민들\"}", moderators},
      {"POST", R"(/api/review/(\d+)/undo)", "/api/review/" + p + "/undo", "", moderators},
      {"GET", "/api/judge/tasks", "/api/judge/tasks", "", judges},
      {"POST", "/api/judge/scores", "/api/judge/scores",
       "{\"entry\":" + a + ",\"scores\":[8,7,9,6]}", judges},
      // Fair judging (api_judging.cc): a reason too short to change anything.
      {"POST", "/api/judge/recuse", "/api/judge/recuse",
       "{\"entry\":" + a + ",\"reason\":\"짧음\"}", judges},
      {"GET", "/api/judge/recusals", "/api/judge/recusals", "", judges},
      {"GET", "/api/admin/judging", "/api/admin/judging", "", admins},
      // The pairwise final (api_final.cc): bodies refused before anything changes.
      {"GET", "/api/judge/pair", "/api/judge/pair", "", judges},
      {"POST", "/api/judge/pair", "/api/judge/pair",
       "{\"left\":" + a + ",\"right\":" + a + ",\"outcome\":\"maybe\"}", judges},
      {"GET", "/api/admin/final", "/api/admin/final", "", admins},
      {"POST", "/api/admin/final", "/api/admin/final", "{\"finalists\":[" + a + "]}", admins},
      {"POST", "/api/admin/final/close", "/api/admin/final/close", "", admins},
      {"POST", "/api/admin/phases", "/api/admin/phases",
       "{\"phase\":\"review\",\"change\":\"open\"}", admins},
      {"PUT", R"(/api/admin/phases/([a-z]+))", "/api/admin/phases/voting",
       "{\"start\":\"2030-10-01T09:00\",\"end\":\"2030-10-10T18:00\"}", admins},
      {"GET", "/api/admin/roster", "/api/admin/roster", "", admins},
      {"POST", "/api/admin/roster", "/api/admin/roster", "@csv", admins},
      {"POST", "/api/admin/invitations", "/api/admin/invitations", "{\"employee_id\":\"E2002\"}",
       admins},
      {"POST", "/api/admin/judges/assign", "/api/admin/judges/assign", "{\"seed\":\"s\"}", admins},
      {"GET", "/api/admin/audit", "/api/admin/audit", "", admins},
      {"POST", R"(/api/admin/entries/(\d+)/disqualify)", "/api/admin/entries/" + a + "/disqualify",
       "{\"reason\":\"규정 위반\"}", admins},
      {"POST", "/api/admin/announce", "/api/admin/announce", "", admins},
      // Awards: objections (staff file them; results unannounced, so objection_closed
      // is the rule's refusal), the judges' comments, the dashboard.
      {"POST",
       "/api/objections",
       "/api/objections",
       "{\"entry\":" + a + ",\"text\":\"이의\"}",
       {kEmployee, kAuthor, kModerator, kAdmin}},
      {"GET", "/api/my/objections", "/api/my/objections", "", kSignedIn},
      {"GET", "/api/admin/objections", "/api/admin/objections", "", admins},
      {"POST", R"(/api/admin/objections/(\d+)/answer)", "/api/admin/objections/1/answer",
       "{\"answer\":\"답변\"}", admins},
      {"GET", "/api/admin/comments", "/api/admin/comments", "", admins},
      {"POST", "/api/admin/comments/publish", "/api/admin/comments/publish",
       "{\"judge\":\"J0001\",\"entry\":" + a + "}", admins},
      {"GET", "/api/admin/dashboard", "/api/admin/dashboard", "", admins},
      // Vote integrity and receipts (api_integrity.cc): admins read the report and void;
      // anyone reads the published receipts and checks one.
      {"GET", "/api/admin/votes/report", "/api/admin/votes/report", "", admins},
      {"POST", "/api/admin/votes/void", "/api/admin/votes/void",
       "{\"voter\":\"E1002\",\"entry\":" + a + ",\"reason\":\"대리 투표\"}", admins},
      {"GET", "/api/receipts", "/api/receipts", "", kEveryone},
      {"GET", "/api/receipts/([0-9a-f]{64})", "/api/receipts/" + std::string(64, 'a'), "",
       kEveryone},
      // Korea's rules for public contests (api_rules.cc): the shortlist is public (empty
      // before the announcement); a revocation is an admin's (not_revocable before final).
      {"GET", "/api/shortlist", "/api/shortlist", "", kEveryone},
      {"POST", R"(/api/admin/awards/(\d+)/revoke)", "/api/admin/awards/1/revoke",
       "{\"reason\":\"표절\"}", admins},
      // Citizens' choice (api_citizens.cc): the page and the like are anyone's; a
      // like without the device's cookie is refused with 401 device_required.
      {"GET", R"(/p/(\d+))", "/p/" + a, "", kEveryone},
      {"POST", R"(/api/citizen/like/(\d+))", "/api/citizen/like/" + a, "{}", kEveryone, false,
       true},
      {"GET", "/api/admin/citizens", "/api/admin/citizens", "", admins},
      {"GET", "/", "/", "", kEveryone},
      {"GET", R"(/static/([a-z0-9.-]+))", "/static/app.js", "", kEveryone},
      // Notices (api_notices.cc): the forgotten password answers anyone the same.
      {"POST", "/api/auth/forgot", "/api/auth/forgot", "{\"employee_id\":\"E1001\"}", kEveryone},
      {"GET", "/api/me/notices", "/api/me/notices", "", kSignedIn},
      {"POST", "/api/me/notices", "/api/me/notices", "{\"optional\":true}", kSignedIn},
      {"GET", "/api/admin/outbox", "/api/admin/outbox", "", admins},
      {"POST", R"(/api/admin/outbox/(\d+)/resend)", "/api/admin/outbox/1/resend", "", admins},
      // Signing in is for anyone; a wrong password is a rule refusal (401), so
      // these rows only say the routes exist and are open.
      {"POST", "/api/auth/login", "/api/auth/login",
       "{\"employee_id\":\"E1001\",\"password\":\"x\"}", kEveryone, false, true},
      {"POST", "/api/auth/accept", "/api/auth/accept", "{\"token\":\"x\",\"password\":\"x\"}",
       kEveryone, false, true},
      {"POST", "/api/auth/invitation", "/api/auth/invitation", "{\"token\":\"x\"}", kEveryone,
       false, true},
      {"POST", "/api/auth/logout", "/api/auth/logout", "", kSignedIn},
  };
  // Every route the server registered has its row, and every row its route:
  // a new route without an expected row fails here.
  std::set<std::pair<std::string, std::string>> registered, expected;
  for (const gallery::RouteInfo& route : contest.routes())
    registered.insert({route.method, route.pattern});
  for (const Endpoint& endpoint : endpoints) expected.insert({endpoint.method, endpoint.pattern});
  for (const auto& [method, pattern] : registered) {
    INFO("registered route without an expected row: " << method << " " << pattern);
    CHECK(expected.count({method, pattern}) == 1);
  }
  for (const auto& [method, pattern] : expected) {
    INFO("row for a route the server does not register: " << method << " " << pattern);
    CHECK(registered.count({method, pattern}) == 1);
  }
  std::map<Who, std::unique_ptr<HttpClient>> people;
  people[kAnonymous] = contest.Anonymous();
  people[kEmployee] = contest.As("E2001");
  people[kAuthor] = contest.As("E1001");
  people[kModerator] = contest.As("M0001");
  people[kJudge] = contest.As("J0001");
  people[kAdmin] = contest.As("A0001");
  for (const Endpoint& endpoint : endpoints) {
    for (Who who : {kAnonymous, kEmployee, kAuthor, kModerator, kJudge, kAdmin}) {
      HttpReply reply = Call(*people[who], endpoint);
      INFO(endpoint.method << " " << endpoint.path << " as " << kNames[who] << " -> "
                           << reply.status << " " << reply.body.substr(0, 200));
      CHECK(Passed(endpoint, reply) == bool(endpoint.allowed.count(who)));
    }
  }
}
