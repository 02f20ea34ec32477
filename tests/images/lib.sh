# shellcheck shell=bash
# Helpers shared by the images suite (sourced): pass/fail counting, checks with captured output, polling.
passed=0
failed=0
check_log=$(mktemp)

pass() { passed=$((passed + 1)); echo "ok - $1"; }
fail() { failed=$((failed + 1)); echo "not ok - $1${2:+ ($2)}"; }

# check NAME CMD...: runs CMD; passes on exit 0, else fails and shows the end of its output.
check() {
  local name=$1; shift
  if "$@" >"$check_log" 2>&1; then pass "$name"; else fail "$name"; tail -n 25 "$check_log" | sed 's/^/    /'; fi
}

# wait_for SECONDS CMD...: polls CMD until it succeeds or the deadline passes (returns 1 then).
# shellcheck source=../lib/wait.sh
. "$(dirname "${BASH_SOURCE[0]}")/../lib/wait.sh"

http_code() { curl -s -o /dev/null -w '%{http_code}' --max-time 5 "$1"; }
http_is() { [ "$(http_code "$2")" = "$1" ]; }    # http_is 200 URL
