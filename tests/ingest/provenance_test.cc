// AI provenance markers, read from wherever generators leave them.
#include "tests/ingest/fixtures.h"

using namespace poster;
using namespace poster::testing;

namespace {

std::vector<std::string> Sources(const Result<ingest::Poster>& poster) {
  std::vector<std::string> sources;
  for (const ingest::Marker& marker : poster->provenance) sources.push_back(marker.source);
  return sources;
}

const std::string kA1111 =
    "a poster of a smiling city\nNegative prompt: blurry\nSteps: 20, Sampler: Euler a, Seed: 42, "
    "Model: sdxl";
const std::string kTrained =
    "http://cv.iptc.org/newscodes/digitalsourcetype/trainedAlgorithmicMedia";

}  // namespace

TEST_CASE("PNG text chunks written by generators are markers", "[ingest][provenance]") {
  synth::Bytes png = PosterBytes(".png");
  png = synth::PngInsertChunk(png, "tEXt", synth::PngText("parameters", kA1111));
  png = synth::PngInsertChunk(
      png, "zTXt", synth::PngCompressedText("prompt", "{\"3\":{\"class_type\":\"KSampler\"}}"));
  png = synth::PngInsertChunk(png, "iTXt",
                              synth::PngInternationalText("workflow", "{\"nodes\":[]}", true));
  Result<ingest::Poster> poster = ingest::Process(png, ingest::Settings());
  REQUIRE(poster.ok());
  CHECK_THAT(Sources(poster), Catch::UnorderedEquals(std::vector<std::string>{
                                  "png:parameters", "png:prompt", "png:workflow"}));
  CHECK_FALSE(HasFlag(*poster, "no_ai_provenance"));
  auto a1111 = std::find_if(poster->provenance.begin(), poster->provenance.end(),
                            [](const ingest::Marker& m) { return m.source == "png:parameters"; });
  CHECK_THAT(a1111->detail, Catch::Contains("Steps: 20"));
}

TEST_CASE("EXIF Software naming an AI tool and an AUTOMATIC1111 UserComment are markers",
          "[ingest][provenance]") {
  synth::ExifSpec exif;
  exif.software = "Midjourney";
  exif.user_comment = kA1111 + " 한글 프롬프트";
  synth::Bytes jpeg =
      synth::JpegInsertSegment(PosterBytes(".jpg"), 0xE1, synth::ExifApp1(synth::Tiff(exif)));
  Result<ingest::Poster> poster = ingest::Process(jpeg, ingest::Settings());
  REQUIRE(poster.ok());
  CHECK_THAT(Sources(poster),
             Catch::UnorderedEquals(std::vector<std::string>{"exif:Software", "exif:UserComment"}));
  CHECK_THAT(poster->provenance.back().detail, Catch::Contains("한글 프롬프트"));
}

TEST_CASE("EXIF Software that is not an AI tool is not a marker", "[ingest][provenance]") {
  synth::ExifSpec exif;
  exif.software = "Adobe Photoshop 25.0";
  synth::Bytes jpeg =
      synth::JpegInsertSegment(PosterBytes(".jpg"), 0xE1, synth::ExifApp1(synth::Tiff(exif)));
  Result<ingest::Poster> poster = ingest::Process(jpeg, ingest::Settings());
  REQUIRE(poster.ok());
  CHECK(poster->provenance.empty());
  CHECK(HasFlag(*poster, "no_ai_provenance"));
}

TEST_CASE("ComfyUI's prompt and workflow in WebP EXIF are markers", "[ingest][provenance]") {
  synth::ExifSpec exif;
  exif.model = "prompt:{\"3\":{\"class_type\":\"KSampler\"}}";
  exif.make = "workflow:{\"nodes\":[]}";
  synth::Bytes webp = synth::WebpWithChunks(PosterBytes(".webp"), {{"EXIF", synth::Tiff(exif)}});
  Result<ingest::Poster> poster = ingest::Process(webp, ingest::Settings());
  REQUIRE(poster.ok());
  CHECK_THAT(Sources(poster),
             Catch::UnorderedEquals(std::vector<std::string>{"exif:Model", "exif:Make"}));
}

