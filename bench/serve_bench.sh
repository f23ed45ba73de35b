#!/usr/bin/env bash
# bench/serve_bench.sh [POSTER] [SECONDS] [ROUNDS]: thumbnails and the gallery
# served by poster against nginx serving the same files, side by side in one
# run (issue 14, goal 4). The sample contest is loaded into a temp folder;
# nginx serves its blobs and a copy of /api/gallery as static files. wrk
# (-t2 -c16) runs against each in turn, ROUNDS times interleaved; the table
# gives the median requests/s and poster's ratio to nginx's.
#   ./scripts/install-deps.sh --bench && cmake --build build --target poster
#   bench/serve_bench.sh build/app/poster 5 3
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
poster=$(realpath "${1:-$root/build/app/poster}")
seconds=${2:-5}
rounds=${3:-3}
for tool in wrk nginx curl; do
  command -v "$tool" >/dev/null || [[ -x /usr/sbin/$tool ]] ||
    { echo "serve_bench: $tool is missing (scripts/install-deps.sh --bench)" >&2; exit 2; }
done
nginx_bin=$(command -v nginx || echo /usr/sbin/nginx)

work=$(mktemp -d)
chmod 755 "$work"
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# The sample contest, approved, as demo.sh loads it.
data="$work/data"
"$poster" roster import --data "$data" "$root/assets/samples/roster.csv" >/dev/null
"$poster" ingest --data "$data" --manifest "$root/assets/samples/manifest.csv" >/dev/null 2>&1 || true
for id in 1 2 3 4 5; do "$poster" review approve "$id" --data "$data" --as M0001 >/dev/null; done
chmod -R a+rX "$work"

poster_port=$(free_port)
"$poster" serve --data "$data" --listen "127.0.0.1:$poster_port" --log "$work/poster.log" >/dev/null &
pids+=($!)
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$poster_port/healthz" >/dev/null && break; sleep 0.05; done

# The same files for nginx: the thumbnail under its URL's own path, and the
# gallery's JSON as poster answered it.
thumb=$(curl -sf "http://127.0.0.1:$poster_port/api/gallery" |
  python3 -c 'import json,sys; c=json.load(sys.stdin)["entries"][0]; print([t["url"] for t in c["thumbnails"] if t["width"]==640][0])')
mkdir -p "$work/static$(dirname "$thumb")" "$work/static/api"
curl -sf "http://127.0.0.1:$poster_port$thumb" -o "$work/static$thumb"
curl -sf "http://127.0.0.1:$poster_port/api/gallery" -o "$work/static/api/gallery"
chmod -R a+rX "$work/static"

nginx_port=$(free_port)
mkdir -p "$work/nginx"
cat >"$work/nginx/nginx.conf" <<CONF
worker_processes 2;
pid $work/nginx/nginx.pid;
error_log $work/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  client_body_temp_path $work/nginx/body;
  proxy_temp_path $work/nginx/proxy;
  fastcgi_temp_path $work/nginx/fastcgi;
  uwsgi_temp_path $work/nginx/uwsgi;
  scgi_temp_path $work/nginx/scgi;
  types { image/webp webp; }
  default_type application/json;
  server {
    listen 127.0.0.1:$nginx_port;
    root $work/static;
    location /media/ { add_header Cache-Control "public, max-age=31536000, immutable"; }
  }
}
CONF
user_line=""
[[ $(id -u) -eq 0 ]] && user_line="user root;"
"$nginx_bin" -p "$work/nginx" -c "$work/nginx/nginx.conf" -g "daemon off; $user_line" &
pids+=($!)
for _ in $(seq 100); do curl -sf "http://127.0.0.1:$nginx_port$thumb" >/dev/null && break; sleep 0.05; done

