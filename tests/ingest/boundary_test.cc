// Whatever a library throws inside ingest stops at Process(): a refusal with a
// stable code, never the end of the program that called it.
#include <opencv2/core.hpp>

#include <new>
#include <stdexcept>

#include "tests/ingest/fixtures.h"

using namespace poster;
using namespace poster::testing;

namespace {

// Arms the failpoint for one test and always disarms it.
class ThrowIn {
 public:
  template <typename Throw>
  ThrowIn(std::string stage, Throw throw_it) {
    ingest::SetFailpointForTesting([stage, throw_it](std::string_view now) {
      if (now == stage) throw_it();
    });
  }
  ~ThrowIn() { ingest::SetFailpointForTesting({}); }
  ThrowIn(const ThrowIn&) = delete;
  ThrowIn& operator=(const ThrowIn&) = delete;
};

}  // namespace

TEST_CASE("a stage that throws is refused with processing_failed naming the stage",
          "[ingest][boundary]") {
  synth::Bytes jpeg = PosterBytes(".jpg");
  for (const char* stage : {"sniff", "provenance", "decode", "downscale", "derivatives",
                            "fingerprints", "qr", "quality"}) {
    INFO(stage);
    ThrowIn failing(stage, [] { CV_Error(cv::Error::StsNoMem, "Failed to allocate"); });
    Result<ingest::Poster> result = ingest::Process(jpeg, ingest::Settings());
    REQUIRE(CodeOf(result) == "processing_failed");
    CHECK(result.status().detail("stage") == stage);
    CHECK(result.status().detail("reason") == "opencv");
  }
}

TEST_CASE("out of memory, standard and unknown exceptions are refusals too", "[ingest][boundary]") {
  synth::Bytes png = PosterBytes(".png");
  {
    ThrowIn failing("downscale", [] { throw std::bad_alloc(); });
    Result<ingest::Poster> result = ingest::Process(png, ingest::Settings());
    REQUIRE(CodeOf(result) == "processing_failed");
    CHECK(result.status().detail("reason") == "out_of_memory");
  }
  {
    ThrowIn failing("qr", [] { throw std::length_error("vector"); });
    Result<ingest::Poster> result = ingest::Process(png, ingest::Settings());
    REQUIRE(CodeOf(result) == "processing_failed");
    CHECK(result.status().detail("reason") == "exception");
    CHECK_THAT(result.status().message(), Catch::Contains("qr: vector"));
  }
  {
    ThrowIn failing("quality", [] { throw 42; });
    CHECK(CodeOf(ingest::Process(png, ingest::Settings())) == "processing_failed");
  }
  CHECK(ingest::Process(png, ingest::Settings()).ok());  // disarmed again
}

TEST_CASE("an encoder that writes nothing is an error, never an empty thumbnail",
          "[ingest][boundary]") {
  ingest::Settings settings;
  settings.webp_method = 99;  // libwebp refuses the configuration and writes no bytes
  Result<ingest::Poster> result = ingest::Process(PosterBytes(".webp"), settings);
  REQUIRE(CodeOf(result) == "processing_failed");
  CHECK(result.status().detail("stage") == "derivatives");
  CHECK(result.status().detail("reason") == "encode_failed");
}

TEST_CASE("every derivative of an accepted poster has bytes", "[ingest][boundary]") {
  ingest::Settings settings;
  settings.jpeg_width = 1280;  // every kind the pipeline writes
  Result<ingest::Poster> poster = ingest::Process(PosterBytes(".jpg"), settings);
  REQUIRE(poster.ok());
  REQUIRE(poster->derivatives.size() == 4);
  for (const ingest::Derivative& derivative : poster->derivatives) {
    CHECK_FALSE(derivative.bytes.empty());
  }
}
