#!/usr/bin/env bash
# Run every test suite (make targets) in order, keep going after a failure, and exit non-zero if any failed.
# Ends with the plain line "suites: N passed, N failed".
set -uo pipefail
passed=0; failed=0; failed_names=()
start_all=$(date +%s)
for suite in "$@"; do
  echo "===== $suite ====="
  start=$(date +%s)
  if make --no-print-directory "$suite"; then
    passed=$((passed + 1)); status=PASS
  else
    failed=$((failed + 1)); failed_names+=("$suite"); status=FAIL
  fi
  echo "===== $suite: $status in $(( $(date +%s) - start ))s ====="
done
echo "all suites took $(( $(date +%s) - start_all ))s"
[ $failed -eq 0 ] || echo "failed suites: ${failed_names[*]}"
echo "suites: $passed passed, $failed failed"
[ $failed -eq 0 ]
