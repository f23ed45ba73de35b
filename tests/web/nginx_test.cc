// poster behind Debian's nginx with TLS (issue 13): the real nginx runs the
// example packaging/nginx/poster.conf (its names and ports replaced) with a
// self-signed certificate, in front of the real `poster serve`, all on
// 127.0.0.1 and free ports. Through it the pages load over https, a sign-in
// sets a Secure cookie, another site's Origin is refused, a client's own
// X-Forwarded-For never becomes its address, and plain http is sent away.
#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <thread>

#include "tests/support/process.h"
#include "tests/web/fixture.h"

using namespace poster;
using namespace poster::testing;
using nlohmann::json;

namespace {

// Three free ports on 127.0.0.1, all held until each is known, so they differ.
struct Ports {
  Ports() {
    int held[3];
    for (int i = 0; i < 3; ++i) {
      held[i] = ::socket(AF_INET, SOCK_STREAM, 0);
      sockaddr_in address{};
      address.sin_family = AF_INET;
      address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
      socklen_t length = sizeof address;
      ::bind(held[i], reinterpret_cast<sockaddr*>(&address), sizeof address);
      ::getsockname(held[i], reinterpret_cast<sockaddr*>(&address), &length);
      (i == 0 ? tls : i == 1 ? plain : poster) = ntohs(address.sin_port);
    }
    for (int fd : held) ::close(fd);
  }
  int tls = 0, plain = 0, poster = 0;
};

// A process the test started, stopped (SIGTERM, then SIGKILL) when the test
// ends however it ends.
class Running {
 public:
  explicit Running(pid_t pid) : pid_(pid) {}
  ~Running() {
    if (Exited()) return;
    ::kill(pid_, SIGTERM);
    for (int i = 0; i < 100; ++i) {
      if (Exited()) return;
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    ::kill(pid_, SIGKILL);
    ::waitpid(pid_, nullptr, 0);
  }
  Running(const Running&) = delete;
  Running& operator=(const Running&) = delete;
  bool Exited() { return exited_ || (exited_ = ::waitpid(pid_, nullptr, WNOHANG) == pid_); }

 private:
  pid_t pid_;
  bool exited_ = false;
};

std::string NginxBinary() {
  for (const char* path : {"/usr/sbin/nginx", "/usr/bin/nginx"})
    if (::access(path, X_OK) == 0) return path;
  FAIL("nginx is not installed: scripts/install-deps.sh installs it");
  return "";
}

// `text` with `from` replaced by `to`, which must be there `times` times: the
// example changed when it is not, and this test must be told how to run it.
void ReplaceIn(std::string& text, const std::string& from, const std::string& to, int times) {
  int found = 0;
  for (size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
    ++found;
  }
  INFO("packaging/nginx/poster.conf should hold \"" << from << "\" " << times << " times");
  REQUIRE(found == times);
}

// The example, made to run here: on 127.0.0.1's free ports, with the test's certificate.
std::string SiteConfig(const Ports& ports, const TempDir& dir) {
  std::string site = ReadText(SourceDir() / "packaging" / "nginx" / "poster.conf");
  ReplaceIn(site, "/etc/ssl/certs/poster.example.go.kr.pem", (dir / "cert.pem").string(), 1);
  ReplaceIn(site, "/etc/ssl/private/poster.example.go.kr.key", (dir / "key.pem").string(), 1);
  ReplaceIn(site, "server_name poster.example.go.kr;", "server_name 127.0.0.1;", 2);
  ReplaceIn(site, "listen 80;", "listen 127.0.0.1:" + std::to_string(ports.plain) + ";", 1);
  ReplaceIn(site, "listen [::]:80;", "", 1);  // the machine may have no IPv6
  ReplaceIn(site, "listen 443 ssl http2;",
            "listen 127.0.0.1:" + std::to_string(ports.tls) + " ssl http2;", 1);
  ReplaceIn(site, "listen [::]:443 ssl http2;", "", 1);
  ReplaceIn(site, "http://127.0.0.1:8080;",
            "http://127.0.0.1:" + std::to_string(ports.poster) + ";", 1);
  return site;
}

// What Debian's /etc/nginx/nginx.conf gives the site, with everything nginx
// writes in `dir`. As root the workers would become nobody, who cannot enter
// the test's folder: they stay root.
std::string MainConfig(const TempDir& dir) {
  std::string in = dir.path().string();
  std::string config = ::geteuid() == 0 ? "user root;\n" : "";
  config +=
      "worker_processes 1;\nerror_log " + in + "/error.log;\nevents { worker_connections 64; }\n";
  config += "http {\n  access_log " + in + "/access.log;\n";
  for (const char* temp : {"client_body", "proxy", "fastcgi", "uwsgi", "scgi"})
    config += "  " + std::string(temp) + "_temp_path " + in + "/" + temp + ";\n";
  return config + "  include " + in + "/poster.conf;\n}\n";
}

void MakeCertificate(const TempDir& dir) {
  Finished made = RunProgram({"/usr/bin/openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt",
                              "ec_paramgen_curve:prime256v1", "-nodes", "-days", "2", "-keyout",
                              (dir / "key.pem").string(), "-out", (dir / "cert.pem").string(),
                              "-subj", "/CN=127.0.0.1", "-addext", "subjectAltName=IP:127.0.0.1"});
  INFO(made.err);
  REQUIRE(made.exit_code == 0);
}

// A one-time link's token for `employee_id` from a data folder with the sample roster.
std::string InvitationToken(const std::string& data, const std::string& employee_id) {
  std::string roster = (SourceDir() / "assets" / "samples" / "roster.csv").string();
  REQUIRE(RunPoster({"roster", "import", "--data", data, roster}).exit_code == 0);
  Finished invite = RunPoster({"users", "invite", employee_id, "--json", "--data", data});
  REQUIRE(invite.exit_code == 0);
  std::string link = json::parse(invite.out)[0]["url"];
  return link.substr(link.find("#/invite/") + 9);
}

bool Answers(HttpClient& client, Running& process) {
  for (int i = 0; i < 200; ++i) {
    if (client.Get("/api/contest").status == 200) return true;
    if (process.Exited()) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(25));
  }
  return false;
}

// The error's code, or "" when the answer is not poster's JSON.
std::string Code(const HttpReply& reply) {
  nlohmann::json body = Json(reply);
  return body.is_object() ? body.value("code", "") : "";
}

}  // namespace

