#!/usr/bin/env bash
# Runs every libFuzzer target in BIN_DIR: first the regression inputs of tests/fuzz/regressions/<target>/ (inputs
# that crashed once; each must pass now), then SECONDS of fuzzing from the committed seeds. New inputs go to a
# scratch corpus, or to CORPUS_DIR/<target> when given (make fuzz keeps them in build/fuzz/corpus).
# Usage: tests/fuzz/run.sh BIN_DIR SECONDS [CORPUS_DIR]
set -euo pipefail
shopt -s nullglob
here=$(cd "$(dirname "$0")" && pwd)
bin=$1 seconds=$2 keep=${3:-}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
artifacts=$bin/artifacts
mkdir -p "$artifacts"
failed=0
for t in "$bin"/fuzz_*; do
  name=$(basename "$t")
  regressions=()
  [ -d "$here/regressions/$name" ] && regressions=("$here/regressions/$name"/*)
  if [ ${#regressions[@]} -gt 0 ]; then
    if ! "$t" "${regressions[@]}" >"$work/$name.reg.log" 2>&1; then
      echo "$name: a regression input crashes again"; tail -40 "$work/$name.reg.log"; failed=1; continue
    fi
  fi
  corpus=${keep:+$keep/$name}
  corpus=${corpus:-$work/corpus-$name}
  mkdir -p "$corpus"
  if "$t" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=1024 -print_final_stats=1 \
      -artifact_prefix="$artifacts/$name-" "$corpus" "$here/corpus/$name" >"$work/$name.log" 2>&1; then
    runs=$(grep -o 'stat::number_of_executed_units: [0-9]*' "$work/$name.log" | grep -o '[0-9]*$' || echo '?')
    cov=$(grep -o 'cov: [0-9]*' "$work/$name.log" | tail -1 || true)
    echo "$name: ok, $runs inputs in ${seconds}s, ${cov:-cov: ?} edges, ${#regressions[@]} regression input(s) checked"
  else
    echo "$name: FAILED (crash input saved under $artifacts/; add it to tests/fuzz/regressions/$name/ once fixed)"
    grep -A30 -E 'ERROR|runtime error|deadly signal' "$work/$name.log" | head -60
    failed=1
  fi
done
exit $failed
