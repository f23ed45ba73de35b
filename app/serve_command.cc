// poster serve: the web app (docs/api.md), until SIGTERM or Ctrl-C. On either,
// it stops taking connections and lets the requests in flight finish. A thread
// sends the notices that are due (the outbox) every --mail-every seconds.
#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>

#include <iostream>

#include "app/commands.h"

namespace poster::app {
namespace {

struct ServeOptions {
  Common common;
  std::string listen = "127.0.0.1:8080";
  std::string metrics_listen;  // empty: no metrics address
  gallery::ServerOptions server;
  int mail_every_seconds = 30;
  std::vector<std::string> trusted_proxies;  // as given; none given: the server's default
};

bool ParseListen(const std::string& listen, std::string& host, int& port) {
  size_t colon = listen.rfind(':');
  if (colon == std::string::npos) return false;
  try {
    host = listen.substr(0, colon);
    port = std::stoi(listen.substr(colon + 1));
  } catch (const std::exception&) {
    return false;
  }
  if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
  return port >= 0 && port <= 65535 && !host.empty();
}

bool IsAddress(const std::string& text) {
  unsigned char bytes[sizeof(in6_addr)];
  return inet_pton(AF_INET, text.c_str(), bytes) == 1 ||
         inet_pton(AF_INET6, text.c_str(), bytes) == 1;
}

// --trusted-proxy, given once or more, replaces the default (this machine's
// loopback); "none" (or an empty value), alone, trusts no proxy at all.
bool ParseTrustedProxies(const std::vector<std::string>& given, gallery::ServerOptions& server) {
  if (given.empty()) return true;
  bool none = given.size() == 1 && (given[0] == "none" || given[0].empty());
  server.trusted_proxies.clear();
  for (const std::string& proxy : given) {
    if (none) break;
    if (!IsAddress(proxy)) {
      std::cerr << "poster serve: --trusted-proxy takes an IP address, like 127.0.0.1 or ::1, "
                   "once per proxy, or \"none\" alone; \""
                << proxy << "\" is not one\n";
      return false;
    }
    server.trusted_proxies.push_back(proxy);
  }
  return true;
}

int Run(ServeOptions& options) {
  gallery::ServerOptions& server_options = options.server;
  if (!ParseListen(options.listen, server_options.host, server_options.port)) {
    std::cerr << "poster serve: --listen takes HOST:PORT, like 127.0.0.1:8080\n";
    return kExitUsage;
  }
  if (!options.metrics_listen.empty() &&
      !ParseListen(options.metrics_listen, server_options.metrics_host,
                   server_options.metrics_port)) {
    std::cerr << "poster serve: --metrics-listen takes HOST:PORT, like 127.0.0.1:9180\n";
    return kExitUsage;
  }
  if (!ParseTrustedProxies(options.trusted_proxies, server_options)) return kExitUsage;
  if (!RefuseConfigOption(options.common, "serve")) return kExitUsage;
  std::optional<gallery::Catalogue> catalogue = OpenOrReport(options.common);
  if (!catalogue) return kExitUsage;
  sigset_t stop_signals;
  sigemptyset(&stop_signals);
  sigaddset(&stop_signals, SIGTERM);
  sigaddset(&stop_signals, SIGINT);
  pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);  // the server's threads inherit this
  Result<std::unique_ptr<gallery::Server>> server =
      gallery::Server::Start(*catalogue, options.server);
  if (!server.ok()) {
    ReportError(options.common, server.status());
    return kExitUsage;
  }
  std::unique_ptr<gallery::MailWorker> mail =
      gallery::MailWorker::Start(*catalogue, std::chrono::seconds(options.mail_every_seconds));
  std::cout << "poster: serving " << catalogue->Config().name << " at " << (*server)->url()
            << " (Ctrl-C to stop)" << std::endl;
  if ((*server)->metrics_port() > 0)
    std::cout << "poster: metrics at http://" << options.server.metrics_host << ":"
              << (*server)->metrics_port() << "/metrics" << std::endl;
  int received = 0;
  sigwait(&stop_signals, &received);
  std::cout << "poster: stopping; requests in flight finish first" << std::endl;
  (*server)->Stop();
  mail->Stop();  // the message in flight finishes; the rest wait in the outbox
  return kExitOk;
}

}  // namespace

void AddServeCommand(CLI::App& app, Invocation& invocation) {
  auto options = std::make_shared<ServeOptions>();
  CLI::App* command = app.add_subcommand("serve", "Serve the web app");
  AddCommonOptions(*command, options->common);
  command->add_option("--listen", options->listen, "HOST:PORT to listen on")->capture_default_str();
  command->add_option("--public-url", options->server.public_url,
                      "The URL people use (links, QR codes); default http://HOST:PORT");
  command->add_option("--trusted-user-header", options->server.trusted_user_header,
                      "Accept this header from a trusted proxy as the signed-in person (single "
                      "sign-on)");
  command
      ->add_option("--trusted-proxy", options->trusted_proxies,
                   "The address of a reverse proxy whose X-Forwarded-For names the client; once "
                   "per proxy, replacing the default 127.0.0.1 and ::1; \"none\" trusts none")
      ->allow_extra_args(false);
  command->add_flag("--secure-cookies", options->server.secure_cookies,
                    "Mark cookies Secure (behind https)");
  command
      ->add_option("--threads", options->server.threads,
                   "Connections served at once (each open browser holds one)")
      ->capture_default_str()
      ->check(CLI::Range(2, 1024));
  command->add_option("--metrics-listen", options->metrics_listen,
                      "HOST:PORT to serve /metrics (Prometheus), /healthz and /readyz on; "
                      "keep it off the public network");
  command->add_option("--log", options->server.log_file,
                      "Write the access log and server errors to this file (default: standard "
                      "error)");
  command
      ->add_option("--mail-every", options->mail_every_seconds,
                   "Seconds between two looks at the outbox for notices that are due")
      ->capture_default_str()
      ->check(CLI::Range(1, 3600));
  command->add_option("--web-dir", options->server.web_dir,
                      "Serve the pages from this folder (development)");
  command->callback([options, &invocation] { invocation.exit_code = Run(*options); });
}

}  // namespace poster::app
