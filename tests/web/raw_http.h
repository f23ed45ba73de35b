// Requests over a raw loopback socket, for what a browser-like client will not
// send: chunked bodies without end, lying Content-Lengths, endless forms.
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <functional>
#include <string>

#if defined(__SANITIZE_ADDRESS__)
#define POSTER_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define POSTER_TEST_ASAN 1
#endif
#endif

#if POSTER_TEST_ASAN
extern "C" size_t __sanitizer_get_current_allocated_bytes();
#endif

namespace poster::testing {

inline int ConnectLoopback(int port) {
  int fd = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(uint16_t(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
    ::close(fd);
    return -1;
  }
  return fd;
}

struct RawAnswer {
  std::string text;       // the answer as received (status line, headers, body)
  int64_t body_sent = 0;  // bytes of body sent before it came
  int status() const { return text.size() > 12 ? std::stoi(text.substr(9, 3)) : 0; }
};

// Sends `head`, then what `next` gives (empty: the body is over) until the
// server answers or `max_body` bytes are sent; then reads the answer.
inline RawAnswer SendUntilAnswered(int port, const std::string& head,
                                   const std::function<std::string()>& next, int64_t max_body,
                                   int answer_timeout_ms = 10000) {
  RawAnswer answer;
  int fd = ConnectLoopback(port);
  if (fd < 0) return answer;
  ::send(fd, head.data(), head.size(), MSG_NOSIGNAL);
  pollfd polled{fd, POLLIN, 0};
  while (answer.body_sent < max_body && ::poll(&polled, 1, 0) == 0) {
    std::string piece = next();
    if (piece.empty()) break;
    ssize_t sent = ::send(fd, piece.data(), piece.size(), MSG_NOSIGNAL);
    if (sent <= 0) break;
    answer.body_sent += sent;
  }
  char buffer[4096];
  while (::poll(&polled, 1, answer_timeout_ms) > 0) {
    ssize_t got = ::recv(fd, buffer, sizeof buffer, 0);
    if (got <= 0) break;
    answer.text.append(buffer, size_t(got));
    if (answer.text.find("\r\n\r\n") != std::string::npos && answer.text.back() == '}') break;
  }
  ::close(fd);
  return answer;
}

// What this process holds in memory (the server runs inside the test). Under
// AddressSanitizer resident pages say little: its quarantine keeps every freed
// block (here, the client's own 60 KB chunks) resident, so there the count is
// the heap still allocated, which is what a server buffering a body would grow.
inline int64_t ResidentBytes() {
#if POSTER_TEST_ASAN
  return int64_t(__sanitizer_get_current_allocated_bytes());
#else
  std::ifstream statm("/proc/self/statm");
  int64_t pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * ::sysconf(_SC_PAGESIZE);
#endif
}

}  // namespace poster::testing
