#!/usr/bin/env bash
# tests/pg/cluster.sh start|stop DIR: the tests' own PostgreSQL 15 cluster
# (issue 13), made for DIR and removed with it; nothing uses a system-wide
# server. initdb refuses to run as root, so as root the cluster belongs to the
# unprivileged postgres user (made by Debian's postgresql-15 package).
#   start: initdb (UTF-8, C collation, trust on 127.0.0.1 only), a free
#          loopback port, database "poster" for user "poster"; writes its
#          URL to DIR/url.
#   stop:  stops it (fast shutdown) and removes it and DIR.
# fsync is off: the cluster lives for one test run, and crash safety is
# PostgreSQL's, not what these tests check. POSTER_PG_DURABLE=1 leaves it on
# (bench/engines.sh: a benchmark measures what a real cluster does).
set -euo pipefail
bin=/usr/lib/postgresql/15/bin
action=${1:?start or stop}
dir=${2:?the folder of the cluster}

as_owner() {
  if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'
}

case "$action" in
  start)
    [[ -x $bin/initdb ]] || { echo "cluster.sh: PostgreSQL 15 is missing (scripts/install-deps.sh)" >&2; exit 2; }
    "$0" stop "$dir" 2>/dev/null || true  # what a killed run left behind
    mkdir -p "$dir"
    # The cluster itself lives under /tmp: the postgres user may not be able
    # to reach DIR (a clone in /root). DIR holds its URL and where it is.
    home=$(mktemp -d /tmp/poster-pg.XXXXXX)
    echo "$home" >"$dir/home"
    [[ $(id -u) -eq 0 ]] && chown postgres: "$home"
    as_owner "$bin/initdb" -D "$home/data" -U poster --auth=trust --encoding=UTF8 --locale=C \
      >"$home/initdb.log" 2>&1 || { cat "$home/initdb.log" >&2; exit 1; }
    port=$(free_port)
    fsync=off
    [[ ${POSTER_PG_DURABLE:-0} == 1 ]] && fsync=on
    options="-c listen_addresses=127.0.0.1 -p $port -k $home -c fsync=$fsync -c max_connections=200"
    as_owner "$bin/pg_ctl" -D "$home/data" -l "$home/server.log" -w -t 60 -o "$options" start >/dev/null ||
      { cat "$home/server.log" >&2; exit 1; }
    as_owner "$bin/createdb" -h 127.0.0.1 -p "$port" -U poster poster
    echo "postgresql://poster@127.0.0.1:$port/poster" >"$dir/url"
    echo "cluster.sh: PostgreSQL at $(cat "$dir/url"), in $home"
    ;;
  stop)
    home=$(cat "$dir/home" 2>/dev/null || true)
    if [[ -n $home && -f $home/data/postmaster.pid ]]; then
      as_owner "$bin/pg_ctl" -D "$home/data" -m fast -w -t 60 stop >/dev/null
    fi
    [[ -n $home && $home == /tmp/poster-pg.* ]] && rm -rf "$home"
    rm -rf "$dir"
    ;;
  *)
    echo "cluster.sh: start or stop, not $action" >&2
    exit 2
    ;;
esac
