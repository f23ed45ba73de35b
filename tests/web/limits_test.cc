// Bodies at the edge: every body, however framed, is refused with 413 as it
// crosses its route's cap; a Content-Length over the cap is refused before the
// body is read; an upload's form has a bounded number and size of fields; and
// a crowd connecting at once is queued, not reset.
#include <thread>

#include "tests/web/fixture.h"
#include "tests/web/raw_http.h"

using namespace poster;
using namespace poster::testing;

namespace {

constexpr int64_t kIssueBody = 56 << 20;  // what the issue sent

std::string Head(const std::string& path, const std::vector<std::string>& headers) {
  std::string head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  for (const std::string& header : headers) head += header + "\r\n";
  return head + "\r\n";
}

std::string Chunk(size_t size, char fill) {
  char length[32];
  std::snprintf(length, sizeof length, "%zx\r\n", size);
  return length + std::string(size, fill) + "\r\n";
}

std::string SessionHeaders(WebContest& contest, const std::string& employee_id,
                           std::vector<std::string>& headers) {
  Result<gallery::Session> session = contest.catalogue().SessionFor(employee_id);
  REQUIRE(session.ok());
  headers.push_back("Cookie: poster_session=" + session->token);
  headers.push_back("X-CSRF-Token: " + session->csrf);
  return session->token;
}

}  // namespace

TEST_CASE("a chunked sign-in body is refused with 413 as it crosses the cap, not buffered whole",
          "[web][limits]") {
  WebContest contest;
  int64_t before = ResidentBytes();
  RawAnswer answer = SendUntilAnswered(
      contest.port(),
      Head("/api/auth/login", {"Content-Type: application/json", "Transfer-Encoding: chunked"}),
      [] { return Chunk(64 << 10, ' '); }, kIssueBody);
  INFO(answer.text.substr(0, 400));
  CHECK(answer.status() == 413);
  CHECK(answer.text.find("\"request_too_large\"") != std::string::npos);
  CHECK(answer.body_sent < kIssueBody / 4);  // answered long before the body ended
  CHECK(ResidentBytes() - before < (16 << 20));
  CHECK(contest.Anonymous()->Get("/api/contest").status == 200);  // and it serves on
}

TEST_CASE("a Content-Length over the cap is refused before any of the body is sent",
          "[web][limits]") {
  WebContest contest;
  RawAnswer json = SendUntilAnswered(
      contest.port(),
      Head("/api/auth/login", {"Content-Type: application/json", "Content-Length: 58720256"}),
      [] { return std::string(); }, 0, 3000);
  CHECK(json.status() == 413);
  CHECK(json.text.find("\"request_too_large\"") != std::string::npos);

  std::vector<std::string> headers = {"Content-Type: multipart/form-data; boundary=x",
                                      "Content-Length: 1000000000"};
  SessionHeaders(contest, "E1001", headers);
  RawAnswer upload = SendUntilAnswered(
      contest.port(), Head("/api/entries", headers), [] { return std::string(); }, 0, 3000);
  CHECK(upload.status() == 413);
  CHECK(upload.text.find("\"file_too_large\"") != std::string::npos);
}

TEST_CASE("a chunked upload is refused with 413 when it passes the file cap", "[web][limits]") {
  WebContest contest;
  std::vector<std::string> headers = {"Content-Type: multipart/form-data; boundary=xyz",
                                      "Transfer-Encoding: chunked"};
  SessionHeaders(contest, "E1001", headers);
  bool first = true;
  RawAnswer answer = SendUntilAnswered(
      contest.port(), Head("/api/entries", headers),
      [&] {
        std::string part = first ? "--xyz\r\nContent-Disposition: form-data; name=\"file\"; "
                                   "filename=\"big.png\"\r\n\r\n"
                                 : "";
        first = false;
        std::string body = part + std::string(256 << 10, 'p');
        char length[32];
        std::snprintf(length, sizeof length, "%zx\r\n", body.size());
        return length + body + "\r\n";
      },
      int64_t(200) << 20);
  INFO(answer.text.substr(0, 400));
  CHECK(answer.status() == 413);
  CHECK(answer.text.find("\"file_too_large\"") != std::string::npos);
  CHECK(answer.body_sent < (100 << 20));
}

