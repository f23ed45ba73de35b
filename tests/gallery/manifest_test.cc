// Manifests as spreadsheets save them: BOM, CRLF, quotes, Korean; mistakes by line.
#include "tests/gallery/fixtures.h"

using namespace poster;
using namespace poster::testing;

TEST_CASE("a manifest from a spreadsheet is read with every declared field",
          "[gallery][manifest]") {
  TempDir dir;
  WriteText(
      dir / "list.csv",
      "\xEF\xBB\xBFinput,author,title,theme,ai_tools,prompt\r\n"
      "a.png,E1001,\"AI로 여는 시민행복, 함께\",시민행복,\"Midjourney, "
      "Photoshop\",\"\"\"빛나는\"\" 시청\"\r\n"
      "\r\n"
      "sub/b.jpg,E1002,,균형발전,,\r\n"
      "https://example.org/c.webp,E1003,링크 포스터,시민소통,Firefly,\"여러 줄\n프롬프트\"\r\n");
  gallery::Submission defaults;
  defaults.author = "operator";
  Result<std::vector<gallery::IntakeItem>> items =
      gallery::ReadManifest(dir / "list.csv", defaults);
  REQUIRE(items.ok());
  REQUIRE(items->size() == 3);
  const gallery::IntakeItem& a = (*items)[0];
  CHECK(a.input == (dir / "a.png").string());  // relative to the manifest's folder
  CHECK(a.submission.author == "E1001");
  CHECK(a.submission.title == "AI로 여는 시민행복, 함께");
  CHECK(a.submission.ai_tools == "Midjourney, Photoshop");
  CHECK(a.submission.prompt == "\"빛나는\" 시청");
  CHECK((*items)[1].submission.title == "b");  // an empty title falls back to the file's stem
  CHECK((*items)[2].input == "https://example.org/c.webp");
  CHECK((*items)[2].submission.prompt == "여러 줄\n프롬프트");
}

TEST_CASE("manifest mistakes are manifest_invalid with line and column", "[gallery][manifest]") {
  TempDir dir;
  auto problem = [&](const std::string& text) {
    WriteText(dir / "m.csv", text);
    return gallery::ReadManifest(dir / "m.csv", gallery::Submission()).status();
  };
  Status unknown = problem("input,titel\na.png,x\n");
  CHECK(unknown.code() == "manifest_invalid");
  CHECK(unknown.detail("line") == "1");
  CHECK(unknown.detail("column") == "2");
  CHECK_THAT(unknown.message(), Catch::Contains("titel"));

  CHECK(problem("title\nx\n").code() == "manifest_invalid");  // no input column
  Status open_quote = problem("input,title\na.png,ok\nb.png,\"never closed\n");
  CHECK(open_quote.detail("line") == "3");
  Status fields = problem("input,title\na.png,x,extra\n");
  CHECK(fields.detail("line") == "2");
  Status cp949 = problem("input,title\na.png,\xC7\xD1\xB1\xDB\n");  // "한글" in CP949
  CHECK(cp949.code() == "manifest_invalid");
  CHECK_THAT(cp949.message(), Catch::Contains("UTF-8"));
  CHECK(problem("").code() == "manifest_invalid");
}
