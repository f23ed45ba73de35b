// The route guard, errors as HTTP, cookies, and sign-in rate limiting.
#include "gallery/web/http_site.h"

#include <spdlog/spdlog.h>

#include <charconv>
#include <limits>

#include "base/sha256.h"
#include "gallery/web/http_connection.h"

namespace poster::gallery::web {
namespace {

constexpr auto kFailureWindow = std::chrono::minutes(15);
constexpr size_t kSweepAbove = 4096;  // keys kept before the expired ones are swept out

Status CsrfFailed(const std::string& why) {
  return Status(std::string(kCsrfFailed), "This request did not come from poster's own pages (" +
                                              why + "); reload the page.");
}

// The viewer behind the request: the session cookie, else the single sign-on
// header when a trusted proxy sent it.
std::optional<Viewer> Identify(Site& site, const httplib::Request& request,
                               httplib::Response& response) {
  std::optional<std::string> token = Cookie(request, "poster_session");
  if (token) {
    Result<Viewer> viewer = site.catalogue.ViewerOf(*token);
    if (viewer.ok()) return *viewer;
  }
  const std::string& header = site.options.trusted_user_header;
  if (header.empty() || !request.has_header(header.c_str()) || !FromTrustedProxy(site, request))
    return std::nullopt;
  Result<Session> session = site.catalogue.SessionFor(request.get_header_value(header.c_str()));
  if (!session.ok()) return std::nullopt;
  SetCookie(response, site, "poster_session", session->token, 12 * 3600);
  Result<Viewer> viewer = site.catalogue.ViewerOf(session->token);
  return viewer.ok() ? std::optional(*viewer) : std::nullopt;
}

Status CheckCsrf(const Site& site, const httplib::Request& request,
                 const std::optional<Viewer>& viewer, bool token_required) {
  if (request.has_header("Origin")) {
    std::string origin = request.get_header_value("Origin");
    std::string host = "://" + request.get_header_value("Host");
    bool same = origin.size() >= host.size() &&
                origin.compare(origin.size() - host.size(), host.size(), host) == 0;
    if (!same && origin != site.public_url) return CsrfFailed("another site");
  }
  if (!viewer || !token_required)
    return Status::Ok();  // nothing to forge: the guard asks for sign-in
  if (request.get_header_value("X-CSRF-Token") != viewer->csrf)
    return CsrfFailed("no valid X-CSRF-Token");
  return Status::Ok();
}

Status Permitted(const Guard& guard, const std::optional<Viewer>& viewer) {
  if ((guard.signed_in || guard.role) && !viewer)
    return Status(std::string(kNotSignedIn), "Sign in first.");
  if (guard.role && !viewer->Has(*guard.role)) {
    std::string role(voting::RoleName(*guard.role));
    return Status(std::string(kNotPermitted),
                  viewer->employee_id + " may not do this: it takes the " + role + " role.",
                  {{"actor", viewer->employee_id}, {"role", role}});
  }
  return Status::Ok();
}

using FailureTimes = std::deque<std::chrono::steady_clock::time_point>;

// Drops the failures older than the window; true when none is left.
bool Expire(FailureTimes& times, std::chrono::steady_clock::time_point now) {
  while (!times.empty() && now - times.front() > kFailureWindow) times.pop_front();
  return times.empty();
}

}  // namespace

// Keys are only kept while they have failures in the window, so guessing
// through many made-up employee numbers does not grow the table for ever.
bool RateLimiter::Blocked(const std::string& key) {
  std::lock_guard lock(mutex_);
  auto found = failures_.find(key);
  if (found == failures_.end()) return false;
  if (Expire(found->second, std::chrono::steady_clock::now())) {
    failures_.erase(found);
    return false;
  }
  return int(found->second.size()) >= max_failures_;
}

void RateLimiter::Failed(const std::string& key) {
  std::lock_guard lock(mutex_);
  auto now = std::chrono::steady_clock::now();
  failures_[key].push_back(now);
  if (failures_.size() <= kSweepAbove) return;
  for (auto it = failures_.begin(); it != failures_.end();)
    it = Expire(it->second, now) ? failures_.erase(it) : std::next(it);
}

void RateLimiter::Forget(const std::string& key) {
  std::lock_guard lock(mutex_);
  failures_.erase(key);
}

int HttpStatusFor(std::string_view code) {
  static const std::map<std::string_view, int> kStatuses = {{kBadRequest, 400},
                                                            {kManifestInvalid, 400},
                                                            {kNotSignedIn, 401},
                                                            {kBadCredentials, 401},
                                                            {kNotPermitted, 403},
                                                            {kCsrfFailed, 403},
                                                            {kResultsSealed, 403},
                                                            {kNotFound, 404},
                                                            {kDuplicate, 409},
                                                            {kClaimedByOther, 409},
                                                            {kInvitationUsed, 409},
                                                            {voting::kAlreadyVoted, 409},
                                                            {voting::kAlreadyScored, 409},
                                                            {voting::kPairNotOffered, 409},
                                                            {voting::kInvalidTransition, 409},
                                                            {ingest::kFileTooLarge, 413},
                                                            {kRequestTooLarge, 413},
                                                            {kTooManyAttempts, 429},
                                                            {kAlreadyLiked, 409},
                                                            {kLikesClosed, 409},
                                                            {kLikeRateLimited, 429},
                                                            {kDeviceRequired, 401},
                                                            {kStoreFailed, 500}};
  auto it = kStatuses.find(code);
  return it == kStatuses.end() ? 422 : it->second;
}

std::string ErrorBody(const Status& status) {
  nlohmann::json details = nlohmann::json::object();
  for (const Detail& detail : status.details()) details[detail.key] = detail.value;
  return nlohmann::json{{"code", status.code()},
                        {"message", Localize(status, Language::kKorean)},
                        {"message_en", status.message()},
                        {"details", details}}
      .dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::optional<std::string> Cookie(const httplib::Request& request, std::string_view name) {
  std::string header = request.get_header_value("Cookie");
  std::string wanted = std::string(name) + "=";
  for (size_t at = 0; at < header.size();) {
    size_t end = header.find(';', at);
    std::string pair = header.substr(at, end == std::string::npos ? std::string::npos : end - at);
    size_t start = pair.find_first_not_of(' ');
    if (start != std::string::npos && pair.compare(start, wanted.size(), wanted) == 0) {
      return pair.substr(start + wanted.size());
    }
    if (end == std::string::npos) break;
    at = end + 1;
  }
  return std::nullopt;
}

void SetCookie(httplib::Response& response, const Site& site, std::string_view name,
               std::string_view value, int max_age_seconds) {
  std::string cookie =
      std::string(name) + "=" + std::string(value) +
      "; Path=/; HttpOnly; SameSite=Lax; Max-Age=" + std::to_string(max_age_seconds);
  if (site.options.secure_cookies) cookie += "; Secure";
  response.set_header("Set-Cookie", cookie);
}

std::optional<int64_t> ParseDecimal(std::string_view text) {
  int64_t number = 0;
  auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), number);
  if (error != std::errc() || end != text.data() + text.size() || number < 0) return std::nullopt;
  return number;
}

