# shellcheck shell=bash
# The one polling helper of the shell tests (tests/lib/wait.mjs is the JavaScript one): no fixed sleeps, poll a
# condition with a deadline. Source it.
# wait_for SECONDS CMD...: runs CMD (stdout discarded) every 0.1 s until it succeeds; after SECONDS says what it
# waited for on stderr and returns 1.
wait_for() {
  local seconds=$1; shift
  local deadline=$((SECONDS + seconds))
  until "$@" >/dev/null; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "timed out after $seconds s waiting for: $*" >&2
      return 1
    fi
    sleep 0.1
  done
}
