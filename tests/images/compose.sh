# shellcheck shell=bash disable=SC2154  # sourced by run.sh, which sets these variables
# Section (sourced by run.sh): validate docker-compose.yml, then run the whole stack with docker-compose
# (Debian's 1.29, the docker CLI here has no compose plugin) against `podman system service` via DOCKER_HOST.
# postgres:15/redis:7 cannot be pulled here: compose.podman.yml swaps in stand-ins built from stand-ins/.

compose_env=$tmp/compose.env
"$root/docker/gen-env.sh" "$compose_env" 2>/dev/null
web_port=$("$root/tests/lib/free-port.sh")
printf 'NOTEJAM_TAG=%s\nNOTEJAM_WEB_PORT=%s\n' "$tag" "$web_port" >> "$compose_env"
project=notejamimages$run_id
dc=(docker-compose -p "$project" --env-file "$compose_env" -f "$root/docker-compose.yml" -f "$here/compose.podman.yml")

# The project's containers and volumes that still exist (compose labels them).
compose_leftovers() {
  "$PODMAN" ps -aq --filter "label=com.docker.compose.project=$project"
  "$PODMAN" volume ls -q --filter "label=com.docker.compose.project=$project"
}
# Whatever state the run ended in (run.sh's cleanup calls this), remove them with podman directly.
compose_leftovers_removed() {
  "$PODMAN" ps -aq --filter "label=com.docker.compose.project=$project" | xargs -r "$PODMAN" rm -f >/dev/null
  "$PODMAN" volume ls -q --filter "label=com.docker.compose.project=$project" | xargs -r "$PODMAN" volume rm -f >/dev/null
  "$PODMAN" network rm -f "${project}_default" >/dev/null 2>&1
}

check "docker-compose config validates docker-compose.yml (with a generated .env)" \
  docker-compose --env-file "$compose_env" -f "$root/docker-compose.yml" config -q
refuses_without_secrets() {
  ! docker-compose --env-file "$root/.env.example" -f "$root/docker-compose.yml" config -q 2>"$tmp/dc.err" \
    && grep -q 'set POSTGRES_PASSWORD in .env' "$tmp/dc.err"
}
check "docker-compose refuses .env.example as is (no default secrets)" refuses_without_secrets
# dclint always validates against the Compose Specification schema; dclint.json turns off ordering-style rules
# (the file is ordered by start-up), no-build-and-image (compose builds and tags the image both api and migrate
# use) and require-project-name-field (Debian 12's docker-compose 1.29 rejects a top-level `name`).
check "dclint: docker-compose.yml passes the Compose Specification schema and lint rules" \
  "$here/node_modules/.bin/dclint" --color false -c "$here/dclint.json" --max-warnings 0 "$root/docker-compose.yml"

build_standin() { "$PODMAN" build --format docker --pull=never --network=host -q -f "$here/stand-ins/$1.Dockerfile" \
  -t "localhost/notejam-standin-$1:$2" "$here/stand-ins"; }
check "stand-in images for postgres:15 and redis:7 build" \
  eval 'build_standin postgres 15 && build_standin redis 7'

# Docker's API, served by podman for this run only.
export DOCKER_HOST=unix://$tmp/podman.sock
CONTAINERS_CONF=$root/docker/podman/containers.conf podman system service --time=0 "$DOCKER_HOST" \
  >"$tmp/podman-service.log" 2>&1 &
service_pid=$!
check "podman system service answers the Docker API ping" \
  wait_for 20 curl -sf --unix-socket "$tmp/podman.sock" http://d/_ping

# Docker runs HEALTHCHECKs on a timer; podman needs systemd for that, which these machines lack,
# so this loop plays the timer while the stack runs (depends_on: service_healthy waits for it).
( while :; do
    for c in $("$PODMAN" ps -q --filter "label=com.docker.compose.project=$project"); do
      "$PODMAN" healthcheck run "$c" >/dev/null 2>&1
    done
    sleep 1  # pacing: the healthcheck timer podman lacks
  done ) &
ticker_pid=$!

base=http://127.0.0.1:$web_port
stack_up() { timeout 240 "${dc[@]}" up -d --no-build && wait_for 60 http_is 200 "$base/"; }
check "compose up: db/redis healthy -> migrate completed -> api healthy -> web on 127.0.0.1" stack_up
migrate_exit() { [ "$("$PODMAN" inspect -f '{{.State.ExitCode}}' "${project}_migrate_1")" = 0 ]; }
check "compose: the one-shot migrate service exited 0" migrate_exit
signup_via_compose() { node "$here/api-flow.mjs" "$base" > "$tmp/compose-user.json"; }
check "compose: sign up and create a note through web -> api -> db/redis" signup_via_compose
check "compose: web serves the SPA with its headers" node "$here/web-checks.mjs" "$base"

data_survives() {
  local user; user=$(node -p 'const u = require(process.argv[1]); `${u.email} ${u.password}`' "$tmp/compose-user.json")
  timeout 120 "${dc[@]}" down && stack_up && node "$here/api-flow.mjs" "$base" $user
}
check "compose: down and up again keeps the account and notes (named volumes)" data_survives

down_removes_all() { timeout 120 "${dc[@]}" down -v --remove-orphans && [ -z "$(compose_leftovers)" ]; }
check "compose down -v removes the stack's containers and volumes" down_removes_all
kill "$ticker_pid" "$service_pid" 2>/dev/null
wait "$ticker_pid" "$service_pid" 2>/dev/null
ticker_pid=""; service_pid=""
unset DOCKER_HOST
