// make_samples DIR: writes the sample posters of assets/samples/ and their
// manifest. Deterministic: running it again gives the same bytes.
//
// Each sample shows something the contest handles: AI provenance in each of the
// places generators leave it, a QR code on the poster, a poster with no
// provenance at all, and a re-encoded copy that is flagged as a near-duplicate.
#include <filesystem>
#include <fstream>
#include <iostream>
#include <opencv2/imgproc.hpp>

#include "tests/support/synth.h"

namespace fs = std::filesystem;
using namespace poster::synth;

namespace {

constexpr int kWidth = 840, kHeight = 1188;  // A-series proportions, short side over 800

struct Sample {
  std::string file;
  std::string author;
  std::string title;
  std::string theme;
  std::string ai_tools;
  std::string prompt;
};

void Write(const fs::path& path, const Bytes& bytes) {
  std::ofstream out(path, std::ios::binary);
  out.write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
}

cv::Mat Poster(uint32_t seed, const std::string& title, const std::vector<std::string>& lines,
               std::optional<std::string> qr = std::nullopt) {
  PosterSpec spec;
  spec.width = kWidth;
  spec.height = kHeight;
  spec.seed = seed;
  spec.title = title;
  spec.lines = lines;
  spec.qr_payload = std::move(qr);
  return DrawPoster(spec);
}

std::string Quoted(const std::string& field) {
  std::string out = "\"";
  for (char c : field) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: make_samples DIR\n";
    return 2;
  }
  fs::path dir = argv[1];
  fs::create_directories(dir);

  const std::string a1111 =
      "city hall lobby poster, citizens smiling, warm light\nNegative prompt: blurry\n"
      "Steps: 28, Sampler: DPM++ 2M Karras, CFG scale: 6, Seed: 1234, Model: sdxl_base";
  cv::Mat happiness =
      Poster(11, "AI로 여는 시민행복", {"민원 대기 시간 40% 단축", "24시간 AI 민원 상담"});
  Write(dir / "01-citizen-happiness.png",
        PngInsertChunk(Encode(happiness, ".png"), "tEXt", PngText("parameters", a1111)));

  Write(
      dir / "02-balanced-growth.jpg",
      JpegInsertSegment(
          Encode(Poster(22, "모두가 누리는 균형발전", {"읍면동 데이터 지도", "교통 사각지대 해소"}),
                 ".jpg", 88),
          0xE1,
          XmpApp1(XmpWithSourceType(
              "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia"))));

  Write(dir / "03-world-class-city.webp",
        WebpWithChunks(Encode(Poster(33, "데이터로 그리는 초일류도시",
                                     {"스마트 교차로 120곳", "탄소 배출 실시간 관리"}),
                              ".webp", 85),
                       {{"C2PA", C2paJumbf()}}));

  ExifSpec firefly;
  firefly.software = "Adobe Firefly Image 3";
  Write(dir / "04-citizen-communication.jpg",
        JpegInsertSegment(Encode(Poster(44, "챗봇과 함께하는 시민소통",
                                        {"질문하면 바로 답하는 시청", "QR로 참여하기"},
                                        "https://innovation.example.go.kr/poster-contest"),
                                 ".jpg", 90),
                          0xE1, ExifApp1(Tiff(firefly))));

  Write(dir / "05-creative-administration.png",
        Encode(Poster(55, "생성형 AI 창조행정", {"보고서 초안은 AI가", "판단은 사람이"}), ".png"));

  cv::Mat copy;
  cv::resize(happiness, copy, cv::Size(808, 1143), 0, 0, cv::INTER_AREA);
  Write(dir / "06-citizen-happiness-copy.jpg", Encode(copy, ".jpg", 80));

  const Sample samples[] = {
      {"01-citizen-happiness.png", "E1001", "AI로 여는 시민행복", "시민행복", "Stable Diffusion XL",
       "city hall lobby poster, citizens smiling"},
      {"02-balanced-growth.jpg", "E1002", "모두가 누리는 균형발전", "균형발전", "Gemini", ""},
      {"03-world-class-city.webp", "E1003", "데이터로 그리는 초일류도시", "초일류도시",
       "ChatGPT (DALL·E 3)", "a futuristic Korean city at dusk, data lines"},
      {"04-citizen-communication.jpg", "E1004", "챗봇과 함께하는 시민소통", "시민소통",
       "Adobe Firefly", ""},
      {"05-creative-administration.png", "E1005", "생성형 AI 창조행정", "창조행정", "Midjourney",
       "clean flat illustration of civil servants with AI"},
      {"06-citizen-happiness-copy.jpg", "E1006", "시민행복 AI (다시 올림)", "시민행복",
       "Stable Diffusion XL", ""},
  };
  std::ofstream manifest(dir / "manifest.csv", std::ios::binary);
  manifest << "\xEF\xBB\xBF"
              "input,author,title,theme,ai_tools,prompt\r\n";
  for (const Sample& s : samples) {
    manifest << s.file << "," << s.author << "," << Quoted(s.title) << "," << s.theme << ","
             << Quoted(s.ai_tools) << "," << Quoted(s.prompt) << "\r\n";
  }
  std::cout << "wrote 6 samples and manifest.csv to " << dir << "\n";
  return 0;
}
