#!/usr/bin/env bash
# Run one test-ops case (a t_* function of cases/*.sh) in a process of its own; run.sh set up the environment.
set -euo pipefail
. "$HERE/helpers.sh"
echo pass >"$PROXY_CONTROL"   # no fault left over from an earlier case
for f in "$HERE"/cases/*.sh "$HERE"/bench/*.sh; do . "$f"; done
[ -z "${TRACE:-}" ] || set -x
"$1"
