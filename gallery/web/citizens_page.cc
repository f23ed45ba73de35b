// The citizens' page /p/N (issue 12; docs/web.md "The citizens' page"): what a
// visitor sees after scanning a poster's QR code in the hall. Served as one
// small HTML page (not the single-page app) with the 640 px WebP thumbnail, so
// that page and poster stay under 150 KB on a phone's mobile data. Every text
// taken from an entry is escaped; the page's only script and style are inline,
// allowed by their hashes in this page's own Content-Security-Policy.
#include <sodium.h>

#include "gallery/web/citizens.h"

namespace poster::gallery::web {
namespace {

using nlohmann::json;

constexpr const char* kPageStyle =
    "body{margin:0;font-family:system-ui,sans-serif;background:#f6f6f4;color:#1b1b1b;"
    "word-break:keep-all;overflow-wrap:anywhere}main{max-width:640px;margin:0 auto;padding:12px}"
    "img{width:100%;height:auto;background:#ddd;display:block}h1{font-size:1.4rem;margin:12px 0 "
    "4px}"
    "p{margin:4px 0}.meta{color:#555}button{font-size:1.2rem;padding:12px 20px;margin:12px 0;"
    "border:2px solid #c2185b;border-radius:24px;background:#fff;color:#c2185b;min-width:44px}"
    "button[aria-pressed=true]{background:#c2185b;color:#fff}#count{font-size:1.2rem;"
    "margin-left:8px}#msg{min-height:1.4em;font-weight:600}nav a{margin-right:12px}";

// The like button's script: POST, then the count or the refusal's message in
// the page's language (the server's error body carries both).
constexpr const char* kPageScript =
    "(function(){var b=document.getElementById('like'),c=document.getElementById('count'),"
    "m=document.getElementById('msg'),en=document.documentElement.lang==='en';"
    "b.addEventListener('click',function(){b.disabled=true;var h={'Content-Type':"
    "'application/json'};if(b.dataset.csrf)h['X-CSRF-Token']=b.dataset.csrf;"
    "fetch(b.dataset.url,{method:'POST',credentials:'same-origin',headers:h,body:'{}'})"
    ".then(function(r){return r.json().then(function(j){return[r.status,j];});})"
    ".then(function(a){var j=a[1];if(a[0]===200){b.setAttribute('aria-pressed','true');"
    "if(j.likes!=null)c.textContent=String(j.likes);m.textContent=b.dataset.done;return;}"
    "m.textContent=(en?j.message_en:j.message)||b.dataset.failed;"
    "if(j.code==='already_liked'){b.setAttribute('aria-pressed','true');return;}"
    "if(j.code!=='likes_closed'&&j.code!=='not_found')b.disabled=false;})"
    ".catch(function(){m.textContent=b.dataset.failed;b.disabled=false;});});})();";

std::string Base64Of(const unsigned char* bytes, size_t size) {
  std::string out(sodium_base64_encoded_len(size, sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes, size, sodium_base64_VARIANT_ORIGINAL);
  out.pop_back();  // the terminating zero
  return out;
}

std::string SourceHash(std::string_view text) {
  unsigned char digest[crypto_hash_sha256_BYTES];
  crypto_hash_sha256(digest, reinterpret_cast<const unsigned char*>(text.data()), text.size());
  return "'sha256-" + Base64Of(digest, sizeof digest) + "'";
}

const std::string& PagePolicy() {
  static const std::string policy =
      "default-src 'none'; img-src 'self'; connect-src 'self'; script-src " +
      SourceHash(kPageScript) + "; style-src " + SourceHash(kPageStyle) +
      "; base-uri 'none'; frame-ancestors 'none'; form-action 'none'";
  return policy;
}

struct PageWords {
  const char* lang;
  const char* like;
  const char* done;
  const char* failed;
  const char* theme;
  const char* details;
  const char* other;  // the toggle to the other language
  const char* other_query;
  const char* missing_title;
  const char* missing;
  const char* hidden;
};

constexpr PageWords kPageKorean = {
    "ko",
    "♥ 좋아요",
    "좋아요를 눌렀습니다. 고맙습니다!",
    "연결이 끊겼습니다. 잠시 뒤에 다시 눌러 주세요.",
    "주제",
    "작품 자세히 보기",
    "English",
    "?lang=en",
    "작품을 찾을 수 없습니다",
    "이 번호의 전시 작품이 없습니다. 포스터 옆의 QR 코드를 다시 찍어 주세요.",
    "작성자 비공개"};
constexpr PageWords kPageEnglish = {
    "en",
    "♥ Like",
    "Liked. Thank you!",
    "No connection; please try again in a moment.",
    "Theme",
    "See the full entry",
    "한국어",
    "?lang=ko",
    "No such poster",
    "No poster on show has this number. Scan the code beside the poster again.",
    "Author not shown"};

const PageWords& PageWordsFor(Language language) {
  return language == Language::kEnglish ? kPageEnglish : kPageKorean;
}

std::string PageHead(const PageWords& words, const std::string& title) {
  return "<!doctype html><html lang=\"" + std::string(words.lang) +
         "\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" "
         "content=\"width=device-width,initial-scale=1\"><title>" +
         title + "</title><style>" + kPageStyle + "</style></head><body><main>";
}

// The thumbnail 640 px wide, or the widest below it, or the narrowest there is.
const json* Thumbnail640(const json& card) {
  const json* best = nullptr;
  if (!card.contains("thumbnails") || !card["thumbnails"].is_array()) return best;
  for (const json& t : card["thumbnails"]) {  // the card's own elements: `best` points into it
    int width = t.value("width", 0);
    int chosen = best ? best->value("width", 0) : 0;
    if (!best || (width <= 640 && (width > chosen || chosen > 640)) ||
        (chosen > 640 && width < chosen))
      best = &t;
  }
  return best;
}

std::string CardText(const json& card, const char* key) {
  return card.contains(key) && card[key].is_string() ? card[key].get<std::string>() : "";
}

std::string PosterHtml(const json& card, const PageWords& words) {
  std::string html;
  if (const json* thumb = Thumbnail640(card)) {
    std::string alt =
        CardText(card, "alt_text").empty() ? CardText(card, "title") : CardText(card, "alt_text");
    html += "<img src=\"" + HtmlEscape(CardText(*thumb, "url")) + "\" width=\"" +
            std::to_string(thumb->value("width", 0)) + "\" height=\"" +
            std::to_string(thumb->value("height", 0)) + "\" alt=\"" + HtmlEscape(alt) + "\">";
  }
  html += "<h1 data-testid=\"title\">" + HtmlEscape(CardText(card, "title")) + "</h1>";
  std::string author = CardText(card, "author_name");
  if (!author.empty() && !CardText(card, "department").empty())
    author += " · " + CardText(card, "department");
  html += "<p class=\"meta\" data-testid=\"author\">" +
          (card.contains("author_name") ? HtmlEscape(author) : std::string(words.hidden)) + "</p>";
  html += "<p class=\"meta\">" + std::string(words.theme) + ": " +
          HtmlEscape(CardText(card, "theme")) + "</p>";
  return html;
}

}  // namespace

std::string HtmlEscape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out += c;
    }
  }
  return out;
}

