#!/usr/bin/env bash
# Weekly dependency update check: every npm project (each folder with a committed package-lock.json) and the
# Terraform provider locks (checked with `init -upgrade`, the lock file restored afterwards). Writes build/reports/deps/*.txt; exits 3 when updates are available (the scheduled
# job shows a warning and the report), 0 when everything is current, anything else on an error.
set -euo pipefail
out=build/reports/deps
mkdir -p "$out"
outdated=0
while IFS= read -r lock; do
  dir=$(dirname "$lock")
  report="$out/npm-$(echo "$dir" | tr '/' '_').txt"
  # npm outdated exits 1 when something is outdated and prints nothing when all is current.
  (cd "$dir" && npm outdated --long) >"$report" 2>&1 || true
  if [ -s "$report" ]; then outdated=1; echo "deps-check: updates for $dir:"; cat "$report"; fi
done < <(git ls-files '*package-lock.json')
while IFS= read -r lock; do
  [ -L "$lock" ] && continue                       # environment roots link to one shared lock file
  dir=$(dirname "$lock")
  report="$out/terraform-$(echo "$dir" | tr '/' '_').txt"
  # init -upgrade rewrites the lock file in place: keep the original, compare, put it back.
  cp "$lock" "$out/lock.orig"
  if TF_DATA_DIR=$(mktemp -d) terraform -chdir="$dir" init -backend=false -upgrade -input=false >"$report.log" 2>&1; then
    if ! diff -u "$out/lock.orig" "$lock" >"$report"; then
      outdated=1; echo "deps-check: newer providers for $dir:"; cat "$report"
    fi
  else
    echo "deps-check: could not check $dir (terraform init failed, see $report.log)" >&2
  fi
  cp "$out/lock.orig" "$lock"
done < <(git ls-files '*.terraform.lock.hcl')
[ "$outdated" -eq 0 ] && { echo "deps-check: everything is current"; exit 0; }
exit 3
