#!/usr/bin/env bash
# `make run`: the whole local stack without Docker or system services. Data lives in .data/ and survives restarts.
# PostgreSQL and Redis run on private ports; the API serves the SPA (web/dist, or a placeholder) at PORT (8080).
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
data=$root/.data
port=${PORT:-8080}
mkdir -p "$data/outbox"
pg_url=$("$root/tests/lib/pg.sh" start "$data/postgres")
redis_url=$("$root/tests/lib/redis.sh" start "$data/redis")
stop_all() {
  trap - INT TERM EXIT
  [ -n "${api_pid:-}" ] && kill -TERM "$api_pid" 2>/dev/null && wait "$api_pid" 2>/dev/null || true
  "$root/tests/lib/redis.sh" stop "$data/redis"
  "$root/tests/lib/pg.sh" stop "$data/postgres"
  echo "notejam: stopped (data kept in .data/)"
}
trap stop_all INT TERM EXIT

# a signing key made once for this checkout (never committed: .data/ is ignored)
[ -s "$data/jwt-keys" ] || { umask 077; printf 'local1:%s\n' "$(head -c 32 /dev/urandom | base64 -w0)" > "$data/jwt-keys"; }
web_root=$root/web/dist
if [ ! -f "$web_root/index.html" ]; then
  web_root=$data/placeholder-web
  mkdir -p "$web_root"
  cat > "$web_root/index.html" <<'HTML'
<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Notejam</title></head>
<body><h1>Notejam</h1><p>The API is running under <code>/api/v1</code>. Build the web app with <code>make web-build</code>.</p></body></html>
HTML
fi
export NOTEJAM_LISTEN=127.0.0.1:$port NOTEJAM_DATABASE_URL=$pg_url NOTEJAM_REDIS_URL=$redis_url \
  NOTEJAM_JWT_KEYS_FILE=$data/jwt-keys NOTEJAM_MIGRATIONS_DIR=$root/api/migrations NOTEJAM_MAIL_DIR=$data/outbox \
  NOTEJAM_COOKIE_SECURE=false NOTEJAM_PUBLIC_URL=http://127.0.0.1:$port NOTEJAM_WEB_ROOT=$web_root
# the API reference page at /api/docs (make docs-build)
[ -f "$root/web/dist-docs/index.html" ] && export NOTEJAM_DOCS_ROOT=$root/web/dist-docs
"$root/build/notejam" migrate
echo "notejam: http://127.0.0.1:$port  (mail goes to .data/outbox/, Ctrl-C stops everything)"
"$root/build/notejam" serve &
api_pid=$!
wait "$api_pid"
