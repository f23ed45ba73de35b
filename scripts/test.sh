#!/usr/bin/env bash
# Every test: installs what is missing, builds everything (warnings are errors),
# checks the format, and runs the Catch2 suites through CTest.
#   scripts/test.sh              the normal build, in build/
#   scripts/test.sh --sanitize   AddressSanitizer + UBSan, in build-sanitize/
#   scripts/test.sh --tsan       ThreadSanitizer, in build-tsan/
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
build=build
options=(-DCMAKE_BUILD_TYPE=RelWithDebInfo)
if [[ "${1:-}" == "--sanitize" ]]; then
  build=build-sanitize
  options=(-DCMAKE_BUILD_TYPE=Debug -DPOSTER_SANITIZE=ON -DPOSTER_BENCH=OFF)
  export ASAN_OPTIONS=halt_on_error=1:detect_leaks=1
  export UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1
elif [[ "${1:-}" == "--tsan" ]]; then
  build=build-tsan
  options=(-DCMAKE_BUILD_TYPE=RelWithDebInfo -DPOSTER_TSAN=ON -DPOSTER_BENCH=OFF)
  export TSAN_OPTIONS="halt_on_error=1 suppressions=$PWD/tests/tsan.supp"
fi
cmake -S . -B "$build" -G Ninja "${options[@]}" >/dev/null
cmake --build "$build" -j2
scripts/check-format.sh
ctest --test-dir "$build" -j2 --output-on-failure --timeout 600
