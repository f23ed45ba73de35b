// [mail] and [mail.webhook]: where notices go. Secrets are named (a file or an
// environment variable), never written in the config or the database.
#include <algorithm>

#include "gallery/config/config_sections.h"

namespace poster::gallery {
namespace {

bool AddressCharacter(char c) {
  bool printable = c > 0x20 && c < 0x7f;
  return printable && std::string_view("\"<>(),;:[]\\").find(c) == std::string_view::npos;
}

void ReadSecret(ConfigReader& in, const toml::table* table, const std::string& path,
                std::string_view name, SecretSource& out) {
  in.Text(table, path, std::string(name) + "_file", out.file);
  in.Text(table, path, std::string(name) + "_env", out.env);
  if (!out.file.empty() && !out.env.empty()) {
    in.Fail(path + "." + std::string(name) + "_env",
            "must not be set together with " + path + "." + std::string(name) + "_file");
  }
}

void ReadSecurity(ConfigReader& in, const toml::table* table, MailSettings& mail) {
  std::string word(MailSecurityName(mail.security));
  in.Text(table, "mail", "starttls", word);
  if (word == "none") {
    mail.security = MailSecurity::kNone;
  } else if (word == "starttls") {
    mail.security = MailSecurity::kStartTls;
  } else if (word == "tls") {
    mail.security = MailSecurity::kTls;
  } else {
    in.Fail("mail.starttls", "must be \"none\", \"starttls\" or \"tls\"");
  }
}

void ReadWebhook(ConfigReader& in, MailSettings& mail) {
  const toml::table* table = in.Section("mail.webhook");
  in.Known(table, "mail.webhook", {"url", "secret_file", "secret_env"});
  in.Text(table, "mail.webhook", "url", mail.webhook.url);
  ReadSecret(in, table, "mail.webhook", "secret", mail.webhook.secret);
  const std::string& url = mail.webhook.url;
  if (url.empty()) return;
  if (url.rfind("http://", 0) != 0 && url.rfind("https://", 0) != 0) {
    in.Fail("mail.webhook.url", "must start with http:// or https://");
  }
  if (mail.webhook.secret.empty()) {
    in.Fail("mail.webhook.url", "needs mail.webhook.secret_file or mail.webhook.secret_env");
  }
}

}  // namespace

std::string_view MailSecurityName(MailSecurity security) {
  switch (security) {
    case MailSecurity::kNone:
      return "none";
    case MailSecurity::kStartTls:
      return "starttls";
    case MailSecurity::kTls:
      return "tls";
  }
  return "none";
}

bool ValidMailAddress(std::string_view address) {
  size_t at = address.find('@');
  if (address.size() > 254 || at == 0 || at == std::string_view::npos) return false;
  std::string_view local = address.substr(0, at), domain = address.substr(at + 1);
  if (local.size() > 64 || domain.find('@') != std::string_view::npos) return false;
  if (!std::all_of(address.begin(), address.end(), AddressCharacter)) return false;
  size_t dot = domain.find('.');
  return dot != std::string_view::npos && dot > 0 && domain.back() != '.' &&
         domain.find("..") == std::string_view::npos;
}

void ReadMail(ConfigReader& in, ContestConfig& config) {
  const toml::table* table = in.Section("mail");
  in.Known(table, "mail",
           {"enabled", "host", "port", "starttls", "from_address", "from_name", "username",
            "password_file", "password_env", "site_url", "max_attempts", "timeout_seconds",
            "closing_reminder_hours", "webhook"});
  MailSettings& mail = config.mail;
  in.Boolean(table, "mail", "enabled", mail.enabled);
  in.Text(table, "mail", "host", mail.host);
  in.Integer(table, "mail", "port", 1, 65535, mail.port);
  ReadSecurity(in, table, mail);
  in.Text(table, "mail", "from_address", mail.from_address);
  in.Text(table, "mail", "from_name", mail.from_name);
  in.Text(table, "mail", "username", mail.username);
  ReadSecret(in, table, "mail", "password", mail.password);
  in.Text(table, "mail", "site_url", mail.site_url);
  in.Integer(table, "mail", "max_attempts", 1, 100, mail.max_attempts);
  in.Integer(table, "mail", "timeout_seconds", 1, 600, mail.timeout_seconds);
  in.Integer(table, "mail", "closing_reminder_hours", 1, 24 * 14, mail.closing_reminder_hours);
  while (!mail.site_url.empty() && mail.site_url.back() == '/') mail.site_url.pop_back();
  ReadWebhook(in, mail);
  bool bad_text = mail.from_name.find_first_of("\r\n") != std::string::npos ||
                  mail.host.find_first_of("\r\n/ ") != std::string::npos;
  if (bad_text) in.Fail("mail.from_name", "must be one line (and mail.host a host name)");
  if (!mail.from_address.empty() && !ValidMailAddress(mail.from_address)) {
    in.Fail("mail.from_address", "must be an e-mail address like poster@city.go.kr");
  }
  if (mail.enabled && mail.from_address.empty()) {
    in.Fail("mail.from_address", "is required when mail.enabled is true");
  }
}

}  // namespace poster::gallery