TEST_CASE("behind the example nginx config poster serves https and its checks still hold",
          "[web][nginx]") {
  TempDir dir;
  Ports ports;
  std::string nginx = NginxBinary();
  MakeCertificate(dir);
  WriteText(dir / "poster.conf", SiteConfig(ports, dir));
  WriteText(dir / "nginx.conf", MainConfig(dir));
  std::string data = (dir / "data").string();
  std::string token = InvitationToken(data, "E1001");
  std::string site = "https://127.0.0.1:" + std::to_string(ports.tls);

  Running poster(
      StartProgram(PosterCommand({"serve", "--data", data, "--listen",
                                  "127.0.0.1:" + std::to_string(ports.poster), "--public-url", site,
                                  "--secure-cookies", "--trusted-proxy", "127.0.0.1", "--log",
                                  (dir / "poster.log").string()}),
                   (dir / "poster.out").string(), (dir / "poster.err").string()));
  Running proxy(StartProgram({nginx, "-e", (dir / "error.log").string(), "-p", dir.path().string(),
                              "-c", (dir / "nginx.conf").string(), "-g",
                              "daemon off; pid " + (dir / "nginx.pid").string() + ";"},
                             (dir / "nginx.out").string(), (dir / "nginx.err").string()));
  HttpClient direct("http://127.0.0.1:" + std::to_string(ports.poster));
  REQUIRE(Answers(direct, poster));
  HttpClient browser(site);
  browser.set_ca_file((dir / "cert.pem").string());
  {
    bool up = Answers(browser, proxy);
    INFO(ReadText(dir / "nginx.err") << ReadText(dir / "error.log"));
    REQUIRE(up);
  }

  // The pages load over https, with HSTS and poster's own headers.
  HttpReply home = browser.Get("/");
  CHECK(home.status == 200);
  CHECK(home.body.find("<html lang=\"ko\">") != std::string::npos);
  CHECK(home.Header("strict-transport-security") == "max-age=31536000");
  CHECK(home.Header("content-security-policy").find("default-src 'self'") != std::string::npos);

  // A sign-in from poster's own page sets a Secure cookie; from another site it is refused.
  std::string body = json{{"token", token}, {"password", kPassword}}.dump();
  HttpReply forged = browser.Post("/api/auth/accept", body, {"Origin: https://evil.example"});
  CHECK(forged.status == 403);
  CHECK(Code(forged) == "csrf_failed");
  HttpReply signed_in = browser.Post("/api/auth/accept", body, {"Origin: " + site});
  REQUIRE(signed_in.status == 200);
  std::string cookie = signed_in.Header("set-cookie");
  CHECK(cookie.rfind("poster_session=", 0) == 0);
  CHECK(cookie.find("; Secure") != std::string::npos);
  CHECK(browser.Get("/api/me").status == 200);  // and it comes back over https

  // A client's own X-Forwarded-For does not become its address: each guess
  // claims another one, but nginx replaces the header with the address it saw
  // (127.0.0.1), so all hundred spend that one address's budget.
  const std::string guess = R"({"token":"a guess"})";
  for (int i = 0; i < 100; ++i) {
    HttpReply reply = browser.Post("/api/auth/invitation", guess,
                                   {"X-Forwarded-For: 6.6.6." + std::to_string(i + 1)});
    REQUIRE(Code(reply) == "invalid_token");
  }
  CHECK(Code(browser.Post("/api/auth/invitation", guess, {"X-Forwarded-For: 6.6.6.6"})) ==
        "too_many_attempts");
  // poster does believe its trusted proxy's header: 6.6.6.6 itself was never charged.
  CHECK(Code(direct.Post("/api/auth/invitation", guess, {"X-Forwarded-For: 6.6.6.6"})) ==
        "invalid_token");
  CHECK(Code(direct.Post("/api/auth/invitation", guess)) == "too_many_attempts");

  // Plain http on the TLS port is refused; the http port sends people to https.
  HttpReply plain = HttpClient("http://127.0.0.1:" + std::to_string(ports.tls)).Get("/api/contest");
  CHECK(plain.status == 400);
  CHECK(plain.body.find("plain HTTP request was sent to HTTPS port") != std::string::npos);
  HttpReply moved =
      HttpClient("http://127.0.0.1:" + std::to_string(ports.plain)).Get("/api/contest?x=1");
  CHECK(moved.status == 301);
  CHECK(moved.Header("location") == "https://127.0.0.1/api/contest?x=1");
}

TEST_CASE("poster serve refuses a trusted proxy that is not an IP address", "[web][proxy]") {
  TempDir dir;
  for (const std::vector<std::string>& given :
       std::vector<std::vector<std::string>>{{"--trusted-proxy", "proxy.example"},
                                             {"--trusted-proxy", "none", "--trusted-proxy", "::1"},
                                             {"--trusted-proxy", "10.0.0.0/8"}}) {
    // Were it taken, the server would fail to start (its log cannot be opened), not run on.
    std::vector<std::string> args = {
        "serve",       "--data", (dir / "data").string(),          "--listen",
        "127.0.0.1:0", "--log",  "/proc/no-such-folder/poster.log"};
    args.insert(args.end(), given.begin(), given.end());
    Finished run = RunPoster(args);
    INFO(run.err);
    CHECK(run.exit_code == 2);
    CHECK(run.err.find("--trusted-proxy takes an IP address") != std::string::npos);
  }
}
