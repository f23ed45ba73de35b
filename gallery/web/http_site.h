// What the web server's handlers share (private to gallery/web): the site, one
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
#include <unordered_map>
#include <unordered_set>

#include "gallery/web/metrics.h"
#include "gallery/web/request_body.h"
#include "gallery/web/web.h"

namespace spdlog {
class logger;
}

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
    nlohmann::json card;  // what the static export writes
    std::string json;     // the same, serialised once for the API's pages
    std::string search;   // title, author's name, department: what ?q= looks in
    std::string theme;
  };
  std::mutex mutex;
  std::shared_ptr<const std::vector<Card>> cards;
  std::shared_ptr<const std::unordered_set<std::string>> files;  // the cards' SHA-256s
  std::chrono::steady_clock::time_point built;
  bool stale = true;
  int64_t version = -1;  // the catalogue's GalleryVersion the cards were built at
};

// Public thumbnails once read (thumbnails.cc), up to a fixed number of bytes.
class ThumbnailCache {
 public:
  std::shared_ptr<const std::vector<uint8_t>> Find(const std::string& key) const;
  void Keep(const std::string& key, std::shared_ptr<const std::vector<uint8_t>> bytes);

 private:
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const std::vector<uint8_t>>> files_;
  int64_t bytes_ = 0;
};

struct Site {
  Site(Catalogue& contest, ServerOptions server_options)
      : catalogue(contest), options(std::move(server_options)) {}
  Catalogue& catalogue;
  ServerOptions options;
  std::string public_url;
  // Wrong passwords per employee number, and per address (ClientAddress) for
  // one machine guessing across accounts. The second is far higher: a whole
  // office can share an address (NAT) and its typos must not lock everyone out.
  RateLimiter people{5};
  RateLimiter addresses{100};
  // Password resets asked (not only failed) per employee number and per address.
  RateLimiter reset_people{3};
  RateLimiter reset_addresses{30};
  GalleryCards gallery;
  ThumbnailCache thumbnails;
  std::vector<RouteInfo> routes;  // what Route and RouteUpload registered, in order
  std::shared_ptr<spdlog::logger> log;
  Metrics metrics;  // served on the metrics address (server.cc)
};

// Bodies: a JSON route reads at most kMaxJsonBody, the roster import
// kMaxRosterBody; an upload's text fields are at most kMaxFieldBytes each and
// kMaxUploadParts parts in all. More is refused with request_too_large (413)
// as it crosses the cap, or before reading when Content-Length says so.
inline constexpr int64_t kMaxJsonBody = 64 << 10;
inline constexpr int64_t kMaxRosterBody = 4 << 20;
inline constexpr int64_t kMaxFieldBytes = 64 << 10;
inline constexpr int kMaxUploadParts = 16;

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
  std::string body;  // the request's body, read within its route's cap

  const std::string& actor() const { return viewer->employee_id; }
  int64_t Id(size_t match = 1) const;  // a number from the path
  std::string Match(size_t match) const;
  void Json(int status, const std::string& body);
  void Json(int status, const nlohmann::json& body);
  // Names `bytes` by an ETag, to be revalidated on each use (`cache_control`);
  // true when the request's If-None-Match holds it, answered 304 with no body.
  bool Unchanged(std::string_view bytes, const char* cache_control);
  void Fail(const Status& status);  // 5xx answers are logged with their cause
  // The body as JSON, read field by field (gallery/request_body.h).
  web::Body JsonBody() const { return web::Body(body); }
  // Answers the body's first bad field (400 bad_request); true when it did.
  bool Refused(const web::Body& read);
  bool CanSee(const Media& media) const;  // approved, or its author's, or staff
};

enum class Method { kGet, kPost, kPut, kDelete };

// Registers a handler behind `guard`: the viewer is found from the session
// cookie (or the trusted proxy header), sign-in and role are checked, and every
// POST and DELETE must carry the session's CSRF token.
// The body (POST, DELETE) is read first, up to `max_body` bytes however it is
// framed; past that the answer is request_too_large and the connection closes.
void Route(httplib::Server& server, Site& site, Method method, const std::string& pattern,
           Guard guard, std::function<void(Call&)> handler, int64_t max_body = kMaxJsonBody);

// An upload's form: its text fields and the file, read with the size cap.
struct Upload {
  std::map<std::string, std::string> fields;
  std::vector<uint8_t> file;
  std::string file_name;
  bool has_file = false;
};

// Reads an upload's parts as cpp-httplib's multipart parser hands them over:
// the file up to `max_file_bytes` (file_too_large past it), text fields up to
// kMaxFieldBytes each and kMaxUploadParts parts (request_too_large past them).
class UploadReader {
 public:
  explicit UploadReader(int64_t max_file_bytes) : max_file_bytes_(max_file_bytes) {}
  bool Part(const httplib::MultipartFormData& part);  // false: stop reading
  bool Data(const char* data, size_t length);         // false: stop reading
  Upload& upload() { return upload_; }
  const Status& status() const { return status_; }  // why reading stopped, if it did

