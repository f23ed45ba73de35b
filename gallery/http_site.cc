// The route guard, errors as HTTP, cookies, and sign-in rate limiting.
#include "gallery/http_site.h"

#include <regex>

namespace poster::gallery::web {
namespace {

constexpr auto kFailureWindow = std::chrono::minutes(15);
constexpr size_t kSweepAbove = 4096;  // keys kept before the expired ones are swept out

Status CsrfFailed(const std::string& why) {
  return Status(std::string(kCsrfFailed), "This request did not come from poster's own pages (" +
                                              why + "); reload the page.");
}

// The viewer behind the request: the session cookie, else the trusted proxy header.
std::optional<Viewer> Identify(Site& site, const httplib::Request& request,
                               httplib::Response& response) {
  std::optional<std::string> token = Cookie(request, "poster_session");
  if (token) {
    Result<Viewer> viewer = site.catalogue.ViewerOf(*token);
    if (viewer.ok()) return *viewer;
  }
  const std::string& header = site.options.trusted_user_header;
  bool from_proxy = request.remote_addr == "127.0.0.1" || request.remote_addr == "::1";
  if (header.empty() || !from_proxy || !request.has_header(header.c_str())) return std::nullopt;
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
                                                            {voting::kAlreadyVoted, 409},
                                                            {voting::kInvalidTransition, 409},
                                                            {ingest::kFileTooLarge, 413},
                                                            {kTooManyAttempts, 429},
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

int64_t Call::Id(size_t match) const {
  try {
    return std::stoll(request.matches[match].str());
  } catch (const std::exception&) {
    return 0;
  }
}

std::string Call::Match(size_t match) const { return request.matches[match].str(); }

void Call::Json(int status, const std::string& body) {
  response.status = status;
  response.set_content(body, "application/json; charset=utf-8");
}

void Call::Json(int status, const nlohmann::json& body) {
  Json(status, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void Call::Fail(const Status& status) { Json(HttpStatusFor(status.code()), ErrorBody(status)); }

std::optional<nlohmann::json> Call::Body() {
  nlohmann::json body = nlohmann::json::parse(request.body, nullptr, false);
  if (body.is_discarded() || !body.is_object()) {
    Fail(Status(std::string(kBadRequest), "The request's body is not a JSON object."));
    return std::nullopt;
  }
  return body;
}

bool Call::CanSee(const Media& media) const {
  if (media.status == "approved") return true;
  if (!viewer) return false;
  if (viewer->Has(voting::Role::kModerator) || media.author == viewer->employee_id) return true;
  return std::find(media.co_authors.begin(), media.co_authors.end(), viewer->employee_id) !=
         media.co_authors.end();
}

void Route(httplib::Server& server, Site& site, Method method, const std::string& pattern,
           Guard guard, std::function<void(Call&)> handler) {
  auto run = [&site, guard, handler, method](const httplib::Request& request,
                                             httplib::Response& response) {
    Call call{site, request, response, Identify(site, request, response)};
    try {
      Status allowed = Permitted(guard, call.viewer);
      if (allowed.ok() && method != Method::kGet)
        allowed = CheckCsrf(site, request, call.viewer, guard.csrf);
      if (!allowed.ok()) return call.Fail(allowed);
      handler(call);
    } catch (const std::exception& error) {
      call.Fail(Status(std::string(kStoreFailed), std::string("The server failed: ") + error.what(),
                       {{"reason", "exception"}}));
    }
  };
  switch (method) {
    case Method::kGet:
      server.Get(pattern, run);
      break;
    case Method::kPost:
      server.Post(pattern, run);
      break;
    case Method::kDelete:
      server.Delete(pattern, run);
      break;
  }
}

void RouteUpload(httplib::Server& server, Site& site, const std::string& pattern, Guard guard,
                 std::function<void(Call&, Upload&)> handler) {
  server.Post(pattern, [&site, guard, handler](const httplib::Request& request,
                                               httplib::Response& response,
                                               const httplib::ContentReader& reader) {
    Call call{site, request, response, Identify(site, request, response)};
    // Refused before the body is read: the connection cannot be reused for another request.
    auto refuse = [&](const Status& status) {
      response.set_header("Connection", "close");
      call.Fail(status);
    };
    Status allowed = Permitted(guard, call.viewer);
    if (allowed.ok()) allowed = CheckCsrf(site, request, call.viewer, true);
    if (!allowed.ok()) return refuse(allowed);
    if (!request.is_multipart_form_data()) {
      return refuse(Status(std::string(kBadRequest),
                           "Send the poster as multipart/form-data with a part named file."));
    }
    int64_t cap = site.catalogue.Config().ingest.limits.max_bytes;
    auto too_large_status = [&] {
      return Status(
          std::string(ingest::kFileTooLarge),
          "The file is larger than the limit of " + std::to_string(cap >> 20) +
              " MB. Export it smaller.",
          {{"max_bytes", std::to_string(cap)}, {"max_megabytes", std::to_string(cap >> 20)}});
    };
    if (int64_t(std::atoll(request.get_header_value("Content-Length").c_str())) >
        cap + (64 << 10)) {
      return refuse(too_large_status());
    }
    Upload upload;
    std::string current;
    bool too_large = false;
    bool whole = reader(
        [&](const httplib::MultipartFormData& part) {
          current = part.name;
          if (current == "file") {
            upload.has_file = true;
            upload.file_name = part.filename;
          }
          return true;
        },
        [&](const char* data, size_t length) {
          if (current == "file") {
            if (int64_t(upload.file.size() + length) > cap) return !(too_large = true);
            upload.file.insert(upload.file.end(), data, data + length);
          } else if (upload.fields[current].size() + length <= 64 * 1024) {
            upload.fields[current].append(data, length);
          }
          return true;
        });
    if (too_large) return refuse(too_large_status());
    if (!whole)
      return refuse(
          Status(std::string(kBadRequest), "The upload did not arrive whole; send it again."));
    try {
      handler(call, upload);
    } catch (const std::exception& error) {
      call.Fail(Status(std::string(kStoreFailed), std::string("The server failed: ") + error.what(),
                       {{"reason", "exception"}}));
    }
  });
}

std::string MediaUrl(const std::string& sha256, std::string_view name) {
  return "/media/" + sha256 + "/" + std::string(name);
}

nlohmann::json EntryForApi(const Site& site, const Entry& entry) {
  nlohmann::json out = nlohmann::json::parse(EntryJson(entry), nullptr, false);
  Result<PersonRecord> author = site.catalogue.Person(entry.submission.author);
  out["author_name"] = author.ok() ? author->name : entry.submission.author;
  out["department"] = author.ok() ? author->department : "";
  out["original"] = MediaUrl(entry.sha256, "original");
  for (auto& thumbnail : out["thumbnails"]) {
    std::string ext = thumbnail["format"] == "jpeg" ? ".jpg" : ".webp";
    thumbnail["url"] = MediaUrl(entry.sha256, std::to_string(thumbnail["width"].get<int>()) + ext);
    thumbnail.erase("path");
  }
  return out;
}

}  // namespace poster::gallery::web