namespace {

Status TooLarge(int64_t max_bytes) {
  return Status(std::string(kRequestTooLarge),
                "The request's body is larger than " + std::to_string(max_bytes) +
                    " bytes; this address takes no more.",
                {{"limit", "body"}, {"max_bytes", std::to_string(max_bytes)}});
}

// A 5xx and its cause, for whoever runs the server (never the body or cookies).
void LogFailure(Site& site, const httplib::Request& request, const Status& status) {
  std::string details;
  for (const Detail& detail : status.details()) details += " " + detail.key + "=" + detail.value;
  site.log->error("{} {}: {}: {}{}", request.method, CurrentExchange().route, status.code(),
                  status.message(), details);
}

}  // namespace

int64_t Call::Id(size_t match) const {
  // Every id fits in 18 digits; a longer one names nothing (0 is no entry's id).
  return ParseDecimal(request.matches[match].str()).value_or(0);
}

std::string Call::Match(size_t match) const { return request.matches[match].str(); }

void Call::Json(int status, const std::string& body) {
  response.status = status;
  response.set_content(body, "application/json; charset=utf-8");
}

bool Call::Unchanged(std::string_view bytes, const char* cache_control) {
  // Appended rather than `"\"" + ... + "\""`: GCC 12 at -O3 sees a false
  // overlap (-Wrestrict) in the inlined concatenation of the temporaries.
  std::string etag = "\"";
  etag.append(Sha256Hex(bytes), 0, 32);
  etag.push_back('"');
  response.set_header("Cache-Control", cache_control);
  response.set_header("ETag", etag);
  if (request.get_header_value("If-None-Match") != etag) return false;
  response.status = 304;
  return true;
}

