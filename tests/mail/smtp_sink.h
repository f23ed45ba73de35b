// A real SMTP server on 127.0.0.1 for the notice tests: smtp_sink.py (Debian's
// python3-aiosmtpd) as a child process, and what arrived, decoded.
#pragma once

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <map>
#include <string>
#include <thread>
#include <vector>

#include "tests/support/test_support.h"

namespace poster::testing {

// A port nobody listens on now (the kernel's choice).
inline int FreePort() {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address);
  socklen_t length = sizeof address;
  getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length);
  close(fd);
  return ntohs(address.sin_port);
}

inline bool Listening(int port) {
  int fd = socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(uint16_t(port));
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  bool up = connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  close(fd);
  return up;
}

inline std::string DecodeBase64(std::string_view text) {
  static const std::string kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  int bits = 0, value = 0;
  for (char c : text) {
    size_t at = kAlphabet.find(c);
    if (at == std::string::npos) continue;  // '=', line ends
    value = (value << 6) | int(at);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += char((value >> bits) & 0xFF);
    }
  }
  return out;
}

// "=?UTF-8?B?...?=" words (folded or not) back to their text.
inline std::string DecodeWords(const std::string& value) {
  std::string out;
  size_t at = 0;
  while (true) {
    size_t open = value.find("=?UTF-8?B?", at);
    if (open == std::string::npos) {
      std::string rest = value.substr(at);
      if (rest.find_first_not_of(" \t") != std::string::npos) out += rest;
      return out;
    }
    std::string between = value.substr(at, open - at);
    if (between.find_first_not_of(" \t") != std::string::npos) out += between;
    size_t close = value.find("?=", open + 10);
    out += DecodeBase64(value.substr(open + 10, close - open - 10));
    at = close + 2;
  }
}

struct ReceivedMail {
  std::string envelope_to;
  std::vector<std::pair<std::string, std::string>> headers;  // unfolded, as sent
  std::string body;                                          // decoded
  std::string raw;
  std::string Header(const std::string& name) const {
    for (const auto& [key, value] : headers)
      if (key == name) return value;
    return "";
  }
  int Count(const std::string& name) const {
    int n = 0;
    for (const auto& header : headers) n += header.first == name;
    return n;
  }
  std::string Subject() const { return DecodeWords(Header("Subject")); }
};

inline ReceivedMail ParseMail(const std::string& raw) {
  ReceivedMail mail;
  mail.raw = raw;
  size_t end = raw.find("\r\n\r\n");
  std::string head = raw.substr(0, end), line;
  std::vector<std::string> lines;
  for (size_t at = 0; at <= head.size();) {
    size_t next = head.find("\r\n", at);
    if (next == std::string::npos) next = head.size();
    std::string one = head.substr(at, next - at);
    if (!one.empty() && (one[0] == ' ' || one[0] == '\t') && !lines.empty())
      lines.back() += one;
    else
      lines.push_back(one);
    at = next + 2;
  }
  for (const std::string& l : lines) {
    size_t colon = l.find(':');
    if (colon == std::string::npos) continue;
    std::string value = l.substr(colon + 1);
    while (!value.empty() && value[0] == ' ') value.erase(0, 1);
    mail.headers.emplace_back(l.substr(0, colon), value);
  }
  mail.envelope_to = mail.Header("X-Envelope-To");
  mail.body = DecodeBase64(raw.substr(end + 4));
  return mail;
}

class SmtpSink {
 public:
  SmtpSink() : port_(FreePort()) {
    std::filesystem::create_directories(folder());
    Start();
  }
  ~SmtpSink() { Stop(); }

  int port() const { return port_; }
  std::filesystem::path folder() const { return dir_.path() / "mail"; }

  void Start() {
    pid_ = fork();
    if (pid_ == 0) {
      prctl(PR_SET_PDEATHSIG, SIGTERM);  // a test that crashes leaves no server behind
      std::string script = SourceDir().string() + "/tests/mail/smtp_sink.py";
      std::string port = std::to_string(port_), where = folder().string();
      int null = open("/dev/null", O_WRONLY);
      dup2(null, 1);
      dup2(null, 2);
      execl("/usr/bin/python3", "python3", script.c_str(), port.c_str(), where.c_str(), nullptr);
      _exit(127);
    }
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
    while (!Listening(port_) && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    REQUIRE(Listening(port_));
  }

  void Stop() {
    if (pid_ <= 0) return;
    kill(pid_, SIGTERM);
    int status = 0;
    waitpid(pid_, &status, 0);
    pid_ = -1;
  }

  std::vector<ReceivedMail> Received() const {
    std::vector<ReceivedMail> mails;
    std::vector<std::filesystem::path> files;
    for (const auto& file : std::filesystem::directory_iterator(folder()))
      if (file.path().extension() == ".eml") files.push_back(file.path());
    std::sort(files.begin(), files.end());
    for (const auto& file : files) mails.push_back(ParseMail(ReadText(file)));
    return mails;
  }

 private:
  TempDir dir_;
  int port_;
  pid_t pid_ = -1;
};

}  // namespace poster::testing
