#!/usr/bin/env bash
# The main job on the embedded default contest: installs what is missing, builds
# poster, ingests the sample posters into ./poster-data (printing what was
# accepted and every flag a moderator would see), approves the first five as a
# moderator would (the sixth, a near-duplicate, waits in the review queue),
# prints a one-time sign-in link for each sample person, and serves the web app
# on http://127.0.0.1:8080 until Ctrl-C.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/install-deps.sh
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release >/dev/null
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
echo
echo "== poster review approve 1..5 --as M0001 (6, a near-duplicate of 1, stays in the queue)"
for id in 1 2 3 4 5; do
  # On a second run they are approved already: that refusal is expected.
  ./build/app/poster review approve --data poster-data "$id" --as M0001 >/dev/null 2>&1 || true
done
./build/app/poster review list --data poster-data
echo
echo "== poster users invite --all: open a link to set that person's password"
echo "   (A0001 admin, M0001 moderator, J0001 judge, E1001 staff; docs/web.md)"
./build/app/poster users invite --data poster-data --all --public-url http://127.0.0.1:8080
echo
echo "== poster serve: the gallery at http://127.0.0.1:8080 (Ctrl-C stops it)"
exec ./build/app/poster serve --data poster-data --listen 127.0.0.1:8080
