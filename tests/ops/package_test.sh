#!/usr/bin/env bash
# tests/ops/package_test.sh BUILD_DIR VERSION: packs the built tree with CPack
# (no rebuild) into a temp folder and checks the .deb as an admin would meet
# it: its files and modes, its control fields and conffiles, its maintainer
# scripts, its units through systemd-analyze verify and security, the packaged
# binary, and the first start's contest init. Prints FAIL: and exits 1 on the
# first thing that is wrong.
set -euo pipefail
build=${1:?usage: package_test.sh BUILD_DIR VERSION}
version=${2:?usage: package_test.sh BUILD_DIR VERSION}
# The highest `systemd-analyze security` exposure poster.service may have
# (0 best, 10 worst); docs/operations.md gives today's figure.
max_exposure=2.5

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# cpack (unlike the package target) builds nothing: it runs the build tree's
# install rules into a staging folder under -B and packs that.
if ! cpack --config "$build/CPackConfig.cmake" -B "$work/out" >"$work/cpack.log" 2>&1; then
  cat "$work/cpack.log" >&2
  fail "cpack could not make the package (its output is above)"
fi
shopt -s nullglob
debs=("$work"/out/poster_*.deb)
((${#debs[@]} == 1)) || fail "cpack made ${#debs[@]} poster_*.deb files in $work/out, not one"
deb=${debs[0]}
arch=$(dpkg --print-architecture)
[[ $(basename "$deb") == "poster_${version}_${arch}.deb" ]] ||
  fail "the package is named $(basename "$deb"), not poster_${version}_${arch}.deb"

# Its files: exactly these (nothing of the build tree, the tests or the sources).
dpkg-deb -c "$deb" >"$work/contents"
awk '$1 !~ /^d/ {print $6}' "$work/contents" | sort >"$work/files"
cat >"$work/expected" <<'LIST'
./etc/default/poster
./etc/poster/contest.toml
./lib/systemd/system/poster-backup.service
./lib/systemd/system/poster-backup.timer
./lib/systemd/system/poster.service
./usr/bin/poster
./usr/lib/poster/poster-backup
./usr/lib/poster/poster-init-data
./usr/share/doc/poster/README.md
./usr/share/doc/poster/copyright
./usr/share/doc/poster/examples/nginx-poster.conf
./usr/share/doc/poster/operations.md
LIST
if ! diff -u "$work/expected" "$work/files" >"$work/files.diff"; then
  cat "$work/files.diff" >&2
  fail "the package's files differ from the list above (- expected, + packaged)"
fi
# and no folder that holds none of them (such as an empty /usr/local).
awk '$1 ~ /^d/ {print $6}' "$work/contents" | while read -r dir; do
  grep -q "^${dir//./\\.}" "$work/files" || fail "the package has the empty folder $dir"
done
mode_of() { awk -v path="$1" '$6 == path {print $1 " " $2}' "$work/contents"; }
[[ $(mode_of ./usr/bin/poster) == "-rwxr-xr-x root/root" ]] ||
  fail "/usr/bin/poster is '$(mode_of ./usr/bin/poster)', not -rwxr-xr-x root/root"
[[ $(mode_of ./etc/default/poster) == "-rw------- root/root" ]] ||
  fail "/etc/default/poster (which may hold the SMTP password) is '$(mode_of ./etc/default/poster)', not -rw------- root/root"

# Its control fields.
field() { dpkg-deb -f "$deb" "$1"; }
[[ $(field Package) == poster ]] || fail "Package is '$(field Package)', not poster"
[[ $(field Version) == "$version" ]] || fail "Version is '$(field Version)', not $version (project(VERSION))"
[[ $(field Architecture) == "$arch" ]] || fail "Architecture is '$(field Architecture)', not $arch"
[[ -n $(field Maintainer) ]] || fail "the package has no Maintainer"
[[ -n $(field Description) ]] || fail "the package has no Description"
depends=$(field Depends)
# One package name a line: "libc6 (>= 2.34), tzdata" gives libc6 and tzdata.
tr ',|' '\n' <<<"$depends" | sed 's/^ *//; s/[ (:].*//' >"$work/depends"
for needed in libc6 libsqlite3-0 adduser tzdata; do
  grep -qx "$needed" "$work/depends" ||
    fail "Depends does not name $needed (dpkg-shlibdeps and CPACK_DEBIAN_PACKAGE_DEPENDS): $depends"
done

# Its control files: the conffiles, and maintainer scripts that parse.
dpkg-deb -e "$deb" "$work/control"
printf '/etc/poster/contest.toml\n/etc/default/poster\n' >"$work/conffiles.expected"
diff -u "$work/conffiles.expected" "$work/control/conffiles" >&2 ||
  fail "the conffiles are not /etc/poster/contest.toml and /etc/default/poster"
for script in postinst prerm postrm; do
  [[ -x "$work/control/$script" ]] || fail "the package has no executable $script"
  sh -n "$work/control/$script" || fail "$script is not valid sh"
done

# Its units, with the packaged files under --root: verify prints nothing for a
# good unit, and anything it prints (an unknown key, a missing binary) fails.
root="$work/root"
dpkg-deb -x "$deb" "$root"
units=(poster.service poster-backup.service poster-backup.timer)
for unit in "${units[@]}"; do
  if ! systemd-analyze verify --man=no --recursive-errors=no --root="$root" \
    "$root/lib/systemd/system/$unit" >"$work/verify.log" 2>&1 || [[ -s "$work/verify.log" ]]; then
    cat "$work/verify.log" >&2
    fail "systemd-analyze verify finds fault with $unit (above)"
  fi
done
systemd-analyze security --offline=yes --root="$root" --no-pager poster.service \
  >"$work/security.log" 2>&1 || true
exposure=$(sed -n 's/.*Overall exposure level for poster.service: \([0-9.]*\).*/\1/p' "$work/security.log")
[[ -n $exposure ]] || {
  cat "$work/security.log" >&2
  fail "systemd-analyze security gave no exposure level for poster.service"
}
echo "systemd-analyze security: poster.service's exposure is $exposure (at most $max_exposure)"
awk -v e="$exposure" -v m="$max_exposure" 'BEGIN {exit !(e <= m)}' || {
  grep -E '^✗' "$work/security.log" >&2 || true
  fail "poster.service's exposure is $exposure, above $max_exposure: the hardening was weakened"
}

# The packaged binary runs, and is this version.
"$root/usr/bin/poster" --version >"$work/version.log" 2>&1 ||
  fail "the packaged /usr/bin/poster --version failed: $(cat "$work/version.log")"
grep -qF "$version" "$work/version.log" ||
  fail "the packaged poster says '$(cat "$work/version.log")', not version $version"

# The first start stores /etc/poster/contest.toml as the contest; later starts
# leave the stored contest alone even when the file has been edited since.
# On SQLite (DATA/contest.db), then on PostgreSQL as /etc/default/poster's
# POSTER_DATABASE names it, when the tests' cluster is there.
export POSTER_BINARY="$root/usr/bin/poster"
init="$root/usr/lib/poster/poster-init-data"
first_starts() {
  local data=$1 where=$2 config="$work/contest-$2.toml"
  cp "$root/etc/poster/contest.toml" "$config"
  sed -i '0,/^name = .*/s//name = "패키지 시험 공모전"/' "$config"
  "$init" "$data" "$config" >"$work/init.log" 2>&1 ||
    fail "poster-init-data could not set up a new contest on $where: $(cat "$work/init.log")"
  contest_name() { "$POSTER_BINARY" contest show --data "$data" --json; }
  contest_name | grep -qF '패키지 시험 공모전' ||
    fail "after the first start on $where the contest is not the config's: $(contest_name)"
  sed -i '0,/^name = .*/s//name = "고친 이름"/' "$config"
  "$init" "$data" "$config" >"$work/init.log" 2>&1 ||
    fail "poster-init-data failed on $where where a contest is stored: $(cat "$work/init.log")"
  grep -qF 'contest kept' "$work/init.log" ||
    fail "a later start on $where does not say it kept the contest: $(cat "$work/init.log")"
  contest_name | grep -qF '패키지 시험 공모전' ||
    fail "a later start on $where replaced the stored contest with the edited file: $(contest_name)"
}
first_starts "$work/data" SQLite
if [[ -n ${POSTER_TEST_PG_URL_FILE:-} ]]; then
  cluster=$(cat "$POSTER_TEST_PG_URL_FILE")
  pg_database="package_$$"
  psql -q "$cluster" -c "CREATE DATABASE $pg_database" >"$work/psql.log" 2>&1 ||
    fail "could not make a database on the tests' cluster: $(cat "$work/psql.log")"
  trap 'psql -q "$cluster" -c "DROP DATABASE IF EXISTS $pg_database WITH (FORCE)" >/dev/null 2>&1; rm -rf "$work"' EXIT
  POSTER_DATABASE="${cluster%/*}/$pg_database" first_starts "$work/pgdata" PostgreSQL
fi

echo "the package poster_${version}_${arch}.deb is as expected"
