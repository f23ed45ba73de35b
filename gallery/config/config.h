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

// The pledge's and the consent's words when the config gives none.
inline constexpr const char* kDefaultPledge =
    "나는 이 공모전에 응모하면서 공정하고 청렴하게 참여하며, 심사에 부당한 영향을 주는 청탁이나 "
    "금품·향응 제공을 하지 않겠습니다. 표절, 중복 응모 등 부정행위가 밝혀지면 수상이 취소되고 "
    "상금과 상장이 환수될 수 있음을 알고 이에 따르겠습니다.";
inline constexpr const char* kDefaultPledgeEn =
    "In entering this contest I will take part fairly and honestly, and will offer no favours, "
    "gifts or hospitality to influence the judging. I understand that if plagiarism, a duplicate "
    "entry or other misconduct is found, the award may be revoked and its prize and certificate "
    "taken back.";
inline constexpr const char* kDefaultConsent =
    "이 작품에 사용한 AI 도구와 프롬프트를 사실대로 밝혔으며, 작품이 다른 사람의 저작권·초상권 등 "
    "권리를 침해하지 않고 AI 도구의 이용 약관에 따라 만들어졌음을 확인합니다. 주최 측이 이 작품을 "
    "공익 목적의 전시와 홍보에 쓰는 데 동의합니다.";
inline constexpr const char* kDefaultConsentEn =
    "I have stated the AI tools and prompts used truthfully; the work infringes no one's "
    "copyright, portrait or other rights and was made within the AI tools' terms of use. I agree "
    "that the organiser may show and publicise it for public purposes.";

// ---- citizens' choice ([citizens]; issue 12, docs/config.md, docs/web.md) ----
// How the like counts show on the lobby screen: as they are, or not until the
// results are announced.
enum class LikesDisplay { kLive, kSealed };
std::string_view LikesDisplayName(LikesDisplay display);  // "live", "sealed"

// One token bucket of the likes' limiter: `per_minute` refilled evenly, at
// most `burst` at once.
struct LikeRate {
  int per_minute = 0;
  int burst = 0;
};

struct CitizenSettings {
  bool enabled = true;  // false: no citizens' page likes (the page still shows the poster)
  bool award = true;    // 시민 인기상 is given (shown with the results)
  std::string award_name = "시민 인기상";
  std::string award_name_en = "Citizens' choice";
  // Likes count from this phase's start (its effective window) to the announcement.
  voting::Phase opens = voting::Phase::kVoting;
  LikesDisplay lobby = LikesDisplay::kLive;
  LikeRate device{20, 10};      // per device (its signed cookie)
  LikeRate address{1200, 600};  // per address: a whole hall behind one NAT
  int cookie_days = 365;        // how long a device's cookie lasts
};

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
  // Korea's rules for public contests (행정기관의 공모전 운영에 관한 규정; docs/config.md):
  // the integrity pledge (청렴서약) and the AI/copyright consent an author accepts
  // with each submission, and what becomes of a revoked award's tier.
  bool require_pledge = false;  // true: a submission without both is refused (pledge_required)
  std::string pledge = kDefaultPledge, pledge_en = kDefaultPledgeEn;
  std::string consent = kDefaultConsent, consent_en = kDefaultConsentEn;
  voting::Vacancy revoked_tier = voting::Vacancy::kLeaveVacant;
  CitizenSettings citizens;  // [citizens] (issue 12): the citizens' likes and 시민 인기상
  // [privacy] retention_days (issue 13): days after the results are final (the
  // announcement plus objection_days) that e-mail addresses, sessions,
  // invitations, sent notices and votes' addresses are kept; then
  // `poster privacy purge` removes them.
  int retention_days = 90;
  std::string text;  // the TOML it was read from

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
