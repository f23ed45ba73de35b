// The poster command, driven from outside: inputs in, JSON lines and exit codes out.
#include <nlohmann/json.hpp>

#include <catch2/catch.hpp>
#include <map>

#include "tests/support/process.h"
#include "tests/support/synth.h"
#include "tests/support/test_support.h"

using namespace poster::testing;
using nlohmann::json;
namespace fs = std::filesystem;

namespace {

std::vector<json> JsonLines(const Finished& run) {
  std::vector<json> objects;
  for (const std::string& line : run.lines()) objects.push_back(json::parse(line));
  return objects;
}

std::vector<std::string> Sources(const json& result) {
  std::vector<std::string> sources;
  for (const json& marker : result["provenance"]["markers"]) sources.push_back(marker["source"]);
  return sources;
}

std::string Samples() { return (SourceDir() / "assets" / "samples").string(); }

}  // namespace

TEST_CASE("the sample posters go in with the facts each one was made to show", "[cli][ingest]") {
  TempDir dir;
  Finished run = RunPoster({"ingest", "--data", dir.path().string(), "--json", "--jobs", "2",
                            "--manifest", Samples() + "/manifest.csv"});
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  std::vector<json> results = JsonLines(run);
  REQUIRE(results.size() == 6);
  std::map<std::string, json> by_file;
  for (const json& result : results) {
    CHECK(result["status"] == "accepted");
    by_file[fs::path(result["input"].get<std::string>()).filename().string()] = result;
  }
  CHECK(Sources(by_file["01-citizen-happiness.png"]) == std::vector<std::string>{"png:parameters"});
  CHECK(Sources(by_file["02-balanced-growth.jpg"]) ==
        std::vector<std::string>{"xmp:DigitalSourceType"});
  CHECK(Sources(by_file["03-world-class-city.webp"]) == std::vector<std::string>{"c2pa"});
  CHECK(Sources(by_file["04-citizen-communication.jpg"]) ==
        std::vector<std::string>{"exif:Software"});
  CHECK(by_file["04-citizen-communication.jpg"]["qr_urls"] ==
        json::array({"https://innovation.example.go.kr/poster-contest"}));
  CHECK(by_file["05-creative-administration.png"]["flags"] == json::array({"no_ai_provenance"}));
  CHECK(by_file["05-creative-administration.png"]["title"] == "생성형 AI 창조행정");
  json copy = by_file["06-citizen-happiness-copy.jpg"];
  CHECK(copy["near_duplicate_of"] == json::array({by_file["01-citizen-happiness.png"]["entry"]}));
  for (const json& thumbnail : by_file["02-balanced-growth.jpg"]["thumbnails"]) {
    CHECK(fs::exists(thumbnail["path"].get<std::string>()));
  }
  CHECK_THAT(run.err, Catch::Contains("접수 6건"));
}

TEST_CASE("exit status 1 when any input is refused, each refusal with its code and Korean message",
          "[cli][ingest]") {
  TempDir dir;
  WriteText(dir / "not-a-poster.png", "GIF89a this is really a GIF");
  Finished run = RunPoster({"ingest", "--data", (dir / "data").string(), "--json",
                            Samples() + "/05-creative-administration.png",
                            (dir / "not-a-poster.png").string()});
  REQUIRE(run.exit_code == 1);
  std::vector<json> results = JsonLines(run);
  REQUIRE(results.size() == 2);
  CHECK(results[0]["status"] == "accepted");
  CHECK(results[1]["status"] == "rejected");
  CHECK(results[1]["code"] == "unsupported_format");
  CHECK_THAT(results[1]["message"].get<std::string>(), Catch::Contains("GIF 형식"));
  CHECK_THAT(results[1]["message_en"].get<std::string>(), Catch::Contains("This file is GIF"));
}

TEST_CASE("the same upload twice is refused the second time as duplicate", "[cli][ingest]") {
  TempDir dir;
  std::string poster = Samples() + "/03-world-class-city.webp";
  REQUIRE(RunPoster({"ingest", "--data", dir.path().string(), poster}).exit_code == 0);
  Finished again =
      RunPoster({"ingest", "--data", dir.path().string(), "--json", "--lang", "en", poster});
  CHECK(again.exit_code == 1);
  json result = JsonLines(again).at(0);
  CHECK(result["code"] == "duplicate");
  CHECK(result["details"]["entry"] == "1");
  CHECK_THAT(result["message"].get<std::string>(),
             Catch::StartsWith("This exact file is already entry 1"));
}

