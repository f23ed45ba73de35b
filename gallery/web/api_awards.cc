// The awards' routes: objections (filed by staff, answered by admins), the
// judges' comments an admin publishes, and the admin's dashboard. The tier
// each listed entry carries is added here too (AddTier).
#include "gallery/web/http_site.h"

namespace poster::gallery::web {
namespace {

using nlohmann::json;
using voting::Role;

json ObjectionJson(const Objection& o, bool for_admin) {
  json out = {{"id", o.id},
              {"entry", o.entry},
              {"title", o.entry_title},
              {"filer_name", o.filer_name},
              {"filer_department", o.filer_department},
              {"text", o.text},
              {"filed_at", o.filed_at},
              {"answer", o.answer},
              {"answered_at", o.answered_at},
              {"answered", !o.answer.empty()}};
  if (for_admin) out["filer"] = o.filer;
  return out;
}

void AnswerObjections(Call& call, const Result<std::vector<Objection>>& list, bool for_admin) {
  if (!list.ok()) return call.Fail(list.status());
  json out = json::array();
  for (const Objection& o : *list) out.push_back(ObjectionJson(o, for_admin));
  call.Json(200, json{{"objections", out}});
}

void File(Call& call) {
  Body body = call.JsonBody();
  int64_t entry = body.Int64("entry", 1, kMaxId);
  std::string text = body.String("text");
  if (call.Refused(body)) return;
  Result<Objection> filed = call.site.catalogue.FileObjection(call.actor(), entry, text);
  if (!filed.ok()) return call.Fail(filed.status());
  call.Json(201, ObjectionJson(*filed, false));
}

void AnswerIt(Call& call) {
  Body body = call.JsonBody();
  std::string answer = body.String("answer");
  if (call.Refused(body)) return;
  Result<Objection> answered = call.site.catalogue.AnswerObjection(call.Id(), answer, call.actor());
  if (!answered.ok()) return call.Fail(answered.status());
  call.Json(200, ObjectionJson(*answered, true));
}

void Comments(Call& call) {
  Result<std::vector<JudgeComment>> comments = call.site.catalogue.JudgeComments(call.actor());
  if (!comments.ok()) return call.Fail(comments.status());
  json out = json::array();
  for (const JudgeComment& c : *comments) {
    out.push_back({{"judge", c.judge},
                   {"judge_name", c.judge_name},
                   {"entry", c.entry},
                   {"title", c.title},
                   {"text", c.text},
                   {"published", c.published},
                   {"published_text", c.published_text}});
  }
  call.Json(200, json{{"comments", out}});
}

void PublishIt(Call& call) {
  Body body = call.JsonBody();
  std::string judge = body.String("judge");
  int64_t entry = body.Int64("entry", 1, kMaxId);
  bool publish = body.OptionalBool("publish", true);
  if (call.Refused(body)) return;
  POSTER_RETURN_IF_ERROR_VOID(
      call, call.site.catalogue.PublishComment(
                judge, entry, publish ? CommentChange::kPublish : CommentChange::kWithdraw,
                call.actor()));
  Comments(call);
}

json JudgesJson(const std::vector<JudgeProgress>& judges) {
  json out = json::array();
  for (const JudgeProgress& j : judges) {
    out.push_back({{"judge", j.judge},
                   {"name", j.name},
                   {"department", j.department},
                   {"scored", j.scored},
                   {"assigned", j.assigned}});
  }
  return out;
}

void DashboardIt(Call& call) {
  Result<Dashboard> d = call.site.catalogue.DashboardFor(call.actor());
  if (!d.ok()) return call.Fail(d.status());
  call.Json(
      200,
      json{{"entries_by_state", d->entries_by_state},
           {"review_queue", d->review_queue},
           {"turnout",
            {{"votes_cast", d->votes_cast},
             {"eligible_voters", d->eligible_voters},
             {"distinct_voters", d->distinct_voters}}},
           {"judges", JudgesJson(d->judges)},
           {"objections", {{"open", d->objections_open}, {"answered", d->objections_answered}}},
           {"comments", {{"written", d->comments}, {"published", d->comments_published}}},
           {"outbox", nullptr}});
}

}  // namespace

void AddTier(const std::map<int64_t, AwardedTier>& tiers, json& entry) {
  auto it = tiers.find(entry.value("entry", int64_t{0}));
  if (it == tiers.end()) return;
  entry["tier"] = it->second.name;
  entry["tier_en"] = it->second.name_en;
}

void AddTier(const Site& site, json& entry) {
  Result<std::map<int64_t, AwardedTier>> tiers = site.catalogue.AwardedTiers();
  if (tiers.ok()) AddTier(*tiers, entry);
}

void AddPublishedComments(Site& site, json& results) {
  Result<std::map<int64_t, std::vector<std::string>>> comments = site.catalogue.PublishedComments();
  if (!comments.ok() || results.value("state", "sealed") == "sealed") return;
  for (json& row : results["rows"]) {
    auto it = comments->find(row.value("entry", int64_t{0}));
    row["comments"] = it == comments->end() ? json::array() : json(it->second);
  }
}

void AddAwardRoutes(httplib::Server& server, Site& site) {
  Guard admin = WithRole(Role::kAdmin);
  Route(server, site, Method::kPost, "/api/objections", SignedIn(), File);
  Route(server, site, Method::kGet, "/api/my/objections", SignedIn(), [](Call& call) {
    AnswerObjections(call, call.site.catalogue.ObjectionsBy(call.actor()), false);
  });
  Route(server, site, Method::kGet, "/api/admin/objections", admin, [](Call& call) {
    AnswerObjections(call, call.site.catalogue.Objections(call.actor()), true);
  });
  Route(server, site, Method::kPost, R"(/api/admin/objections/(\d+)/answer)", admin, AnswerIt);
  Route(server, site, Method::kGet, "/api/admin/comments", admin, Comments);
  Route(server, site, Method::kPost, "/api/admin/comments/publish", admin, PublishIt);
  Route(server, site, Method::kGet, "/api/admin/dashboard", admin, DashboardIt);
}

}  // namespace poster::gallery::web
