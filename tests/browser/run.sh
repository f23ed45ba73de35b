#!/usr/bin/env bash
# The browser end-to-end test, as CTest runs it: a fresh sample contest served
# by the real poster binary on a free loopback port, driven through e2e.mjs by
# Debian's chromium with playwright-core (pinned in package-lock.json and
# installed here by `npm ci`, once per lock file).
#
#   tests/browser/run.sh POSTER_BINARY WORK_DIR [walk|own]
#
# `walk` is the sample contest on one server through every role's pages;
# `own` the scripts that set up a contest of their own (rules, notices,
# judging, integrity, model, lobby); CTest runs the two as two tests, side by side.
#
# Screenshots of every step land in WORK_DIR/artifacts, the server's log in
# WORK_DIR/server.log. Afterwards the server is stopped with SIGTERM (it must
# exit 0), the data folder must pass `poster fsck` and `poster audit verify`,
# and the contest's static export (`poster export site`) is opened from the
# file system by static.mjs.
set -euo pipefail
poster=$(realpath "$1")
work=$2
part=${3:-all}  # walk | own | all: CTest runs the first two side by side
here=$(cd "$(dirname "$0")" && pwd)
samples=$(cd "$here/../../assets/samples" && pwd)
mkdir -p "$work"
work=$(cd "$work" && pwd)

node_version=$(node --version 2>/dev/null || echo none)
if [[ ! $node_version =~ ^v(1[89]|[2-9][0-9]) ]]; then
  echo "browser test: needs Node.js 18 or later (found: $node_version); scripts/install-deps.sh" >&2
  exit 1
fi

node_dir=$work/node
if ! cmp -s "$here/package-lock.json" "$node_dir/package-lock.json" ||
  [[ ! -d $node_dir/node_modules/playwright-core ]]; then
  rm -rf "$node_dir"
  mkdir -p "$node_dir"
  cp "$here/package.json" "$here/package-lock.json" "$node_dir/"
  (cd "$node_dir" && npm ci --no-audit --no-fund --loglevel=error)
fi
cp "$here/e2e.mjs" "$here/static.mjs" "$here/phone.mjs" "$here/awards.mjs" "$here/notices.mjs" "$here/staff.mjs" "$node_dir/"
cp "$here/judging.mjs" "$here/integrity.mjs" "$here/rules.mjs" "$here/model.mjs" "$here/lobby.mjs" "$here/citizens.mjs" "$here/lib.mjs" "$node_dir/"

# The walk: one sample contest on one server, through every role's pages.
shared_walk() {
  data=$work/data
  rm -rf "$data" "$work/artifacts" "$work/site"
  "$poster" roster import --data "$data" "$samples/roster.csv" >/dev/null

  "$poster" serve --data "$data" --listen 127.0.0.1:0 >"$work/server.log" 2>&1 &
  server=$!
  trap 'kill "$server" 2>/dev/null || true' EXIT
  url=
  for _ in $(seq 1 100); do
    url=$(grep -o 'http://127\.0\.0\.1:[0-9]*' "$work/server.log" | head -n1 || true)
    [[ -n $url ]] && break
    kill -0 "$server" 2>/dev/null || break
    sleep 0.1
  done
  if [[ -z $url ]]; then
    echo "browser test: the server did not start:" >&2
    cat "$work/server.log" >&2
    exit 1
  fi
  "$poster" users invite --all --json --data "$data" --public-url "$url" >"$work/invites.json"

  POSTER_URL=$url POSTER_INVITES=$work/invites.json POSTER_SAMPLES=$samples \
    ARTIFACTS=$work/artifacts node "$node_dir/e2e.mjs" || status=$?
  POSTER_URL=$url POSTER_INVITES=$work/invites.json POSTER_SAMPLES=$samples AXE=$node_dir/node_modules/axe-core/axe.min.js ARTIFACTS=$work/artifacts/phone node "$node_dir/phone.mjs" || status=$?
  [[ $status -ne 0 ]] || POSTER_URL=$url POSTER_BINARY=$poster POSTER_SAMPLES=$samples ARTIFACTS=$work/artifacts node "$node_dir/awards.mjs" || status=$?
  [[ $status -ne 0 ]] || POSTER_URL=$url POSTER_BINARY=$poster POSTER_DATA=$data POSTER_SAMPLES=$samples ARTIFACTS=$work/artifacts node "$node_dir/staff.mjs" || status=$?

  kill -TERM "$server"
  local server_status=0
  wait "$server" || server_status=$?
  trap - EXIT
  if [[ $server_status -ne 0 ]]; then
    echo "browser test: the server exited with $server_status after SIGTERM" >&2
    cat "$work/server.log" >&2
    status=1
  fi
  "$poster" fsck --data "$data" >/dev/null || { echo "browser test: fsck found problems" >&2; status=1; }
  if [[ $status -eq 0 ]]; then  # the archive of the same contest, from file://, without a server
    "$poster" export site --data "$data" --public-url "$url" "$work/site"
    EXPORT_DIR=$work/site ENTRY=1 TITLE='시민이 행복한 도시 (브라우저 시험)' \
      ARTIFACTS=$work/artifacts node "$node_dir/static.mjs" || status=$?
  fi
  "$poster" audit verify --data "$data" >/dev/null ||
    { echo "browser test: the audit log does not verify" >&2; status=1; }
}

# The scripts that set up a contest of their own (own config, own server).
own_contests() {
  POSTER_BINARY=$poster POSTER_SAMPLES=$samples ARTIFACTS=$work/artifacts node "$node_dir/rules.mjs" || status=$?
  POSTER=$poster SMTP_SINK=$here/../mail/smtp_sink.py WORK=$work/notices ARTIFACTS=$work/artifacts node "$node_dir/notices.mjs" || status=$?
  POSTER=$poster SAMPLES=$samples WORK=$work/judging ARTIFACTS=$work/artifacts node "$node_dir/judging.mjs" || status=$?
  POSTER=$poster POSTER_SAMPLES=$samples WORK=$work/integrity ARTIFACTS=$work/artifacts node "$node_dir/integrity.mjs" || status=$?
  POSTER=$poster POSTER_SAMPLES=$samples WORK=$work/model ARTIFACTS=$work/artifacts node "$node_dir/model.mjs" || status=$?
  POSTER_BINARY=$poster POSTER_SAMPLES=$samples AXE=$node_dir/node_modules/axe-core/axe.min.js ARTIFACTS=$work/artifacts node "$node_dir/lobby.mjs" || status=$?
  POSTER=$poster POSTER_SAMPLES=$samples WORK=$work/citizens ARTIFACTS=$work/artifacts node "$node_dir/citizens.mjs" || status=$?
}

status=0
case $part in
  walk) shared_walk ;;
  own) own_contests ;;
  *) shared_walk; own_contests ;;
esac
exit $status
