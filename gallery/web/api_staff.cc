// Moderators, judges and admins.
#include "gallery/web/http_site.h"

namespace poster::gallery::web {
namespace {

using nlohmann::json;
using voting::Role;

constexpr size_t kMaxCriteria = 64;  // scores in one request; the rubric decides how many count

void Answer(Call& call, const Result<Entry>& entry) {
  if (!entry.ok()) return call.Fail(entry.status());
  GalleryChanged(call.site);
  json out = EntryForApi(call.site, *entry);
  POSTER_RETURN_IF_ERROR_VOID(call, AddActions(call, out));
  call.Json(200, out);
}

void Queue(Call& call) {
  Result<std::vector<Entry>> queue = call.site.catalogue.ReviewQueue();
  if (!queue.ok()) return call.Fail(queue.status());
  json list = json::array();
  Result<std::map<int64_t, ReviewClaim>> claims = call.site.catalogue.ReviewClaims();
  if (!claims.ok()) return call.Fail(claims.status());
  for (const Entry& entry : *queue) {
    json item = EntryForApi(call.site, entry);
    // Held by another moderator: the page opens the next free entry instead.
    auto claim = claims->find(entry.id);
    if (claim != claims->end() && claim->second.moderator != call.actor())
      item["claimed_by"] = {{"name", claim->second.name}, {"until", claim->second.until}};
    list.push_back(std::move(item));
  }
  POSTER_RETURN_IF_ERROR_VOID(call, AddActions(call, list));
  call.Json(200, json{{"entries", list}});
}

void Decision(Call& call) {
  Body body = call.JsonBody();
  std::string action = body.String("action"), reason = body.OptionalString("reason", "");
  if (call.Refused(body)) return;
  std::optional<voting::EntryAction> chosen;
  for (auto candidate : {voting::EntryAction::kApprove, voting::EntryAction::kReject,
                         voting::EntryAction::kRequestChanges}) {
    if (voting::EntryActionName(candidate) == action) chosen = candidate;
  }
  if (!chosen)
    return call.Fail(
        Status(std::string(kBadRequest), "The action is approve, reject or request_changes."));
  Answer(call, call.site.catalogue.Decide(call.Id(), *chosen, reason, call.actor()));
}

void Tasks(Call& call) {
  Result<std::vector<JudgeTask>> tasks = call.site.catalogue.JudgeTasks(call.actor());
  if (!tasks.ok()) return call.Fail(tasks.status());
  ContestConfig config = call.site.catalogue.Config();
  json criteria = json::array();
  for (const voting::Criterion& c : config.rules.rubric)
    criteria.push_back({{"name", c.name}, {"name_en", c.name_en}, {"weight", c.weight}});
  call.Json(200, json{{"tasks", JudgeTasksJson(*tasks)},
                      {"authors_hidden", AuthorsHiddenFor(call)},
                      {"criteria", criteria},
                      {"min_score", config.rules.min_score},
                      {"max_score", config.rules.max_score}});
}

void ScoreIt(Call& call) {
  Body body = call.JsonBody();
  int64_t entry = body.Int64("entry", 1, kMaxId);
  std::vector<int64_t> scores = body.IntList("scores", std::numeric_limits<int>::min(),
                                             std::numeric_limits<int>::max(), kMaxCriteria);
  std::string comment = body.OptionalString("comment", "");
  if (call.Refused(body)) return;
  std::vector<int> narrowed;  // each checked within int above
  for (int64_t score : scores) narrowed.push_back(int(score));
  POSTER_RETURN_IF_ERROR_VOID(call,
                              call.site.catalogue.Score(call.actor(), entry, narrowed, comment));
  call.Json(200, json{{"status", "ok"}});
}

void Phase(Call& call) {
  Body body = call.JsonBody();
  std::string phase_name = body.String("phase"), change = body.String("change");
  if (call.Refused(body)) return;
  std::optional<voting::Phase> phase = voting::ParsePhase(phase_name);
  if (!phase || (change != "open" && change != "close")) {
    return call.Fail(
        Status(std::string(kBadRequest), "Send {\"phase\": \"voting\", \"change\": \"open\"}."));
  }
  POSTER_RETURN_IF_ERROR_VOID(
      call, call.site.catalogue.SetPhase(
                *phase, change == "open" ? PhaseChange::kOpen : PhaseChange::kClose, call.actor()));
  Result<std::vector<PhaseState>> phases = call.site.catalogue.Phases();
  if (!phases.ok()) return call.Fail(phases.status());
  call.Json(200, json{{"phases", PhasesJson(*phases, call.site.catalogue.Config().time_zone)}});
}

// The calendar: {"start": "2026-10-01T09:00", "end": "2026-10-24T18:00"} in the
// contest's time zone; null or absent keeps the config's side.
std::optional<voting::Instant> LocalMoment(Call& call, const nlohmann::json& body, const char* key,
                                           const TimeZone& zone, bool& bad) {
  if (!body.contains(key) || body[key].is_null()) return std::nullopt;
  std::optional<voting::Instant> moment =
      body[key].is_string() ? zone.ParseLocal(body[key].get<std::string>()) : std::nullopt;
  if (!moment) {
    bad = true;
    call.Fail(Status(std::string(kBadRequest),
                     std::string("The field ") + key +
                         " must be a local date and time like \"2026-10-24T18:00\".",
                     {{"field", key}, {"expected", "YYYY-MM-DDTHH:MM"}}));
  }
  return moment;
}

void PhaseSchedule(Call& call) {
  std::optional<voting::Phase> phase = voting::ParsePhase(call.Match(1));
  nlohmann::json body = nlohmann::json::parse(call.body, nullptr, false);
  if (!phase || !body.is_object()) {
    return call.Fail(Status(std::string(kBadRequest),
                            "Send {\"start\": \"2026-10-01T09:00\", \"end\": "
                            "\"2026-10-24T18:00\"} to /api/admin/phases/voting.",
                            {{"field", "phase"}, {"expected", "submission … results"}}));
  }
  Result<TimeZone> zone = TimeZone::Load(call.site.catalogue.Config().time_zone);
  if (!zone.ok()) return call.Fail(zone.status());
  bool bad = false;
  std::optional<voting::Instant> start = LocalMoment(call, body, "start", *zone, bad);
  if (bad) return;
  std::optional<voting::Instant> end = LocalMoment(call, body, "end", *zone, bad);
  if (bad) return;
  POSTER_RETURN_IF_ERROR_VOID(
      call, call.site.catalogue.SetPhaseSchedule(*phase, start, end, call.actor()));
  Result<std::vector<PhaseState>> phases = call.site.catalogue.Phases();
  if (!phases.ok()) return call.Fail(phases.status());
  call.Json(200, json{{"phases", PhasesJson(*phases, zone->name())}});
}

void RosterList(Call& call) {
  Result<std::vector<PersonRecord>> people = call.site.catalogue.Roster();
  if (!people.ok()) return call.Fail(people.status());
  json list = json::array();
  for (const PersonRecord& person : *people) list.push_back(PersonJson(person));
  call.Json(200, json{{"people", list}});
}

void RosterImportHandler(Call& call) {
  Result<RosterImport> imported =
      call.site.catalogue.ImportRosterBytes(call.body, "roster.csv", call.actor());
  if (!imported.ok()) return call.Fail(imported.status());
  call.Json(200, json{{"added", imported->added},
                      {"updated", imported->updated},
                      {"unchanged", imported->unchanged},
                      {"encoding", imported->encoding}});
}

void Invitations(Call& call) {
  Body body = call.JsonBody();
  bool all = body.OptionalBool("all", false);
  std::string id = all ? "" : body.String("employee_id");
  if (call.Refused(body)) return;
  std::vector<std::pair<std::string, std::string>> tokens;
  if (all) {
    Result<std::vector<std::pair<std::string, std::string>>> all =
        call.site.catalogue.InviteAll(call.actor());
    if (!all.ok()) return call.Fail(all.status());
    tokens = *all;
  } else {
    Result<std::string> token = call.site.catalogue.Invite(id, call.actor());
    if (!token.ok()) return call.Fail(token.status());
    tokens.emplace_back(id, *token);
  }
  json links = json::array();
  for (const auto& [id, token] : tokens)
    links.push_back({{"employee_id", id}, {"url", call.site.public_url + "/#/invite/" + token}});
  call.Json(200, json{{"links", links}});
}

void Assign(Call& call) {
  Body body = call.JsonBody();
  std::string seed = body.OptionalString("seed", "poster");
  if (call.Refused(body)) return;
  Result<std::vector<voting::Assignment>> assigned =
      call.site.catalogue.AssignJudges(seed, call.actor());
  if (!assigned.ok()) return call.Fail(assigned.status());
  json list = json::array();
  for (const voting::Assignment& a : *assigned)
    list.push_back({{"judge", a.judge}, {"entry", a.entry}});
  call.Json(200, json{{"assignments", list}});
}

void Disqualify(Call& call) {
  Body body = call.JsonBody();
  std::string reason = body.OptionalString("reason", "");
  if (call.Refused(body)) return;
  Answer(call, call.site.catalogue.Decide(call.Id(), voting::EntryAction::kDisqualify, reason,
                                          call.actor()));
}

void AnnounceIt(Call& call) {
  Result<Results> results = call.site.catalogue.Announce(call.actor());
  if (!results.ok()) return call.Fail(results.status());
  GalleryChanged(call.site);  // the cards carry their tiers from now on
  call.Json(200, FormatResults(*results, ResultsFormat::kJson, Language::kKorean));
}

void Audit(Call& call) {
  Result<AuditReport> report = call.site.catalogue.VerifyAudit();
  if (!report.ok()) return call.Fail(report.status());
  call.Json(200, AuditReportJson(*report));
}

}  // namespace

void AddStaffRoutes(httplib::Server& server, Site& site) {
  Guard moderator = WithRole(Role::kModerator), judge = WithRole(Role::kJudge),
        admin = WithRole(Role::kAdmin);
  Route(server, site, Method::kGet, "/api/review/queue", moderator, Queue);
  Route(server, site, Method::kPost, R"(/api/review/(\d+)/claim)", moderator,
        [](Call& call) { Answer(call, call.site.catalogue.Claim(call.Id(), call.actor())); });
  Route(server, site, Method::kPost, R"(/api/review/(\d+)/decision)", moderator, Decision);
  Route(server, site, Method::kPost, R"(/api/review/(\d+)/undo)", moderator, [](Call& call) {
    Answer(call, call.site.catalogue.UndoDecision(call.Id(), call.actor()));
  });
  Route(server, site, Method::kGet, "/api/judge/tasks", judge, Tasks);
  Route(server, site, Method::kPost, "/api/judge/scores", judge, ScoreIt);
  Route(server, site, Method::kPost, "/api/admin/phases", admin, Phase);
  Route(server, site, Method::kPut, R"(/api/admin/phases/([a-z]+))", admin, PhaseSchedule);
  Route(server, site, Method::kGet, "/api/admin/roster", admin, RosterList);
  Route(server, site, Method::kPost, "/api/admin/roster", admin, RosterImportHandler,
        kMaxRosterBody);
  Route(server, site, Method::kPost, "/api/admin/invitations", admin, Invitations);
  Route(server, site, Method::kPost, "/api/admin/judges/assign", admin, Assign);
  Route(server, site, Method::kPost, R"(/api/admin/entries/(\d+)/disqualify)", admin, Disqualify);
  Route(server, site, Method::kPost, "/api/admin/announce", admin, AnnounceIt);
  Route(server, site, Method::kGet, "/api/admin/audit", admin, Audit);
}

}  // namespace poster::gallery::web
