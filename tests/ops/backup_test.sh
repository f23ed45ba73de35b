#!/usr/bin/env bash
# tests/ops/backup_test.sh SOURCE_DIR POSTER: packaging/poster-backup, the
# nightly step of poster-backup.service, against a stand-in for `poster backup`
# that checks the arguments it is given and copies the folder (or fails
# halfway), then once with the real poster, whose copy poster restore takes back.
set -euo pipefail
source_dir=${1:?usage: backup_test.sh SOURCE_DIR POSTER}
real_poster=${2:?usage: backup_test.sh SOURCE_DIR POSTER}
backup="$source_dir/packaging/poster-backup"

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
fail() {
  echo "FAIL: $*" >&2
  exit 1
}

# The stand-in: `poster backup --data DATA TARGET`, TARGET new or empty.
cat >"$work/poster" <<'STANDIN'
#!/bin/sh
set -eu
[ "$1" = backup ] && [ "$2" = --data ] && [ $# -eq 4 ] || { echo "stand-in: bad arguments: $*" >&2; exit 2; }
[ ! -e "$4" ] || [ -z "$(ls -A "$4")" ] || { echo "stand-in: $4 is not empty" >&2; exit 1; }
mkdir -p "$4"
cp "$3/contest.db" "$4/contest.db"
if [ -n "${STANDIN_FAIL:-}" ]; then echo "stand-in: disk full" >&2; exit 1; fi
STANDIN
chmod +x "$work/poster"
export POSTER_BINARY="$work/poster"

data="$work/data"
backups="$work/backups"
mkdir -p "$data" "$backups/not-a-backup"
echo "the catalogue" >"$data/contest.db"
echo "an admin's note" >"$backups/notes.txt"
for day in $(seq -w 1 15); do mkdir "$backups/202601$day"; done
dated() {
  find "$backups" -mindepth 1 -maxdepth 1 -regextype posix-extended \
    -regex '.*/[0-9]{8}(-[0-9]{6})?' -printf '%f\n' | sort
}

before=$(date +%Y%m%d)
POSTER_BACKUP_KEEP=14 "$backup" "$data" "$backups" >"$work/log" 2>&1 ||
  fail "the backup failed: $(cat "$work/log")"
after=$(date +%Y%m%d)
today=$before
[[ -d "$backups/$today" ]] || today=$after
[[ -f "$backups/$today/contest.db" ]] || fail "no copy in $backups/$before: $(ls "$backups")"
(($(dated | wc -l) == 14)) || fail "not the newest 14 backups kept: $(dated | tr '\n' ' ')"
[[ ! -e "$backups/20260101" && ! -e "$backups/20260102" ]] || fail "the two oldest backups were kept"
[[ -d "$backups/20260103" ]] || fail "the third oldest backup was removed with the two oldest"
[[ -f "$backups/notes.txt" && -d "$backups/not-a-backup" ]] || fail "files that are no backup were removed"

# A second run on one day gets a name of its own, and the oldest goes.
POSTER_BACKUP_KEEP=14 "$backup" "$data" "$backups" >"$work/log" 2>&1 ||
  fail "the day's second backup failed: $(cat "$work/log")"
(($(dated | grep -c -- '-') == 1)) || fail "the day's second backup has no -HHMMSS name: $(dated | tr '\n' ' ')"
(($(dated | wc -l) == 14)) || fail "not 14 backups kept after the second: $(dated | tr '\n' ' ')"
[[ ! -e "$backups/20260103" ]] || fail "the oldest backup stayed after the second run"

# A failed copy leaves no dated folder and no half-written one, and keeps the rest.
dated >"$work/kept"
if STANDIN_FAIL=1 "$backup" "$data" "$backups" >"$work/log" 2>&1; then
  fail "poster-backup exited 0 although poster backup failed"
fi
dated | diff -u "$work/kept" - >&2 || fail "a failed backup changed the dated folders"
[[ -z $(find "$backups" -name '*partial*') ]] || fail "a failed backup left its half-written copy"
grep -q "failed" "$work/log" || fail "a failed backup does not say so: $(cat "$work/log")"

# A keep count that is not a number is refused before anything is copied.
if POSTER_BACKUP_KEEP=two "$backup" "$data" "$backups" >"$work/log" 2>&1; then
  fail "POSTER_BACKUP_KEEP=two was taken"
fi
dated | diff -u "$work/kept" - >&2 || fail "a refused keep count changed the dated folders"

# On PostgreSQL the step copies nothing and says what to do instead.
POSTER_DATABASE=postgresql://poster@127.0.0.1:1/poster "$backup" "$data" "$backups" >"$work/log" 2>&1 ||
  fail "poster-backup on PostgreSQL failed: $(cat "$work/log")"
dated | diff -u "$work/kept" - >&2 || fail "poster-backup on PostgreSQL changed the dated folders"
grep -q "pg_dump" "$work/log" || fail "poster-backup on PostgreSQL does not name pg_dump: $(cat "$work/log")"

# The real command: a contest's folder copied by the wrapper restores and verifies.
real="$work/real"
"$real_poster" roster import --data "$real/data" "$source_dir/assets/samples/roster.csv" >/dev/null
POSTER_BINARY="$real_poster" "$backup" "$real/data" "$real/backups" >"$work/log" 2>&1 ||
  fail "poster-backup with the real poster failed: $(cat "$work/log")"
copy=$(find "$real/backups" -mindepth 1 -maxdepth 1 -type d | head -n 1)
[[ -f "$copy/backup.json" ]] || fail "the real backup has no backup.json: $(ls -A "$real/backups")"
"$real_poster" restore "$copy" --data "$real/restored" >"$work/log" 2>&1 ||
  fail "poster restore of the nightly copy failed: $(cat "$work/log")"

echo "poster-backup dates its copies, keeps the newest 14 and leaves no partial copy"
