// Media and pages: thumbnails and originals by content hash (never a path from
// the request), and the web pages embedded from assets/web.
#include <algorithm>
#include <fstream>
#include <regex>
#include <sstream>

#include "assets/assets.h"
#include "base/sha256.h"
#include "gallery/web/http_site.h"

namespace poster::gallery::web {
namespace {

std::string ContentType(std::string_view name) {
  auto ends = [&](std::string_view tail) {
    return name.size() >= tail.size() && name.substr(name.size() - tail.size()) == tail;
  };
  if (ends(".html")) return "text/html; charset=utf-8";
  if (ends(".css")) return "text/css; charset=utf-8";
  if (ends(".js")) return "text/javascript; charset=utf-8";
  if (ends(".png")) return "image/png";
  if (ends(".svg")) return "image/svg+xml";
  return "application/octet-stream";
}

std::string_view MediaType(ingest::Format format) {
  return format == ingest::Format::kPng    ? "image/png"
         : format == ingest::Format::kJpeg ? "image/jpeg"
                                           : "image/webp";
}

void NotFound(Call& call) { call.Fail(Status(std::string(kNotFound), "There is no such file.")); }

// Streams a file from disk (originals may be 50 MB).
void SendFile(Call& call, const std::filesystem::path& path, std::string_view type) {
  std::error_code error;
  auto size = std::filesystem::file_size(path, error);
  if (error) return NotFound(call);
  auto file = std::make_shared<std::ifstream>(path, std::ios::binary);
  call.response.set_content_provider(
      size, std::string(type), [file](size_t offset, size_t length, httplib::DataSink& sink) {
        std::vector<char> buffer(std::min<size_t>(length, 1 << 16));
        file->seekg(std::streamoff(offset));
        file->read(buffer.data(), std::streamsize(buffer.size()));
        return file->gcount() > 0 && sink.write(buffer.data(), size_t(file->gcount()));
      });
}

// Its author, a co-author, a moderator or an admin: they see the file as it came.
bool OwnOrStaff(const Call& call, const gallery::Media& media) {
  if (!call.viewer) return false;
  const std::string& id = call.viewer->employee_id;
  return call.viewer->Has(voting::Role::kModerator) || media.author == id ||
         std::find(media.co_authors.begin(), media.co_authors.end(), id) != media.co_authors.end();
}

void ServeMedia(Call& call) {
  std::string sha = call.Match(1), name = call.Match(2);
  std::optional<int> width;
  ingest::Format format = ingest::Format::kWebp;
  if (std::optional<ThumbnailName> thumbnail = ParseThumbnailName(name)) {
    width = thumbnail->width;
    format = thumbnail->format;
  } else if (name != "original") {
    return NotFound(call);
  }
  Result<gallery::Media> media = Status(std::string(kNotFound), "none");
  if (width) {
    media = call.site.catalogue.FindMedia(sha, width, format);
  } else {
    for (ingest::Format original :
         {ingest::Format::kPng, ingest::Format::kJpeg, ingest::Format::kWebp}) {
      media = call.site.catalogue.FindMedia(sha, std::nullopt, original);
      if (media.ok()) break;
    }
  }
  if (!media.ok() || !call.CanSee(*media)) return NotFound(call);
  if (!width && !OwnOrStaff(call, *media) && AuthorsHiddenFor(call))
    return SendPixelsOnly(call, *media);  // blind judging: the picture, none of the file
  if (width) {
    call.response.set_header("Cache-Control", "public, max-age=31536000, immutable");
  } else {
    std::string extension(ingest::FormatExtension(media->format));
    call.response.set_header(
        "Content-Disposition",
        "attachment; filename=\"entry-" + std::to_string(media->entry) + "." + extension + "\"");
    call.response.set_header("Cache-Control", "private, max-age=3600");
  }
  SendFile(call, media->path, MediaType(media->format));
}

// A page file: from --web-dir when given (development), else embedded.
std::optional<std::string> PageFile(const Site& site, const std::string& name) {
  static const std::regex kPageName(R"([a-z0-9-]+\.(html|css|js|png|svg))");
  if (!std::regex_match(name, kPageName)) return std::nullopt;
  if (!site.options.web_dir.empty()) {
    std::ifstream file(std::filesystem::path(site.options.web_dir) / name, std::ios::binary);
    if (!file) return std::nullopt;
    std::stringstream bytes;
    bytes << file.rdbuf();
    return bytes.str();
  }
  std::optional<std::string_view> embedded = assets::Find("web/" + name);
  if (!embedded) return std::nullopt;
  return std::string(*embedded);
}

// Content-hashed names (docs/web.md, "Caching"): "app.css" is also served as
// "app.3f2a9c1d.css", the first 8 hex digits of its bytes' SHA-256, cached for
// a year; index.html (never cached without asking) names the hashed files, so a
// changed file gets a new name and a second visit asks for nothing else.
std::string HashedName(const std::string& name, const std::string& bytes) {
  size_t dot = name.rfind('.');
  return name.substr(0, dot) + "." + Sha256Hex(bytes).substr(0, 8) + name.substr(dot);
}

// index.html with each script and style it names under its hashed name.
std::string HashedIndex(const Site& site, std::string index) {
  for (const assets::File& file : assets::All()) {
    std::string path(file.path);
    if (path.rfind("web/", 0) != 0 || path == "web/index.html") continue;
    std::string name = path.substr(4);
    std::optional<std::string> bytes = PageFile(site, name);
    if (!bytes) continue;
    std::string plain = "\"static/" + name + "\"";
    size_t at = index.find(plain);
    if (at != std::string::npos)
      index.replace(at, plain.size(), "\"static/" + HashedName(name, *bytes) + "\"");
  }
  return index;
}

std::optional<std::string> IndexFile(const Site& site) {
  if (!site.options.web_dir.empty()) {  // editing: read the folder on every visit
    std::optional<std::string> index = PageFile(site, "index.html");
    return index ? std::optional(HashedIndex(site, *index)) : std::nullopt;
  }
  static const std::string embedded = HashedIndex(site, *PageFile(site, "index.html"));
  return embedded;
}

// "app.3f2a9c1d.css": the bytes of app.css when they still hash to that name.
bool ServeHashed(Call& call, const std::string& name) {
  static const std::regex kHashed(R"(([a-z0-9-]+)\.([0-9a-f]{8})\.(js|css))");
  std::smatch part;
  if (!std::regex_match(name, part, kHashed)) return false;
  std::string plain = part[1].str() + "." + part[3].str();
  std::optional<std::string> bytes = PageFile(call.site, plain);
  if (!bytes || HashedName(plain, *bytes) != name) {
    NotFound(call);  // an older version's name: index.html names the current one
    return true;
  }
  call.response.set_header("Cache-Control", "public, max-age=31536000, immutable");
  call.response.set_content(*bytes, ContentType(plain));
  return true;
}

void Page(Call& call, const std::string& name) {
  if (ServeHashed(call, name)) return;
  std::optional<std::string> bytes =
      name == "index.html" ? IndexFile(call.site) : PageFile(call.site, name);
  if (!bytes) return NotFound(call);
  if (call.Unchanged(*bytes, "no-cache")) return;
  call.response.set_content(*bytes, ContentType(name));
}

}  // namespace

void AddMediaRoutes(httplib::Server& server, Site& site) {
  Route(server, site, Method::kGet, kMediaRoute, Anyone(), ServeMedia);
}

void AddPageRoutes(httplib::Server& server, Site& site) {
  Route(server, site, Method::kGet, "/", Anyone(), [](Call& call) { Page(call, "index.html"); });
  Route(server, site, Method::kGet, R"(/static/([a-z0-9.-]+))", Anyone(),
        [](Call& call) { Page(call, call.Match(1)); });
}

}  // namespace poster::gallery::web
