#!/bin/bash
# HEALTHCHECK of the web image without curl: GET /index.html over bash's /dev/tcp; healthy on HTTP 200.
set -euo pipefail
listen=${NOTEJAM_WEB_LISTEN:-8080}
port=${listen##*:}
host=127.0.0.1
case $listen in *.*.*.*:*) [ "${listen%:*}" = 0.0.0.0 ] || host=${listen%:*} ;; esac
exec 3<>"/dev/tcp/$host/$port"
printf 'GET /index.html HTTP/1.0\r\nHost: localhost\r\n\r\n' >&3
IFS= read -r -t 3 status <&3
[[ $status == "HTTP/1."?" 200 "* ]]
