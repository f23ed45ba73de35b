// The one way in: Catalogue::Submit and ReplaceFile check the cheap things
// before anything is decoded, and decode with the contest's stored config.
#include <mutex>

#include "tests/gallery/contest_fixture.h"

using namespace poster;
using namespace poster::testing;

namespace {

synth::Bytes PosterBytes(uint32_t seed, int width = 900, int height = 1273) {
  synth::PosterSpec spec;
  spec.seed = seed;
  spec.width = width;
  spec.height = height;
  return synth::Encode(synth::DrawPoster(spec), ".png");
}

// Counts the ingest stages run while it lives.
class StageCounter {
 public:
  StageCounter() {
    ingest::SetFailpointForTesting([this](std::string_view stage) {
      std::lock_guard lock(mutex_);
      if (stage == "decode") ++decodes_;
    });
  }
  ~StageCounter() { ingest::SetFailpointForTesting({}); }
  int decodes() {
    std::lock_guard lock(mutex_);
    return decodes_;
  }

 private:
  std::mutex mutex_;
  int decodes_ = 0;
};

}  // namespace

TEST_CASE("an exact duplicate, a stranger and a closed window are refused before decoding",
          "[gallery][upload]") {
  Contest contest;
  gallery::Catalogue& c = contest.catalogue();
  synth::Bytes bytes = PosterBytes(11);
  REQUIRE(c.Submit(bytes, Declared("첫 작품", "E1"), "E1").ok());
  StageCounter counter;
  Result<gallery::Entry> again = c.Submit(bytes, Declared("또 냄", "E2"), "E2");
  CHECK(again.status().code() == "duplicate");
  CHECK(again.status().detail("entry") == "1");
  CHECK(c.Submit(PosterBytes(12), Declared("외부인", "X9"), "X9").status().code() ==
        "not_on_roster");
  contest.clock().Set(KoreaTime(14, 10));  // submission closed on the 13th
  CHECK(c.Submit(PosterBytes(13), Declared("늦음", "E2"), "E2").status().code() ==
        "outside_window");
  CHECK(c.ReplaceFile(1, PosterBytes(14), "v2.png", "E1").status().code() == "outside_window");
  CHECK(counter.decodes() == 0);
  contest.clock().Set(KoreaTime(3, 10));
  REQUIRE(c.Submit(PosterBytes(17), Declared("제때", "E3"), "E3").ok());
  CHECK(counter.decodes() == 1);  // the counter does see a decode
}

TEST_CASE("uploads follow the contest's stored [ingest], not the built-in one",
          "[gallery][upload]") {
  Contest contest;
  gallery::Catalogue& c = contest.catalogue();
  synth::Bytes small = PosterBytes(15, 600, 849);
  CHECK(c.Submit(small, Declared("작은 포스터", "E1"), "E1").status().code() ==
        "dimensions_too_small");
  std::string toml(kContestToml);
  toml += "[ingest]\nmin_short_side = 500\n";  // appended: GCC 12 -O2 -Warray-bounds on `+`
  REQUIRE(c.InitContest(toml, "t.toml", "A1").ok());
  Result<gallery::Entry> entry = c.Submit(small, Declared("작은 포스터", "E1"), "E1");
  REQUIRE(entry.ok());
  CHECK(c.ReplaceFile(entry->id, PosterBytes(16, 600, 849), "v2.png", "E1").ok());
}
