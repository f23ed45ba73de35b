// gallery/mail: notices leave the outbox here, by e-mail (libcurl's SMTP) and
// by an optional signed webhook (libcurl's HTTP). It reaches the catalogue
// through gallery/store/store.h alone; the settings are the contest's [mail]
// (docs/config.md), the secrets read from their file or variable when used.
#pragma once

#include <chrono>
#include <functional>
#include <memory>
#include <string>
#include <string_view>

#include "base/clock.h"
#include "gallery/config/config.h"
#include "gallery/store/store.h"

namespace poster::gallery {

// ---- the message (mime.cc) ----

struct MailMessage {
  std::string from_address;
  std::string from_name;
  std::string to_address;
  std::string to_name;
  std::string subject;    // UTF-8
  std::string body;       // UTF-8 plain text, lines ending in \n
  bool optional = false;  // adds List-Unsubscribe
  std::string unsubscribe_url;
};

// `text` as RFC 2047 encoded-words (UTF-8, base64), each at most 75
// characters, folded onto continuation lines; control characters (CR and LF
// among them) become spaces first, so nothing typed can start a header.
std::string EncodedWords(std::string_view text);

// The whole message as the SMTP server receives it (CRLF line ends): Date,
// From, To, Subject, Message-ID, MIME-Version, a text/plain; charset=UTF-8
// body in base64. Fails with mail_failed when an address is not one
// (ValidMailAddress), naming which.
Result<std::string> RenderMessage(const MailMessage& message, TimePoint date);

// ---- sending (smtp.cc, webhook.cc) ----

// The secret from its file (the first line) or its environment variable;
// empty when none is named. mail_failed when it is named but cannot be read.
Result<std::string> ReadSecret(const SecretSource& source);

// Sends one message through the [mail] server: STARTTLS or TLS as set, with
// the username and password when a username is set. Ok only once the server
// accepted the message; mail_failed with curl's reason otherwise.
Status SendMail(const MailSettings& settings, const MailMessage& message);

// "sha256=HEX": HMAC-SHA256 of `body` with `secret`, as X-Poster-Signature carries it.
std::string WebhookSignature(std::string_view secret, std::string_view body);

// POSTs `body` (JSON) to the webhook with X-Poster-Signature. Ok on a 2xx answer.
Status PostWebhook(const WebhookSettings& settings, std::string_view body, int timeout_seconds);

// ---- the outbox's sender (sender.cc) ----

struct SendReport {
  int queued = 0;  // by the calendar (Catalogue::QueueScheduledNotices)
  int sent = 0;
  int retried = 0;  // failed this time, waiting for another try
  int failed = 0;   // failed for good
};

// Queues what the calendar makes due, then sends every message that is due
// now, once each, until none is left or `keep_going` says stop. With [mail]
// disabled, nothing is sent. Fails only when the catalogue does.
Result<SendReport> SendDueMessages(
    Catalogue& catalogue, const std::function<bool()>& keep_going = [] { return true; });

// SendDueMessages every `every` on a thread of its own, for `poster serve`.
class MailWorker {
 public:
  static std::unique_ptr<MailWorker> Start(Catalogue& catalogue, std::chrono::milliseconds every);
  ~MailWorker();  // stops
  // Finishes the message in flight (curl's timeout bounds it), sends no
  // other, and joins the thread.
  void Stop();

  struct State;

 private:
  explicit MailWorker(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

}  // namespace poster::gallery
