// An employee's own actions: submitting, following and changing entries, voting.
#include "gallery/web/http_site.h"

namespace poster::gallery::web {
namespace {

using nlohmann::json;

void AnswerEntry(Call& call, const Entry& entry) {
  json out = EntryForAuthor(call.site, entry, call.viewer);
  POSTER_RETURN_IF_ERROR_VOID(call, AddActions(call, out));
  call.Json(200, out);
}

Status NoFile() {
  return Status(std::string(kBadRequest), "Choose the poster's file (a part named file).");
}

// Runs one poster through the catalogue, timed and counted for the metrics.
template <typename Run>
Result<Entry> Ingested(Site& site, Run&& run) {
  auto started = std::chrono::steady_clock::now();
  Result<Entry> entry = run();
  std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
  site.metrics.Ingest(took.count(), entry.ok() ? "accepted" : entry.status().code());
  return entry;
}

void Submit(Call& call, Upload& upload) {
  if (!upload.has_file) return call.Fail(NoFile());
  Result<Entry> entry = Ingested(call.site, [&] {
    return call.site.catalogue.Submit(std::move(upload.file), SubmissionOf(upload, call.actor()),
                                      call.actor());
  });
  if (!entry.ok()) return call.Fail(entry.status());
  GalleryChanged(call.site);
  json out = EntryForAuthor(call.site, *entry, call.viewer);
  out["status"] = "accepted";
  POSTER_RETURN_IF_ERROR_VOID(call, AddActions(call, out));
  call.Json(201, out);
}

void Replace(Call& call, Upload& upload) {
  if (!upload.has_file) return call.Fail(NoFile());
  std::string source = std::filesystem::path(upload.file_name).filename().string();
  Result<Entry> entry = Ingested(call.site, [&] {
    return call.site.catalogue.ReplaceFile(call.Id(), std::move(upload.file), source, call.actor());
  });
  if (!entry.ok()) return call.Fail(entry.status());
  GalleryChanged(call.site);
  AnswerEntry(call, *entry);
}

void Mine(Call& call) {
  Result<std::vector<Entry>> entries = call.site.catalogue.EntriesBy(call.actor());
  if (!entries.ok()) return call.Fail(entries.status());
  json list = json::array();
  int live = 0;  // counted as the submission rule counts them (CheckNewEntry)
  for (const Entry& entry : *entries) {
    list.push_back(EntryForAuthor(call.site, entry, call.viewer));
    std::optional<voting::EntryStatus> status = voting::ParseEntryStatus(entry.status);
    if (entry.submission.author == call.actor() && status && voting::IsLive(*status)) ++live;
  }
  POSTER_RETURN_IF_ERROR_VOID(call, AddActions(call, list));
  int limit = call.site.catalogue.Config().rules.entries_per_author;
  call.Json(200, json{{"entries", list},
                      {"entries_per_author", limit},
                      {"entries_left", std::max(0, limit - live)}});
}

// New words for an entry: {title?, description?, alt_text?}, each optional.
// Its author while they may replace the file; a moderator the alt text.
void Edit(Call& call) {
  Body body = call.JsonBody();
  EntryEdit edit;
  for (auto [name, field] :
       {std::pair{"title", &edit.title}, std::pair{"description", &edit.description},
        std::pair{"alt_text", &edit.alt_text}}) {
    if (body.Has(name)) *field = body.String(name);
  }
  if (call.Refused(body)) return;
  Result<Entry> entry = call.site.catalogue.EditEntry(call.Id(), edit, call.actor());
  if (!entry.ok()) return call.Fail(entry.status());
  GalleryChanged(call.site);
  AnswerEntry(call, *entry);
}

void Withdraw(Call& call) {
  Result<Entry> entry =
      call.site.catalogue.Decide(call.Id(), voting::EntryAction::kWithdraw, "", call.actor());
  if (!entry.ok()) return call.Fail(entry.status());
  GalleryChanged(call.site);
  AnswerEntry(call, *entry);
}

void BallotAnswer(Call& call, const Status& status) {
  if (!status.ok()) return call.Fail(status);
  Result<Ballot> ballot = call.site.catalogue.BallotOf(call.actor());
  if (!ballot.ok()) return call.Fail(ballot.status());
  call.Json(200, BallotJson(*ballot));
}

// The answer is the ballot with the vote's receipt (and the secret, when the
// page sent none and the store drew it: shown this once).
void Cast(Call& call) {
  Body body = call.JsonBody();
  int64_t entry = body.Int64("entry", 1, kMaxId);
  VoteSource source{body.OptionalString("secret", ""), ClientAddress(call.site, call.request)};
  if (call.Refused(body)) return;
  Result<VoteReceipt> receipt = call.site.catalogue.CastVote(call.actor(), entry, source);
  if (!receipt.ok()) return call.Fail(receipt.status());
  Result<Ballot> ballot = call.site.catalogue.BallotOf(call.actor());
  if (!ballot.ok()) return call.Fail(ballot.status());
  json answer = BallotJson(*ballot);
  answer.update(VoteReceiptJson(*receipt));
  call.Json(200, answer);
}

}  // namespace

void AddEntryRoutes(httplib::Server& server, Site& site) {
  RouteUpload(server, site, "/api/entries", SignedIn(), Submit);
  RouteUpload(server, site, R"(/api/entries/(\d+)/replace)", SignedIn(), Replace);
  Route(server, site, Method::kGet, "/api/my/entries", SignedIn(), Mine);
  Route(server, site, Method::kPost, R"(/api/entries/(\d+)/withdraw)", SignedIn(), Withdraw);
  Route(server, site, Method::kPost, R"(/api/entries/(\d+)/edit)", SignedIn(), Edit);
  Route(server, site, Method::kGet, "/api/my/ballot", SignedIn(),
        [](Call& call) { BallotAnswer(call, Status::Ok()); });
  Route(server, site, Method::kPost, "/api/votes", SignedIn(), Cast);
  Route(server, site, Method::kDelete, R"(/api/votes/(\d+))", SignedIn(), [](Call& call) {
    BallotAnswer(call, call.site.catalogue.RetractVote(call.actor(), call.Id()));
  });
}

}  // namespace poster::gallery::web
