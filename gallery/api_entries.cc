// An employee's own actions: submitting, following and changing entries, voting.
#include "gallery/http_site.h"
#include "gallery/text.h"

namespace poster::gallery::web {
namespace {

using nlohmann::json;

Submission Declared(const Call& call, const Upload& upload) {
  auto field = [&](const char* name) {
    auto it = upload.fields.find(name);
    return it == upload.fields.end() ? std::string() : it->second;
  };
  Submission s;
  s.author = call.actor();
  s.title = field("title");
  s.theme = field("theme");
  s.ai_tools = field("ai_tools");
  s.prompt = field("prompt");
  s.description = field("description");
  s.co_authors = SplitWords(field("co_authors"));
  s.source = std::filesystem::path(upload.file_name).filename().string();
  if (Trim(s.title).empty()) {
    s.title = TitleFromFileName(std::filesystem::path(s.source).stem().string());
    s.title_origin = TitleOrigin::kFileName;
  }
  return NormalizedSubmission(std::move(s));
}

Status NoFile() {
  return Status(std::string(kBadRequest), "Choose the poster's file (a part named file).");
}

// Reads the upload through ingest, as the CLI does.
Result<ingest::Poster> Ingest(Call& call, Upload& upload) {
  if (!upload.has_file) return NoFile();
  return ingest::Process(std::move(upload.file), call.site.options.ingest_config.ingest);
}

void Submit(Call& call, Upload& upload) {
  Submission submission = Declared(call, upload);
  POSTER_RETURN_IF_ERROR_VOID(call, ValidateSubmission(submission));
  Result<ingest::Poster> poster = Ingest(call, upload);
  if (!poster.ok()) return call.Fail(poster.status());
  Result<Entry> entry = call.site.catalogue.Add(
      *poster, submission, call.actor(), call.site.options.ingest_config.near_duplicate_distance);
  if (!entry.ok()) return call.Fail(entry.status());
  GalleryChanged(call.site);
  json out = EntryForApi(call.site, *entry);
  out["status"] = "accepted";
  call.Json(201, out);
}

void Replace(Call& call, Upload& upload) {
  Result<ingest::Poster> poster = Ingest(call, upload);
  if (!poster.ok()) return call.Fail(poster.status());
  std::string source = std::filesystem::path(upload.file_name).filename().string();
  Result<Entry> entry =
      call.site.catalogue.Replace(call.Id(), *poster, source, call.actor(),
                                  call.site.options.ingest_config.near_duplicate_distance);
  if (!entry.ok()) return call.Fail(entry.status());
  GalleryChanged(call.site);
  call.Json(200, EntryForApi(call.site, *entry));
}

void Mine(Call& call) {
  Result<std::vector<Entry>> entries = call.site.catalogue.EntriesBy(call.actor());
  if (!entries.ok()) return call.Fail(entries.status());
  json list = json::array();
  for (const Entry& entry : *entries) list.push_back(EntryForApi(call.site, entry));
  call.Json(200, json{{"entries", list}});
}

void Withdraw(Call& call) {
  Result<Entry> entry =
      call.site.catalogue.Decide(call.Id(), voting::EntryAction::kWithdraw, "", call.actor());
  if (!entry.ok()) return call.Fail(entry.status());
  GalleryChanged(call.site);
  call.Json(200, EntryForApi(call.site, *entry));
}

void BallotAnswer(Call& call, const Status& status) {
  if (!status.ok()) return call.Fail(status);
  Result<Ballot> ballot = call.site.catalogue.BallotOf(call.actor());
  if (!ballot.ok()) return call.Fail(ballot.status());
  call.Json(200, BallotJson(*ballot));
}

void Cast(Call& call) {
  std::optional<json> body = call.Body();
  if (!body) return;
  if (!(*body)["entry"].is_number_integer()) {
    return call.Fail(Status(std::string(kBadRequest), "Say which entry: {\"entry\": 7}."));
  }
  BallotAnswer(call, call.site.catalogue.CastVote(call.actor(), (*body)["entry"].get<int64_t>()));
}

}  // namespace

void AddEntryRoutes(httplib::Server& server, Site& site) {
  RouteUpload(server, site, "/api/entries", SignedIn(), Submit);
  RouteUpload(server, site, R"(/api/entries/(\d+)/replace)", SignedIn(), Replace);
  Route(server, site, Method::kGet, "/api/my/entries", SignedIn(), Mine);
  Route(server, site, Method::kPost, R"(/api/entries/(\d+)/withdraw)", SignedIn(), Withdraw);
  Route(server, site, Method::kGet, "/api/my/ballot", SignedIn(),
        [](Call& call) { BallotAnswer(call, Status::Ok()); });
  Route(server, site, Method::kPost, "/api/votes", SignedIn(), Cast);
  Route(server, site, Method::kDelete, R"(/api/votes/(\d+))", SignedIn(), [](Call& call) {
    BallotAnswer(call, call.site.catalogue.RetractVote(call.actor(), call.Id()));
  });
}

}  // namespace poster::gallery::web
