// CurlFetcher: downloads an upload given as a link, with the policy of
// FetchOptions enforced on every connection curl makes, redirects included.
#include <arpa/inet.h>
#include <curl/curl.h>
#include <sys/socket.h>

#include <algorithm>
#include <mutex>

#include "ingest/errors.h"

namespace poster::ingest {
namespace {

struct Transfer {
  const FetchOptions* options = nullptr;
  std::vector<uint8_t> body;
  bool too_large = false;
  std::string blocked;  // the address refused, when one was
};

std::string Endpoint(const curl_sockaddr* address, std::string& numeric) {
  char text[INET6_ADDRSTRLEN] = {};
  int port = 0;
  if (address->family == AF_INET) {
    const auto* v4 = reinterpret_cast<const sockaddr_in*>(&address->addr);
    inet_ntop(AF_INET, &v4->sin_addr, text, sizeof text);
    port = ntohs(v4->sin_port);
  } else if (address->family == AF_INET6) {
    const auto* v6 = reinterpret_cast<const sockaddr_in6*>(&address->addr);
    inet_ntop(AF_INET6, &v6->sin6_addr, text, sizeof text);
    port = ntohs(v6->sin6_port);
  }
  numeric = text;
  return numeric + ":" + std::to_string(port);
}

curl_socket_t OpenSocket(void* user, curlsocktype, curl_sockaddr* address) {
  auto* transfer = static_cast<Transfer*>(user);
  std::string numeric;
  std::string endpoint = Endpoint(address, numeric);
  const FetchOptions& options = *transfer->options;
  bool allowed_exactly =
      std::find(options.allowed_endpoints.begin(), options.allowed_endpoints.end(), endpoint) !=
      options.allowed_endpoints.end();
  if (!options.allow_private_addresses && !allowed_exactly && IsBlockedAddress(numeric)) {
    transfer->blocked = numeric.empty() ? "an address of an unknown family" : numeric;
    return CURL_SOCKET_BAD;
  }
  return socket(address->family, address->socktype | SOCK_CLOEXEC, address->protocol);
}

size_t Write(char* data, size_t size, size_t count, void* user) {
  auto* transfer = static_cast<Transfer*>(user);
  size_t length = size * count;
  if (int64_t(transfer->body.size() + length) > transfer->options->max_bytes) {
    transfer->too_large = true;
    return 0;  // a short count aborts the transfer
  }
  transfer->body.insert(transfer->body.end(), data, data + length);
  return length;
}

Status Failed(const std::string& url, const std::string& reason) {
  return Status(std::string(kFetchFailed),
                "Could not download " + url + ": " + reason +
                    ". Check the link, or download the poster and upload the file.",
                {{"url", url}, {"reason", reason}});
}

// "scheme://" and then a host: curl itself also takes "http:///x.png" and
// "http:/x.png" as the host x.png, so the text is checked before curl reads it.
bool HasAuthority(const std::string& url) {
  size_t colon = url.find(':');
  if (colon == std::string::npos || url.compare(colon + 1, 2, "//") != 0) return false;
  size_t host = colon + 3;
  return host < url.size() && std::string_view("/?#").find(url[host]) == std::string_view::npos;
}

std::string UrlPart(CURLU* parsed, CURLUPart part, CURLUcode& code) {
  char* value = nullptr;
  if (code == CURLUE_OK) code = curl_url_get(parsed, part, &value, 0);
  std::string text = value != nullptr ? value : "";
  curl_free(value);
  return text;
}

Status CheckUrl(const std::string& url) {
  CURLU* parsed = curl_url();
  CURLUcode code = curl_url_set(parsed, CURLUPART_URL, url.c_str(), 0);
  std::string name = UrlPart(parsed, CURLUPART_SCHEME, code);
  std::string host = UrlPart(parsed, CURLUPART_HOST, code);
  curl_url_cleanup(parsed);
  if (code == CURLUE_OK && (name == "http" || name == "https") && !host.empty() &&
      HasAuthority(url)) {
    return Status::Ok();
  }
  return Status(std::string(kInvalidUrl),
                "\"" + url +
                    "\" is not a web address poster can fetch; give an http:// or https:// "
                    "link, or upload the file.",
                {{"url", url}});
}

void Configure(CURL* curl, const std::string& url, Transfer& transfer, char* error) {
  const FetchOptions& options = *transfer.options;
  curl_easy_setopt(curl, CURLOPT_URL, url.c_str());
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl, CURLOPT_MAXREDIRS, long(options.max_redirects));
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, long(options.connect_timeout_ms));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, long(options.total_timeout_ms));
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_LIMIT, 1024L);
  curl_easy_setopt(curl, CURLOPT_LOW_SPEED_TIME, 10L);
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);
  curl_easy_setopt(curl, CURLOPT_PROXY, "");  // a proxy would hide the address we connect to
  curl_easy_setopt(curl, CURLOPT_NETRC, long(CURL_NETRC_IGNORED));
  curl_easy_setopt(curl, CURLOPT_USERAGENT, "poster (AI poster contest ingest)");
  curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, curl_off_t(options.max_bytes));
  curl_easy_setopt(curl, CURLOPT_OPENSOCKETFUNCTION, OpenSocket);
  curl_easy_setopt(curl, CURLOPT_OPENSOCKETDATA, &transfer);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, Write);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &transfer);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, error);
}

Status Outcome(const std::string& url, CURLcode code, long http_status, const Transfer& transfer,
               const char* error) {
  if (!transfer.blocked.empty()) {
    return Status(std::string(kFetchBlocked),
                  "The link " + url + " leads to " + transfer.blocked +
                      ", an internal or reserved address; poster only downloads from public "
                      "addresses. Download the poster and upload the file.",
                  {{"url", url}, {"address", transfer.blocked}});
  }
  if (transfer.too_large || code == CURLE_FILESIZE_EXCEEDED) {
    return FileTooLarge(-1, transfer.options->max_bytes);
  }
  if (code == CURLE_UNSUPPORTED_PROTOCOL) {
    return Status(std::string(kFetchBlocked),
                  "The link " + url + " redirects to an address that is not http or https.",
                  {{"url", url}, {"address", ""}});
  }
  if (code == CURLE_TOO_MANY_REDIRECTS) {
    return Failed(url, "it redirects more than " + std::to_string(transfer.options->max_redirects) +
                           " times");
  }
  if (code != CURLE_OK) return Failed(url, *error != '\0' ? error : curl_easy_strerror(code));
  if (http_status >= 400)
    return Failed(url, "the server answered HTTP " + std::to_string(http_status));
  if (http_status >= 300) return Failed(url, "the server answered a redirect without a location");
  if (transfer.body.empty()) return EmptyFile();
  return Status::Ok();
}

}  // namespace

Result<std::vector<uint8_t>> CurlFetcher::Fetch(const std::string& url) {
  static std::once_flag once;
  std::call_once(once, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });
  POSTER_RETURN_IF_ERROR(CheckUrl(url));
  CURL* curl = curl_easy_init();
  if (curl == nullptr) return Failed(url, "the download library could not start");
  Transfer transfer;
  transfer.options = &options_;
  char error[CURL_ERROR_SIZE] = {};
  Configure(curl, url, transfer, error);
  CURLcode code = curl_easy_perform(curl);
  long http_status = 0;
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &http_status);
  curl_easy_cleanup(curl);
  POSTER_RETURN_IF_ERROR(Outcome(url, code, http_status, transfer, error));
  return std::move(transfer.body);
}

}  // namespace poster::ingest
