// The public routes: the contest, the gallery in each visitor's own order,
// approved entries, the exhibition QR codes, and the results once announced.
// What they show is built in public_view.cc.
#include <algorithm>
#include <cstdint>
#include <random>

#include "base/sha256.h"
#include "gallery/web/http_site.h"

namespace poster::gallery::web {
namespace {

using nlohmann::json;

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

// ?offset= and ?limit= (docs/api.md, GET /api/gallery): a whole number from
// `least` to `most`, or `fallback` when absent.
Result<size_t> PageParameter(const Call& call, const char* name, size_t least, size_t most,
                             size_t fallback) {
  if (!call.request.has_param(name)) return fallback;
  std::optional<int64_t> value = ParseDecimal(call.request.get_param_value(name));
  if (value && size_t(*value) >= least && size_t(*value) <= most) return size_t(*value);
  std::string range = std::to_string(least) + "–" + std::to_string(most);
  return Status(
      std::string(kBadRequest),
      std::string("The parameter \"") + name + "\" must be a whole number from " + range + ".",
      {{"field", name}, {"expected", range}});
}

// One page of the visitor's order, with an ETag of its bytes: a visitor whose
// page has not changed gets 304 and no body.
void Gallery(Call& call) {
  Result<size_t> offset = PageParameter(call, "offset", 0, size_t(INT64_MAX), 0);
  Result<size_t> limit = PageParameter(call, "limit", 1, kGalleryPageMost, kGalleryPage);
  if (!offset.ok()) return call.Fail(offset.status());
  if (!limit.ok()) return call.Fail(limit.status());
  std::shared_ptr<const std::vector<GalleryCards::Card>> cards = GalleryCardsOf(call.site);
  if (AuthorsHiddenFor(call))  // blind judging: no names, and no search by them
    cards = std::make_shared<const std::vector<GalleryCards::Card>>(WithoutAuthors(*cards));
  std::string theme = call.request.get_param_value("theme"), q = call.request.get_param_value("q");
  std::vector<const GalleryCards::Card*> shown;  // filtered: what the order ranges over
  bool filtered = !theme.empty() || !q.empty();
  if (filtered) {
    for (const GalleryCards::Card& card : *cards) {
      bool theme_ok = theme.empty() || card.theme == theme;
      bool query_ok = q.empty() || card.search.find(q) != std::string::npos;
      if (theme_ok && query_ok) shown.push_back(&card);
    }
  }
  size_t total = filtered ? shown.size() : cards->size(), from = std::min(*offset, total);
  size_t to = from + std::min(*limit, total - from);
  VisitorOrder order(VisitorKey(call), total);
  std::vector<const GalleryCards::Card*> page;
  for (size_t position = from; position < to; ++position) {
    size_t at = order.At(position);
    page.push_back(filtered ? shown[at] : &(*cards)[at]);
  }
  Result<std::vector<std::string>> texts = CardsWithActions(call, page);
  if (!texts.ok()) return call.Fail(texts.status());
  std::string body = "{\"entries\":[";
  for (size_t i = 0; i < texts->size(); ++i) {
    if (i > 0) body += ',';
    body += (*texts)[i];
  }
  body += "],\"offset\":" + std::to_string(from) + ",\"total\":" + std::to_string(total) +
          ",\"next\":" + (to < total ? std::to_string(to) : std::string("null")) + "}";
  if (!call.Unchanged(body, "private, no-cache")) call.Json(200, body);
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
  bool staff = entry.ok() && Staff(call, *entry);
  Result<json> shown = staff ? Result<json>(EntryForAuthor(call.site, *entry, call.viewer))
                             : PublicEntryJson(call.site, call.Id());
  if (!shown.ok()) return call.Fail(shown.status());
  if (!staff && AuthorsHiddenFor(call)) WithoutAuthors(*shown);
  POSTER_RETURN_IF_ERROR_VOID(call, AddActions(call, *shown));
  call.Json(200, *shown);
}

void Qr(Call& call) {
  Result<Entry> entry = call.site.catalogue.Get(call.Id());
  if (!entry.ok() || entry->status != "approved")
    return call.Fail(
        Status(std::string(kNotFound), "There is no such entry.", {{"entry", call.Match(1)}}));
  Result<std::vector<uint8_t>> png =
      ingest::QrCodePng(CitizenPageUrl(call.site, entry->id), kQrPixels);
  if (!png.ok()) return call.Fail(png.status());
  call.response.set_header("Cache-Control", "public, max-age=3600");
  call.response.set_content(std::string(png->begin(), png->end()), "image/png");
}

void ResultsTable(Call& call, ResultsFormat format) {
  std::string viewer = call.viewer ? call.viewer->employee_id : "";
  if (format == ResultsFormat::kJson) {
    Result<json> table = ResultsJson(call.site, viewer);
    if (!table.ok()) return call.Fail(table.status());
    return call.Json(200, *table);
  }
  Result<Results> results = call.site.catalogue.ResultsFor(viewer);
  if (!results.ok()) return call.Fail(results.status());
  call.response.set_header("Content-Disposition", "attachment; filename=\"results.csv\"");
  call.response.set_content(FormatResults(*results, format, Language::kKorean),
                            "text/csv; charset=utf-8");
}

}  // namespace

void AddPublicRoutes(httplib::Server& server, Site& site) {
  Route(server, site, Method::kGet, "/api/contest", Anyone(),
        [](Call& call) { call.Json(200, ContestJson(call.site)); });
  Route(server, site, Method::kGet, "/api/gallery", Anyone(), Gallery);
  Route(server, site, Method::kGet, R"(/api/entries/(\d+))", Anyone(), EntryDetail);
  Route(server, site, Method::kGet, R"(/api/entries/(\d+)/qr\.png)", Anyone(), Qr);
  Route(server, site, Method::kGet, "/api/results", Anyone(),
        [](Call& call) { ResultsTable(call, ResultsFormat::kJson); });
  Route(server, site, Method::kGet, "/api/results.csv", Anyone(),
        [](Call& call) { ResultsTable(call, ResultsFormat::kCsv); });
}

}  // namespace poster::gallery::web
