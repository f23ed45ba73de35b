// Every code speaks Korean, with its figures filled in.
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
