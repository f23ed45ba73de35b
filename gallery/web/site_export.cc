// poster export site: the public gallery and the announced results as files,
// for the contest's archive. The pages are the embedded ones; static/data.js
// holds what the public API would answer (public_view.cc), and the pages read
// it instead of asking a server (assets/web/static-site.js, staticGet).
#include <unistd.h>

#include <fstream>

#include "assets/assets.h"
#include "gallery/web/http_site.h"

namespace poster::gallery {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

Status WriteFailed(const fs::path& path, const std::string& why) {
  return Status(std::string(kStoreFailed), "Could not write " + path.string() + ": " + why + ".",
                {{"path", path.string()}});
}

// Files below one root, counted as they are written.
class Folder {
 public:
  explicit Folder(fs::path root) : root_(std::move(root)) {}

  Status Write(const std::string& relative, std::string_view bytes) {
    fs::path path = root_ / relative;
    std::error_code error;
    fs::create_directories(path.parent_path(), error);
    if (error) return WriteFailed(path.parent_path(), error.message());
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    out.write(bytes.data(), std::streamsize(bytes.size()));
    out.close();
    if (!out) return WriteFailed(path, "the disk refused it");
    ++files_;
    bytes_ += int64_t(bytes.size());
    return Status::Ok();
  }

  Status Copy(const std::string& relative, const fs::path& from) {
    fs::path path = root_ / relative;
    std::error_code error;
    fs::create_directories(path.parent_path(), error);
    if (!error) fs::copy_file(from, path, fs::copy_options::overwrite_existing, error);
    if (error) return WriteFailed(path, error.message());
    ++files_;
    bytes_ += int64_t(fs::file_size(path, error));
    return Status::Ok();
  }

  int files() const { return files_; }
  int64_t bytes() const { return bytes_; }

 private:
  fs::path root_;
  int files_ = 0;
  int64_t bytes_ = 0;
};

// The URL of a file the pages name (always "/media/..." or "/api/..."), as a
// path below the export.
std::string Relative(const std::string& url) { return url.substr(1); }

Status WritePages(Folder& folder, const std::string& data_js) {
  for (const assets::File& file : assets::All()) {
    std::string_view path = file.path;
    if (path.substr(0, 4) != "web/") continue;
    std::string name(path.substr(4));
    if (name == "index.html") {
      POSTER_RETURN_IF_ERROR(folder.Write(name, file.bytes));
    } else {
      POSTER_RETURN_IF_ERROR(
          folder.Write("static/" + name, name == "data.js" ? data_js : file.bytes));
    }
  }
  return Status::Ok();
}

// One approved entry: its thumbnails and its exhibition QR code.
Status WriteEntryFiles(Folder& folder, web::Site& site, const Entry& entry) {
  for (const StoredDerivative& d : entry.derivatives) {
    std::string name =
        std::to_string(d.width) + (d.format == ingest::Format::kJpeg ? ".jpg" : ".webp");
    POSTER_RETURN_IF_ERROR(folder.Copy(Relative(web::MediaUrl(entry.sha256, name)), d.path));
  }
  POSTER_ASSIGN_OR_RETURN(std::vector<uint8_t> qr,
                          ingest::QrCodePng(web::EntryPageUrl(site, entry.id), web::kQrPixels));
  std::string png(qr.begin(), qr.end());
  return folder.Write("api/entries/" + std::to_string(entry.id) + "/qr.png", png);
}

Result<SiteExport> WriteSite(web::Site& site, const fs::path& root) {
  Folder folder(root);
  json data = {{"contest", web::ContestJson(site)}, {"entries", json::object()}};
  json cards = json::array();
  SiteExport done;
  for (const web::GalleryCards::Card& card : *web::GalleryCardsOf(site)) {
    cards.push_back(card.card);
    Result<json> detail = web::PublicEntryJson(site, card.entry);
    Result<Entry> entry = site.catalogue.Get(card.entry);
    if (!detail.ok()) return detail.status();
    if (!entry.ok()) return entry.status();
    data["entries"][std::to_string(card.entry)] = *detail;
    POSTER_RETURN_IF_ERROR(WriteEntryFiles(folder, site, *entry));
    ++done.entries;
  }
  data["gallery"] = {{"entries", cards}};
  // The lobby screen and the sheets; the archive has no citizens' pages (/p/N).
  POSTER_ASSIGN_OR_RETURN(data["exhibition"],
                          web::ExhibitionJson(site, web::ExhibitionLinks::kEntryPages));
  Result<json> results = web::ResultsJson(site, "");  // what anyone may see: sealed stays out
  if (results.ok()) data["results"] = *results;
  done.results = results.ok();
  std::string data_js =
      "window.POSTER_DATA = " + data.dump(-1, ' ', false, json::error_handler_t::replace) + ";\n";
  POSTER_RETURN_IF_ERROR(WritePages(folder, data_js));
  done.files = folder.files();
  done.bytes = folder.bytes();
  return done;
}

}  // namespace

Result<SiteExport> ExportSite(Catalogue& catalogue, const fs::path& dir,
                              const std::string& public_url) {
  ServerOptions options;
  options.public_url = public_url;
  web::Site site(catalogue, options);
  site.public_url = public_url;
  while (!site.public_url.empty() && site.public_url.back() == '/') site.public_url.pop_back();
  SiteExport written;
  POSTER_ASSIGN_OR_RETURN(written.dir,
                          WriteNewFolder(dir, "export", [&](const fs::path& staging) -> Status {
                            POSTER_ASSIGN_OR_RETURN(written, WriteSite(site, staging));
                            return Status::Ok();
                          }));
  return written;
}

}  // namespace poster::gallery
