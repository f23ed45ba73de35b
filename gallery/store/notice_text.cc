// The texts of the notices: Korean first, English beside it, plain text. The
// words a person typed (titles, reasons, names) go in as they are; the mailer
// keeps them out of the headers' structure.
#include <algorithm>

#include "gallery/store/notices.h"

namespace poster::gallery {
namespace {

struct NoticeWords {
  std::string ko;
  std::string en;
};

// One line: control characters (CR and LF among them) become spaces.
std::string NoticeLine(std::string_view text) {
  std::string line(text);
  std::replace_if(
      line.begin(), line.end(), [](char c) { return static_cast<unsigned char>(c) < 0x20; }, ' ');
  return line;
}

std::string NoticeSubject(const NoticeContext& context, const NoticeWords& words) {
  return NoticeLine("[" + context.config->name + "] " + words.ko + " / " + words.en);
}

std::string NoticeGreeting(const NoticeContext& context) {
  return context.name.empty() ? "안녕하세요.\n" : context.name + "님, 안녕하세요.\n";
}

std::string NoticeFooter(const NoticeContext& context, bool optional) {
  const ContestConfig& config = *context.config;
  std::string footer =
      "\n-- \n" + config.name + " / " + config.name_en + "\n" + config.mail.site_url + "\n";
  if (optional) {
    footer +=
        "이 알림을 받지 않으려면 / To stop these notices: " + config.mail.site_url + "/#/notices\n";
  }
  return footer;
}

Notice ComposeNotice(const NoticeContext& context, std::string_view kind,
                     const NoticeWords& subject, const NoticeWords& text, bool optional) {
  Notice notice;
  notice.kind = std::string(kind);
  notice.subject = NoticeSubject(context, subject);
  notice.body = NoticeGreeting(context) + "\n" + text.ko + "\n\n---- English ----\n\n" + text.en +
                "\n" + NoticeFooter(context, optional);
  notice.optional = optional;
  notice.event = {{"kind", notice.kind}, {"subject", notice.subject}};
  return notice;
}

NoticeWords EntryWords(std::string_view kind) {
  if (kind == "entry_received") return {"출품작 접수", "Entry received"};
  if (kind == "entry_approved") return {"출품작 승인", "Entry approved"};
  if (kind == "entry_rejected") return {"출품작 반려", "Entry rejected"};
  return {"출품작 수정 요청", "Changes requested"};
}

NoticeWords EntryText(std::string_view kind) {
  if (kind == "entry_received") {
    return {"출품작이 접수되었습니다. 검토가 끝나면 다시 알려 드립니다.",
            "Your entry was received. We will write again when it has been reviewed."};
  }
  if (kind == "entry_approved") {
    return {"출품작이 승인되어 갤러리에 게시되었습니다.",
            "Your entry was approved and is now in the gallery."};
  }
  if (kind == "entry_rejected") {
    return {"출품작이 반려되었습니다.", "Your entry was rejected."};
  }
  return {"검토자가 출품작의 수정을 요청했습니다. 접수 기간 안에 새 파일을 올려 주세요.",
          "A moderator asked for changes to your entry. Upload a new file while submission "
          "is open."};
}

}  // namespace

Notice InvitationNotice(const NoticeContext& context, std::string_view link) {
  NoticeWords text{
      "공모전 사이트에서 처음 사용할 비밀번호를 정해 주세요. 아래 링크는 한 번만 쓸 수 "
      "있고 14일 동안 유효합니다.\n" +
          std::string(kLinkMark),
      "You are invited to the contest's site: set your first password with the link "
      "below (it works once, for 14 days).\n" +
          std::string(kLinkMark)};
  Notice notice = ComposeNotice(context, "invitation", {"초대", "Invitation"}, text, false);
  notice.secret = std::string(link);
  return notice;
}

Notice PasswordResetNotice(const NoticeContext& context, std::string_view link) {
  NoticeWords text{
      "비밀번호를 다시 정하려면 아래 링크를 여세요. 링크는 한 번만 쓸 수 있고 1시간 "
      "동안 유효합니다. 요청하지 않으셨다면 이 메일을 무시하세요.\n" +
          std::string(kLinkMark),
      "To set a new password, open the link below (it works once, for an hour). If "
      "you did not ask for it, ignore this e-mail.\n" +
          std::string(kLinkMark)};
  Notice notice =
      ComposeNotice(context, "password_reset", {"비밀번호 재설정", "Password reset"}, text, false);
  notice.secret = std::string(link);
  notice.event = nullptr;  // nothing for the messenger
  return notice;
}

Notice EntryNotice(const NoticeContext& context, std::string_view kind, int64_t entry,
                   std::string_view title, std::string_view reason) {
  NoticeWords text = EntryText(kind);
  std::string shown = NoticeLine(title);
  std::string link = context.config->mail.site_url + "/#/entry/" + std::to_string(entry);
  text.ko = "출품작: " + shown + "\n\n" + text.ko;
  text.en = "Entry: " + shown + "\n\n" + text.en;
  if (!reason.empty()) {
    text.ko += "\n\n검토 의견:\n" + std::string(reason);
    text.en += "\n\nThe moderator wrote:\n" + std::string(reason);
  }
  text.ko += "\n\n" + link;
  text.en += "\n\n" + link;
  NoticeWords subject = EntryWords(kind);
  subject.ko += ": " + shown;
  subject.en += ": " + shown;
  Notice notice = ComposeNotice(context, kind, subject, text, false);
  notice.event["entry"] = entry;
  notice.event["title"] = std::string(title);
  return notice;
}

Notice ContestNotice(const NoticeContext& context, std::string_view kind, std::string_view when_ko,
                     std::string_view when_en) {
  std::string site = context.config->mail.site_url;
  NoticeWords subject{"결과 발표", "Results announced"}, text;
  if (kind == "voting_opens") {
    subject = {"투표 시작", "Voting is open"};
    text = {"직원 투표가 시작되었습니다. 마음에 드는 포스터에 투표해 주세요.\n" + site,
            "Staff voting is open: vote for the posters you like.\n" + site};
  } else if (kind == "voting_closes_soon") {
    subject = {"투표 마감 임박", "Voting closes soon"};
    text = {"직원 투표가 곧 마감됩니다(" + std::string(when_ko) + ").\n" + site,
            "Staff voting closes soon (" + std::string(when_en) + ").\n" + site};
  } else {
    text = {"수상작이 발표되었습니다.\n" + site + "/#/results",
            "The winners have been announced.\n" + site + "/#/results"};
  }
  return ComposeNotice(context, kind, subject, text, true);
}

}  // namespace poster::gallery