TEST_CASE("XMP DigitalSourceType of trained algorithmic media is a marker in every format",
          "[ingest][provenance]") {
  std::string xmp = synth::XmpWithSourceType(kTrained);
  std::string composite = synth::XmpWithSourceType(
      "https://cv.iptc.org/newscodes/digitalsourcetype/compositeWithTrainedAlgorithmicMedia");
  const std::pair<std::string, synth::Bytes> files[] = {
      {"jpeg", synth::JpegInsertSegment(PosterBytes(".jpg"), 0xE1, synth::XmpApp1(xmp))},
      {"png",
       synth::PngInsertChunk(PosterBytes(".png"), "iTXt",
                             synth::PngInternationalText("XML:com.adobe.xmp", composite, false))},
      {"webp", synth::WebpWithChunks(PosterBytes(".webp"),
                                     {{"XMP ", synth::Bytes(xmp.begin(), xmp.end())}})},
  };
  for (const auto& [name, bytes] : files) {
    INFO(name);
    Result<ingest::Poster> poster = ingest::Process(bytes, ingest::Settings());
    REQUIRE(poster.ok());
    REQUIRE(Sources(poster) == std::vector<std::string>{"xmp:DigitalSourceType"});
    CHECK_THAT(poster->provenance[0].detail, Catch::EndsWith("TrainedAlgorithmicMedia") ||
                                                 Catch::EndsWith("trainedAlgorithmicMedia"));
  }
}

TEST_CASE("XMP of a photograph (digitalCapture) is not a marker", "[ingest][provenance]") {
  std::string xmp =
      synth::XmpWithSourceType("http://cv.iptc.org/newscodes/digitalsourcetype/digitalCapture");
  Result<ingest::Poster> poster = ingest::Process(
      synth::JpegInsertSegment(PosterBytes(".jpg"), 0xE1, synth::XmpApp1(xmp)), ingest::Settings());
  REQUIRE(poster.ok());
  CHECK(poster->provenance.empty());
}

TEST_CASE("a C2PA manifest store is found by structure in JPEG, PNG and WebP",
          "[ingest][provenance]") {
  synth::Bytes jumbf = synth::C2paJumbf();
  synth::Bytes app11 = synth::C2paApp11();
  const std::pair<std::string, synth::Bytes> files[] = {
      {"jpeg", synth::JpegInsertSegment(PosterBytes(".jpg"), 0xEB, app11)},
      {"png", synth::PngInsertChunk(PosterBytes(".png"), "caBX", jumbf)},
      {"webp", synth::WebpWithChunks(PosterBytes(".webp"), {{"C2PA", jumbf}})},
  };
  for (const auto& [name, bytes] : files) {
    INFO(name);
    Result<ingest::Poster> poster = ingest::Process(bytes, ingest::Settings());
    REQUIRE(poster.ok());
    REQUIRE(Sources(poster) == std::vector<std::string>{"c2pa"});
    CHECK(poster->provenance[0].detail == "C2PA manifest present (signature not verified)");
  }
}

TEST_CASE("text that merely mentions C2PA is not a manifest", "[ingest][provenance]") {
  std::string mention =
      "<x:xmpmeta>dcterms:provenance=\"self#jumbf=/c2pa/urn:uuid:1\" c2pa jumb jumd</x:xmpmeta>";
  synth::Bytes fake_box = {0, 0,  0,   40,  'j', 'u', 'm', 'b', 0,   0,
                           0, 32, 'j', 'u', 'm', 'd', 'c', '2', 'p', 'a'};
  fake_box.resize(40, 0);  // the right words, the wrong UUID
  synth::Bytes png =
      synth::PngInsertChunk(PosterBytes(".png"), "tEXt", synth::PngText("Comment", mention));
  png = synth::PngInsertChunk(png, "caBX", fake_box);
  Result<ingest::Poster> poster = ingest::Process(png, ingest::Settings());
  REQUIRE(poster.ok());
  CHECK(poster->provenance.empty());
}

