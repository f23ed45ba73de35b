// URL ingest against a server of the test's own on 127.0.0.1: redirects, errors,
// size caps, and the address policy that keeps fetches off internal networks.
#include <httplib.h>

#include <chrono>
#include <thread>

#include "tests/ingest/fixtures.h"

using namespace poster;
using namespace poster::testing;

namespace {

class LocalServer {
 public:
  LocalServer() {
    poster_ = PosterBytes(".png");
    std::string body(poster_.begin(), poster_.end());
    server_.Get("/poster.png", [body](const httplib::Request&, httplib::Response& res) {
      res.set_content(body, "text/html");  // a lying Content-Type changes nothing
    });
    server_.Get(R"(/redirect/(\d+))", [](const httplib::Request& req, httplib::Response& res) {
      int left = std::stoi(req.matches[1]);
      res.set_redirect(left == 0 ? "/poster.png" : "/redirect/" + std::to_string(left - 1));
    });
    server_.Get("/missing",
                [](const httplib::Request&, httplib::Response& res) { res.status = 404; });
    server_.Get("/empty", [](const httplib::Request&, httplib::Response& res) {
      res.set_content("", "image/png");
    });
    server_.Get("/huge", [](const httplib::Request&, httplib::Response& res) {
      res.set_content(std::string(2 << 20, 'x'), "image/png");
    });
    server_.Get("/huge-chunked", [](const httplib::Request&, httplib::Response& res) {
      res.set_chunked_content_provider("image/png", [](size_t offset, httplib::DataSink& sink) {
        std::string block(64 << 10, 'x');
        if (offset >= (4u << 20)) {
          sink.done();
          return true;
        }
        return sink.write(block.data(), block.size());
      });
    });
    server_.Get("/to-ftp", [](const httplib::Request&, httplib::Response& res) {
      res.set_redirect("ftp://127.0.0.1/poster.png");
    });
    server_.Get("/to-file", [](const httplib::Request&, httplib::Response& res) {
      res.set_redirect("file:///etc/passwd");
    });
    server_.Get("/to", [](const httplib::Request& req, httplib::Response& res) {
      res.set_redirect(req.get_param_value("url"));
    });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    // stop() before the loop runs would be lost, and the join below would wait forever.
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~LocalServer() {
    server_.stop();
    thread_.join();
  }

  std::string Url(const std::string& path) const {
    return "http://127.0.0.1:" + std::to_string(port_) + path;
  }
  std::string endpoint() const { return "127.0.0.1:" + std::to_string(port_); }
  int port() const { return port_; }
  const synth::Bytes& poster() const { return poster_; }

 private:
  httplib::Server server_;
  synth::Bytes poster_;
  int port_ = 0;
  std::thread thread_;
};

// Fetches allowed to reach this one test server and nothing else private.
ingest::CurlFetcher OnlyThisServer(const LocalServer& server, int64_t max_bytes = 1 << 20) {
  ingest::FetchOptions options;
  options.allowed_endpoints = {server.endpoint()};
  options.max_bytes = max_bytes;
  options.total_timeout_ms = 10000;
  return ingest::CurlFetcher(options);
}

}  // namespace

TEST_CASE("a poster is fetched over http, whatever Content-Type the server claims",
          "[ingest][fetch]") {
  LocalServer server;
  ingest::CurlFetcher fetcher = OnlyThisServer(server);
  Result<std::vector<uint8_t>> bytes = fetcher.Fetch(server.Url("/poster.png"));
  REQUIRE(bytes.ok());
  CHECK(*bytes == server.poster());
  CHECK(ingest::Process(*bytes, ingest::Settings()).ok());
}

TEST_CASE("up to three redirects are followed; a fourth fails with fetch_failed",
          "[ingest][fetch]") {
  LocalServer server;
  ingest::CurlFetcher fetcher = OnlyThisServer(server);
  CHECK(fetcher.Fetch(server.Url("/redirect/2")).ok());  // 3 redirects in all
  Result<std::vector<uint8_t>> too_many = fetcher.Fetch(server.Url("/redirect/3"));
  CHECK(too_many.status().code() == "fetch_failed");
  CHECK_THAT(too_many.status().message(), Catch::Contains("redirects more than 3"));
}

TEST_CASE("an HTTP error fails with fetch_failed saying the status", "[ingest][fetch]") {
  LocalServer server;
  Result<std::vector<uint8_t>> missing = OnlyThisServer(server).Fetch(server.Url("/missing"));
  CHECK(missing.status().code() == "fetch_failed");
  CHECK_THAT(missing.status().message(), Catch::Contains("404"));
}

TEST_CASE("an empty body fails with empty", "[ingest][fetch]") {
  LocalServer server;
  CHECK(OnlyThisServer(server).Fetch(server.Url("/empty")).status().code() == "empty");
}

TEST_CASE("an oversize body is cut off with file_too_large, known length or not",
          "[ingest][fetch]") {
  LocalServer server;
  ingest::CurlFetcher fetcher = OnlyThisServer(server, 1 << 20);
  CHECK(fetcher.Fetch(server.Url("/huge")).status().code() == "file_too_large");
  CHECK(fetcher.Fetch(server.Url("/huge-chunked")).status().code() == "file_too_large");
}

TEST_CASE("loopback is refused with fetch_blocked unless allowed, by name or number",
          "[ingest][fetch]") {
  LocalServer server;
  ingest::CurlFetcher fetcher{ingest::FetchOptions()};
  Result<std::vector<uint8_t>> numeric = fetcher.Fetch(server.Url("/poster.png"));
  CHECK(numeric.status().code() == "fetch_blocked");
  CHECK(numeric.status().detail("address") == "127.0.0.1");
  std::string by_name = "http://localhost:" + std::to_string(server.port()) + "/poster.png";
  CHECK(fetcher.Fetch(by_name).status().code() == "fetch_blocked");
  std::string v4_mapped =
      "http://[::ffff:127.0.0.1]:" + std::to_string(server.port()) + "/poster.png";
  CHECK(fetcher.Fetch(v4_mapped).status().code() == "fetch_blocked");
}

TEST_CASE("a redirect to a blocked address is refused on the address actually used",
          "[ingest][fetch]") {
  LocalServer server, internal;
  ingest::CurlFetcher fetcher = OnlyThisServer(server);
  Result<std::vector<uint8_t>> hop =
      fetcher.Fetch(server.Url("/to?url=" + internal.Url("/poster.png")));
  CHECK(hop.status().code() == "fetch_blocked");
  Result<std::vector<uint8_t>> metadata =
      fetcher.Fetch(server.Url("/to?url=http://169.254.169.254/latest/meta-data/"));
  CHECK(metadata.status().code() == "fetch_blocked");
}

TEST_CASE("redirects to other schemes are refused with fetch_blocked", "[ingest][fetch]") {
  LocalServer server;
  ingest::CurlFetcher fetcher = OnlyThisServer(server);
  CHECK(fetcher.Fetch(server.Url("/to-ftp")).status().code() == "fetch_blocked");
  CHECK(fetcher.Fetch(server.Url("/to-file")).status().code() == "fetch_blocked");
}

TEST_CASE("the config switch for tests lets private addresses through", "[ingest][fetch]") {
  LocalServer server;
  ingest::FetchOptions options;
  options.allow_private_addresses = true;
  CHECK(ingest::CurlFetcher(options).Fetch(server.Url("/poster.png")).ok());
}

TEST_CASE("only http and https links are fetched; others fail with invalid_url",
          "[ingest][fetch]") {
  ingest::CurlFetcher fetcher{ingest::FetchOptions()};
  for (const char* url : {"ftp://example.com/poster.png", "file:///etc/passwd",
                          "javascript:alert(1)", "gopher://127.0.0.1:70/", "not a url at all"}) {
    INFO(url);
    CHECK(fetcher.Fetch(url).status().code() == "invalid_url");
  }
}

TEST_CASE("a link without a host fails with invalid_url, however curl would read it",
          "[ingest][fetch]") {
  ingest::CurlFetcher fetcher{ingest::FetchOptions()};
  // curl takes "http:///x.png" and "http:/x.png" as the host x.png.
  for (const char* url : {"http://", "https://", "http:///x.png", "http:/x.png", "http:x.png",
                          "http://?q=1", "http://#top", "HTTP:///x.png"}) {
    INFO(url);
    Result<std::vector<uint8_t>> fetched = fetcher.Fetch(url);
    CHECK(fetched.status().code() == "invalid_url");
    CHECK(fetched.status().detail("url") == url);
  }
}

TEST_CASE("the address policy blocks internal, reserved and disguised addresses",
          "[ingest][fetch]") {
  for (const char* blocked : {"0.0.0.0",
                              "10.1.2.3",
                              "100.64.0.1",
                              "127.0.0.1",
                              "127.255.255.254",
                              "169.254.169.254",
                              "172.16.0.1",
                              "172.31.255.255",
                              "192.0.0.8",
                              "192.168.1.1",
                              "198.18.0.1",
                              "224.0.0.1",
                              "239.255.255.250",
                              "240.0.0.1",
                              "255.255.255.255",
                              "::",
                              "::1",
                              "fc00::1",
                              "fd12:3456::1",
                              "fe80::1",
                              "ff02::1",
                              "::ffff:127.0.0.1",
                              "::ffff:10.0.0.1",
                              "64:ff9b::a9fe:a9fe",
                              "64:ff9b::7f00:1",
                              "2002:7f00:1::",
                              "2002:c0a8:101::1",
                              "::127.0.0.1",
                              "2001:db8::1",
                              "bogus"}) {
    INFO(blocked);
    CHECK(ingest::IsBlockedAddress(blocked));
  }
  for (const char* open : {"8.8.8.8", "1.1.1.1", "203.0.114.1", "172.32.0.1", "100.128.0.1",
                           "223.130.200.104", "2001:4860:4860::8888", "2606:4700::1111",
                           "::ffff:8.8.8.8", "64:ff9b::808:808", "2002:808:808::1"}) {
    INFO(open);
    CHECK_FALSE(ingest::IsBlockedAddress(open));
  }
}
