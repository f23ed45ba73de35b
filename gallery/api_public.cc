// What anyone may see: the contest, the gallery, approved entries, the QR
// codes for the exhibition, and the results once announced.
#include <algorithm>
#include <random>

#include "base/sha256.h"
#include "gallery/http_site.h"

namespace poster::gallery::web {
namespace {

using nlohmann::json;

json Card(const Entry& entry, const std::map<std::string, PersonRecord>& people) {
  json thumbnails = json::array();
  std::string jpeg;
  for (const StoredDerivative& d : entry.derivatives) {
    std::string name =
        std::to_string(d.width) + (d.format == ingest::Format::kJpeg ? ".jpg" : ".webp");
    if (d.format == ingest::Format::kJpeg) {
      jpeg = MediaUrl(entry.sha256, name);
    } else {
      thumbnails.push_back(
          {{"width", d.width}, {"height", d.height}, {"url", MediaUrl(entry.sha256, name)}});
    }
  }
  json urls = json::array();
  for (const std::string& payload : entry.qr_payloads) {
    if (ingest::IsWebUrl(payload)) urls.push_back(payload);
  }
  auto person = people.find(entry.submission.author);
  return {{"entry", entry.id},
          {"title", entry.submission.title},
          {"author_name", person == people.end() ? entry.submission.author : person->second.name},
          {"department", person == people.end() ? "" : person->second.department},
          {"theme", entry.submission.theme},
          {"ai_tools", entry.submission.ai_tools},
          {"submitted_at", entry.created_at},
          {"sha256", entry.sha256},
          {"width", entry.width},
          {"height", entry.height},
          {"thumbnails", thumbnails},
          {"jpeg", jpeg},
          {"qr_urls", urls}};
}

std::map<std::string, PersonRecord> People(Site& site) {
  std::map<std::string, PersonRecord> people;
  Result<std::vector<PersonRecord>> roster = site.catalogue.Roster();
  if (roster.ok()) {
    for (PersonRecord& person : *roster) people[person.id] = std::move(person);
  }
  return people;
}

std::shared_ptr<const std::vector<GalleryCards::Card>> Cards(Site& site) {
  std::lock_guard lock(site.gallery.mutex);
  auto now = std::chrono::steady_clock::now();
  if (site.gallery.cards && !site.gallery.stale &&
      now - site.gallery.built < std::chrono::seconds(1)) {
    return site.gallery.cards;
  }
  auto cards = std::make_shared<std::vector<GalleryCards::Card>>();
  Result<std::vector<Entry>> approved = site.catalogue.EntriesIn(voting::EntryStatus::kApproved);
  std::map<std::string, PersonRecord> people = People(site);
  for (const Entry& entry : approved.ok() ? *approved : std::vector<Entry>()) {
    json card = Card(entry, people);
    std::string search = entry.submission.title + "\n" + card["author_name"].get<std::string>() +
                         "\n" + card["department"].get<std::string>();
    cards->push_back({entry.id, card.dump(-1, ' ', false, json::error_handler_t::replace), search,
                      entry.submission.theme});
  }
  site.gallery.cards = cards;
  site.gallery.built = now;
  site.gallery.stale = false;
  return cards;
}

// The viewer's own order: the same on every visit, different for each viewer.
std::string VisitorKey(Call& call) {
  if (call.viewer) return call.viewer->employee_id;
  std::optional<std::string> visitor = Cookie(call.request, "poster_visitor");
  if (visitor && !visitor->empty() && visitor->size() <= 64) return *visitor;
  std::string fresh =
      Sha256Hex(call.request.remote_addr + std::to_string(std::random_device()())).substr(0, 24);
  SetCookie(call.response, call.site, "poster_visitor", fresh, 365 * 24 * 3600);
  return fresh;
}

void Gallery(Call& call) {
  std::shared_ptr<const std::vector<GalleryCards::Card>> cards = Cards(call.site);
  std::string theme = call.request.get_param_value("theme"), q = call.request.get_param_value("q");
  std::vector<const GalleryCards::Card*> shown;
  for (const GalleryCards::Card& card : *cards) {
    bool theme_ok = theme.empty() || card.theme == theme;
    bool query_ok = q.empty() || card.search.find(q) != std::string::npos;
    if (theme_ok && query_ok) shown.push_back(&card);
  }
  std::string key = VisitorKey(call);
  std::seed_seq seed(key.begin(), key.end());
  std::mt19937_64 random(seed);
  std::shuffle(shown.begin(), shown.end(), random);
  std::string body = "{\"entries\":[";
  for (size_t i = 0; i < shown.size(); ++i) body += (i ? "," : "") + shown[i]->json;
  call.Json(200, body + "]}");
}

json Contest(Site& site) {
  ContestConfig config = site.catalogue.Config();
  json themes = json::array(), criteria = json::array(), tiers = json::array();
  for (const Theme& t : config.themes) themes.push_back({{"name", t.name}, {"name_en", t.name_en}});
  for (const voting::Criterion& c : config.rules.rubric)
    criteria.push_back({{"name", c.name}, {"name_en", c.name_en}, {"weight", c.weight}});
  for (const voting::Tier& t : config.rules.tiers)
    tiers.push_back({{"name", t.name}, {"name_en", t.name_en}, {"count", t.count}});
  Result<std::vector<PhaseState>> phases = site.catalogue.Phases();
  Result<Results> results = site.catalogue.ResultsFor("");
  return {{"name", config.name},
          {"name_en", config.name_en},
          {"time_zone", config.time_zone},
          {"themes", themes},
          {"phases", json::parse(PhasesJson(phases.ok() ? *phases : std::vector<PhaseState>(),
                                            config.time_zone))},
          {"votes_per_voter", config.rules.votes_per_voter},
          {"entries_per_author", config.rules.entries_per_author},
          {"criteria", criteria},
          {"min_score", config.rules.min_score},
          {"max_score", config.rules.max_score},
          {"tiers", tiers},
          {"results_state", results.ok() ? results->state : "sealed"}};
}

bool Staff(const Call& call, const Entry& entry) {
  if (!call.viewer) return false;
  const Viewer& v = *call.viewer;
  const auto& co = entry.submission.co_authors;
  return v.Has(voting::Role::kModerator) || entry.submission.author == v.employee_id ||
         std::find(co.begin(), co.end(), v.employee_id) != co.end();
}

void EntryDetail(Call& call) {
  Result<Entry> entry = call.site.catalogue.Get(call.Id());
  if (entry.ok() && Staff(call, *entry)) return call.Json(200, EntryForApi(call.site, *entry));
  if (!entry.ok() || entry->status != "approved") {
    return call.Fail(Status(std::string(kNotFound), "There is no such entry in the gallery.",
                            {{"entry", call.Match(1)}}));
  }
  json card = Card(*entry, People(call.site));
  card["prompt"] = entry->submission.prompt;
  card["description"] = entry->submission.description;
  json markers = json::array();
  for (const ingest::Marker& m : entry->provenance)
    markers.push_back({{"source", m.source}, {"detail", m.detail}});
  card["provenance"] = markers;
  call.Json(200, card);
}

void Qr(Call& call) {
  Result<Entry> entry = call.site.catalogue.Get(call.Id());
  if (!entry.ok() || entry->status != "approved")
    return call.Fail(
        Status(std::string(kNotFound), "There is no such entry.", {{"entry", call.Match(1)}}));
  Result<std::vector<uint8_t>> png =
      ingest::QrCodePng(call.site.public_url + "/#/entry/" + std::to_string(entry->id), 600);
  if (!png.ok()) return call.Fail(png.status());
  call.response.set_header("Cache-Control", "public, max-age=3600");
  call.response.set_content(std::string(png->begin(), png->end()), "image/png");
}

void ResultsTable(Call& call, ResultsFormat format) {
  Result<Results> results =
      call.site.catalogue.ResultsFor(call.viewer ? call.viewer->employee_id : "");
  if (!results.ok()) return call.Fail(results.status());
  if (format == ResultsFormat::kJson) {  // the stored table, with the authors' names added
    json table = json::parse(FormatResults(*results, format, Language::kKorean));
    std::map<std::string, PersonRecord> people = People(call.site);
    for (json& row : table["rows"]) {
      auto person = people.find(row.value("author", ""));
      row["author_name"] = person == people.end() ? row["author"] : json(person->second.name);
    }
    return call.Json(200, table);
  }
  call.response.set_header("Content-Disposition", "attachment; filename=\"results.csv\"");
  call.response.set_content(FormatResults(*results, format, Language::kKorean),
                            "text/csv; charset=utf-8");
}

}  // namespace

void GalleryChanged(Site& site) {
  std::lock_guard lock(site.gallery.mutex);
  site.gallery.stale = true;
}

void AddPublicRoutes(httplib::Server& server, Site& site) {
  Route(server, site, Method::kGet, "/api/contest", Anyone(),
        [](Call& call) { call.Json(200, Contest(call.site)); });
  Route(server, site, Method::kGet, "/api/gallery", Anyone(), Gallery);
  Route(server, site, Method::kGet, R"(/api/entries/(\d+))", Anyone(), EntryDetail);
  Route(server, site, Method::kGet, R"(/api/entries/(\d+)/qr\.png)", Anyone(), Qr);
  Route(server, site, Method::kGet, "/api/results", Anyone(),
        [](Call& call) { ResultsTable(call, ResultsFormat::kJson); });
  Route(server, site, Method::kGet, "/api/results.csv", Anyone(),
        [](Call& call) { ResultsTable(call, ResultsFormat::kCsv); });
}

}  // namespace poster::gallery::web
