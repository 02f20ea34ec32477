#!/usr/bin/env bash
# A private Redis 7 server for tests and `make run`: its own dir and loopback port, no system service.
#   redis.sh start DIR [PORT]   start (data persists in DIR); prints the Redis URL on stdout
#   redis.sh stop DIR           shutdown (saving)
set -euo pipefail
cmd=${1:?usage: redis.sh start|stop DIR [PORT]}; dir=$(realpath -m "${2:?DIR}")
here=$(dirname "$0")
# shellcheck source=wait.sh
. "$here/wait.sh"
"$here/../../scripts/ensure-apt.sh" redis-server redis-tools >/dev/null
case $cmd in
  start)
    mkdir -p "$dir"
    port=${3:-$(cat "$dir/port" 2>/dev/null || "$here/free-port.sh")}
    echo "$port" > "$dir/port"
    redis-server --bind 127.0.0.1 --port "$port" --dir "$dir" --daemonize yes --pidfile "$dir/redis.pid" \
      --logfile "$dir/redis.log" --appendonly yes --save "" --protected-mode yes >/dev/null
    pong() { redis-cli -p "$port" ping 2>/dev/null | grep -q PONG; }
    wait_for 10 pong
    echo "redis://127.0.0.1:$port/0" ;;
  stop)
    [ -f "$dir/port" ] && redis-cli -p "$(cat "$dir/port")" shutdown >/dev/null 2>&1 || true
    gone() { ! { [ -f "$dir/redis.pid" ] && kill -0 "$(cat "$dir/redis.pid")" 2>/dev/null; }; }
    wait_for 10 gone ;;
  *) echo "redis.sh: unknown command $cmd" >&2; exit 2 ;;
esac
