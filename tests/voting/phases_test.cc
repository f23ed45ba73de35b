// Phase windows: exact at their boundaries, in the contest's time zone.
#include "tests/voting/fixtures.h"

using namespace poster;
using namespace poster::testing;
using voting::PhaseOverride;
using voting::Window;

TEST_CASE("a window includes 23:59:59.999 before its end and excludes midnight",
          "[voting][phases]") {
  Window voting{Kst(10, 9), Kst(14, 0)};  // through 13 November
  CHECK_FALSE(voting.Contains(Kst(10, 8, 59, 59, 999)));
  CHECK(voting.Contains(Kst(10, 9)));
  CHECK(voting.Contains(Kst(13, 23, 59, 59)));
  CHECK(voting.Contains(Kst(13, 23, 59, 59, 999)));
  CHECK_FALSE(voting.Contains(Kst(14, 0)));
}

TEST_CASE("a phase without a start is closed; without an end it stays open", "[voting][phases]") {
  CHECK_FALSE(Window{}.Contains(Kst(10, 9)));
  Window open_ended{Kst(10, 9), std::nullopt};
  CHECK(open_ended.Contains(Kst(30, 23)));
}

TEST_CASE("an admin opens a phase early and closes it early", "[voting][phases]") {
  Window configured{Kst(10, 9), Kst(14, 0)};
  Window opened = voting::EffectiveWindow(configured, {{PhaseOverride::Kind::kOpen, Kst(9, 15)}});
  CHECK(opened.Contains(Kst(9, 15)));
  CHECK_FALSE(opened.Contains(Kst(9, 14, 59, 59, 999)));
  Window closed = voting::EffectiveWindow(configured, {{PhaseOverride::Kind::kClose, Kst(12, 18)}});
  CHECK(closed.Contains(Kst(12, 17, 59)));
  CHECK_FALSE(closed.Contains(Kst(12, 18)));
}

TEST_CASE("reopening after a close opens again until closed again", "[voting][phases]") {
  Window window = voting::EffectiveWindow(Window{}, {{PhaseOverride::Kind::kOpen, Kst(10, 9)},
                                                     {PhaseOverride::Kind::kClose, Kst(11, 9)},
                                                     {PhaseOverride::Kind::kOpen, Kst(12, 9)}});
  CHECK(window.Contains(Kst(10, 10)));  // the earliest opening stands
  CHECK(window.Contains(Kst(20, 9)));   // the close was undone by the reopening
  Window again = voting::EffectiveWindow(window, {{PhaseOverride::Kind::kClose, Kst(13, 9)}});
  CHECK_FALSE(again.Contains(Kst(13, 9)));
}
