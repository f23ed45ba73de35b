// Who a request came from: the one rule for X-Forwarded-For (issue 13). A
// reverse proxy in front of poster is the peer of every request; only a peer
// named in --trusted-proxy may say whom it forwards.
#include <arpa/inet.h>
#include <netinet/in.h>

#include "gallery/web/http_site.h"

namespace poster::gallery::web {
namespace {

// `text` as inet_ntop writes it (so 2001:DB8:0::1 and 2001:db8::1 are one
// address, and ::ffff:127.0.0.1, how a dual-stack socket sees an IPv4 peer,
// is 127.0.0.1), or nothing when it is not an IPv4 or IPv6 literal.
std::optional<std::string> CanonicalAddress(std::string_view text) {
  std::string address(text);
  in6_addr bytes{};
  char canonical[INET6_ADDRSTRLEN];
  if (inet_pton(AF_INET, address.c_str(), &bytes) == 1)
    return std::string(inet_ntop(AF_INET, &bytes, canonical, sizeof canonical));
  if (inet_pton(AF_INET6, address.c_str(), &bytes) != 1) return std::nullopt;
  if (IN6_IS_ADDR_V4MAPPED(&bytes))
    return std::string(inet_ntop(AF_INET, &bytes.s6_addr[12], canonical, sizeof canonical));
  return std::string(inet_ntop(AF_INET6, &bytes, canonical, sizeof canonical));
}

std::string_view Trimmed(std::string_view text) {
  size_t start = text.find_first_not_of(" \t"), end = text.find_last_not_of(" \t");
  return start == std::string_view::npos ? std::string_view() : text.substr(start, end - start + 1);
}

}  // namespace

bool FromTrustedProxy(const Site& site, const httplib::Request& request) {
  std::optional<std::string> peer = CanonicalAddress(request.remote_addr);
  if (!peer) return false;
  for (const std::string& proxy : site.options.trusted_proxies)
    if (CanonicalAddress(proxy) == peer) return true;
  return false;
}

// The last hop is the one the trusted proxy wrote; whatever comes before it
// came from the client and could say anything. Of several X-Forwarded-For
// headers the last one is the proxy's.
std::string ClientAddress(const Site& site, const httplib::Request& request) {
  size_t headers = request.get_header_value_count("X-Forwarded-For");
  if (headers == 0 || !FromTrustedProxy(site, request)) return request.remote_addr;
  std::string forwarded = request.get_header_value("X-Forwarded-For", headers - 1);
  std::string_view last = std::string_view(forwarded).substr(forwarded.rfind(',') + 1);
  return CanonicalAddress(Trimmed(last)).value_or(request.remote_addr);
}

}  // namespace poster::gallery::web