# Issue 14: a page of the gallery at 100 entries and at 10,000. Each folder is
# the sample contest with entry 1's rows copied (the same files, new numbers)
# until that many are approved; a server serves each.
grow() {  # grow DIR COUNT
  cp -r "$data" "$1"
  python3 - "$1/contest.db" "$2" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
want = int(sys.argv[2])
have = db.execute("SELECT count(*) FROM entries WHERE status = 'approved'").fetchone()[0]
next_id = db.execute("SELECT max(id) FROM entries").fetchone()[0] + 1
next_file = db.execute("SELECT max(id) FROM files").fetchone()[0] + 1
def cols(table):
    return [r[1] for r in db.execute(f"PRAGMA table_info({table})")]
def clone(table, key, value, changes):
    names = cols(table)
    picks = ", ".join(f"? AS {n}" if n in changes else n for n in names)
    args = [changes[n] for n in names if n in changes]
    db.execute(f"INSERT INTO {table} ({', '.join(names)}) SELECT {picks} FROM {table} WHERE {key} = ?",
               args + [value])
source_file = db.execute("SELECT id FROM files WHERE entry_id = 1").fetchone()[0]
for k in range(want - have):
    entry, file = next_id + k, next_file + k
    clone("entries", "id", 1, {"id": entry, "title": f"복제 포스터 {entry}"})
    clone("files", "id", source_file, {"id": file, "entry_id": entry})
    clone("fingerprints", "file_id", source_file, {"file_id": file})
    clone("derivatives", "file_id", source_file, {"file_id": file})
db.commit()
PY
}
serve() {  # serve DIR: the port of a new server on DIR
  local port
  port=$(free_port)
  "$poster" serve --data "$1" --listen "127.0.0.1:$port" --log "$1.log" >/dev/null &
  pids+=($!)
  for _ in $(seq 200); do curl -sf "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.05; done
  echo "$port"
}
grow "$work/small" 100
grow "$work/large" 10000
small_port=$(serve "$work/small")
large_port=$(serve "$work/large")
for port in "$small_port" "$large_port"; do  # each page is what it says
  curl -sf "http://127.0.0.1:$port/api/gallery?limit=100" |
    python3 -c 'import json,sys; p=json.load(sys.stdin); assert len(p["entries"])==100, p["total"]; print("  total", p["total"])' >&2
done

rate() {  # rate URL: requests/s wrk measured
  wrk -t2 -c16 -d"${seconds}s" "$1" | awk '/Requests\/sec/ {print $2}'
}
median() { sort -g | awk '{v[NR]=$1} END {print (NR%2) ? v[(NR+1)/2] : (v[NR/2]+v[NR/2+1])/2}'; }

declare -A runs
for round in $(seq "$rounds"); do
  for target in thumb gallery; do
    path=$thumb
    [[ $target == gallery ]] && path=/api/gallery
    runs[poster_$target]+="$(rate "http://127.0.0.1:$poster_port$path") "
    runs[nginx_$target]+="$(rate "http://127.0.0.1:$nginx_port$path") "
  done
  runs[page_small]+="$(rate "http://127.0.0.1:$small_port/api/gallery?limit=100") "
  runs[page_large]+="$(rate "http://127.0.0.1:$large_port/api/gallery?limit=100") "
done

echo "| what (wrk -t2 -c16, ${seconds} s x $rounds, median) | poster req/s | nginx req/s | poster / nginx |"
echo "|---|---:|---:|---:|"
for target in thumb gallery; do
  p=$(tr ' ' '\n' <<<"${runs[poster_$target]}" | grep . | median)
  n=$(tr ' ' '\n' <<<"${runs[nginx_$target]}" | grep . | median)
  label="one 640 px WebP thumbnail"
  [[ $target == gallery ]] && label="/api/gallery (5 cards; nginx: the same JSON as a file)"
  awk -v l="$label" -v p="$p" -v n="$n" 'BEGIN {printf "| %s | %.0f | %.0f | %.2fx |\n", l, p, n, p / n}'
done
s=$(tr ' ' '\n' <<<"${runs[page_small]}" | grep . | median)
l=$(tr ' ' '\n' <<<"${runs[page_large]}" | grep . | median)
echo
echo "| /api/gallery?limit=100 (a page of 100 cards) | at 100 entries req/s | at 10,000 entries req/s | 10,000 / 100 |"
echo "|---|---:|---:|---:|"
awk -v s="$s" -v l="$l" 'BEGIN {printf "| anonymous visitor, shuffled | %.0f | %.0f | %.2fx |\n", s, l, l / s}'
