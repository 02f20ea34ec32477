#!/usr/bin/env bash
# The test stack for shell suites.
#   stack.sh start DIR   starts PostgreSQL, Redis and the API (build/notejam); prints NOTEJAM_* lines (also in DIR/env)
#   stack.sh stop DIR    stops them
set -euo pipefail
cmd=${1:?usage: stack.sh start|stop DIR}; dir=$(realpath -m "${2:?DIR}")
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=wait.sh
. "$here/wait.sh"
case $cmd in
  start)
    mkdir -p "$dir"
    node "$here/stack.mjs" > "$dir/env" 2> "$dir/stack.log" &
    echo $! > "$dir/pid"
    started() {  # its environment printed; a stack that died shows its log and stops the wait
      grep -q NOTEJAM_STACK_DIR "$dir/env" 2>/dev/null && return 0
      kill -0 "$(cat "$dir/pid")" 2>/dev/null || { cat "$dir/stack.log" >&2; exit 1; }
      return 1
    }
    wait_for 60 started || { echo "stack.sh: the stack did not start" >&2; exit 1; }
    cat "$dir/env" ;;
  stop)
    [ -f "$dir/pid" ] || exit 0
    pid=$(cat "$dir/pid"); kill -TERM "$pid" 2>/dev/null || true
    gone() { ! kill -0 "$pid" 2>/dev/null; }
    wait_for 30 gone ;;
  *) echo "stack.sh: unknown command $cmd" >&2; exit 2 ;;
esac
