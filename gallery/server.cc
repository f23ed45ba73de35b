// The web server: cpp-httplib, the routes of docs/api.md, and the headers every
// answer carries.
#include <algorithm>
#include <thread>

#include "gallery/http_site.h"

namespace poster::gallery {

struct Server::State {
  State(Catalogue& catalogue, ServerOptions options) : site(catalogue, std::move(options)) {}
  web::Site site;
  httplib::Server http;
  std::thread thread;
  int port = 0;
};

namespace {

constexpr const char* kPolicy =
    "default-src 'self'; img-src 'self' data: blob:; script-src 'self'; style-src 'self'; "
    "object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

void Harden(httplib::Server& http, int64_t max_body, int threads) {
  http.new_task_queue = [threads] { return new httplib::ThreadPool(size_t(std::max(threads, 2))); };
  http.set_payload_max_length(size_t(max_body));
  http.set_keep_alive_max_count(1000);
  http.set_keep_alive_timeout(5);
  // Answers are written as headers, then body: without this, Nagle holds a small
  // body back until the client's delayed ACK (40 ms) for every vote and sign-in.
  http.set_tcp_nodelay(true);
  http.set_default_headers({{"Content-Security-Policy", kPolicy},
                            {"X-Content-Type-Options", "nosniff"},
                            {"Referrer-Policy", "same-origin"},
                            {"X-Frame-Options", "DENY"},
                            {"Permissions-Policy", "camera=(), microphone=(), geolocation=()"}});
  http.set_error_handler([](const httplib::Request&, httplib::Response& response) {
    if (!response.body.empty()) return;
    Status status = response.status == 413
                        ? Status(std::string(ingest::kFileTooLarge), "The request is too large.")
                    : response.status == 404
                        ? Status(std::string(kNotFound), "There is nothing here.")
                        : Status(std::string(kBadRequest), "The request could not be understood.");
    response.set_content(web::ErrorBody(status), "application/json; charset=utf-8");
  });
}

}  // namespace

Server::Server(std::unique_ptr<State> state) : state_(std::move(state)) {}

Server::~Server() { Stop(); }

Result<std::unique_ptr<Server>> Server::Start(Catalogue& catalogue, ServerOptions options) {
  auto state = std::make_unique<State>(catalogue, options);
  web::Site& site = state->site;
  Harden(state->http, catalogue.Config().ingest.limits.max_bytes + (1 << 20), options.threads);
  web::AddPublicRoutes(state->http, site);
  web::AddAccountRoutes(state->http, site);
  web::AddEntryRoutes(state->http, site);
  web::AddStaffRoutes(state->http, site);
  web::AddMediaRoutes(state->http, site);
  web::AddPageRoutes(state->http, site);
  state->port = options.port == 0
                    ? state->http.bind_to_any_port(options.host)
                    : (state->http.bind_to_port(options.host, options.port) ? options.port : -1);
  if (state->port <= 0) {
    return Status(std::string(kStoreFailed),
                  "Could not listen on " + options.host + ":" + std::to_string(options.port) +
                      " (in use, or not an address of this machine).",
                  {{"reason", "bind"}});
  }
  site.public_url = options.public_url.empty()
                        ? "http://" + options.host + ":" + std::to_string(state->port)
                        : options.public_url;
  while (!site.public_url.empty() && site.public_url.back() == '/') site.public_url.pop_back();
  httplib::Server* http = &state->http;
  state->thread = std::thread([http] { http->listen_after_bind(); });
  while (!state->http.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return std::unique_ptr<Server>(new Server(std::move(state)));
}

int Server::port() const { return state_->port; }

std::string Server::url() const { return state_->site.public_url; }

void Server::Stop() {
  if (!state_ || !state_->thread.joinable()) return;
  state_->http.stop();
  state_->thread.join();
}

}  // namespace poster::gallery
