// gallery/web: the web server (docs/api.md), the static export of what anyone
// may see, and what people and programs read: messages in Korean and English,
// the JSON shapes the pages and the CLI print, the result tables.
#pragma once

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "gallery/store/store.h"

namespace poster::gallery {

// Codes the web adds.
inline constexpr std::string_view kTooManyAttempts = "too_many_attempts";
inline constexpr std::string_view kBadRequest = "bad_request";
inline constexpr std::string_view kRequestTooLarge = "request_too_large";
inline constexpr std::string_view kCsrfFailed = "csrf_failed";

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;                  // 0: any free port (tests)
  std::string public_url;           // for invitation links and QR codes; default http://host:port
  std::string trusted_user_header;  // e.g. "X-Remote-User" behind an SSO proxy; empty: off
  bool secure_cookies = false;      // mark cookies Secure (behind https)
  // The reverse proxies whose X-Forwarded-For (its last hop) names the client
  // and whose trusted_user_header is believed: exact IP addresses of the peer
  // (the proxy's side of the connection). Empty: nobody's; the peer's own
  // address is the client's. Entries that are not IP addresses match no peer.
  std::vector<std::string> trusted_proxies = {"127.0.0.1", "::1"};
  std::string
      web_dir;  // serve the pages from this folder instead of the embedded ones (development)
  // Connections served at once. A browser keeps its connection open between
  // requests (up to 5 s idle), holding a thread meanwhile, so this bounds the
  // visitors served side by side; the rest wait for a free thread.
  int threads = 64;
  // The access log (a line per request) and every 5xx with its cause; empty:
  // standard error.
  std::string log_file;
  // Where /metrics (Prometheus' text format) is served, beside /healthz and
  // /readyz; never on the web address. metrics_port -1: nowhere; 0: any free port.
  std::string metrics_host = "127.0.0.1";
  int metrics_port = -1;
};

// A route the server answers: GET, POST or DELETE, and its path as a regular
// expression (docs/api.md lists them).
struct RouteInfo {
  std::string method;
  std::string pattern;
};

class Server {
 public:
  // Starts serving in background threads. Fails with store_failed when the
  // address cannot be bound, the log file cannot be opened, or libsodium
  // cannot start.
  static Result<std::unique_ptr<Server>> Start(Catalogue& catalogue, ServerOptions options);
  ~Server();  // stops, if still running

  int port() const;
  int metrics_port() const;  // -1 when metrics are not served
  std::string url() const;   // the public URL
  // Stops taking connections, lets the requests in flight finish, then returns.
  void Stop();
  // Every route registered, for the test that walks them all.
  std::vector<RouteInfo> RoutesForTesting() const;

  struct State;

 private:
  explicit Server(std::unique_ptr<State> state);
  std::unique_ptr<State> state_;
};

// ---- the static export (gallery/site_export.cc) ---------------------------------

struct SiteExport {
  std::filesystem::path dir;
  int entries = 0;       // approved entries in the gallery
  bool results = false;  // the announced results are included (not while sealed)
  int files = 0;
  int64_t bytes = 0;
};

// Writes a self-contained copy of what anyone may see into `dir`: the pages,
// static/data.js with the contest, the gallery, each approved entry and the
// announced results, every thumbnail, and an exhibition QR code per entry that
// links to `public_url`/#/entry/N. It works from any static host and from the
// file system. `dir` must not exist or be empty (target_not_empty); the copy
// is written beside it and renamed into place, so a failure leaves nothing.
Result<SiteExport> ExportSite(Catalogue& catalogue, const std::filesystem::path& dir,
                              const std::string& public_url);

// ---- what people and programs read: messages, JSON, result tables ----------------
// (gallery/web/messages.cc, json.cc, results_format.cc)

enum class Language { kKorean, kEnglish };

// The message of `status` in `language`: Korean from assets/i18n/ko.json, filled
// with the status's details; English is the status's own message.
std::string Localize(const Status& status, Language language);

// True when ko.json has a message for `code` (the test that keeps translations
// complete asks this of every code).
bool HasTranslation(std::string_view code);

// One JSON object (one line) for an intake result or an entry, as
// `poster ingest --json` and `poster show --json` print them.
// The JSON shapes the API and `poster ... --json` share (docs/api.md, docs/cli.md).
// JsonText prints one compactly, invalid UTF-8 replaced by U+FFFD.
std::string JsonText(const nlohmann::json& value);
nlohmann::json IntakeResultJson(const IntakeResult& result, Language language);
nlohmann::json EntryJson(const Entry& entry);

// JSON for the other things the CLI and the API show (docs/cli.md).
nlohmann::json PhasesJson(const std::vector<PhaseState>& phases, const std::string& time_zone);
nlohmann::json PersonJson(const PersonRecord& person);
nlohmann::json BallotJson(const Ballot& ballot);
nlohmann::json JudgeTasksJson(const std::vector<JudgeTask>& tasks);
nlohmann::json AuditReportJson(const AuditReport& report);

// issue 11 (gallery/web/integrity_json.cc): the vote integrity report, a vote's
// receipt, the published receipts and a receipt's check, as the API and the CLI print them.
nlohmann::json IntegrityReportJson(const voting::IntegrityReport& report);
nlohmann::json VoteReceiptJson(const VoteReceipt& receipt);
nlohmann::json PublishedReceiptsJson(const PublishedReceipts& published);
nlohmann::json ReceiptCheckJson(const ReceiptCheck& check);
// The report in words, Korean first (the CLI's text).
std::string IntegrityReportText(const voting::IntegrityReport& report, Language language);

// "2026-11-13 23:59:59 (UTC+09:00)" in the contest's time zone, or the UTC
// text when the zone cannot be read.
std::string LocalTime(voting::Instant moment, const std::string& time_zone);

enum class ResultsFormat { kTable, kCsv, kJson };
// The result table as text: an aligned table for terminals, CSV (UTF-8 with a
// BOM, so that Excel shows Korean), or JSON. docs/cli.md shows each.
std::string FormatResults(Results results, ResultsFormat format, Language language);

// The results with the times in their tie notes as people read them in the
// contest's zone (docs/web.md, "Dates"): what the pages, the CSV and the
// terminal table show. The JSON for programs keeps UTC.
Results NotesForPeople(Results results);

}  // namespace poster::gallery
