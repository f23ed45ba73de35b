// The web server: cpp-httplib, the routes of docs/api.md, and the headers every
// answer carries.
#include <sodium.h>
#include <spdlog/sinks/basic_file_sink.h>
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <thread>

#include "gallery/web/http_connection.h"
#include "gallery/web/http_site.h"

namespace poster::gallery {

struct Server::State {
  State(Catalogue& catalogue, ServerOptions options) : site(catalogue, std::move(options)) {}
  web::Site site;
  web::HttpServer http;
  std::thread thread;
  int port = 0;
};

namespace {

// Connections the kernel holds for us while every thread is busy: a room of
// browsers opening the gallery at once must wait, not be reset.
constexpr int kBacklog = 1024;

constexpr const char* kPolicy =
    "default-src 'self'; img-src 'self' data: blob:; script-src 'self'; style-src 'self'; "
    "object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

void Harden(httplib::Server& http, int64_t max_body, int threads) {
  http.new_task_queue = [threads] { return new httplib::ThreadPool(size_t(std::max(threads, 2))); };
  http.set_payload_max_length(size_t(max_body));  // each route has its own, lower cap
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
                        ? Status(std::string(kRequestTooLarge), "The request is too large.")
                    : response.status == 404
                        ? Status(std::string(kNotFound), "There is nothing here.")
                        : Status(std::string(kBadRequest), "The request could not be understood.");
    response.set_content(web::ErrorBody(status), "application/json; charset=utf-8");
  });
}

// A line per request: method, route pattern (never the path, which may hold
// an id, nor the query, nor any header), status and milliseconds.
void LogAccess(spdlog::logger& log, const httplib::Request& request,
               const httplib::Response& response) {
  const web::Exchange& exchange = web::CurrentExchange();
  auto took = std::chrono::duration_cast<std::chrono::milliseconds>(
      std::chrono::steady_clock::now() - exchange.started);
  log.info("{} {} {} {} ms", request.method, exchange.route, response.status, took.count());
}

Result<std::shared_ptr<spdlog::logger>> OpenLog(const std::string& file) {
  try {
    spdlog::sink_ptr sink;
    if (file.empty())
      sink = std::make_shared<spdlog::sinks::stderr_sink_mt>();
    else
      sink = std::make_shared<spdlog::sinks::basic_file_sink_mt>(file);
    auto log = std::make_shared<spdlog::logger>("poster", sink);
    log->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z %l %v");
    log->flush_on(spdlog::level::info);
    return log;
  } catch (const spdlog::spdlog_ex& error) {
    return Status(std::string(kStoreFailed),
                  "Could not open the log file " + file + " (" + error.what() + ").",
                  {{"reason", "log"}, {"path", file}});
  }
}

// Logs every answer and whatever escapes a handler (they catch their own),
// which is answered without its text.
void Observe(web::HttpServer& http, spdlog::logger& log) {
  http.set_exception_handler([&log](const httplib::Request& request, httplib::Response& response,
                                    std::exception_ptr error) {
    std::string what = "unknown";
    try {
      std::rethrow_exception(error);
    } catch (const std::exception& thrown) {
      what = thrown.what();
    } catch (...) {
    }
    log.error("{} {}: exception: {}", request.method, web::CurrentExchange().route, what);
    response.status = 500;
    response.set_content(
        web::ErrorBody(Status(std::string(kStoreFailed), "The server failed; its log says why.",
                              {{"reason", "exception"}})),
        "application/json; charset=utf-8");
  });
  // Logged just before the answer is written, so the line is there once it has arrived.
  http.set_post_routing_handler(
      [&log](const httplib::Request& request, httplib::Response& response) {
        LogAccess(log, request, response);
      });
}

}  // namespace

Server::Server(std::unique_ptr<State> state) : state_(std::move(state)) {}

Server::~Server() { Stop(); }

Result<std::unique_ptr<Server>> Server::Start(Catalogue& catalogue, ServerOptions options) {
  if (sodium_init() < 0) {
    return Status(std::string(kStoreFailed),
                  "libsodium could not start (no source of random numbers?); the server cannot "
                  "make sessions or check passwords.",
                  {{"reason", "sodium"}});
  }
  POSTER_ASSIGN_OR_RETURN(std::shared_ptr<spdlog::logger> log, OpenLog(options.log_file));
  auto state = std::make_unique<State>(catalogue, options);
  web::Site& site = state->site;
  site.log = log;
  Harden(state->http, catalogue.Config().ingest.limits.max_bytes + (2 << 20), options.threads);
  Observe(state->http, *site.log);
  web::AddPublicRoutes(state->http, site);
  web::AddAccountRoutes(state->http, site);
  web::AddEntryRoutes(state->http, site);
  web::AddStaffRoutes(state->http, site);
  web::AddAwardRoutes(state->http, site);
  web::AddRulesRoutes(state->http, site);
  web::AddExhibitionRoutes(state->http, site);
  web::AddNoticeRoutes(state->http, site);
  web::AddJudgingRoutes(state->http, site);
  web::AddFinalRoutes(state->http, site);
  web::AddIntegrityRoutes(state->http, site);
  web::AddCitizenRoutes(state->http, site);
  web::AddMediaRoutes(state->http, site);
  web::AddPageRoutes(state->http, site);
  web::AddFallbackRoutes(state->http, site);
  state->port = options.port == 0
                    ? state->http.bind_to_any_port(options.host)
                    : (state->http.bind_to_port(options.host, options.port) ? options.port : -1);
  if (state->port <= 0) {
    return Status(std::string(kStoreFailed),
                  "Could not listen on " + options.host + ":" + std::to_string(options.port) +
                      " (in use, or not an address of this machine).",
                  {{"reason", "bind"}});
  }
  if (!state->http.SetBacklog(kBacklog)) site.log->warn("could not raise the listen backlog");
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

std::vector<RouteInfo> Server::RoutesForTesting() const { return state_->site.routes; }

void Server::Stop() {
  if (!state_ || !state_->thread.joinable()) return;
  state_->http.stop();
  state_->thread.join();
}

}  // namespace poster::gallery
