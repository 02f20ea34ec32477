#!/usr/bin/env bash
# A private PostgreSQL 15 cluster for tests and `make run`: its own data dir, socket dir and loopback port.
#   pg.sh start DIR [PORT]   init (first time) and start; prints the database URL on stdout
#   pg.sh stop DIR           fast shutdown
#   pg.sh url DIR            print the URL of a cluster started earlier
# The cluster has a superuser "postgres" (trust auth on loopback only) and a database "notejam".
set -euo pipefail
cmd=${1:?usage: pg.sh start|stop|url DIR [PORT]}; dir=$(realpath -m "${2:?DIR}")
here=$(dirname "$0")
"$here/../../scripts/ensure-apt.sh" postgresql-15 postgresql-client-15 >/dev/null
bin=/usr/lib/postgresql/15/bin
# initdb and the server refuse to run as root: use the postgres system user then.
# The postgres user must be able to traverse every parent of DIR (mktemp dirs and /root are 0700).
open_path() { local d=$1; while [ "$d" != / ]; do [ -x "$d" ] && chmod o+x "$d" 2>/dev/null; d=$(dirname "$d"); done; }
as_owner() { if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }
url() { echo "postgresql://postgres@127.0.0.1:$(cat "$dir/port")/notejam"; }
case $cmd in
  start)
    mkdir -p "$dir"
    if [ "$(id -u)" -eq 0 ]; then chown postgres "$dir"; open_path "$dir"; fi
    if [ ! -f "$dir/data/PG_VERSION" ]; then
      as_owner "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1
    fi
    port=${3:-$(cat "$dir/port" 2>/dev/null || "$here/free-port.sh")}
    echo "$port" > "$dir/port"
    mkdir -p "$dir/sock"; [ "$(id -u)" -eq 0 ] && chown postgres "$dir/sock" "$dir/port"
    as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start \
      -o "-h 127.0.0.1 -p $port -k $dir/sock -c fsync=off -c max_connections=200 -c shared_buffers=128MB" >/dev/null
    psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -Atqc "SELECT 1 FROM pg_database WHERE datname='notejam'" | grep -q 1 \
      || psql -h 127.0.0.1 -p "$port" -U postgres -d postgres -qc "CREATE DATABASE notejam" >/dev/null
    url ;;
  stop) [ -f "$dir/data/postmaster.pid" ] && as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop >/dev/null || true ;;
  url) url ;;
  *) echo "pg.sh: unknown command $cmd" >&2; exit 2 ;;
esac
