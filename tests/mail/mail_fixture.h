// A contest with [mail] pointing at a real SMTP server on 127.0.0.1 (smtp_sink.h),
// a roster with addresses, and a clock the test moves.
#pragma once

#include "tests/gallery/contest_fixture.h"
#include "tests/mail/smtp_sink.h"
#include "tests/support/test_database.h"

namespace poster::testing {

inline constexpr const char* kMailRoster =
    "employee_id,name,department,email,roles\n"
    "A1,관리자,혁신정책과,a1@city.go.kr,admin;employee\n"
    "M1,검토자하나,혁신정책과,m1@city.go.kr,moderator;employee\n"
    "E1,작가하나,민원봉사과,e1@city.go.kr,employee\n"
    "E2,작가둘,균형발전과,e2@city.go.kr,employee\n"
    "V1,투표하나,세정과,v1@city.go.kr,employee\n"
    "V2,투표둘,회계과,,employee\n"
    "J1,심사하나,외부,j1@example.org,judge\n";

inline std::string MailToml(int port, const std::string& extra = "") {
  return std::string(kContestToml) +
         "[mail]\nenabled = true\nhost = \"127.0.0.1\"\nport = " + std::to_string(port) +
         "\nstarttls = \"none\"\nfrom_address = \"poster@city.go.kr\"\n"
         "from_name = \"AI 포스터 공모전\"\nsite_url = \"https://poster.city.go.kr/\"\n"
         "timeout_seconds = 5\n" +
         extra;
}

class MailContest {
 public:
  explicit MailContest(const std::string& extra = "", const char* roster = kMailRoster)
      : clock_(KoreaTime(3, 10)) {
    catalogue_.emplace(*gallery::Catalogue::Open(data(), clock_, DatabaseFor(data().string())));
    REQUIRE(catalogue_->InitContest(MailToml(smtp_.port(), extra), "test.toml", "operator").ok());
    WriteText(dir_ / "roster.csv", roster);
    Result<gallery::RosterImport> imported =
        catalogue_->ImportRoster(dir_ / "roster.csv", "operator");
    INFO(imported.status().message());
    REQUIRE(imported.ok());
  }

  gallery::Catalogue& catalogue() { return *catalogue_; }
  FakeClock& clock() { return clock_; }
  SmtpSink& smtp() { return smtp_; }
  std::filesystem::path data() const { return dir_.path() / "data"; }
  const TempDir& dir() const { return dir_; }

  int64_t Submit(const std::string& author, uint32_t seed, const std::string& title = "") {
    gallery::Submission submission =
        Declared(title.empty() ? "포스터 " + std::to_string(seed) : title, author);
    Result<gallery::Entry> entry = catalogue_->Add(IngestedPoster(seed), submission, author);
    REQUIRE(entry.ok());
    return entry->id;
  }

  gallery::SendReport Send() {
    Result<gallery::SendReport> report = gallery::SendDueMessages(*catalogue_);
    REQUIRE(report.ok());
    return *report;
  }

  std::vector<gallery::OutboxMessage> Outbox() {
    Result<gallery::OutboxListing> listing = catalogue_->Outbox("operator", 1000);
    REQUIRE(listing.ok());
    return listing->messages;
  }

 private:
  TempDir dir_;
  FakeClock clock_;
  SmtpSink smtp_;
  std::optional<gallery::Catalogue> catalogue_;
};

// The invitation token in a mail's body (after "/#/invite/").
inline std::string TokenIn(const std::string& body) {
  size_t at = body.find("/#/invite/");
  if (at == std::string::npos) return "";
  at += 10;
  size_t end = body.find_first_of("\r\n ", at);
  return body.substr(at, end - at);
}

}  // namespace poster::testing