TEST_CASE("a zTXt decompression bomb is cut at the budget, quickly, and flagged",
          "[ingest][provenance][bomb]") {
  std::string huge(200u << 20, 'A');  // 200 MiB of text deflates to about 200 KB
  synth::Bytes bomb = synth::PngCompressedText("parameters", huge);
  huge.clear();
  huge.shrink_to_fit();
  REQUIRE(bomb.size() < (1u << 20));
  synth::Bytes png = synth::PngInsertChunk(PosterBytes(".png"), "zTXt", bomb);
  Result<ingest::Poster> poster = ingest::Process(png, ingest::Settings());
  REQUIRE(poster.ok());
  CHECK(HasFlag(*poster, "metadata_truncated"));
  CHECK(poster->provenance.front().detail.size() < 400);
  bool accepted = false;  // and the whole ingest stays far below the 200 MiB inflated
  CHECK(ChildExtraMegabytes(png, ingest::Settings(), "", accepted) < 100);
  CHECK(accepted);
}

TEST_CASE("a poster with no provenance at all is flagged no_ai_provenance",
          "[ingest][provenance]") {
  Result<ingest::Poster> poster = ingest::Process(PosterBytes(".png"), ingest::Settings());
  REQUIRE(poster.ok());
  CHECK(HasFlag(*poster, "no_ai_provenance"));
}

namespace {

const std::string kGuid = "2B5B6E8F0C8D4A1B9E3F7A6C5D4E3F21";

// An XMP packet past 64 KB whose DigitalSourceType comes after the padding.
std::string LargeXmp(const std::string& source_type, size_t padding = 70000) {
  return "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF "
         "xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\"><rdf:Description "
         "rdf:about=\"\" xmlns:photoshop=\"http://ns.adobe.com/photoshop/1.0/\" "
         "photoshop:History=\"" +
         std::string(padding, 'h') +
         "\" xmlns:Iptc4xmpExt=\"http://iptc.org/std/Iptc4xmpExt/2008-02-29/\" "
         "Iptc4xmpExt:DigitalSourceType=\"" +
         source_type + "\"/></rdf:RDF></x:xmpmeta>";
}

// Photoshop's packet, padded so that the first 65000-byte chunk (one APP1
// segment holds at most 65458) ends inside the DigitalSourceType value: only
// the reassembled packet holds the value whole.
constexpr size_t kCut = 65000;
std::string SplitAcrossChunks() {
  size_t at = LargeXmp(kTrained).find("trainedAlgorithmic") + 7;
  return LargeXmp(kTrained, 70000 - (at - kCut));
}

synth::Bytes WithSegments(synth::Bytes jpeg, const std::vector<synth::Bytes>& app1s) {
  for (const synth::Bytes& payload : app1s) jpeg = synth::JpegInsertSegment(jpeg, 0xE1, payload);
  return jpeg;
}

}  // namespace

TEST_CASE("a DigitalSourceType in Photoshop's Extended XMP is a marker", "[ingest][provenance]") {
  std::string packet = SplitAcrossChunks();
  std::vector<synth::Bytes> segments = synth::ExtendedXmpApp1s(kGuid, packet, kCut);
  REQUIRE(segments.size() == 2);
  segments.push_back(synth::XmpApp1(synth::XmpNamingExtension(kGuid)));
  // JpegInsertSegment puts each first: the file holds them in reverse order.
  Result<ingest::Poster> poster =
      ingest::Process(WithSegments(PosterBytes(".jpg"), segments), ingest::Settings());
  REQUIRE(poster.ok());
  CHECK(Sources(poster) == std::vector<std::string>{"xmp:DigitalSourceType"});
  CHECK(poster->provenance.at(0).detail == kTrained);
  CHECK_FALSE(HasFlag(*poster, "no_ai_provenance"));
}