Language PageLanguage(const httplib::Request& request) {
  if (request.has_param("lang")) {
    return request.get_param_value("lang") == "en" ? Language::kEnglish : Language::kKorean;
  }
  std::string accepted = request.get_header_value("Accept-Language");
  bool english = accepted.rfind("en", 0) == 0;  // the reader's first language
  return english ? Language::kEnglish : Language::kKorean;
}

std::string CitizenPageHtml(const CitizenPageFacts& facts, Language language) {
  const PageWords& words = PageWordsFor(language);
  const json& card = facts.card;
  std::string id = std::to_string(facts.entry);
  std::string html =
      PageHead(words, HtmlEscape(CardText(card, "title")) + " · " + HtmlEscape(facts.contest));
  html += PosterHtml(card, words);
  html +=
      "<p><button id=\"like\" type=\"button\" aria-pressed=\"false\" data-testid=\"like\" "
      "data-url=\"/api/citizen/like/" +
      id + "\" data-done=\"" + words.done + "\" data-failed=\"" + words.failed + "\"" +
      (facts.csrf.empty() ? "" : " data-csrf=\"" + HtmlEscape(facts.csrf) + "\"") + ">" +
      words.like + "</button><span id=\"count\" data-testid=\"count\">" +
      (facts.likes ? std::to_string(*facts.likes) : "") + "</span></p>";
  html += "<p id=\"msg\" role=\"status\" aria-live=\"polite\" data-testid=\"message\"></p>";
  html += "<nav><a href=\"/#/entry/" + id + "\">" + words.details + "</a><a href=\"/p/" + id +
          words.other_query + "\">" + words.other + "</a></nav>";
  return html + "</main><script>" + kPageScript + "</script></body></html>";
}

std::string CitizenMissingHtml(Language language) {
  const PageWords& words = PageWordsFor(language);
  return PageHead(words, words.missing_title) + "<h1>" + words.missing_title + "</h1><p>" +
         words.missing + "</p><nav><a href=\"/\">" +
         (language == Language::kEnglish ? "Gallery" : "갤러리") +
         "</a></nav></main></body></html>";
}

void SendCitizenHtml(Call& call, int status, const std::string& html) {
  call.response.status = status;
  // In place of the server's policy (set on every answer before the handler
  // runs), not beside it: a browser would enforce both.
  call.response.headers.erase("Content-Security-Policy");
  call.response.set_header("Content-Security-Policy", PagePolicy());
  call.response.set_header("Cache-Control", "no-store");
  call.response.set_content(html, "text/html; charset=utf-8");
}

}  // namespace poster::gallery::web
