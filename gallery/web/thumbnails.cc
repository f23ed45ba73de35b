// Thumbnails of approved entries, served before the route table (issue 14):
// they are content-addressed and immutable, so once read they are answered
// from memory, without the routes' regular expressions or a catalogue lookup.
// Whether a file is public comes from the gallery's cards (rebuilt when an
// entry changes here, and at most a second old otherwise); anything else, and
// anything not yet read, takes the route in api_media.cc.

#include "gallery/web/http_site.h"

namespace poster::gallery::web {
namespace {

constexpr int64_t kCacheBytes = int64_t(256) << 20;  // a few thousand posters' three sizes

}  // namespace

std::optional<ThumbnailName> ParseThumbnailName(std::string_view name) {
  size_t dot = name.find('.');
  if (dot == 0 || dot == std::string_view::npos || dot > 5) return std::nullopt;
  std::optional<int64_t> width = ParseDecimal(name.substr(0, dot));
  std::string_view extension = name.substr(dot + 1);
  if (!width || (extension != "webp" && extension != "jpg")) return std::nullopt;
  return ThumbnailName{int(*width),
                       extension == "jpg" ? ingest::Format::kJpeg : ingest::Format::kWebp};
}

std::shared_ptr<const std::vector<uint8_t>> ThumbnailCache::Find(const std::string& key) const {
  std::lock_guard lock(mutex_);
  auto it = files_.find(key);
  return it == files_.end() ? nullptr : it->second;
}

void ThumbnailCache::Keep(const std::string& key,
                          std::shared_ptr<const std::vector<uint8_t>> bytes) {
  std::lock_guard lock(mutex_);
  if (bytes_ + int64_t(bytes->size()) > kCacheBytes || files_.count(key)) return;
  bytes_ += int64_t(bytes->size());
  files_.emplace(key, std::move(bytes));
}

bool ServePublicThumbnail(Site& site, const httplib::Request& request,
                          httplib::Response& response) {
  constexpr std::string_view kPrefix = "/media/";
  std::string_view path = request.path;
  if (request.method != "GET" || path.substr(0, kPrefix.size()) != kPrefix) return false;
  std::string_view rest = path.substr(kPrefix.size());
  if (rest.size() < 66 || rest[64] != '/' || !voting::IsDigestHex(rest.substr(0, 64))) return false;
  std::optional<ThumbnailName> name = ParseThumbnailName(rest.substr(65));
  std::string sha(rest.substr(0, 64)), key(rest);
  if (!name || !PublicFile(site, sha)) return false;
  std::shared_ptr<const std::vector<uint8_t>> bytes = site.thumbnails.Find(key);
  if (!bytes) {
    Result<Media> media = site.catalogue.FindMedia(sha, name->width, name->format);
    if (!media.ok() || media->status != "approved") return false;
    Result<std::vector<uint8_t>> read = ingest::ReadFile(media->path, kCacheBytes);
    if (!read.ok()) return false;
    bytes = std::make_shared<const std::vector<uint8_t>>(std::move(*read));
    site.thumbnails.Keep(key, bytes);
  }
  CurrentExchange().route = kMediaRoute;
  response.set_header("Cache-Control", "public, max-age=31536000, immutable");
  // Written from the cached bytes themselves: no copy into the response's body.
  response.set_content_provider(
      bytes->size(), name->format == ingest::Format::kJpeg ? "image/jpeg" : "image/webp",
      [bytes](size_t offset, size_t length, httplib::DataSink& sink) {
        return sink.write(reinterpret_cast<const char*>(bytes->data()) + offset, length);
      });
  return true;
}

}  // namespace poster::gallery::web
