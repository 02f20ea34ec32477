#!/usr/bin/env bash
# shellcheck disable=SC2154  # check_log and the counters come from the sourced lib.sh
# The images suite (make test-images): lint the container files, build notejam-api and notejam-web with podman
# from the unchanged Dockerfiles, smoke-test both against real PostgreSQL/Redis, then run docker-compose.yml
# through podman's Docker API. Prints build times and sizes; ends with "images: N passed, N failed".
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
source "$here/lib.sh"
"$root/scripts/ensure-apt.sh" curl chromium docker-compose golang-github-containernetworking-plugin-dnsname \
  podman buildah runc debootstrap >/dev/null

PODMAN=$root/docker/podman.sh
run_id=$$
tag=test-$run_id                       # private tags: parallel runs never clash, cleanup drops them
api_img=localhost/notejam-api:$tag
web_img=localhost/notejam-web:$tag
tmp=$(mktemp -d /tmp/notejam-images.XXXXXX)
chmod 0755 "$tmp"
containers=()
service_pid=""; ticker_pid=""; project=""

# The build args the images must carry (same derivation as docker/build-image.sh, fixed here to compare).
git_or() { git -C "$root" "$@" 2>/dev/null || true; }
export VERSION=${VERSION:-$(git_or describe --tags --always --dirty | sed 's/^v//')}
export COMMIT=${COMMIT:-$(git_or rev-parse HEAD)}
export BUILD_TIME=${BUILD_TIME:-$(TZ=UTC git_or log -1 --format=%cd --date=format-local:%Y-%m-%dT%H:%M:%SZ)}
: "${VERSION:=0.0.0-dev}" "${COMMIT:=unknown}" "${BUILD_TIME:=1970-01-01T00:00:00Z}"

cleanup() {
  [ -n "$ticker_pid" ] && kill "$ticker_pid" 2>/dev/null
  [ -n "$service_pid" ] && kill "$service_pid" 2>/dev/null
  for c in "${containers[@]}"; do "$PODMAN" rm -f "$c" >/dev/null 2>&1; done
  [ -n "$project" ] && compose_leftovers_removed
  "$root/tests/lib/pg.sh" stop "$tmp/pg" 2>/dev/null
  "$root/tests/lib/redis.sh" stop "$tmp/redis" 2>/dev/null
  # untag, not rmi: rmi would also delete the untagged parent layers that are the next run's build cache
  "$PODMAN" untag "$api_img" >/dev/null 2>&1; "$PODMAN" untag "$web_img" >/dev/null 2>&1
  rm -rf "$tmp" "$check_log"
}
trap cleanup EXIT

echo "# lint"
check "dockerfile-utils finds no problem in Dockerfile.api and Dockerfile.web" \
  node "$here/lint-dockerfiles.mjs" "$root/Dockerfile.api" "$root/Dockerfile.web"
lint_catches() { printf 'FROM debian:bookworm-slim\nEXPOSE http\nHEALTHCHECK CMD\n' > "$tmp/Bad.Dockerfile"
  ! node "$here/lint-dockerfiles.mjs" "$tmp/Bad.Dockerfile"; }
check "the Dockerfile lint fails on a broken Dockerfile" lint_catches

echo "# build"
source "$here/build.sh"

if "$PODMAN" image exists "$api_img" && "$PODMAN" image exists "$web_img"; then
  echo "# smoke: both images against the test PostgreSQL and Redis"
  source "$here/smoke.sh"
  echo "# compose"
  source "$here/compose.sh"
else
  fail "smoke and compose tests" "the images did not build"
fi

echo "images: $passed passed, $failed failed"
[ "$failed" -eq 0 ]
