// gallery/config: the contest config (TOML; docs/config.md): its sections, rules and
// time zones, as every other part of the module reads them.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "gallery/config/time_zone.h"
#include "ingest/ingest.h"
#include "voting/voting.h"

namespace poster::gallery {

// The code config problems fail with.
inline constexpr std::string_view kConfigInvalid = "config_invalid";

struct Theme {
  std::string name;     // "시민행복"
  std::string name_en;  // "Citizen happiness"
};

// When a phase opens and closes, as configured. A phase with no start opens
// when an admin opens it; `from_creation` opens it when the contest's data
// folder is created.
struct PhaseSchedule {
  bool from_creation = false;
  std::optional<voting::Instant> start;
  std::optional<voting::Instant> end;
};

// How much of the announced results a viewer sees: the winners (tier, entry,
// title, author's name, department, theme) or the whole table with its
// scores. Employee numbers are only ever shown to admins.
enum class ResultsView { kWinners, kTable };
std::string_view ResultsViewName(ResultsView view);

// ---- notices by e-mail and webhook ([mail], [mail.webhook]; docs/config.md) ----

// How the connection to the SMTP server is protected: none, STARTTLS after
// connecting (port 587), or TLS from the first byte (port 465).
enum class MailSecurity { kNone, kStartTls, kTls };
std::string_view MailSecurityName(MailSecurity security);  // "none", "starttls", "tls"

// A secret read when it is used, never stored in the database: from a file
// (its first line) or from an environment variable.
struct SecretSource {
  std::string file;
  std::string env;
  bool empty() const { return file.empty() && env.empty(); }
};

struct WebhookSettings {
  std::string url;  // empty: no webhook
  SecretSource secret;
};

struct MailSettings {
  bool enabled = false;  // false: nothing is queued (invitation links are still printed)
  std::string host = "127.0.0.1";
  int port = 25;
  MailSecurity security = MailSecurity::kNone;
  std::string from_address;  // required when enabled
  std::string from_name;
  std::string username;  // empty: no authentication
  SecretSource password;
  std::string site_url = "http://127.0.0.1:8080";  // the web app's address, for links in mails
  int max_attempts = 8;                            // then a notice is failed
  int timeout_seconds = 30;
  int closing_reminder_hours = 24;  // "voting closes soon" this long before the end
  WebhookSettings webhook;
};

// True for an address poster will put in a header: local@domain, printable
// ASCII without spaces, quotes, angle brackets, commas or control characters,
// one @, a dotted domain. (Stricter than RFC 5322 on purpose.)
bool ValidMailAddress(std::string_view address);

struct ContestConfig {
  std::string name;
  std::string name_en;
  std::string time_zone = "Asia/Seoul";
  // The help page's (#/help) words beside what it reads from the rules: the
  // 공모 요강 in prose and whom to ask, each with its English.
  std::string rules_text, rules_text_en;
  std::string contact, contact_en;
  std::string organizer;  // who awards the certificates (상장), e.g. "○○시장"; empty: the contest
  std::vector<Theme> themes;
  PhaseSchedule phases[std::size(voting::kAllPhases)];  // indexed by voting::Phase
  voting::Rules rules;
  int objection_days = 3;  // after the announcement, before the results are final
  ResultsView public_results = ResultsView::kWinners;  // anyone, signed in or not
  ResultsView judges_results = ResultsView::kWinners;  // judges (never less than the public)
  ingest::Settings ingest;
  ingest::FetchOptions fetch;
  int near_duplicate_distance = 10;
  MailSettings mail;
  voting::IntegrityThresholds integrity;  // [integrity] (issue 11): the vote report's thresholds
  std::string text;                       // the TOML it was read from

  const PhaseSchedule& schedule(voting::Phase phase) const { return phases[size_t(phase)]; }
};

// The embedded default (assets/contest.toml).
const ContestConfig& DefaultConfig();

// Parses a config; keys it does not set keep the defaults. Fails with
// config_invalid naming the file, line and key: a syntax error, an unknown
// section or key, a value of the wrong type or out of range.
Result<ContestConfig> ParseConfig(std::string_view toml, std::string_view origin);
Result<ContestConfig> LoadConfig(const std::filesystem::path& path);

}  // namespace poster::gallery
