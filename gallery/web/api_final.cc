// The pairwise final over HTTP: a judge's pair to compare and their answer
// (GET and POST /api/judge/pair), and the admin's final (GET and POST
// /api/admin/final, POST /api/admin/final/close). docs/api.md lists them.
#include "gallery/web/http_site.h"

namespace poster::gallery::web {
namespace {

using nlohmann::json;

// One side of the pair as the judge sees it (blind judging hides its authors).
Result<json> SideJson(Call& call, int64_t id) {
  POSTER_ASSIGN_OR_RETURN(Entry entry, call.site.catalogue.Get(id));
  json side = EntryForApi(call.site, entry);
  if (AuthorsHiddenFor(call)) WithoutAuthors(side);
  return side;
}

// {pair: {left, right, gain} or null, final: {finalists, answered, closed} or null}
void PairShownIt(Call& call) {
  Result<std::optional<PairwiseFinal>> final = call.site.catalogue.PairwiseFinalFor(call.actor());
  if (!final.ok()) return call.Fail(final.status());
  Result<std::optional<voting::PairToShow>> next = call.site.catalogue.NextPairFor(call.actor());
  if (!next.ok()) return call.Fail(next.status());
  json out = {{"pair", nullptr}, {"final", nullptr}};
  if (*final) {
    out["final"] = {{"finalists", (*final)->finalists},
                    {"answered", (*final)->answers.size()},
                    {"closed", !(*final)->closed_at.empty()}};
  }
  if (*next) {
    Result<json> left = SideJson(call, (*next)->left), right = SideJson(call, (*next)->right);
    if (!left.ok()) return call.Fail(left.status());
    if (!right.ok()) return call.Fail(right.status());
    out["pair"] = {{"left", *left}, {"right", *right}, {"gain", (*next)->gain}};
  }
  call.Json(200, out);
}

void AnswerPairIt(Call& call) {
  Body body = call.JsonBody();
  int64_t left = body.Int64("left", 1, kMaxId), right = body.Int64("right", 1, kMaxId);
  std::string outcome = body.String("outcome");
  if (call.Refused(body)) return;
  std::optional<voting::PairOutcome> parsed = voting::ParsePairOutcome(outcome);
  if (!parsed) {
    return call.Fail(Status(std::string(kBadRequest), "outcome is left, right, even or skip.",
                            {{"field", "outcome"}}));
  }
  POSTER_RETURN_IF_ERROR_VOID(call,
                              call.site.catalogue.AnswerPair({call.actor(), left, right, *parsed}));
  PairShownIt(call);  // the next pair, at once
}

void FinalForAdmin(Call& call) {
  Result<std::optional<PairwiseFinal>> final = call.site.catalogue.PairwiseFinalFor(call.actor());
  if (!final.ok()) return call.Fail(final.status());
  call.Json(200, json{{"final", *final ? PairwiseFinalToJson(**final) : json(nullptr)}});
}

void OpenFinalIt(Call& call) {
  Body body = call.JsonBody();
  std::vector<int64_t> finalists = body.IntList("finalists", 1, kMaxId, voting::kMaxFinalists + 1);
  std::string seed = body.OptionalString("seed", "poster");
  int64_t max_per_judge = body.Has("max_per_judge") ? body.Int64("max_per_judge", 0, 1000) : 0;
  if (call.Refused(body)) return;
  Result<PairwiseFinal> opened =
      call.site.catalogue.OpenPairwiseFinal(finalists, seed, int(max_per_judge), call.actor());
  if (!opened.ok()) return call.Fail(opened.status());
  call.Json(200, json{{"final", PairwiseFinalToJson(*opened)}});
}

void CloseFinalIt(Call& call) {
  Result<PairwiseFinal> closed = call.site.catalogue.ClosePairwiseFinal(call.actor());
  if (!closed.ok()) return call.Fail(closed.status());
  call.Json(200, json{{"final", PairwiseFinalToJson(*closed)}});
}

}  // namespace

void AddFinalRoutes(httplib::Server& server, Site& site) {
  Guard judge = WithRole(voting::Role::kJudge), admin = WithRole(voting::Role::kAdmin);
  Route(server, site, Method::kGet, "/api/judge/pair", judge, PairShownIt);
  Route(server, site, Method::kPost, "/api/judge/pair", judge, AnswerPairIt);
  Route(server, site, Method::kGet, "/api/admin/final", admin, FinalForAdmin);
  Route(server, site, Method::kPost, "/api/admin/final", admin, OpenFinalIt);
  Route(server, site, Method::kPost, "/api/admin/final/close", admin, CloseFinalIt);
}

}  // namespace poster::gallery::web