TEST_CASE("an upload with 1,500 text fields of 60 KB is refused with request_too_large",
          "[web][limits]") {
  WebContest contest;
  std::vector<std::string> headers = {"Content-Type: multipart/form-data; boundary=xyz",
                                      "Transfer-Encoding: chunked"};
  SessionHeaders(contest, "E1001", headers);
  int fields = 0;
  int64_t before = ResidentBytes();
  RawAnswer answer = SendUntilAnswered(
      contest.port(), Head("/api/entries", headers),
      [&] {
        if (fields == 1500) return std::string("0\r\n\r\n");
        std::string part = "--xyz\r\nContent-Disposition: form-data; name=\"note" +
                           std::to_string(fields++) + "\"\r\n\r\n" + std::string(60 << 10, 'n') +
                           "\r\n";
        char length[32];
        std::snprintf(length, sizeof length, "%zx\r\n", part.size());
        return length + part + "\r\n";
      },
      int64_t(1500) * (61 << 10));
  INFO(answer.text.substr(0, 400));
  CHECK(answer.status() == 413);
  nlohmann::json body =
      nlohmann::json::parse(answer.text.substr(answer.text.find("\r\n\r\n") + 4), nullptr, false);
  CHECK(body["code"] == "request_too_large");
  CHECK(body["details"]["limit"] == "fields");
  CHECK(fields < 200);
  CHECK(ResidentBytes() - before < (16 << 20));
}

TEST_CASE("a text field over 64 KiB is refused, not cut short", "[web][limits]") {
  WebContest contest;
  std::unique_ptr<HttpClient> author = contest.As("E1001");
  HttpReply reply = author->PostForm(
      "/api/entries", {{"file", PosterPng(3), "p.png"}, {"title", std::string(70 << 10, 't')}});
  CHECK(reply.status == 413);
  nlohmann::json body = Json(reply);
  CHECK(body["code"] == "request_too_large");
  CHECK(body["details"]["field"] == "title");
  CHECK(contest.catalogue().EntriesBy("E1001")->empty());
}

TEST_CASE("a body sent to an address no route takes is refused without being read",
          "[web][limits]") {
  WebContest contest;
  for (std::string method : {"POST", "PUT", "PATCH", "DELETE"}) {
    std::string head = method +
                       " /api/nowhere HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: "
                       "chunked\r\n\r\n";
    RawAnswer answer = SendUntilAnswered(
        contest.port(), head, [] { return Chunk(64 << 10, 'z'); }, 32 << 20);
    INFO(method << " " << answer.text.substr(0, 300));
    CHECK(answer.status() == 404);
    CHECK(answer.body_sent < (8 << 20));
  }
}

TEST_CASE("a request line without end is cut off at 64 KiB", "[web][limits]") {
  WebContest contest;
  int64_t before = ResidentBytes();
  RawAnswer answer = SendUntilAnswered(
      contest.port(), "GET /", [] { return std::string(64 << 10, 'a'); }, 32 << 20);
  CHECK(answer.body_sent < (8 << 20));
  CHECK(ResidentBytes() - before < (16 << 20));
  CHECK(contest.Anonymous()->Get("/api/contest").status == 200);
}

TEST_CASE("two hundred browsers connecting at once are all taken within half a second",
          "[web][limits]") {
  WebContest contest;
  std::vector<int> sockets;
  auto start = std::chrono::steady_clock::now();
  for (int i = 0; i < 200; ++i) sockets.push_back(ConnectLoopback(contest.port()));
  auto took = std::chrono::steady_clock::now() - start;
  int connected = 0;
  for (int fd : sockets) {
    if (fd >= 0) ++connected;
    if (fd >= 0) ::close(fd);
  }
  CHECK(connected == 200);
  CHECK(took < std::chrono::milliseconds(500));
}
