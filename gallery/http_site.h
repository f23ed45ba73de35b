// What the web server's handlers share (private to gallery): the site, one
// call's context, and the route table's guard. docs/api.md is the contract.
#pragma once

#include <httplib.h>

#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "gallery/gallery.h"

namespace poster::gallery::web {

// Failed sign-ins per key (a person, an address) in a sliding window of 15
// minutes; a key with `max_failures` in it is blocked until they age out.
class RateLimiter {
 public:
  explicit RateLimiter(int max_failures) : max_failures_(max_failures) {}
  bool Blocked(const std::string& key);
  void Failed(const std::string& key);
  void Forget(const std::string& key);

 private:
  const int max_failures_;
  std::mutex mutex_;
  std::map<std::string, std::deque<std::chrono::steady_clock::time_point>> failures_;
};

// The public gallery's cards, rebuilt at most once a second (or when this
// server changes an entry): every visitor's page is one shuffle of them.
struct GalleryCards {
  struct Card {
    int64_t entry = 0;
    std::string json;    // the card, serialised once
    std::string search;  // title, author's name, department: what ?q= looks in
    std::string theme;
  };
  std::mutex mutex;
  std::shared_ptr<const std::vector<Card>> cards;
  std::chrono::steady_clock::time_point built;
  bool stale = true;
};

struct Site {
  Site(Catalogue& contest, ServerOptions server_options)
      : catalogue(contest), options(std::move(server_options)) {}
  Catalogue& catalogue;
  ServerOptions options;
  std::string public_url;
  // Wrong passwords per employee number, and per address for one machine
  // guessing across accounts. The second is far higher: a whole office can
  // share an address (NAT, the reverse proxy) and its typos must not lock
  // everyone out.
  RateLimiter people{5};
  RateLimiter addresses{100};
  GalleryCards gallery;
};

// Who may call a route.
struct Guard {
  bool signed_in = false;
  std::optional<voting::Role> role;  // admins pass every role check
  bool csrf = true;  // POST and DELETE carry the session's token (not sign-in itself)
};

inline Guard Anyone() { return {false, std::nullopt, true}; }
inline Guard SignedIn() { return {true, std::nullopt, true}; }
inline Guard WithRole(voting::Role role) { return {true, role, true}; }
inline Guard SigningIn() { return {false, std::nullopt, false}; }  // no session yet, so no token

struct Call {
  Site& site;
  const httplib::Request& request;
  httplib::Response& response;
  std::optional<Viewer> viewer;

  const std::string& actor() const { return viewer->employee_id; }
  int64_t Id(size_t match = 1) const;  // a number from the path
  std::string Match(size_t match) const;
  void Json(int status, const std::string& body);
  void Json(int status, const nlohmann::json& body);
  void Fail(const Status& status);
  // The JSON body, or nothing after answering 400 bad_request.
  std::optional<nlohmann::json> Body();
  bool CanSee(const Media& media) const;  // approved, or its author's, or staff
};

enum class Method { kGet, kPost, kDelete };

// Registers a handler behind `guard`: the viewer is found from the session
// cookie (or the trusted proxy header), sign-in and role are checked, and every
// POST and DELETE must carry the session's CSRF token.
void Route(httplib::Server& server, Site& site, Method method, const std::string& pattern,
           Guard guard, std::function<void(Call&)> handler);

// An upload's form: its text fields and the file, read with the size cap.
struct Upload {
  std::map<std::string, std::string> fields;
  std::vector<uint8_t> file;
  std::string file_name;
  bool has_file = false;
};

// Registers a multipart upload handler behind `guard`: the file part is
// streamed into memory and refused with file_too_large past `max_bytes`.
void RouteUpload(httplib::Server& server, Site& site, const std::string& pattern, Guard guard,
                 std::function<void(Call&, Upload&)> handler);

// What anyone may see, as /api/contest, /api/gallery (unshuffled, cached for a
// second), /api/entries/{id} and /api/results answer it; the static export
// writes the same.
nlohmann::json ContestJson(Site& site);
std::shared_ptr<const std::vector<GalleryCards::Card>> GalleryCardsOf(Site& site);
Result<nlohmann::json> PublicEntryJson(Site& site, int64_t id);  // approved entries only
Result<nlohmann::json> ResultsJson(Site& site, std::string_view viewer);
std::string EntryPageUrl(const Site& site, int64_t id);  // what the exhibition QR code holds
inline constexpr int kQrPixels = 600;

// An entry as the API shows it: `poster show --json` with URLs instead of paths.
nlohmann::json EntryForApi(const Site& site, const Entry& entry);
std::string MediaUrl(const std::string& sha256, std::string_view name);

// Answers `status` and returns from the handler when it failed.
#define POSTER_RETURN_IF_ERROR_VOID(call, expr)     \
  do {                                              \
    ::poster::Status status_ = (expr);              \
    if (!status_.ok()) return (call).Fail(status_); \
  } while (false)

// The HTTP status for an error code (docs/api.md).
int HttpStatusFor(std::string_view code);

// The error body: code, Korean and English messages, details.
std::string ErrorBody(const Status& status);

// Cookies.
std::optional<std::string> Cookie(const httplib::Request& request, std::string_view name);
void SetCookie(httplib::Response& response, const Site& site, std::string_view name,
               std::string_view value, int max_age_seconds);

// Each group of routes, registered by its own file.
void AddPublicRoutes(httplib::Server& server, Site& site);
void AddAccountRoutes(httplib::Server& server, Site& site);
void AddEntryRoutes(httplib::Server& server, Site& site);
void AddStaffRoutes(httplib::Server& server, Site& site);
void AddMediaRoutes(httplib::Server& server, Site& site);
void AddPageRoutes(httplib::Server& server, Site& site);

// Forgets the cached gallery: an entry changed.
void GalleryChanged(Site& site);

}  // namespace poster::gallery::web
