#!/usr/bin/env bash
# bench/engines.sh [load_bench flags]: issue 13's engine comparison in one run.
# Starts a throwaway PostgreSQL 15 cluster (tests/pg/cluster.sh, with fsync
# on, as a real one has it), runs load_bench against SQLite with one server and
# PostgreSQL with one and two, and removes the cluster however it ends.
#   POSTER_BUILD  the build folder (default: build)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build=${POSTER_BUILD:-$root/build}
[[ -x $build/bench/load_bench ]] || { echo "engines.sh: build load_bench first (bench/README.md)" >&2; exit 2; }
dir=$(mktemp -d /tmp/poster-engines.XXXXXX)
trap '"$root/tests/pg/cluster.sh" stop "$dir"' EXIT
POSTER_PG_DURABLE=1 "$root/tests/pg/cluster.sh" start "$dir"
"$build/bench/load_bench" --postgres "$(cat "$dir/url")" "$@"
