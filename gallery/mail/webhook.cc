// The webhook: each notice's event as JSON, signed with HMAC-SHA256 so that
// the messenger can tell it came from poster.
#include <sodium.h>

#include "gallery/mail/curl_call.h"
#include "gallery/mail/mail.h"

namespace poster::gallery {
namespace {

size_t Discard(char*, size_t size, size_t count, void*) { return size * count; }

}  // namespace

std::string WebhookSignature(std::string_view secret, std::string_view body) {
  crypto_auth_hmacsha256_state state;
  unsigned char mac[crypto_auth_hmacsha256_BYTES];
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(secret.data()),
                              secret.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(body.data()),
                                body.size());
  crypto_auth_hmacsha256_final(&state, mac);
  char hex[sizeof mac * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, mac, sizeof mac);
  return "sha256=" + std::string(hex);
}

Status PostWebhook(const WebhookSettings& settings, std::string_view body, int timeout_seconds) {
  std::string server = settings.url.substr(0, settings.url.find('/', settings.url.find("//") + 2));
  POSTER_ASSIGN_OR_RETURN(std::string secret, ReadSecret(settings.secret));
  CurlCall call;
  if (call.curl == nullptr) return MailFailed(server, "curl could not start");
  std::string signature = "X-Poster-Signature: " + WebhookSignature(secret, body);
  call.list = curl_slist_append(call.list, "Content-Type: application/json; charset=utf-8");
  call.list = curl_slist_append(call.list, signature.c_str());
  curl_easy_setopt(call.curl, CURLOPT_URL, settings.url.c_str());
  curl_easy_setopt(call.curl, CURLOPT_HTTPHEADER, call.list);
  curl_easy_setopt(call.curl, CURLOPT_POSTFIELDS, body.data());
  curl_easy_setopt(call.curl, CURLOPT_POSTFIELDSIZE, long(body.size()));
  curl_easy_setopt(call.curl, CURLOPT_WRITEFUNCTION, Discard);
  curl_easy_setopt(call.curl, CURLOPT_TIMEOUT, long(timeout_seconds));
  curl_easy_setopt(call.curl, CURLOPT_PROTOCOLS_STR, "http,https");
  POSTER_RETURN_IF_ERROR(call.Perform(server));
  long status = 0;
  curl_easy_getinfo(call.curl, CURLINFO_RESPONSE_CODE, &status);
  if (status < 200 || status > 299)
    return MailFailed(server, "the webhook answered HTTP " + std::to_string(status));
  return Status::Ok();
}

}  // namespace poster::gallery
