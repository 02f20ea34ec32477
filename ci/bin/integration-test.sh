#!/usr/bin/env bash
# The release binary against real PostgreSQL and Redis (CI: the job's services; locally: any servers):
# migrate, serve on a free loopback port, smoke test (health, version, sign-up, notes, account deletion),
# then SIGTERM must end it with exit code 0 within the shutdown grace.
#   integration-test.sh BINARY     Needs: NOTEJAM_DATABASE_URL, NOTEJAM_REDIS_URL; optional VERSION to check.
set -euo pipefail
bin=$(realpath "${1:?usage: integration-test.sh BINARY}")
: "${NOTEJAM_DATABASE_URL:?}" "${NOTEJAM_REDIS_URL:?}"
root=$(cd "$(dirname "$0")/../.." && pwd)
"$root/scripts/ensure-apt.sh" curl libcivetweb1 libjwt0 libhiredis0.14 libcjson1 libsodium23 libpq5 libssl3 ca-certificates
tmp=$(mktemp -d); pid=""
cleanup() { [ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$tmp"; }
trap cleanup EXIT

# A fresh signing key for this run only: never stored, never printed.
NOTEJAM_JWT_KEYS="ci:$(head -c 48 /dev/urandom | base64 -w0)"
export NOTEJAM_JWT_KEYS
export NOTEJAM_MIGRATIONS_DIR=${NOTEJAM_MIGRATIONS_DIR:-$root/api/migrations}
export NOTEJAM_MAIL_DIR="$tmp/outbox" NOTEJAM_COOKIE_SECURE=false NOTEJAM_SHUTDOWN_GRACE=${NOTEJAM_SHUTDOWN_GRACE:-10}
mkdir -p "$NOTEJAM_MAIL_DIR"

# The database service may still be starting: retry the migration until it gets through (or 60 s pass).
deadline=$(( $(date +%s) + 60 ))
until "$bin" migrate >"$tmp/migrate.log" 2>&1; do
  [ "$(date +%s)" -ge "$deadline" ] && { cat "$tmp/migrate.log" >&2; echo "integration-test: migrate failed" >&2; exit 1; }
  sleep 1
done
echo "integration-test: migrations applied"

port=$("$root/tests/lib/free-port.sh")
NOTEJAM_LISTEN="127.0.0.1:$port" "$bin" serve >"$tmp/serve.log" 2>&1 &
pid=$!
version_args=(); [ -n "${VERSION:-}" ] && version_args=(--version "$VERSION")
SMOKE_WAIT=30 "$root/ci/bin/smoke-test.sh" "http://127.0.0.1:$port" --direct --write "${version_args[@]}" || {
  tail -n 50 "$tmp/serve.log" >&2; exit 1; }

kill -TERM "$pid"
deadline=$(( $(date +%s) + NOTEJAM_SHUTDOWN_GRACE + 5 ))
while kill -0 "$pid" 2>/dev/null; do
  [ "$(date +%s)" -ge "$deadline" ] && { echo "integration-test: still running ${NOTEJAM_SHUTDOWN_GRACE}s after SIGTERM" >&2; exit 1; }
  sleep 0.2
done
rc=0; wait "$pid" || rc=$?
pid=""
[ "$rc" -eq 0 ] || { tail -n 20 "$tmp/serve.log" >&2; echo "integration-test: SIGTERM exit code $rc, want 0" >&2; exit 1; }
echo "integration-test: passed (graceful shutdown, exit 0)"
