// The message's bytes, sent through the real SMTP server and read back.
#include "tests/mail/mail_fixture.h"

namespace poster::testing {
namespace {

gallery::MailSettings Settings(int port) {
  gallery::MailSettings settings;
  settings.enabled = true;
  settings.port = port;
  settings.from_address = "poster@city.go.kr";
  settings.from_name = "AI 포스터 공모전";
  settings.timeout_seconds = 5;
  return settings;
}

gallery::MailMessage Message(const std::string& subject, const std::string& from_name) {
  gallery::MailMessage message;
  message.from_address = "poster@city.go.kr";
  message.from_name = from_name;
  message.to_address = "e1@city.go.kr";
  message.subject = subject;
  message.body = "작가하나님, 안녕하세요.\n\nHello.\n";
  return message;
}

}  // namespace

TEST_CASE("a Korean subject and sender arrive encoded as UTF-8 words and decode to what was sent",
          "[mail][mime]") {
  SmtpSink smtp;
  std::string subject =
      "[AI 혁신 포스터 공모전] 출품작 승인: 우리 동네 골목길을 밝히는 따뜻한 "
      "인공지능 / Entry approved";
  REQUIRE(gallery::SendMail(Settings(smtp.port()), Message(subject, "AI 포스터 공모전")).ok());
  std::vector<ReceivedMail> mails = smtp.Received();
  REQUIRE(mails.size() == 1);
  const ReceivedMail& mail = mails[0];
  CHECK(mail.Subject() == subject);
  CHECK(DecodeWords(mail.Header("From")) == "AI 포스터 공모전 <poster@city.go.kr>");
  CHECK(mail.Header("Content-Type") == "text/plain; charset=UTF-8");
  CHECK(mail.Header("Content-Transfer-Encoding") == "base64");
  CHECK(mail.Header("MIME-Version") == "1.0");
  CHECK(mail.Header("Message-ID").find("@city.go.kr>") != std::string::npos);
  CHECK_FALSE(mail.Header("Date").empty());
  CHECK(mail.body == "작가하나님, 안녕하세요.\r\n\r\nHello.\r\n");
  for (const auto& [name, value] : mail.headers) {
    INFO(name << ": " << value);
    CHECK(value.find_first_of("\r\n") == std::string::npos);
  }
  for (size_t at = 0, next; (next = mail.raw.find("\r\n", at)) != std::string::npos;
       at = next + 2) {
    CHECK(next - at <= 78);  // RFC 5322's line length
  }
}

TEST_CASE(
    "a subject or sender's name carrying CR LF and a Bcc header starts no header and "
    "reaches nobody else",
    "[mail][mime]") {
  SmtpSink smtp;
  REQUIRE(gallery::SendMail(Settings(smtp.port()),
                            Message("포스터\r\nBcc: x@y.example", "공모전\r\nBcc: x@y.example"))
              .ok());
  std::vector<ReceivedMail> mails = smtp.Received();
  REQUIRE(mails.size() == 1);
  CHECK(mails[0].envelope_to == "e1@city.go.kr");
  CHECK(mails[0].Count("Bcc") == 0);
  CHECK(mails[0].raw.find("\r\nBcc:") == std::string::npos);
  CHECK(mails[0].Subject() == "포스터  Bcc: x@y.example");
}

TEST_CASE("an address that is not one, or carries a header of its own, is refused before sending",
          "[mail][mime]") {
  gallery::MailMessage message = Message("제목", "");
  for (std::string bad : {"e1@city.go.kr\r\nBcc: x@y.example", "e1", "e1@localhost",
                          "<e1@city.go.kr>", "e 1@city.go.kr", "e1@@city.go.kr"}) {
    INFO(bad);
    message.to_address = bad;
    Result<std::string> rendered =
        gallery::RenderMessage(message, std::chrono::system_clock::now());
    REQUIRE_FALSE(rendered.ok());
    CHECK(rendered.status().code() == gallery::kMailFailed);
  }
  CHECK(gallery::ValidMailAddress("hong.gildong+poster@seoul.go.kr"));
}

TEST_CASE(
    "the config's mail section refuses an unknown starttls, a sender that is no address and a "
    "webhook without "
    "a secret, naming the key",
    "[mail][config]") {
  auto refused = [](const std::string& mail, const std::string& key) {
    Result<gallery::ContestConfig> config = gallery::ParseConfig(mail, "contest.toml");
    INFO(mail);
    REQUIRE_FALSE(config.ok());
    CHECK(config.status().message().find(key) != std::string::npos);
  };
  refused("[mail]\nstarttls = \"yes\"\n", "mail.starttls");
  refused("[mail]\nfrom_address = \"poster\"\n", "mail.from_address");
  refused("[mail]\nenabled = true\n", "mail.from_address");
  refused("[mail.webhook]\nurl = \"http://127.0.0.1:1/hook\"\n", "mail.webhook.url");
  refused("[mail]\npassword_file = \"a\"\npassword_env = \"B\"\n", "mail.password_env");
  refused("[mail]\npassword = \"secret\"\n", "mail.password");
  Result<gallery::ContestConfig> good = gallery::ParseConfig(
      "[mail]\nenabled = true\nhost = \"smtp.city.go.kr\"\nport = 587\nstarttls = "
      "\"starttls\"\nfrom_address = \"poster@city.go.kr\"\nusername = \"poster\"\n"
      "password_env = \"POSTER_SMTP_PASSWORD\"\n",
      "contest.toml");
  REQUIRE(good.ok());
  CHECK(good->mail.security == gallery::MailSecurity::kStartTls);
  CHECK(good->mail.password.env == "POSTER_SMTP_PASSWORD");
}

}  // namespace poster::testing