TEST_CASE("Extended XMP is read only when the main packet names it", "[ingest][provenance]") {
  std::vector<synth::Bytes> segments = synth::ExtendedXmpApp1s(kGuid, LargeXmp(kTrained), 60000);
  std::string other = "0123456789ABCDEF0123456789ABCDEF";
  segments.push_back(synth::XmpApp1(synth::XmpNamingExtension(other)));
  Result<ingest::Poster> poster =
      ingest::Process(WithSegments(PosterBytes(".jpg"), segments), ingest::Settings());
  REQUIRE(poster.ok());
  CHECK(poster->provenance.empty());
}

TEST_CASE("malformed Extended XMP chunks are ignored without harm", "[ingest][provenance]") {
  std::string packet = SplitAcrossChunks();
  uint32_t full = uint32_t(packet.size());
  size_t cut = kCut;
  std::vector<synth::Bytes> segments = {
      synth::ExtendedXmpApp1(kGuid, full, 0, packet.substr(0, cut)),  // the good first part
      synth::ExtendedXmpApp1(kGuid, full + 1, uint32_t(cut), packet.substr(cut)),  // other length
      synth::ExtendedXmpApp1(kGuid, full, full - 10, packet.substr(0, 60000)),     // past the end
      synth::ExtendedXmpApp1(kGuid, full, 0xFFFFFFF0u, "x"),                       // offset past it
      synth::ExtendedXmpApp1(kGuid, 0xFFFFFFFFu, 0xFFFFFFFFu, ""),
      synth::ExtendedXmpApp1(kGuid.substr(0, 20), 0, 0, ""),  // too short for its header
      synth::XmpApp1(synth::XmpNamingExtension(kGuid))};
  // Only the chunk that completes the value is malformed: no marker, and no harm.
  Result<ingest::Poster> poster =
      ingest::Process(WithSegments(PosterBytes(".jpg"), segments), ingest::Settings());
  REQUIRE(poster.ok());
  CHECK(poster->provenance.empty());
}

TEST_CASE("Extended XMP longer than the metadata budget is cut and flagged",
          "[ingest][provenance]") {
  std::vector<synth::Bytes> segments = synth::ExtendedXmpApp1s(kGuid, LargeXmp(kTrained), 60000);
  segments.push_back(synth::XmpApp1(synth::XmpNamingExtension(kGuid)));
  ingest::Settings settings;
  settings.metadata_max_bytes = 32 << 10;
  Result<ingest::Poster> poster =
      ingest::Process(WithSegments(PosterBytes(".jpg"), segments), settings);
  REQUIRE(poster.ok());
  CHECK(HasFlag(*poster, "metadata_truncated"));
}

TEST_CASE("50,000 identical generator text chunks make one marker and a count",
          "[ingest][provenance]") {
  synth::Bytes png = synth::PngInsertChunk(PosterBytes(".png"), "tEXt",
                                           synth::PngText("parameters", kA1111), 50000);
  Result<ingest::Poster> poster = ingest::Process(png, ingest::Settings());
  REQUIRE(poster.ok());
  REQUIRE(Sources(poster) == std::vector<std::string>{"png:parameters", "omitted"});
  CHECK_THAT(poster->provenance.back().detail, Catch::StartsWith("49999 repeated markers merged"));
}

TEST_CASE("at most 32 different markers are kept, and the rest counted", "[ingest][provenance]") {
  synth::Bytes png = PosterBytes(".png");
  for (int i = 0; i < 100; ++i) {
    png = synth::PngInsertChunk(png, "tEXt",
                                synth::PngText("parameters", kA1111 + std::to_string(i)));
  }
  Result<ingest::Poster> poster = ingest::Process(png, ingest::Settings());
  REQUIRE(poster.ok());
  REQUIRE(poster->provenance.size() == 33);
  CHECK(poster->provenance.back().source == "omitted");
  CHECK_THAT(poster->provenance.back().detail, Catch::Contains("68 more dropped"));
}
