// The message's bytes: headers that nothing typed can break out of, a base64
// body, Korean intact.
#include <sodium.h>

#include <algorithm>
#include <ctime>

#include "gallery/mail/mail.h"

namespace poster::gallery {
namespace {

// 56 base64 characters: "=?UTF-8?B?" + 56 + "?=" is 68, and "Subject: " before it
// keeps the line within RFC 5322's 78.
constexpr size_t kWordBytes = 42;
constexpr size_t kBodyLine = 76;

std::string Base64(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), sodium_base64_VARIANT_ORIGINAL);
  out.pop_back();  // the terminating NUL
  return out;
}

std::string WithoutControls(std::string_view text) {
  std::string line(text);
  std::replace_if(
      line.begin(), line.end(),
      [](char c) { return static_cast<unsigned char>(c) < 0x20 || c == 0x7f; }, ' ');
  return line;
}

// Pieces of at most kWordBytes, never splitting a UTF-8 sequence.
std::vector<std::string_view> Pieces(std::string_view text) {
  std::vector<std::string_view> pieces;
  while (!text.empty()) {
    size_t cut = std::min(kWordBytes, text.size());
    while (cut < text.size() && cut > 0 && (static_cast<unsigned char>(text[cut]) & 0xC0) == 0x80)
      --cut;
    if (cut == 0) cut = std::min(kWordBytes, text.size());
    pieces.push_back(text.substr(0, cut));
    text.remove_prefix(cut);
  }
  return pieces;
}

std::string Mailbox(std::string_view name, std::string_view address) {
  std::string clean = WithoutControls(name);
  if (clean.find_first_not_of(' ') == std::string::npos) return "<" + std::string(address) + ">";
  return EncodedWords(clean) + "\r\n <" + std::string(address) + ">";
}

std::string DateHeader(TimePoint date) {
  std::time_t seconds = std::chrono::system_clock::to_time_t(date);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[64];
  std::strftime(text, sizeof text, "%a, %d %b %Y %H:%M:%S +0000", &utc);
  return text;
}

std::string MessageId(std::string_view from_address) {
  unsigned char bytes[16];
  randombytes_buf(bytes, sizeof bytes);
  char hex[sizeof bytes * 2 + 1];
  sodium_bin2hex(hex, sizeof hex, bytes, sizeof bytes);
  return "<" + std::string(hex) + "@" +
         std::string(from_address.substr(from_address.find('@') + 1)) + ">";
}

// The body in CRLF lines, then base64 in lines of 76.
std::string Body(std::string_view text) {
  std::string crlf;
  for (char c : text) {
    if (c == '\r') continue;
    if (c == '\n') crlf += '\r';
    crlf += c;
  }
  std::string encoded = Base64(crlf), out;
  for (size_t at = 0; at < encoded.size(); at += kBodyLine)
    out += encoded.substr(at, kBodyLine) + "\r\n";
  return out;
}

Status NotAnAddress(std::string_view which, std::string_view address) {
  return Status(std::string(kMailFailed),
                "The " + std::string(which) + " address \"" + WithoutControls(address) +
                    "\" is not an e-mail address; fix it in the " +
                    (which == "sender's" ? "config ([mail].from_address)." : "roster."),
                {{"error", "bad_address"}, {"server", ""}});
}

}  // namespace

std::string EncodedWords(std::string_view text) {
  std::string clean = WithoutControls(text), out;
  for (std::string_view piece : Pieces(clean)) {
    if (!out.empty()) out += "\r\n ";
    out += "=?UTF-8?B?" + Base64(piece) + "?=";
  }
  return out;
}

Result<std::string> RenderMessage(const MailMessage& message, TimePoint date) {
  if (!ValidMailAddress(message.from_address))
    return NotAnAddress("sender's", message.from_address);
  if (!ValidMailAddress(message.to_address)) return NotAnAddress("recipient's", message.to_address);
  std::string headers = "Date: " + DateHeader(date) + "\r\n";
  headers += "From: " + Mailbox(message.from_name, message.from_address) + "\r\n";
  headers += "To: " + Mailbox(message.to_name, message.to_address) + "\r\n";
  headers += "Subject: " + EncodedWords(message.subject) + "\r\n";
  headers += "Message-ID: " + MessageId(message.from_address) + "\r\n";
  headers += "MIME-Version: 1.0\r\n";
  headers += "Content-Type: text/plain; charset=UTF-8\r\n";
  headers += "Content-Transfer-Encoding: base64\r\n";
  headers += "Auto-Submitted: auto-generated\r\n";
  bool unsubscribe =
      message.optional && message.unsubscribe_url.find_first_of("\r\n<>") == std::string::npos;
  if (unsubscribe && !message.unsubscribe_url.empty())
    headers += "List-Unsubscribe: <" + message.unsubscribe_url + ">\r\n";
  return headers + "\r\n" + Body(message.body);
}

}  // namespace poster::gallery
