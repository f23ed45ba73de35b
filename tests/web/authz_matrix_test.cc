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
  std::string path;
  std::string body;  // JSON; "@file" for a multipart poster; "@csv" for a roster
  std::set<Who> allowed;
  bool hidden_is_404 = false;  // the endpoint answers 404 to who may not see
};

HttpReply Call(HttpClient& client, const Endpoint& e) {
  if (e.method == "GET") return client.Get(e.path);
  if (e.method == "DELETE") return client.Delete(e.path);
  if (e.body == "@file") return client.PostForm(e.path, {{"file", PosterPng(77), "v2.png"}});
  if (e.body == "@csv")
    return client.PostRaw(e.path, "employee_id,name\nE9999,새 직원\n", "text/csv");
  return client.Post(e.path, e.body);
}

bool Passed(const Endpoint& e, const HttpReply& reply) {
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
      {"GET", "/api/contest", "", kEveryone},
      {"GET", "/api/gallery", "", kEveryone},
      {"GET", "/api/entries/" + a, "", kEveryone},
      {"GET", "/api/entries/" + p, "", staff_or_author, true},
      {"GET", "/api/entries/" + a + "/qr.png", "", kEveryone},
      {"GET", "/media/" + a_sha + "/640.webp", "", kEveryone},
      {"GET", "/media/" + p_sha + "/640.webp", "", staff_or_author, true},
      {"GET", "/media/" + p_sha + "/original", "", staff_or_author, true},
      {"GET", "/api/results", "", admins},
      {"GET", "/api/results.csv", "", admins},
      {"GET", "/api/me", "", kSignedIn},
      {"GET", "/api/my/entries", "", kSignedIn},
      {"GET", "/api/my/ballot", "", kSignedIn},
      {"POST", "/api/votes", "{\"entry\":" + a + "}", kSignedIn},
      {"DELETE", "/api/votes/" + a, "", kSignedIn},
      {"POST", "/api/entries", "@file", kSignedIn},
      {"POST", "/api/entries/" + p + "/replace", "@file", author_only},
      {"GET", "/api/review/queue", "", moderators},
      {"POST", "/api/review/" + p + "/claim", "", moderators},
      {"POST", "/api/review/" + p + "/decision",
       "{\"action\":\"request_changes\",\"reason\":\"글씨를 키워 주세요\"}", moderators},
      {"POST", "/api/entries/" + p + "/withdraw", "", author_only},
      {"GET", "/api/judge/tasks", "", judges},
      {"POST", "/api/judge/scores", "{\"entry\":" + a + ",\"scores\":[8,7,9,6]}", judges},
      {"POST", "/api/admin/phases", "{\"phase\":\"review\",\"change\":\"open\"}", admins},
      {"GET", "/api/admin/roster", "", admins},
      {"POST", "/api/admin/roster", "@csv", admins},
      {"POST", "/api/admin/invitations", "{\"employee_id\":\"E2002\"}", admins},
      {"POST", "/api/admin/judges/assign", "{\"seed\":\"s\"}", admins},
      {"GET", "/api/admin/audit", "", admins},
      {"POST", "/api/admin/entries/" + a + "/disqualify", "{\"reason\":\"규정 위반\"}", admins},
      {"POST", "/api/admin/announce", "", admins},
      {"POST", "/api/auth/logout", "", kSignedIn},
  };
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