TEST_CASE("ingest takes no --config of its own: the contest's stored one governs uploads",
          "[cli][ingest]") {
  TempDir dir;
  WriteText(dir / "contest.toml", "[ingest]\nmin_short_side = 100\n");
  Finished run = RunPoster({"ingest", "--data", (dir / "data").string(), "--config",
                            (dir / "contest.toml").string(), Samples()});
  CHECK(run.exit_code == 2);
  CHECK_THAT(run.err, Catch::Contains("poster contest init --config"));
  CHECK_FALSE(fs::exists(dir / "data"));  // nothing was touched
}

TEST_CASE("exit status 2 for usage mistakes", "[cli][ingest]") {
  TempDir dir;
  CHECK(RunPoster({"ingest", "--data", dir.path().string()}).exit_code == 2);  // no inputs
  CHECK(RunPoster({"ingest", "--no-such-option", "x.png"}).exit_code == 2);
  CHECK(RunPoster({"ingest", "--jobs", "0", "x.png"}).exit_code == 2);
  CHECK(RunPoster({"frobnicate"}).exit_code == 2);
  WriteText(dir / "bad.csv", "input,titel\na.png,x\n");
  Finished manifest = RunPoster(
      {"ingest", "--data", dir.path().string(), "--manifest", (dir / "bad.csv").string()});
  CHECK(manifest.exit_code == 2);
  CHECK_THAT(manifest.err, Catch::Contains("manifest_invalid") && Catch::Contains("bad.csv") &&
                               Catch::Contains("1번째 줄 2번째 칸") && Catch::Contains("titel"));
}

TEST_CASE("show prints an entry the way ingest printed it", "[cli][show]") {
  TempDir dir;
  Finished ingest =
      RunPoster({"ingest", "--data", dir.path().string(), "--json", "--title", "한글 제목",
                 "--theme", "시민소통", Samples() + "/04-citizen-communication.jpg"});
  REQUIRE(ingest.exit_code == 0);
  json stored = JsonLines(ingest).at(0);
  Finished show = RunPoster({"show", "--data", dir.path().string(), "--json", "1"});
  REQUIRE(show.exit_code == 0);
  json shown = JsonLines(show).at(0);
  for (const char* key :
       {"entry", "title", "theme", "sha256", "flags", "provenance", "qr", "thumbnails"}) {
    INFO(key);
    CHECK(shown[key] == stored[key]);
  }
  CHECK(shown["title"] == "한글 제목");
  Finished human = RunPoster({"show", "--data", dir.path().string(), "1"});
  CHECK_THAT(human.out,
             Catch::Contains("한글 제목") && Catch::Contains("https://innovation.example.go.kr"));
  CHECK(RunPoster({"show", "--data", dir.path().string(), "42"}).exit_code == 1);
}

TEST_CASE("config check prints the size limits that ingest holds posters to", "[cli][config]") {
  TempDir dir;
  WriteText(dir / "contest.toml", "[ingest]\nmax_side = 9000\nmax_megapixels = 12.5\n");
  Finished run =
      RunPoster({"config", "check", "--json", "--config", (dir / "contest.toml").string()});
  REQUIRE(run.exit_code == 0);
  json effective = json::parse(run.out);
  CHECK(effective["ingest"]["max_side"] == 9000);
  CHECK(effective["ingest"]["max_pixels"] == 12500000);
  CHECK_FALSE(effective.contains("decoder_limits"));
}

TEST_CASE("a Korean file name becomes the title", "[cli][ingest]") {
  TempDir dir;
  fs::copy_file(Samples() + "/02-balanced-growth.jpg", dir / "균형발전 포스터.jpg");
  Finished run = RunPoster({"ingest", "--data", (dir / "data").string(), "--json",
                            (dir / "균형발전 포스터.jpg").string()});
  REQUIRE(run.exit_code == 0);
  CHECK(JsonLines(run).at(0)["title"] == "균형발전 포스터");
}

TEST_CASE("options with several values never take the inputs for theirs", "[cli][ingest]") {
  TempDir dir;
  std::string data = (dir / "data").string();
  Finished co = RunPoster({"ingest", "--data", data, "--json", "--co-authors", "E2,E3",
                           Samples() + "/05-creative-administration.png"});
  INFO(co.err);
  REQUIRE(co.exit_code == 0);
  CHECK(JsonLines(co).at(0)["co_authors"] == json::array({"E2", "E3"}));

  Finished again = RunPoster({"ingest", "--data", data, "--json", "--co-authors", "E4",
                              "--co-authors", "E5", Samples() + "/02-balanced-growth.jpg"});
  INFO(again.err);
  REQUIRE(again.exit_code == 0);
  CHECK(JsonLines(again).at(0)["co_authors"] == json::array({"E4", "E5"}));

  WriteText(dir / "one.csv", "input,title\n" + Samples() + "/03-world-class-city.webp,도시\n");
  Finished listed =
      RunPoster({"ingest", "--data", data, "--json", "--manifest", (dir / "one.csv").string(),
                 Samples() + "/04-citizen-communication.jpg"});
  INFO(listed.err);
  REQUIRE(listed.exit_code == 0);
  CHECK(JsonLines(listed).size() == 2);
}

