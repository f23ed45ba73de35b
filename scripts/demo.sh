#!/usr/bin/env bash
# The main job on the embedded default contest: installs what is missing, builds
# poster, ingests the sample posters into ./poster-data (printing what was
# accepted and every flag a moderator would see), approves the first five as a
# moderator would (the sixth, a near-duplicate, waits in the review queue),
# prints a one-time sign-in link for each sample person, and serves the web app
# on http://127.0.0.1:8080 until Ctrl-C.
#
#   scripts/demo.sh [--public-url URL] [--listen HOST:PORT]
#
# The exhibition's QR codes and the sign-in links point at --public-url
# (POSTER_PUBLIC_URL; default http://LISTEN). Phones in the hall cannot reach
# 127.0.0.1 or localhost, so for the hall give the address they use, e.g.
#   scripts/demo.sh --listen 0.0.0.0:8080 --public-url http://192.168.0.10:8080
set -euo pipefail
cd "$(dirname "$0")/.."

listen=${POSTER_LISTEN:-127.0.0.1:8080}
public_url=${POSTER_PUBLIC_URL:-}
while [[ $# -gt 0 ]]; do
  case $1 in
    --public-url) public_url=${2:?--public-url takes a URL}; shift 2 ;;
    --listen) listen=${2:?--listen takes HOST:PORT}; shift 2 ;;
    *) echo "demo.sh: unknown argument $1 (--public-url URL, --listen HOST:PORT)" >&2; exit 2 ;;
  esac
done
[[ -n $public_url ]] || public_url="http://${listen/0.0.0.0/127.0.0.1}"

# The QR codes carry this address: a phone scanning one in the hall must reach it.
warn_if_loopback() {
  local host=${1#*://}
  host=${host%%/*}
  if [[ $host == \[* ]]; then host=${host#[}; host=${host%%]*}; else host=${host%%:*}; fi
  if [[ $host == localhost || $host == 127.* || $host == ::1 ]]; then
    echo "경고: 전시장의 휴대전화는 공개 주소($1)에 접속할 수 없어 QR 코드가 열리지 않습니다." >&2
    echo "      다음처럼 실행하세요: scripts/demo.sh --listen 0.0.0.0:8080 --public-url http://이-컴퓨터의-IP:8080" >&2
    echo "warning: phones in the hall cannot reach the public URL ($1), so the QR codes will not open." >&2
    echo "         Run: scripts/demo.sh --listen 0.0.0.0:8080 --public-url http://THIS-MACHINE-IP:8080" >&2
  fi
}
warn_if_loopback "$public_url"

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
./build/app/poster users invite --data poster-data --all --public-url "$public_url"
echo
echo "== poster serve: the gallery at $public_url (Ctrl-C stops it);"
echo "   the lobby screen at $public_url/#/slideshow?kiosk=1, the sheets at $public_url/#/sheets"
warn_if_loopback "$public_url"
exec ./build/app/poster serve --data poster-data --listen "$listen" --public-url "$public_url"
