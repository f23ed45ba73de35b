#!/usr/bin/env bash
# The main job on the embedded default contest: installs what is missing, builds
# poster, and ingests the sample posters into ./poster-data, printing what was
# accepted and every flag a moderator would see.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build build -j2 --target poster

echo
echo "== poster roster import: the sample staff (authors, moderators, judges, an admin)"
./build/app/poster roster import --data poster-data assets/samples/roster.csv
echo
echo "== poster ingest: the sample posters of assets/samples into ./poster-data"
status=0
./build/app/poster ingest --data poster-data --manifest assets/samples/manifest.csv || status=$?
# 1 means some input was refused (on a second run: duplicates of the first); 2 is a real error.
if [[ $status -gt 1 ]]; then exit "$status"; fi
echo
echo "== poster show 1 (one entry as a moderator sees it)"
./build/app/poster show --data poster-data 1
echo "Next: ./build/app/poster review list --data poster-data   (docs/cli.md walks through a whole contest)"
