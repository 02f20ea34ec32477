# shellcheck shell=bash disable=SC2154  # sourced by run.sh, which sets these variables
# Section (sourced by run.sh): run the built images against the test PostgreSQL/Redis on the host network,
# everything bound to 127.0.0.1 on free ports. Needs: root, here, tmp, run_id, PODMAN, api_img, web_img.

pg_url=$("$root/tests/lib/pg.sh" start "$tmp/pg")
redis_url=$("$root/tests/lib/redis.sh" start "$tmp/redis")
api_port=$("$root/tests/lib/free-port.sh")
web_port=$("$root/tests/lib/free-port.sh")
api_c=notejam-images-api-$run_id
web_c=notejam-images-web-$run_id
containers+=("$api_c" "$web_c")

# The JWT key ring reaches the container as a mounted file (NOTEJAM_JWT_KEYS_FILE), never as env or image layer.
mkdir -p "$tmp/secrets"
printf 'k1:%s\n' "$(head -c 32 /dev/urandom | base64 -w0)" > "$tmp/secrets/jwt_keys"
chmod 0755 "$tmp/secrets"; chmod 0444 "$tmp/secrets/jwt_keys"

# Locked down like production: read-only root without the default /tmp tmpfs, no capabilities.
strict=(--network=host --read-only --read-only-tmpfs=false --cap-drop=all --security-opt=no-new-privileges
        --health-interval=disable)
api_env=(-e NOTEJAM_DATABASE_URL="$pg_url" -e NOTEJAM_REDIS_URL="$redis_url"
         -e NOTEJAM_JWT_KEYS_FILE=/run/secrets/jwt_keys -v "$tmp/secrets:/run/secrets:ro")

migrate() { "$PODMAN" run --rm "${strict[@]}" -e NOTEJAM_DATABASE_URL="$pg_url" "$api_img" migrate; }
check "migrate: the one-shot command in the API image applies the schema" migrate
check "migrate: a second run is a no-op and exits 0" migrate

start_api() {
  "$PODMAN" run -d --name "$api_c" "${strict[@]}" "${api_env[@]}" -e NOTEJAM_LISTEN="127.0.0.1:$api_port" \
    --tmpfs /var/spool/notejam/outbox:rw,mode=1777 -e NOTEJAM_MAIL_DIR=/var/spool/notejam/outbox "$api_img" \
  && wait_for 30 http_is 200 "http://127.0.0.1:$api_port/readyz"
}
check "API container (read-only root, no caps) answers /readyz 200" start_api

start_web() {
  "$PODMAN" run -d --name "$web_c" --network=host --read-only --cap-drop=all --security-opt=no-new-privileges \
    --health-interval=disable -e NOTEJAM_WEB_LISTEN="127.0.0.1:$web_port" \
    -e NOTEJAM_API_UPSTREAM="http://127.0.0.1:$api_port" "$web_img" \
  && wait_for 20 http_is 200 "http://127.0.0.1:$web_port/"
}
check "web container (read-only root + /tmp tmpfs, no caps) serves the SPA" start_web
check "sign up and create a note through the web image's /api/ proxy" \
  node "$here/api-flow.mjs" "http://127.0.0.1:$web_port"
check "web: history fallback, immutable assets, no-cache index, gzip, CSP and security headers" \
  node "$here/web-checks.mjs" "http://127.0.0.1:$web_port"
check "Chromium runs the SPA from the web image under its CSP without violations" \
  node "$here/browser-csp.mjs" "http://127.0.0.1:$web_port"
check "the API image serves its contract (ETag, 304) and /api/docs, rendered in Chromium under its CSP" \
  node "$here/api-docs.mjs" "http://127.0.0.1:$web_port"

# Every process of the container runs as the image's non-root uid (host view; no user namespace here).
uids_are() { local out; out=$("$PODMAN" top "$1" huser | tail -n +2 | sort -u); echo "$out"; [ "$out" = "$2" ]; }
check "API processes run as uid 10001" uids_are "$api_c" 10001
check "web processes run as uid 10003" uids_are "$web_c" 10003

check "API HEALTHCHECK passes (podman healthcheck run)" "$PODMAN" healthcheck run "$api_c"
check "web HEALTHCHECK passes (podman healthcheck run)" "$PODMAN" healthcheck run "$web_c"
unhealthy() { ! "$PODMAN" exec "$@"; }
check "API HEALTHCHECK command fails when nothing answers" \
  unhealthy -e NOTEJAM_LISTEN="127.0.0.1:$("$root/tests/lib/free-port.sh")" "$api_c" notejam healthcheck
check "web HEALTHCHECK command fails when nothing answers" \
  unhealthy -e NOTEJAM_WEB_LISTEN="127.0.0.1:$("$root/tests/lib/free-port.sh")" "$web_c" notejam-web-healthcheck

version_shows_build_args() {
  local body; body=$(curl -sf --max-time 5 "http://127.0.0.1:$api_port/version"); echo "$body"
  [[ $body == *"\"$VERSION\""* && $body == *"\"$COMMIT\""* && $body == *"\"$BUILD_TIME\""* ]]
}
check "/version shows the build args (VERSION, COMMIT, BUILD_TIME)" version_shows_build_args
logs_are_json() { "$PODMAN" logs "$api_c" 2>/dev/null | node -e '
  const lines = require("fs").readFileSync(0, "utf8").split("\n").filter(Boolean);
  if (!lines.length) throw new Error("no log lines");
  for (const l of lines) JSON.parse(l);
  console.log(`${lines.length} JSON log lines`);'; }
check "API logs are JSON lines on stdout" logs_are_json

# podman stop sends the image's STOPSIGNAL (SIGTERM for the API, SIGQUIT = graceful for nginx).
stops_cleanly() {
  local start=$SECONDS code
  "$PODMAN" stop -t 30 "$1" >/dev/null || return 1
  code=$("$PODMAN" inspect -f '{{.State.ExitCode}}' "$1")
  echo "exit code $code after $((SECONDS - start))s"
  [ "$code" = 0 ] && [ $((SECONDS - start)) -le "$2" ]
}
check "API: stop with SIGTERM exits 0 within 10s (PID 1 handles it)" stops_cleanly "$api_c" 10
tail -n 1 "$check_log" | sed 's/^/# API: /'
check "web: stop exits 0 within 10s" stops_cleanly "$web_c" 10
tail -n 1 "$check_log" | sed 's/^/# web: /'

"$root/tests/lib/pg.sh" stop "$tmp/pg"
"$root/tests/lib/redis.sh" stop "$tmp/redis"
