#!/usr/bin/env bash
# Installs the Debian 12 packages poster needs, and nothing when they are all present.
#   scripts/install-deps.sh            build + test dependencies
#   scripts/install-deps.sh --bench    also the peers the benchmark compares against
# Idempotent: when everything is there it only asks dpkg (well under a second).
set -euo pipefail

packages=(
  # toolchain
  g++ cmake ninja-build pkg-config clang-format git ca-certificates
  # the fuzz targets: clang, libFuzzer (libclang_rt.fuzzer, which clang only
  # recommends) and llvm-symbolizer for readable stack traces in crash reports
  clang libclang-rt-14-dev llvm
  # libraries (see the dependency table in README.md)
  libopencv-dev libopencv-contrib-dev libwebp-dev zlib1g-dev
  libcurl4-openssl-dev libssl-dev libsqlite3-dev libsodium-dev libicu-dev libjpeg62-turbo-dev
  libturbojpeg0-dev libspng-dev
  nlohmann-json3-dev libcpp-httplib-dev libtomlplusplus-dev libspdlog-dev libcli11-dev
  libhowardhinnant-date-dev tzdata
  catch2
  # the Hangul font the sample and benchmark posters are drawn with
  fonts-nanum
  # the SMTP server the notice tests send to (tests/mail), on 127.0.0.1
  python3-aiosmtpd
  # the browser of the end-to-end test (tests/browser), driven by playwright-core
  chromium
  # the Debian package and its test (tests/ops): CPack's dpkg-shlibdeps (dpkg-dev)
  # reads the binary's libraries with file; systemd-analyze checks the units
  dpkg-dev file systemd
  # the reverse proxy of the TLS test (tests/web/nginx_test.cc runs
  # packaging/nginx/poster.conf) and the openssl that makes its certificate
  nginx openssl
  # PostgreSQL 15 and libpq (issue 13): the tests start a throwaway cluster of
  # their own (tests/pg/cluster.sh); no system-wide cluster is made
  postgresql-15 libpq-dev
)
# Node.js and npm for playwright-core: Debian's (Node 18; playwright-core is
# pinned at 1.61, the last release that supports it), unless the machine already
# has a node (such as NodeSource's 20, whose nodejs package carries npm and
# conflicts with Debian's npm). tests/browser/run.sh says so when it is too old.
command -v node >/dev/null 2>&1 || packages+=(nodejs)
command -v npm >/dev/null 2>&1 || packages+=(npm)
if [[ "${1:-}" == "--bench" ]]; then
  packages+=(libvips-tools imagemagick wrk time)  # the ingest benchmark's peers; serve_bench's load; peak memory
fi

missing=()
for p in "${packages[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [[ "$status" == "installed" ]] || missing+=("$p")
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

if [[ $(id -u) -ne 0 ]]; then
  echo "install-deps: missing packages: ${missing[*]}" >&2
  echo "install-deps: run this script as root (or with sudo) to install them" >&2
  exit 1
fi

echo "install-deps: installing ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
# Packages install, services do not start: nginx's would take port 80 with its
# default site (or fail the install where port 80 is taken). The tests start
# their own nginx. A policy-rc.d that says "no" (101) is what Debian's
# containers carry; one already there is left as it is.
policy=/usr/sbin/policy-rc.d
if [[ ! -e "$policy" ]]; then
  printf '#!/bin/sh\nexit 101\n' >"$policy"
  chmod 755 "$policy"
  trap 'rm -f "$policy"' EXIT
fi
# postgresql-common would make and start a system-wide cluster ("main") when
# postgresql-15 is installed; the tests make their own, so none is made here.
# Its postinst hands the file to ucf, which keeps this one (UCF_FORCE_CONFFOLD)
# rather than asking.
if [[ " ${missing[*]} " == *" postgresql-15 "* && ! -e /etc/postgresql-common/createcluster.conf ]]; then
  mkdir -p /etc/postgresql-common
  echo "create_main_cluster = false" >/etc/postgresql-common/createcluster.conf
  export UCF_FORCE_CONFFOLD=1
fi
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-deps: done" >&2
