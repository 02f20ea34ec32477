#!/bin/sh
# notejam-web entrypoint: write the listen address and the optional /api/ proxy into /tmp/nginx, then run nginx
# in the foreground as PID 1 (SIGTERM = fast shutdown, SIGQUIT = graceful).
#   NOTEJAM_WEB_LISTEN    PORT or ADDRESS:PORT (default 8080)
#   NOTEJAM_API_UPSTREAM  http(s)://host[:port] of the API; empty = serve the SPA only
set -eu
listen=${NOTEJAM_WEB_LISTEN:-8080}
upstream=${NOTEJAM_API_UPSTREAM:-}
run=/tmp/nginx

fail() { echo "notejam-web: $1" >&2; exit 2; }
echo "$listen" | grep -Eq '^(([0-9.]+|\[[0-9a-fA-F:]+\]):)?[0-9]{1,5}$' || fail "NOTEJAM_WEB_LISTEN must be PORT or ADDRESS:PORT"

mkdir -p "$run"
printf 'listen %s;\n' "$listen" > "$run/listen.conf"
rm -f "$run/api-proxy.conf"
if [ -n "$upstream" ]; then
  upstream=${upstream%/}
  echo "$upstream" | grep -Eq '^https?://[A-Za-z0-9._-]+(:[0-9]{1,5})?$' \
    || fail "NOTEJAM_API_UPSTREAM must be http(s)://host[:port]"
  sed "s|@UPSTREAM@|$upstream|" /etc/nginx/notejam/api-proxy.conf.in > "$run/api-proxy.conf"
fi
exec nginx -e stderr -g 'daemon off;'
