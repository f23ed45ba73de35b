// cpp-httplib's server with our own connection loop (private to gallery/web).
// The library reads a request line, its headers and any body without a bound
// (a chunked body grows in memory until it ends), and cannot be told to close
// a connection after an answer. Here each connection is read through a stream
// that stops at a byte budget, and a handler that refused a body closes the
// connection instead of reading what is left of it.
#pragma once

#include <httplib.h>

#include <chrono>
#include <cstdint>
#include <string>

namespace poster::gallery::web {

// Bytes a request may send before a route has looked at it: the request line
// and headers (each header is at most 8 KiB in cpp-httplib).
inline constexpr int64_t kHeaderBudget = 64 << 10;

// The request being served on the calling thread: one connection per thread.
struct Exchange {
  std::chrono::steady_clock::time_point started;
  std::string route = "-";         // the pattern that matched; "-" when none did
  int64_t budget = kHeaderBudget;  // bytes it may still read from the socket
  bool close = false;              // part of its body is unread: close after the answer
  std::string refusal;             // the error code it was answered with, if any (the metrics)
};

Exchange& CurrentExchange();

class HttpServer : public httplib::Server {
 public:
  // After a bind: listen again with this backlog (cpp-httplib's is 5).
  bool SetBacklog(int backlog);

 private:
  bool process_and_close_socket(socket_t sock) override;
};

}  // namespace poster::gallery::web
