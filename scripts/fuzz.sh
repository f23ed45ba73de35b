#!/usr/bin/env bash
# Runs every fuzz target built in BUILD_DIR (POSTER_FUZZ=ON, clang) for a while
# on its seeds, two at a time. Fails when any finds a crash, a leak, a timeout
# or runs out of memory, and prints where the reproducer is.
#   scripts/fuzz.sh BUILD_DIR [TARGET...]    (default: those BUILD_DIR/fuzz-targets.txt names)
#   POSTER_FUZZ_SECONDS=60                   how long each target runs
#   POSTER_FUZZ_JOBS=2                       how many run at once
#
# A target's seeds: tests/fuzz/seeds/TARGET/ when it exists, and every folder
# that tests/fuzz/seeds/TARGET.corpus names (one a line, relative to the
# checkout, e.g. ../shared/corpus/pngsuite). New inputs the fuzzer finds go to
# BUILD_DIR/fuzz-runs/TARGET/corpus/, never into the checkout; its log and any
# reproducer to BUILD_DIR/fuzz-runs/TARGET/.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:?usage: scripts/fuzz.sh BUILD_DIR [TARGET...]}
shift
seconds=${POSTER_FUZZ_SECONDS:-60}
jobs=${POSTER_FUZZ_JOBS:-2}

targets=("$@")
if ((${#targets[@]} == 0)); then
  if [[ ! -f $build/fuzz-targets.txt ]]; then
    echo "fuzz: $build has no fuzz targets (configure it with -DPOSTER_FUZZ=ON)" >&2
    exit 1
  fi
  mapfile -t targets < <(grep -v '^$' "$build/fuzz-targets.txt")
fi
for target in "${targets[@]}"; do
  if [[ ! -x $build/tests/fuzz/$target ]]; then
    echo "fuzz: $build/tests/fuzz/$target is not built (cmake --build $build --target fuzz)" >&2
    exit 1
  fi
done

# seed_dirs TARGET: the folders of seeds, one a line.
seed_dirs() {
  [[ -d tests/fuzz/seeds/$1 ]] && echo "tests/fuzz/seeds/$1"
  [[ -f tests/fuzz/seeds/$1.corpus ]] || return 0
  local dir
  while read -r dir; do
    [[ -z $dir || $dir == \#* ]] && continue
    if [[ -d $dir ]]; then
      echo "$dir"
    else
      echo "fuzz: $1: seed folder $dir is missing; fuzzing without it" >&2
    fi
  done <"tests/fuzz/seeds/$1.corpus"
}

# run_one TARGET: fuzzes it; leaves TARGET/failed behind when it found something.
run_one() {
  local target=$1 work=$build/fuzz-runs/$1
  rm -rf "$work"
  mkdir -p "$work/corpus" "$work/artifacts"
  mapfile -t seeds < <(seed_dirs "$target")
  # -timeout: one input taking longer is a hang; -rss_limit_mb: more is a leak or a bomb.
  if "$build/tests/fuzz/$target" -max_total_time="$seconds" -timeout=30 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$work/artifacts/" \
    "$work/corpus" "${seeds[@]}" >"$work/log" 2>&1; then
    echo "fuzz: $target: no crash in ${seconds} s ($(grep -o 'stat::number_of_executed_units: *[0-9]*' \
      "$work/log" | grep -o '[0-9]*$' || echo '?') runs, seeds: ${seeds[*]:-none})" >&2
  else
    touch "$work/failed"
  fi
}

for target in "${targets[@]}"; do
  while (($(jobs -rp | wc -l) >= jobs)); do wait -n || true; done
  echo "fuzz: $target: running for ${seconds} s" >&2
  run_one "$target" &
done
wait

failed=0
for target in "${targets[@]}"; do
  work=$build/fuzz-runs/$target
  [[ -f $work/failed ]] || continue
  failed=1
  echo "fuzz: $target FAILED; the end of its log ($work/log):" >&2
  tail -n 40 "$work/log" >&2
  for reproducer in "$work"/artifacts/*; do
    [[ -e $reproducer ]] || continue
    echo "fuzz: $target: reproducer $reproducer" >&2
    echo "fuzz:   replay it: $build/tests/fuzz/$target $reproducer" >&2
  done
done
exit "$failed"