void Call::Json(int status, const nlohmann::json& body) {
  Json(status, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void Call::Fail(const Status& status) {
  int http = HttpStatusFor(status.code());
  if (http >= 500) LogFailure(site, request, status);
  CurrentExchange().refusal = status.code();
  Json(http, ErrorBody(status));
}

bool Call::Refused(const web::Body& read) {
  if (read.ok()) return false;
  Fail(read.status());
  return true;
}

bool Call::CanSee(const Media& media) const {
  if (media.status == "approved") return true;
  if (!viewer) return false;
  if (viewer->Has(voting::Role::kModerator) || media.author == viewer->employee_id) return true;
  return std::find(media.co_authors.begin(), media.co_authors.end(), viewer->employee_id) !=
         media.co_authors.end();
}

namespace {

// The Content-Length the request declares, if it says one (a bad one reads as huge).
std::optional<int64_t> DeclaredLength(const httplib::Request& request) {
  if (!request.has_header("Content-Length")) return std::nullopt;
  return ParseDecimal(request.get_header_value("Content-Length"))
      .value_or(std::numeric_limits<int64_t>::max());
}

// Refuses a request whose body stays unread: the connection is closed after it.
void Refuse(Call& call, const Status& status) {
  CurrentExchange().close = true;
  call.response.set_header("Connection", "close");
  call.Fail(status);
}

// Reads the body into call.body, up to `max_body` bytes however it is framed.
bool ReadBody(Call& call, const httplib::ContentReader& reader, int64_t max_body) {
  std::optional<int64_t> declared = DeclaredLength(call.request);
  if (declared && *declared > max_body) {
    Refuse(call, TooLarge(max_body));
    return false;
  }
  CurrentExchange().budget = max_body + kHeaderBudget;  // chunk framing is counted too
  // cpp-httplib reads no body of a DELETE without a Content-Length: what
  // follows it is not another request.
  if (call.request.method == "DELETE" && !declared && call.request.has_header("Transfer-Encoding"))
    CurrentExchange().close = true;
  bool too_large = false;
  bool whole = reader([&](const char* data, size_t length) {
    if (int64_t(call.body.size() + length) > max_body) return !(too_large = true);
    call.body.append(data, length);
    return true;
  });
  if (too_large) Refuse(call, TooLarge(max_body));
  if (!whole && !too_large)
    Refuse(call, Status(std::string(kBadRequest), "The request's body did not arrive whole."));
  return whole;
}

void Answer500(Call& call, const std::exception& error) {
  call.site.log->error("{} {}: exception: {}", call.request.method, CurrentExchange().route,
                       error.what());
  call.Json(500, ErrorBody(Status(std::string(kStoreFailed),
                                  "The server failed; its log says why. Try again later.",
                                  {{"reason", "exception"}})));
}

void Guarded(Call& call, Method method, const Guard& guard,
             const std::function<void(Call&)>& handler) {
  try {
    Status allowed = Permitted(guard, call.viewer);
    if (allowed.ok() && method != Method::kGet)
      allowed = CheckCsrf(call.site, call.request, call.viewer, guard.csrf);
    if (!allowed.ok()) return call.Fail(allowed);
    handler(call);
  } catch (const std::exception& error) {
    Answer500(call, error);
  }
}

const char* MethodName(Method method) {
  return method == Method::kGet    ? "GET"
         : method == Method::kPost ? "POST"
         : method == Method::kPut  ? "PUT"
                                   : "DELETE";
}

}  // namespace

void Route(httplib::Server& server, Site& site, Method method, const std::string& pattern,
           Guard guard, std::function<void(Call&)> handler, int64_t max_body) {
  site.routes.push_back({MethodName(method), pattern});
  if (method == Method::kGet) {
    server.Get(pattern, [&site, guard, handler, pattern](const httplib::Request& request,
                                                         httplib::Response& response) {
      CurrentExchange().route = pattern;
      // A GET's body is never read: what follows it is not another request.
      if (DeclaredLength(request).value_or(0) > 0 || request.has_header("Transfer-Encoding"))
        CurrentExchange().close = true;
      Call call{site, request, response, Identify(site, request, response), {}};
      Guarded(call, Method::kGet, guard, handler);
    });
    return;
  }
  auto run = [&site, guard, handler, method, max_body, pattern](
                 const httplib::Request& request, httplib::Response& response,
                 const httplib::ContentReader& reader) {
    CurrentExchange().route = pattern;
    Call call{site, request, response, Identify(site, request, response), {}};
    if (!ReadBody(call, reader, max_body)) return;
    Guarded(call, method, guard, handler);
  };
  if (method == Method::kPost) server.Post(pattern, run);
  if (method == Method::kPut) server.Put(pattern, run);
  if (method == Method::kDelete) server.Delete(pattern, run);
}

void RouteUpload(httplib::Server& server, Site& site, const std::string& pattern, Guard guard,
                 std::function<void(Call&, Upload&)> handler) {
  site.routes.push_back({"POST", pattern});
  server.Post(pattern, [&site, guard, handler, pattern](const httplib::Request& request,
                                                        httplib::Response& response,
                                                        const httplib::ContentReader& reader) {
    CurrentExchange().route = pattern;
    Call call{site, request, response, Identify(site, request, response), {}};
    Status allowed = Permitted(guard, call.viewer);
    if (allowed.ok()) allowed = CheckCsrf(site, request, call.viewer, true);
    if (!allowed.ok()) return Refuse(call, allowed);
    if (!request.is_multipart_form_data()) {
      return Refuse(call, Status(std::string(kBadRequest),
                                 "Send the poster as multipart/form-data with a part named file."));
    }
    int64_t cap = site.catalogue.Config().ingest.limits.max_bytes;
    int64_t max_body = cap + kMaxUploadParts * (kMaxFieldBytes + (4 << 10));
    std::optional<int64_t> declared = DeclaredLength(request);
    if (declared && *declared > max_body) return Refuse(call, UploadFileTooLarge(cap));
    CurrentExchange().budget = max_body + kHeaderBudget;
    UploadReader upload(cap);
    bool whole = reader([&](const httplib::MultipartFormData& part) { return upload.Part(part); },
                        [&](const char* data, size_t length) { return upload.Data(data, length); });
    if (!upload.status().ok()) return Refuse(call, upload.status());
    if (!whole)
      return Refuse(call, Status(std::string(kBadRequest),
                                 "The upload did not arrive whole; send it again."));
    try {
      handler(call, upload.upload());
    } catch (const std::exception& error) {
      Answer500(call, error);
    }
  });
}

void AddFallbackRoutes(httplib::Server& server, Site& site) {
  auto nothing = [&site](const httplib::Request& request, httplib::Response& response,
                         const httplib::ContentReader&) {
    Call call{site, request, response, std::nullopt, {}};
    Refuse(call, Status(std::string(kNotFound), "There is nothing here."));
  };
  server.Post(".*", nothing);
  server.Put(".*", nothing);
  server.Patch(".*", nothing);
  server.Delete(".*", nothing);
}

std::string MediaUrl(const std::string& sha256, std::string_view name) {
  return "/media/" + sha256 + "/" + std::string(name);
}

nlohmann::json EntryForAuthor(const Site& site, const Entry& entry,
                              const std::optional<Viewer>& viewer) {
  nlohmann::json out = EntryForApi(site, entry);
  if (!viewer || !viewer->Has(voting::Role::kModerator)) out.erase("near_duplicate_of");
  return out;
}

nlohmann::json EntryForApi(const Site& site, const Entry& entry) {
  nlohmann::json out = EntryJson(entry);
  Result<PersonRecord> author = site.catalogue.Person(entry.submission.author);
  out["author_name"] = author.ok() ? author->name : entry.submission.author;
  out["department"] = author.ok() ? author->department : "";
  out["original"] = MediaUrl(entry.sha256, "original");
  for (auto& thumbnail : out["thumbnails"]) {
    std::string ext = thumbnail["format"] == "jpeg" ? ".jpg" : ".webp";
    thumbnail["url"] = MediaUrl(entry.sha256, std::to_string(thumbnail["width"].get<int>()) + ext);
    thumbnail.erase("path");
  }
  AddTier(site, out);
  return out;
}

}  // namespace poster::gallery::web