 private:
  int64_t max_file_bytes_;
  Upload upload_;
  std::string* field_ = nullptr;  // the text field being read; null for the file
  std::string field_name_;
  int parts_ = 0;
  Status status_;
};

// file_too_large for a file over `cap` bytes.
Status UploadFileTooLarge(int64_t cap);

// What the upload's fields declare, as the CLI's flags would.
Submission SubmissionOf(const Upload& upload, const std::string& author);

// Registers a multipart upload handler behind `guard`: the guard is checked
// before the body is read, and the body is read by an UploadReader.
void RouteUpload(httplib::Server& server, Site& site, const std::string& pattern, Guard guard,
                 std::function<void(Call&, Upload&)> handler);

// What anyone may see, as /api/contest, /api/gallery (unshuffled, cached for a
// second), /api/entries/{id} and /api/results answer it; the static export
// writes the same.
nlohmann::json ContestJson(Site& site);
std::shared_ptr<const std::vector<GalleryCards::Card>> GalleryCardsOf(Site& site);
// A visitor's own order of `count` cards: At(p) is the card at position p, each
// card at exactly one position, the same for the same visitor every time.
class VisitorOrder {
 public:
  VisitorOrder(std::string_view visitor, size_t count);
  size_t At(size_t position) const;  // position < count

 private:
  uint64_t Permute(uint64_t value) const;
  size_t count_;
  int half_bits_ = 1;
  uint64_t keys_[4] = {};
};

// True when `sha256` is the file of an entry in the gallery (approved).
bool PublicFile(Site& site, const std::string& sha256);

// A decimal number of digits only, at most int64's width; nothing otherwise.
std::optional<int64_t> ParseDecimal(std::string_view text);

// ---- media (api_media.cc, thumbnails.cc) ----
inline constexpr const char* kMediaRoute = R"(/media/([0-9a-f]{64})/([a-z0-9.]+))";
// "640.webp" or "1280.jpg": a thumbnail's width and format; nothing for other names.
struct ThumbnailName {
  int width = 0;
  ingest::Format format = ingest::Format::kWebp;
};
std::optional<ThumbnailName> ParseThumbnailName(std::string_view name);
// Answers GET /media/SHA/W.webp|jpg for an approved entry's file from memory,
// before routing; false leaves the request to the route.
bool ServePublicThumbnail(Site& site, const httplib::Request& request, httplib::Response& response);
Result<nlohmann::json> PublicEntryJson(Site& site, int64_t id);  // approved entries only
Result<nlohmann::json> ResultsJson(Site& site, std::string_view viewer);
std::string EntryPageUrl(const Site& site, int64_t id);  // what the static export's QR codes hold
inline constexpr int kQrPixels = 600;
// /api/gallery's page when ?limit= is not given, and the most it gives.
inline constexpr size_t kGalleryPage = 100, kGalleryPageMost = 500;

// An entry as the API shows it: `poster show --json` with URLs instead of paths.
nlohmann::json EntryForApi(const Site& site, const Entry& entry);
// The same for an author who is not a moderator: which other entry theirs
// resembles (near_duplicate_of) is the moderators' to know, never another
// person's entry shown to them; the flag itself stays.
nlohmann::json EntryForAuthor(const Site& site, const Entry& entry,
                              const std::optional<Viewer>& viewer);
std::string MediaUrl(const std::string& sha256, std::string_view name);

// For a signed-in viewer, "actions" (docs/api.md) added to `entries`, one
// entry's object or an array of them, each naming its "entry": what
// Catalogue::ActionsFor says the viewer may do with it now. Nothing changes for
// an anonymous viewer. Fails with store_failed. (api_actions.cc)
Status AddActions(const Call& call, nlohmann::json& entries);
// The gallery's serialised cards, each with its "actions" for a signed-in viewer.
Result<std::vector<std::string>> CardsWithActions(
    const Call& call, const std::vector<const GalleryCards::Card*>& cards);

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

// Refuses what no route took (a POST, PUT, PATCH or DELETE elsewhere) with 404
// before its body is read. Registered after every route.
void AddFallbackRoutes(httplib::Server& server, Site& site);

// Each group of routes, registered by its own file.
void AddPublicRoutes(httplib::Server& server, Site& site);
void AddAccountRoutes(httplib::Server& server, Site& site);
void AddEntryRoutes(httplib::Server& server, Site& site);
void AddStaffRoutes(httplib::Server& server, Site& site);
void AddMediaRoutes(httplib::Server& server, Site& site);
void AddPageRoutes(httplib::Server& server, Site& site);
void AddNoticeRoutes(httplib::Server& server, Site& site);  // api_notices.cc

