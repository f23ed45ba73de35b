// One libcurl easy handle and what it owns (private to gallery/mail).
#pragma once

#include <curl/curl.h>

#include <string_view>

#include "base/status.h"

namespace poster::gallery {

struct CurlCall {
  CurlCall();
  ~CurlCall();
  CurlCall(const CurlCall&) = delete;
  CurlCall& operator=(const CurlCall&) = delete;

  // Runs the transfer; mail_failed naming `server` and curl's reason.
  Status Perform(std::string_view server);

  CURL* curl = nullptr;
  curl_slist* list = nullptr;  // recipients or headers
  char error[CURL_ERROR_SIZE];
};

// mail_failed: sending through `server` failed for `reason`.
Status MailFailed(std::string_view server, std::string_view reason);

}  // namespace poster::gallery
