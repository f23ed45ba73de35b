// SMTP and HTTP through libcurl: one easy handle per message, the reason of
// any failure kept for the outbox's last_error.
#include <curl/curl.h>

#include <cstdlib>
#include <cstring>
#include <fstream>
#include <mutex>

#include "gallery/mail/curl_call.h"
#include "gallery/mail/mail.h"

namespace poster::gallery {
namespace {

struct Upload {
  std::string_view bytes;
  size_t at = 0;
};

size_t ReadUpload(char* buffer, size_t size, size_t count, void* user) {
  Upload& upload = *static_cast<Upload*>(user);
  size_t n = std::min(size * count, upload.bytes.size() - upload.at);
  std::memcpy(buffer, upload.bytes.data() + upload.at, n);
  upload.at += n;
  return n;
}

std::string ServerUrl(const MailSettings& settings) {
  std::string scheme = settings.security == MailSecurity::kTls ? "smtps://" : "smtp://";
  std::string host =
      settings.host.find(':') != std::string::npos ? "[" + settings.host + "]" : settings.host;
  std::string from = settings.from_address;
  // The path is the name curl greets the server with (EHLO): the sender's domain.
  return scheme + host + ":" + std::to_string(settings.port) + "/" +
         from.substr(from.find('@') + 1);
}

}  // namespace

CurlCall::CurlCall() {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  curl = curl_easy_init();
  error[0] = '\0';
  if (curl != nullptr) {
    curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
    curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  }
}

CurlCall::~CurlCall() {
  if (list != nullptr) curl_slist_free_all(list);
  if (curl != nullptr) curl_easy_cleanup(curl);
}

Status CurlCall::Perform(std::string_view server) {
  if (curl == nullptr) return MailFailed(server, "curl could not start");
  CURLcode code = curl_easy_perform(curl);
  if (code == CURLE_OK) return Status::Ok();
  return MailFailed(server, error[0] != '\0' ? error : curl_easy_strerror(code));
}

Status MailFailed(std::string_view server, std::string_view reason) {
  return Status(std::string(kMailFailed),
                "Sending through " + std::string(server) + " failed: " + std::string(reason) +
                    ". Check [mail] in the config; the notice is tried again later.",
                {{"server", std::string(server)}, {"error", std::string(reason)}});
}

Result<std::string> ReadSecret(const SecretSource& source) {
  if (!source.env.empty()) {
    const char* value = std::getenv(source.env.c_str());
    if (value == nullptr) return MailFailed("the config", "$" + source.env + " is not set");
    return std::string(value);
  }
  if (source.file.empty()) return std::string();
  std::ifstream file(source.file);
  std::string line;
  if (!file || !std::getline(file, line))
    return MailFailed("the config", "the file " + source.file + " cannot be read");
  while (!line.empty() && (line.back() == '\r' || line.back() == '\n')) line.pop_back();
  return line;
}

Status SendMail(const MailSettings& settings, const MailMessage& message) {
  std::string server = settings.host + ":" + std::to_string(settings.port);
  POSTER_ASSIGN_OR_RETURN(std::string bytes,
                          RenderMessage(message, std::chrono::system_clock::now()));
  POSTER_ASSIGN_OR_RETURN(std::string password, ReadSecret(settings.password));
  CurlCall call;
  if (call.curl == nullptr) return MailFailed(server, "curl could not start");
  std::string url = ServerUrl(settings), from = "<" + message.from_address + ">";
  call.list = curl_slist_append(call.list, ("<" + message.to_address + ">").c_str());
  Upload upload{bytes};
  curl_easy_setopt(call.curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(call.curl, CURLOPT_MAIL_FROM, from.c_str());
  curl_easy_setopt(call.curl, CURLOPT_MAIL_RCPT, call.list);
  curl_easy_setopt(call.curl, CURLOPT_READFUNCTION, ReadUpload);
  curl_easy_setopt(call.curl, CURLOPT_READDATA, &upload);
  curl_easy_setopt(call.curl, CURLOPT_UPLOAD, 1L);
  curl_easy_setopt(call.curl, CURLOPT_TIMEOUT, long(settings.timeout_seconds));
  curl_easy_setopt(call.curl, CURLOPT_CONNECTTIMEOUT, long(settings.timeout_seconds));
  curl_easy_setopt(
      call.curl, CURLOPT_USE_SSL,
      settings.security == MailSecurity::kStartTls ? long(CURLUSESSL_ALL) : long(CURLUSESSL_NONE));
  if (!settings.username.empty()) {
    curl_easy_setopt(call.curl, CURLOPT_USERNAME, settings.username.c_str());
    curl_easy_setopt(call.curl, CURLOPT_PASSWORD, password.c_str());
  }
  return call.Perform(server);
}

}  // namespace poster::gallery
