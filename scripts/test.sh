#!/usr/bin/env bash
# Every test: installs what is missing, then builds (warnings are errors),
# checks the format and runs the Catch2 suites through CTest, in each way CI
# needs, one after another, stopping at the first that fails.
#   scripts/test.sh              everything below, in this order (what CI runs)
#   scripts/test.sh --quick      the Release build (what ships and what demo.sh runs) and
#                                every test, in build/
#   scripts/test.sh --sanitize   AddressSanitizer + UBSan and every test, in build-sanitize/
#   scripts/test.sh --fuzz       every fuzz target built with clang and run on its seeds
#                                (scripts/fuzz.sh; POSTER_FUZZ_SECONDS, default 60), in build-fuzz/
#   scripts/test.sh --tsan       ThreadSanitizer and every test, in build-tsan/ (not in CI)
set -euo pipefail
cd "$(dirname "$0")/.."

# configure_and_build DIR CMAKE_OPTIONS...
# Unity builds (eight files compiled as one, cmake/UnitySkips.cmake names the
# few that compile alone) take a third of the time; CONTRIBUTING.md's plain
# `cmake -S . -B build` stays file by file, so a file that leans on a
# neighbour for one of our headers still fails there.
configure_and_build() {
  local build=$1
  shift
  cmake -S . -B "$build" -G Ninja -DCMAKE_UNITY_BUILD=ON "$@" >/dev/null
  cmake --build "$build" -j2
}

run_ctest() {
  local build=$1
  shift
  # Three at once on two cores: the suites wait on fsync, child processes and
  # the limiters' clocks (a -j2 run kept the cores 63 % busy).
  ctest --test-dir "$build" -j3 --output-on-failure --timeout 600 "$@" && return 0
  local status=$?
  # The failing tests' own words again, last, where a truncated log still shows them.
  echo "---- why it failed ($build) ----" >&2
  grep -h -A6 -E 'FAILED|^problem:|^browser test:|error:' "$build/Testing/Temporary/LastTest.log" 2>/dev/null | tail -n 60 >&2 || true
  return "$status"
}

quick() {
  configure_and_build build -DCMAKE_BUILD_TYPE=Release
  scripts/check-format.sh
  run_ctest build
}

sanitize() {
  (
    export ASAN_OPTIONS=halt_on_error=1:detect_leaks=1
    export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
    # Line tables only (-g1): the sanitizers' reports still name file and line,
    # and the build spends less of CI's 30 minutes writing debug information.
    configure_and_build build-sanitize -DCMAKE_BUILD_TYPE=Debug -DCMAKE_CXX_FLAGS_DEBUG=-g1 \
      -DPOSTER_SANITIZE=ON -DPOSTER_BENCH=OFF
    # Every suite but the browser walk, which drives the same server code the
    # web suites drive here and takes four of CI's thirty minutes under ASan
    # (run it with: ctest --test-dir build-sanitize -L browser).
    run_ctest build-sanitize -LE browser
  )
}

tsan() {
  (
    export TSAN_OPTIONS="halt_on_error=1 suppressions=$PWD/tests/tsan.supp"
    configure_and_build build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPOSTER_TSAN=ON \
      -DPOSTER_BENCH=OFF
    run_ctest build-tsan
  )
}

fuzz() {
  # Only the fuzz targets and what they link: no tests, no benchmarks.
  # -O1 with line tables only (libFuzzer's advice): a reproducer's stack still
  # names file and line, and the build takes less of CI's time than -O2 -g.
  cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
    "-DCMAKE_CXX_FLAGS_RELWITHDEBINFO=-O1 -gline-tables-only -DNDEBUG" \
    -DCMAKE_UNITY_BUILD=ON -DPOSTER_FUZZ=ON -DBUILD_TESTING=OFF -DPOSTER_BENCH=OFF >/dev/null
  cmake --build build-fuzz -j2 --target fuzz
  # 10 s a target (its seeds, then mutations), two at a time, keeps CI inside its 30 minutes
  # (POSTER_FUZZ_SECONDS=600 scripts/fuzz.sh build-fuzz for a longer run).
  POSTER_FUZZ_SECONDS=${POSTER_FUZZ_SECONDS:-10} scripts/fuzz.sh build-fuzz
}

# stage NAME: runs the stage and says how long it took.
stage() {
  local start=$SECONDS
  echo "== test.sh: $1" >&2
  "$1"
  echo "== test.sh: $1 passed in $((SECONDS - start)) s" >&2
}

scripts/install-deps.sh
case "${1:-}" in
  "") for part in quick sanitize fuzz; do stage "$part"; done ;;
  --quick | --sanitize | --fuzz | --tsan) stage "${1#--}" ;;
  *)
    echo "usage: scripts/test.sh [--quick|--sanitize|--fuzz|--tsan]" >&2
    exit 2
    ;;
esac
