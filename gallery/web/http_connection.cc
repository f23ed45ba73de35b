#include "gallery/web/http_connection.h"

#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <thread>

namespace poster::gallery::web {
namespace {

constexpr auto kLinger = std::chrono::seconds(1);

// Waits for `events` on `sock`; false on timeout or error.
bool Wait(socket_t sock, short events, std::chrono::milliseconds timeout) {
  pollfd polled{sock, events, 0};
  int ready;
  do {
    ready = ::poll(&polled, 1, int(timeout.count()));
  } while (ready < 0 && errno == EINTR);
  return ready > 0;
}

void Address(const sockaddr_storage& address, socklen_t length, std::string& ip, int& port) {
  char host[NI_MAXHOST] = {};
  if (::getnameinfo(reinterpret_cast<const sockaddr*>(&address), length, host, sizeof host, nullptr,
                    0, NI_NUMERICHOST) == 0)
    ip = host;
  if (address.ss_family == AF_INET)
    port = ntohs(reinterpret_cast<const sockaddr_in&>(address).sin_port);
  else if (address.ss_family == AF_INET6)
    port = ntohs(reinterpret_cast<const sockaddr_in6&>(address).sin6_port);
}

// One connection's socket, read through a buffer (cpp-httplib reads request
// lines a byte at a time) and never past the current exchange's budget.
class SocketStream final : public httplib::Stream {
 public:
  SocketStream(socket_t sock, std::chrono::milliseconds read_timeout,
               std::chrono::milliseconds write_timeout)
      : sock_(sock), read_timeout_(read_timeout), write_timeout_(write_timeout) {}

  bool is_readable() const override { return at_ < have_ || Wait(sock_, POLLIN, read_timeout_); }
  bool is_writable() const override { return Wait(sock_, POLLOUT, write_timeout_); }

  ssize_t read(char* ptr, size_t size) override {
    Exchange& exchange = CurrentExchange();
    if (exchange.budget <= 0) return -1;
    if (at_ == have_ && !Fill()) return -1;
    if (at_ == have_) return 0;  // the peer closed
    size_t n = std::min({size, have_ - at_, size_t(exchange.budget)});
    std::memcpy(ptr, buffer_ + at_, n);
    at_ += n;
    exchange.budget -= int64_t(n);
    return ssize_t(n);
  }

  ssize_t write(const char* ptr, size_t size) override {
    if (!is_writable()) return -1;
    ssize_t sent;
    do {
      sent = ::send(sock_, ptr, size, MSG_NOSIGNAL);
    } while (sent < 0 && errno == EINTR);
    return sent;
  }

  void get_remote_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (::getpeername(sock_, reinterpret_cast<sockaddr*>(&address), &length) == 0)
      Address(address, length, ip, port);
  }
  void get_local_ip_and_port(std::string& ip, int& port) const override {
    sockaddr_storage address{};
    socklen_t length = sizeof address;
    if (::getsockname(sock_, reinterpret_cast<sockaddr*>(&address), &length) == 0)
      Address(address, length, ip, port);
  }
  socket_t socket() const override { return sock_; }

  bool Buffered() const { return at_ < have_; }

 private:
  // Refills the buffer; false on a timeout or an error, true with nothing at EOF.
  bool Fill() {
    if (!Wait(sock_, POLLIN, read_timeout_)) return false;
    ssize_t n;
    do {
      n = ::recv(sock_, buffer_, sizeof buffer_, 0);
    } while (n < 0 && errno == EINTR);
    if (n < 0) return false;
    at_ = 0;
    have_ = size_t(n);
    return true;
  }

  socket_t sock_;
  std::chrono::milliseconds read_timeout_, write_timeout_;
  char buffer_[16 << 10];
  size_t at_ = 0, have_ = 0;
};

// Lets the client read the refusal before the close: a close with unread
// bytes would answer them with a reset, which can overtake the answer.
void Linger(socket_t sock) {
  ::shutdown(sock, SHUT_WR);
  char discard[16 << 10];
  auto until = std::chrono::steady_clock::now() + kLinger;
  while (std::chrono::steady_clock::now() < until &&
         Wait(sock, POLLIN, std::chrono::milliseconds(100))) {
    if (::recv(sock, discard, sizeof discard, 0) <= 0) break;
  }
}

std::chrono::milliseconds Milliseconds(time_t seconds, time_t microseconds) {
  return std::chrono::milliseconds(seconds * 1000 + microseconds / 1000);
}

}  // namespace

Exchange& CurrentExchange() {
  thread_local Exchange exchange;
  return exchange;
}

bool HttpServer::SetBacklog(int backlog) {
  socket_t sock = svr_sock_;
  return sock != INVALID_SOCKET && ::listen(sock, backlog) == 0;  // Linux takes a second listen
}

// cpp-httplib's own loop, but between requests it also notices a stop, and a
// connection whose handler asked for it is closed after the answer.
bool HttpServer::process_and_close_socket(socket_t sock) {
  SocketStream stream(sock, Milliseconds(read_timeout_sec_, read_timeout_usec_),
                      Milliseconds(write_timeout_sec_, write_timeout_usec_));
  Exchange& exchange = CurrentExchange();
  exchange = Exchange{};
  bool ok = false;
  auto idle_until = [this] {
    return std::chrono::steady_clock::now() + std::chrono::seconds(keep_alive_timeout_sec_);
  };
  for (size_t left = keep_alive_max_count_; left > 0; --left) {
    auto until = idle_until();
    bool ready = stream.Buffered();
    while (!ready && svr_sock_ != INVALID_SOCKET && std::chrono::steady_clock::now() < until)
      ready = Wait(sock, POLLIN, std::chrono::milliseconds(50));
    if (!ready || svr_sock_ == INVALID_SOCKET) break;
    exchange = Exchange{};
    exchange.started = std::chrono::steady_clock::now();
    bool closed = false;
    ok = process_request(stream, left == 1, closed, nullptr);
    if (!ok || closed || exchange.close) break;
  }
  if (exchange.close) Linger(sock);
  exchange = Exchange{};
  ::shutdown(sock, SHUT_RDWR);
  ::close(sock);
  return ok;
}

}  // namespace poster::gallery::web