TEST_CASE("a title from a file name is cleaned and composed; typed text is composed too",
          "[cli][ingest]") {
  TempDir dir;
  // "균형발전 포스터" as macOS names files: decomposed jamo (NFD).
  const std::string nfd =
      "\xE1\x84\x80\xE1\x85\xB2\xE1\x86\xAB\xE1\x84\x92\xE1\x85\xA7\xE1\x86\xBC\xE1\x84\x87\xE1"
      "\x85\xA1\xE1\x86\xAF\xE1\x84\x8C\xE1\x85\xA5\xE1\x86\xAB\x20\xE1\x84\x91\xE1\x85\xA9\xE1"
      "\x84\x89\xE1\x85\xB3\xE1\x84\x90\xE1\x85\xA5";
  fs::copy_file(Samples() + "/02-balanced-growth.jpg", dir / (nfd + ".jpg"));
  fs::copy_file(Samples() + "/05-creative-administration.png",
                dir / "  city\nposter\t\x01 2026 .png");
  Finished run = RunPoster({"ingest", "--data", (dir / "data").string(), "--json",
                            (dir / (nfd + ".jpg")).string(),
                            (dir / "  city\nposter\t\x01 2026 .png").string()});
  INFO(run.err);
  REQUIRE(run.exit_code == 0);
  std::vector<json> results = JsonLines(run);
  CHECK(results.at(0)["title"] == "균형발전 포스터");
  CHECK(results.at(1)["title"] == "city poster 2026");

  // "시민행복", one of the contest's themes, decomposed: it matches once composed.
  const std::string nfd_theme =
      "\xE1\x84\x89\xE1\x85\xB5\xE1\x84\x86\xE1\x85\xB5\xE1\x86\xAB\xE1\x84\x92\xE1\x85\xA2\xE1"
      "\x86\xBC\xE1\x84\x87\xE1\x85\xA9\xE1\x86\xA8";
  Finished typed =
      RunPoster({"ingest", "--data", (dir / "data2").string(), "--json", "--title", nfd, "--theme",
                 nfd_theme, "--ai-tools", "Cafe\xCC\x81", Samples() + "/03-world-class-city.webp"});
  INFO(typed.out);
  REQUIRE(typed.exit_code == 0);
  CHECK(JsonLines(typed).at(0)["title"] == "균형발전 포스터");
  CHECK(JsonLines(typed).at(0)["theme"] == "시민행복");
  CHECK(JsonLines(typed).at(0)["ai_tools"] == "Caf\xC3\xA9");
}

TEST_CASE("a title refused because of the file's name says so, in Korean too", "[cli][ingest]") {
  TempDir dir;
  fs::copy_file(Samples() + "/05-creative-administration.png", dir / "\n\t.png");
  Finished run = RunPoster(
      {"ingest", "--data", (dir / "data").string(), "--json", (dir / "\n\t.png").string()});
  REQUIRE(run.exit_code == 1);
  json result = JsonLines(run).at(0);
  CHECK(result["code"] == "invalid_metadata");
  CHECK(result["details"]["field"] == "title");
  CHECK(result["details"]["from"] == "file_name");
  CHECK_THAT(result["message_en"].get<std::string>(), Catch::Contains("file's name"));
  CHECK_THAT(result["message"].get<std::string>(), Catch::Contains("파일 이름에서 가져온 제목"));

  Finished typed = RunPoster({"ingest", "--data", (dir / "data").string(), "--json", "--title",
                              "line\nbreak", Samples() + "/05-creative-administration.png"});
  REQUIRE(typed.exit_code == 1);
  CHECK_FALSE(JsonLines(typed).at(0)["details"].contains("from"));
}

TEST_CASE("links without a host are refused as invalid_url", "[cli][ingest]") {
  TempDir dir;
  Finished run = RunPoster(
      {"ingest", "--data", (dir / "data").string(), "--json", "http://", "http:///x.png"});
  REQUIRE(run.exit_code == 1);
  for (const json& result : JsonLines(run)) CHECK(result["code"] == "invalid_url");
}
