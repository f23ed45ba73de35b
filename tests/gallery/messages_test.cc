// Every code speaks Korean, with its figures filled in.
#include "assets/assets.h"
#include "base/text.h"
#include "tests/gallery/fixtures.h"

using namespace poster;
using namespace poster::testing;

TEST_CASE("every error code has a Korean message", "[gallery][messages]") {
  for (std::string_view code : ingest::kAllCodes) {
    INFO(code);
    CHECK(gallery::HasTranslation(code));
  }
  for (std::string_view code : gallery::kAllCodes) {
    INFO(code);
    CHECK(gallery::HasTranslation(code));
  }
  for (std::string_view code : voting::kAllCodes) {
    INFO(code);
    CHECK(gallery::HasTranslation(code));
  }
}

TEST_CASE("rejections read in Korean with their figures, and in English on request",
          "[gallery][messages]") {
  std::vector<uint8_t> gif = {'G', 'I', 'F', '8', '9', 'a', 1, 0, 1, 0};
  Status unsupported = ingest::Process(gif, ingest::Settings()).status();
  std::string korean = gallery::Localize(unsupported, gallery::Language::kKorean);
  CHECK_THAT(korean, Catch::Contains("GIF") && Catch::Contains("PNG, JPEG, WebP"));
  CHECK(gallery::Localize(unsupported, gallery::Language::kEnglish) == unsupported.message());

  synth::PosterSpec spec;
  spec.width = 1273;
  spec.height = 900;
  Status landscape =
      ingest::Process(synth::Encode(synth::DrawPoster(spec), ".png"), ingest::Settings()).status();
  std::string aspect = gallery::Localize(landscape, gallery::Language::kKorean);
  CHECK_THAT(aspect,
             Catch::Contains("1273×900") && Catch::Contains("가로형") && Catch::Contains("세로형"));
  CHECK(aspect.find('{') == std::string::npos);
}

TEST_CASE("translated details fill placeholders of their own", "[gallery][messages]") {
  Status too_long("invalid_metadata", "The title is 201 characters; at most 200 are allowed.",
                  {{"field", "title"}, {"problem", "too_long"}, {"max", "200"}});
  CHECK(gallery::Localize(too_long, gallery::Language::kKorean) ==
        "제목 항목이 너무 깁니다(최대 200자).");
  Status corrupt("corrupt", "The PNG file is damaged: ...",
                 {{"format", "PNG"}, {"reason", "truncated"}});
  CHECK_THAT(gallery::Localize(corrupt, gallery::Language::kKorean),
             Catch::StartsWith("PNG 파일이 손상되었습니다: 파일이 끝까지 저장되지 않았습니다"));
}

TEST_CASE("a message whose figures are missing falls back to a plainer form",
          "[gallery][messages]") {
  Status bare("file_too_large", "The file is larger than the limit of 50.0 MB.",
              {{"max_megabytes", "50.0"}});
  CHECK(gallery::Localize(bare, gallery::Language::kKorean) ==
        "파일 크기가 제한(50.0MB)을 넘습니다. 파일을 더 작게 저장해 주세요.");
  Status unknown("no_such_code", "Something English.");
  CHECK(gallery::Localize(unknown, gallery::Language::kKorean) == "Something English.");
}

TEST_CASE("Korean particles follow the last sound of the word before them", "[gallery][messages]") {
  CHECK(KoreanParticle("포스터", "을") == "를");
  CHECK(KoreanParticle("작품", "를") == "을");
  CHECK(KoreanParticle("김민지", "은") == "는");
  CHECK(KoreanParticle("한시민", "는") == "은");
  CHECK(KoreanParticle("심사 점수", "으로") == "로");
  CHECK(KoreanParticle("서울", "으로") == "로");  // a final ㄹ takes 로
  CHECK(KoreanParticle("부산항", "로") == "으로");
  CHECK(KoreanParticle("「시민 행복」", "이") == "이");  // closing brackets are skipped
  CHECK(KoreanParticle("E1001", "은") == "은");          // 일
  CHECK(KoreanParticle("E1002", "은") == "는");          // 이
  CHECK(KoreanParticle("10", "가") == "이");             // 십
  CHECK(KoreanParticle("PNG", "을") == "를");            // 지
  CHECK(KoreanParticle("HTML", "으로") == "로");         // 엘
  CHECK(KoreanParticle("ABC", "와") == "와");
  CHECK(KoreanParticle("상", "와") == "과");
  CHECK(KoreanParticle("단어", "에게") == "에게");  // not a pair: as given
}

TEST_CASE("counts are written in groups of three digits", "[gallery][messages]") {
  CHECK(GroupDigits(0) == "0");
  CHECK(GroupDigits(999) == "999");
  CHECK(GroupDigits(1000) == "1,000");
  CHECK(GroupDigits(4999) == "4,999");
  CHECK(GroupDigits(1234567) == "1,234,567");
  CHECK(GroupDigits(UINT64_MAX) == "18,446,744,073,709,551,615");
}

TEST_CASE("a message with a particle after a figure takes the form the figure needs",
          "[gallery][messages]") {
  Status consonant("not_on_roster", "E1001 is not on the roster.", {{"person", "E1001"}});
  Status vowel("not_on_roster", "E1002 is not on the roster.", {{"person", "E1002"}});
  CHECK_THAT(gallery::Localize(consonant, gallery::Language::kKorean),
             Catch::StartsWith("E1001은 공모전 명단에 없습니다."));
  CHECK_THAT(gallery::Localize(vowel, gallery::Language::kKorean),
             Catch::StartsWith("E1002는 공모전 명단에 없습니다."));
  Status transition("invalid_transition", "...", {{"from", "withdrawn"}, {"action", "approve"}});
  CHECK(gallery::Localize(transition, gallery::Language::kKorean) ==
        "철회 상태인 작품은 승인을 할 수 없습니다.");
}

TEST_CASE("no Korean message falls back to doubled particles or prints English",
          "[gallery][messages]") {
  std::optional<std::string_view> text = assets::Find("i18n/ko.json");
  REQUIRE(text);
  for (const char* doubled : {"을(를)", "은(는)", "이(가)", "(으)로", "과(와)"})
    CHECK(text->find(doubled) == std::string_view::npos);
  // {message} is the English message: a Korean form never quotes it.
  CHECK(text->find("{message}") == std::string_view::npos);
}
