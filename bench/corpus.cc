// The benchmark corpus: posters as a contest receives them.
#include "bench/corpus.h"

#include <filesystem>
#include <fstream>
#include <opencv2/imgproc.hpp>

#include "tests/support/synth.h"

namespace fs = std::filesystem;
using namespace poster::synth;

namespace {

constexpr std::pair<int, int> kSizes[] = {{1024, 1536}, {1240, 1754}, {1654, 2339}, {2000, 2828},
                                          {2480, 3508}, {1080, 1350}, {1587, 2245}, {2100, 2970}};
const char* const kExtensions[] = {".png", ".jpg", ".webp"};

Bytes WithMetadata(const Bytes& bytes, const std::string& ext, int index) {
  if (index % 4 != 0) return bytes;
  if (ext == ".png") {
    return PngInsertChunk(bytes, "tEXt",
                          PngText("parameters", "poster\nSteps: 30, Sampler: Euler, Seed: 7"));
  }
  if (ext == ".jpg") {
    return JpegInsertSegment(
        bytes, 0xE1,
        XmpApp1(XmpWithSourceType(
            "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia")));
  }
  return WebpWithChunks(bytes, {{"C2PA", C2paJumbf()}});
}

}  // namespace

namespace poster::bench {

void WriteCorpus(const fs::path& dir, int count) {
  fs::create_directories(dir);
  for (int i = 0; i < count; ++i) {
    PosterSpec spec;
    spec.seed = 1000 + uint32_t(i);
    spec.width = kSizes[i % std::size(kSizes)].first;
    spec.height = kSizes[i % std::size(kSizes)].second;
    spec.title = "혁신 포스터 " + std::to_string(i + 1);
    spec.rich = true;
    if (i % 3 == 0)
      spec.qr_payload = "https://innovation.example.go.kr/entry/" + std::to_string(i + 1);
    std::string ext = kExtensions[i % 3];
    Bytes bytes = WithMetadata(Encode(DrawPoster(spec), ext, ext == ".png" ? 0 : 90), ext, i);
    char name[32];
    std::snprintf(name, sizeof name, "poster-%03d%s", i + 1, ext.c_str());
    std::ofstream(dir / name, std::ios::binary)
        .write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
  }
}

fs::path WritePoster(const fs::path& dir, int width, int height, const std::string& ext,
                     bool rich) {
  fs::path file =
      dir / (std::to_string(width) + "x" + std::to_string(height) + (rich ? "" : "-plain") + ext);
  if (fs::exists(file)) return file;
  PosterSpec spec;
  spec.width = width;
  spec.height = height;
  spec.seed = 7;
  spec.rich = rich;
  Bytes bytes = Encode(DrawPoster(spec), ext, ext == ".png" ? 0 : 90);
  fs::create_directories(dir);
  std::ofstream(file, std::ios::binary)
      .write(reinterpret_cast<const char*>(bytes.data()), std::streamsize(bytes.size()));
  return file;
}

}  // namespace poster::bench
