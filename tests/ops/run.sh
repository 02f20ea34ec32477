#!/usr/bin/env bash
# test-ops: the backup tools (ops/backup) against a private PostgreSQL 15, moto_server as S3 (the one mock: AWS
# itself cannot run here), a fault-injecting proxy in front of it, and a real Prometheus Pushgateway, all on free
# loopback ports in a temporary directory. Runs every t_* function of cases/*.sh (or those named as arguments),
# each in its own process, and ends with "ops: N passed, N failed".
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
ROOT=$(cd "$HERE/../.." && pwd)
export HERE ROOT
OPS_TMP=$(mktemp -d /tmp/test-ops.XXXXXX)
export OPS_TMP
pids=()
cleanup() {
  local p
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  "$ROOT/tests/lib/pg.sh" stop "$OPS_TMP/pg" || true
  [ -n "${KEEP_OPS_TMP:-}" ] || rm -rf "$OPS_TMP"
}
trap cleanup EXIT

# The aws CLI the ops image ships (Debian's awscli 2.9) goes first on PATH; moto_server comes from pyenv.
moto=$(command -v moto_server) || { echo "moto_server not found (it is preinstalled with pyenv on these machines)" >&2; exit 1; }
mkdir -p "$OPS_TMP/bin"; ln -s /usr/bin/aws "$OPS_TMP/bin/aws"
export PATH="$OPS_TMP/bin:$PATH"
export AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test AWS_REGION=eu-west-1 AWS_DEFAULT_REGION=eu-west-1
export PGOPTIONS="-c client_min_messages=warning"
unset AWS_PROFILE AWS_SESSION_TOKEN PUSHGATEWAY_URL NOTEJAM_DATABASE_URL_FILE

# shellcheck source=../lib/wait.sh
. "$ROOT/tests/lib/wait.sh"
until_up() { wait_for 30 curl -s -o /dev/null "$1"; }
port() { "$ROOT/tests/lib/free-port.sh"; }

url=$("$ROOT/tests/lib/pg.sh" start "$OPS_TMP/pg")
export PG_BASE=${url%/notejam}
p=$(port); "$moto" -H 127.0.0.1 -p "$p" >"$OPS_TMP/moto.log" 2>&1 & pids+=($!)
export MOTO_URL=http://127.0.0.1:$p AWS_ENDPOINT_URL=http://127.0.0.1:$p
until_up "$MOTO_URL/moto-api/"
p=$(port); export PROXY_CONTROL=$OPS_TMP/proxy.rule; echo pass >"$PROXY_CONTROL"
python3 "$HERE/s3-fault-proxy.py" "$p" "${MOTO_URL##*:}" "$PROXY_CONTROL" >"$OPS_TMP/proxy.log" 2>&1 & pids+=($!)
export PROXY_URL=http://127.0.0.1:$p
until_up "$PROXY_URL/moto-api/"
p=$(port); prometheus-pushgateway --web.listen-address="127.0.0.1:$p" >"$OPS_TMP/pushgateway.log" 2>&1 & pids+=($!)
export PUSHGATEWAY_URL=http://127.0.0.1:$p
until_up "$PUSHGATEWAY_URL/-/ready"
age-keygen -o "$OPS_TMP/backup.key" 2>/dev/null
age-keygen -o "$OPS_TMP/other.key" 2>/dev/null
AGE_RECIPIENT=$(age-keygen -y "$OPS_TMP/backup.key")
export AGE_IDENTITY_FILE=$OPS_TMP/backup.key AGE_RECIPIENT OTHER_KEY=$OPS_TMP/other.key

if [ $# -gt 0 ]; then tests=("$@"); else
  mapfile -t tests < <(grep -ho '^t_[a-z0-9_]*' "$HERE"/cases/*.sh)
fi
passed=0 failed=0
for t in "${tests[@]}"; do
  start=$(date +%s)
  if timeout 300 bash "$HERE/run-one.sh" "$t" >"$OPS_TMP/$t.log" 2>&1; then
    passed=$((passed + 1)); echo "ok   $t ($(($(date +%s) - start))s)"
  else
    failed=$((failed + 1)); echo "FAIL $t ($(($(date +%s) - start))s)"; tail -n 25 "$OPS_TMP/$t.log" | sed 's/^/     /'
  fi
done
echo "ops: $passed passed, $failed failed"
[ "$failed" = 0 ]
