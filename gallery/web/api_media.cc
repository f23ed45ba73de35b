// Media and pages: thumbnails and originals by content hash (never a path from
// the request), and the web pages embedded from assets/web.
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

void Media(Call& call) {
  std::string sha = call.Match(1), name = call.Match(2);
  std::smatch parts;
  std::optional<int> width;
  ingest::Format format = ingest::Format::kWebp;
  if (std::regex_match(name, parts, std::regex(R"((\d{1,5})\.(webp|jpg))"))) {
    width = std::stoi(parts[1].str());
    format = parts[2] == "jpg" ? ingest::Format::kJpeg : ingest::Format::kWebp;
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
  if (!std::regex_match(name, std::regex(R"([a-z0-9-]+\.(html|css|js|png|svg))")))
    return std::nullopt;
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

void Page(Call& call, const std::string& name) {
  std::optional<std::string> bytes = PageFile(call.site, name);
  if (!bytes) return NotFound(call);
  // Appended rather than `"\"" + ... + "\""`: GCC 12 at -O3 sees a false
  // overlap (-Wrestrict) in the inlined concatenation of the temporaries.
  std::string etag = "\"";
  etag.append(Sha256Hex(*bytes), 0, 32);
  etag.push_back('"');
  call.response.set_header("Cache-Control", "no-cache");
  call.response.set_header("ETag", etag);
  if (call.request.get_header_value("If-None-Match") == etag) {
    call.response.status = 304;
    return;
  }
  call.response.set_content(*bytes, ContentType(name));
}

}  // namespace

void AddMediaRoutes(httplib::Server& server, Site& site) {
  Route(server, site, Method::kGet, R"(/media/([0-9a-f]{64})/([a-z0-9.]+))", Anyone(), Media);
}

void AddPageRoutes(httplib::Server& server, Site& site) {
  Route(server, site, Method::kGet, "/", Anyone(), [](Call& call) { Page(call, "index.html"); });
  Route(server, site, Method::kGet, R"(/static/([a-z0-9.-]+))", Anyone(),
        [](Call& call) { Page(call, call.Match(1)); });
}

}  // namespace poster::gallery::web
