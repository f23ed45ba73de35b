// Blind judging (and blind voting) in what the API answers: the fields that
// could name who made an entry are left out for a viewer the catalogue hides
// the authors from, and the original file they open is its pixels only.
#include "gallery/web/http_site.h"

namespace poster::gallery::web {

bool AuthorsHiddenFor(const Call& call) {
  Result<bool> hidden =
      call.site.catalogue.AuthorsHidden(call.viewer ? call.viewer->employee_id : "");
  return !hidden.ok() || *hidden;  // when in doubt, hide
}

void WithoutAuthors(nlohmann::json& entry) {
  for (const char* field : {"author", "author_name", "co_authors", "department", "source"})
    entry.erase(field);
  // A marker's detail is the file's own metadata (a workflow's paths, a tool's
  // account): its source stays, so the judge still sees which tool made it.
  if (entry.contains("provenance") && entry["provenance"].is_array()) {
    for (nlohmann::json& marker : entry["provenance"]) marker.erase("detail");
  }
  entry["authors_hidden"] = true;
}

std::vector<GalleryCards::Card> WithoutAuthors(const std::vector<GalleryCards::Card>& cards) {
  std::vector<GalleryCards::Card> out;
  out.reserve(cards.size());
  for (const GalleryCards::Card& card : cards) {
    GalleryCards::Card blind = card;
    WithoutAuthors(blind.card);
    blind.json = JsonText(blind.card);
    blind.search = blind.card.value("title", "");  // no finding an entry by its author's name
    out.push_back(std::move(blind));
  }
  return out;
}

void SendPixelsOnly(Call& call, const Media& media) {
  ContestConfig config = call.site.catalogue.Config();
  Result<std::vector<uint8_t>> bytes = ingest::ReadFile(media.path, config.ingest.limits.max_bytes);
  Result<ingest::PixelsOnly> pixels = bytes.ok()
                                          ? ingest::ReencodePixels(*bytes, config.ingest.limits)
                                          : Result<ingest::PixelsOnly>(bytes.status());
  if (!pixels.ok()) return call.Fail(pixels.status());
  std::string extension(ingest::FormatExtension(pixels->format));
  call.response.set_header(
      "Content-Disposition",
      "attachment; filename=\"entry-" + std::to_string(media.entry) + "." + extension + "\"");
  call.response.set_header("Cache-Control", "private, no-store");
  call.response.set_content(std::string(pixels->bytes.begin(), pixels->bytes.end()),
                            pixels->format == ingest::Format::kJpeg ? "image/jpeg" : "image/png");
}

}  // namespace poster::gallery::web