// Forgets the cached gallery: an entry changed.
void GalleryChanged(Site& site);

// ---- blind judging (blind_view.cc; docs/tally.md) ----
// Whether the call's viewer may not see who made the entries now
// (Catalogue::AuthorsHidden; hidden when the catalogue cannot say).
bool AuthorsHiddenFor(const Call& call);
// An entry's or card's object without author, author_name, co_authors,
// department, source (the file's name) and the provenance markers' details.
void WithoutAuthors(nlohmann::json& entry);
// The gallery's cards so, each searchable by its title only.
std::vector<GalleryCards::Card> WithoutAuthors(const std::vector<GalleryCards::Card>& cards);
// Answers with the original's pixels re-encoded (ingest::ReencodePixels): no
// metadata of the uploaded file reaches the viewer.
void SendPixelsOnly(Call& call, const Media& media);
// The judges' routes for recusals and the admin's judging preview (api_judging.cc).
void AddJudgingRoutes(httplib::Server& server, Site& site);
// The pairwise final: a judge's pair and answer, the admin's final (api_final.cc).
void AddFinalRoutes(httplib::Server& server, Site& site);

// ---- awards (api_awards.cc) ----
// The awarded tier ("tier", "tier_en"), from the stored announcement, added to
// an entry's object (naming its "entry") when it won; nothing otherwise.
void AddTier(const std::map<int64_t, AwardedTier>& tiers, nlohmann::json& entry);
void AddTier(const Site& site, nlohmann::json& entry);
// The published judges' comments added to each row of announced results ("comments").
void AddPublishedComments(Site& site, nlohmann::json& results);
void AddAwardRoutes(httplib::Server& server, Site& site);

// ---- who a request came from (client_address.cc; docs/operations.md) ----
// True when the peer is one of the server's trusted proxies
// (ServerOptions::trusted_proxies): only then are its X-Forwarded-For and its
// single sign-on header believed.
bool FromTrustedProxy(const Site& site, const httplib::Request& request);
// The client's address, the one every limiter, the vote and the likes count
// by: the peer's, or from a trusted proxy the last hop of X-Forwarded-For (the
// address the proxy itself saw) when that is an IPv4 or IPv6 address; anything
// else there falls back to the peer's.
std::string ClientAddress(const Site& site, const httplib::Request& request);

// ---- vote integrity and receipts (issue 11; api_integrity.cc) ----
void AddIntegrityRoutes(httplib::Server& server, Site& site);

// ---- Korea's rules for public contests (api_rules.cc) ----
// The shortlist with its neighbours' thumbnails; a revocation; the submit
// page's pledge and consent (texts, versions, whether required).
nlohmann::json ShortlistJson(const Shortlist& list);
nlohmann::json RevocationJson(const Revocation& revocation);
nlohmann::json PledgeJson(const ContestConfig& config);
void AddRulesRoutes(httplib::Server& server, Site& site);

// ---- the exhibition: the lobby screen and the printed sheets (issue 12; api_exhibition.cc) ----
// What anyone may see of the exhibition (docs/api.md, "The exhibition"): the
// phase the captions follow ("before_voting", "voting", "voting_closed",
// "announced"), the public URL, and each approved entry (only `only`, when
// given: not_found unless it is approved) with its tier or revocation, its
// 640 px thumbnail, its page's URL (kCitizenPages: `{public_url}/p/N`, the
// citizens' page, as the server links it; kEntryPages: `{public_url}/#/entry/N`,
// for the static export, which has no /p/) and its QR code's URL. Authors are
// left out as the public's blind rules say (Catalogue::AuthorsHidden("")),
// whoever asks. Fails with store_failed.
enum class ExhibitionLinks { kCitizenPages, kEntryPages };
Result<nlohmann::json> ExhibitionJson(Site& site, ExhibitionLinks links,
                                      std::optional<int64_t> only = std::nullopt);
// The citizens' page of an entry, `{public_url}/p/N`: what the exhibition QR code holds.
std::string CitizenPageUrl(const Site& site, int64_t id);
inline constexpr int kExhibitionThumbnail = 640;  // px: the lobby's and the sheets' picture
void AddExhibitionRoutes(httplib::Server& server, Site& site);

// ---- citizens' choice (issue 12; api_citizens.cc, citizens_page.cc) ----
// GET /p/N (the citizens' page), POST /api/citizen/like/N, GET /api/admin/citizens.
void AddCitizenRoutes(httplib::Server& server, Site& site);

// ---- operations (issue 13; api_health.cc): /healthz, /readyz ----
// The answers, shared by the web server and the metrics address (server.cc).
void AnswerHealth(Site& site, httplib::Response& response);
void AnswerReadiness(Site& site, httplib::Response& response);
void AddHealthRoutes(httplib::Server& server, Site& site);

}  // namespace poster::gallery::web
