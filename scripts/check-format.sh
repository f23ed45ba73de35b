#!/usr/bin/env bash
# Fails when a C++ file of ours is not as clang-format (.clang-format) would write it.
#   scripts/check-format.sh          check
#   scripts/check-format.sh --fix    rewrite the files in place
set -euo pipefail
cd "$(dirname "$0")/.."
mapfile -t files < <(git ls-files '*.cc' '*.h')
if [[ "${1:-}" == "--fix" ]]; then
  clang-format -i "${files[@]}"
  exit 0
fi
if ! clang-format --dry-run -Werror "${files[@]}" 2>/tmp/poster-format.log; then
  grep -E '^[^ ].*error:' /tmp/poster-format.log | cut -d: -f1 | sort -u | sed 's/^/unformatted: /' >&2
  echo "check-format: run scripts/check-format.sh --fix" >&2
  exit 1
fi
