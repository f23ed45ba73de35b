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
  // The metrics address (options.metrics_port >= 0): /metrics, /healthz, /readyz.
  httplib::Server metrics;
  std::thread metrics_thread;
  int metrics_port = -1;
};

namespace {

// Connections the kernel holds for us while every thread is busy: a room of
// browsers opening the gallery at once must wait, not be reset.
constexpr int kBacklog = 1024;

constexpr const char* kPolicy =
    "default-src 'self'; img-src 'self' data: blob:; script-src 'self'; style-src 'self'; "
    "object-src 'none'; "
    "base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

// SO_REUSEADDR only: cpp-httplib's default also sets SO_REUSEPORT, with which a
// second server on the same port binds without a word and the kernel splits
// the connections between two contests.
void BindAlone(httplib::Server& http) {
  http.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
}

void Harden(httplib::Server& http, int64_t max_body, int threads) {
  BindAlone(http);
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
// an id, nor the query, nor any header), status and milliseconds; and the
// same in the metrics.
void LogAccess(web::Site& site, const httplib::Request& request,
               const httplib::Response& response) {
  const web::Exchange& exchange = web::CurrentExchange();
  std::chrono::duration<double> took = std::chrono::steady_clock::now() - exchange.started;
  site.log->info("{} {} {} {} ms", request.method, exchange.route, response.status,
                 int64_t(took.count() * 1000));
  site.metrics.Request(request.method, exchange.route, response.status, took.count(),
                       exchange.refusal);
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
void Observe(web::HttpServer& http, web::Site& site) {
  spdlog::logger& log = *site.log;
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
  http.set_pre_routing_handler(
      [&site](const httplib::Request& request, httplib::Response& response) {
        return web::ServePublicThumbnail(site, request, response)
                   ? httplib::Server::HandlerResponse::Handled
                   : httplib::Server::HandlerResponse::Unhandled;
      });
  http.set_post_routing_handler(
      [&site](const httplib::Request& request, httplib::Response& response) {
        LogAccess(site, request, response);
      });
}

// The metrics address: for Prometheus and the IT team's checks, never for
// browsers (bind it to the loopback or a management network).
Status StartMetrics(Server::State& state, const ServerOptions& options) {
  if (options.metrics_port < 0) return Status::Ok();
  httplib::Server& metrics = state.metrics;
  web::Site& site = state.site;
  metrics.new_task_queue = [] { return new httplib::ThreadPool(2); };
  BindAlone(metrics);
  metrics.Get("/metrics", [&site](const httplib::Request&, httplib::Response& response) {
    response.set_content(site.metrics.Text(site.catalogue.Gauges()),
                         "text/plain; version=0.0.4; charset=utf-8");
  });
  metrics.Get("/healthz", [&site](const httplib::Request&, httplib::Response& response) {
    web::AnswerHealth(site, response);
  });
  metrics.Get("/readyz", [&site](const httplib::Request&, httplib::Response& response) {
    web::AnswerReadiness(site, response);
  });
  state.metrics_port =
      options.metrics_port == 0
          ? metrics.bind_to_any_port(options.metrics_host)
          : (metrics.bind_to_port(options.metrics_host, options.metrics_port) ? options.metrics_port
                                                                              : -1);
  if (state.metrics_port <= 0) {
    return Status(std::string(kStoreFailed),
                  "Could not listen for metrics on " + options.metrics_host + ":" +
                      std::to_string(options.metrics_port) +
                      " (in use, or not an address of this machine).",
                  {{"reason", "bind"}});
  }
  state.metrics_thread = std::thread([&metrics] { metrics.listen_after_bind(); });
  while (!metrics.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return Status::Ok();
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
  Observe(state->http, site);
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
  web::AddHealthRoutes(state->http, site);
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
  POSTER_RETURN_IF_ERROR(StartMetrics(*state, options));
  httplib::Server* http = &state->http;
  state->thread = std::thread([http] { http->listen_after_bind(); });
  while (!state->http.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return std::unique_ptr<Server>(new Server(std::move(state)));
}

int Server::port() const { return state_->port; }

int Server::metrics_port() const { return state_->metrics_port; }

std::string Server::url() const { return state_->site.public_url; }

std::vector<RouteInfo> Server::RoutesForTesting() const { return state_->site.routes; }

void Server::Stop() {
  if (!state_ || !state_->thread.joinable()) return;
  state_->http.stop();
  state_->thread.join();
  if (state_->metrics_thread.joinable()) {
    state_->metrics.stop();
    state_->metrics_thread.join();
  }
}

}  // namespace poster::gallery
