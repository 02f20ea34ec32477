#!/usr/bin/env bash
# Build one of the project's images with podman from its unchanged Dockerfile, FROM the locally bootstrapped
# debian:bookworm-slim (--pull=never), in Docker format (keeps HEALTHCHECK). Prints the build time.
# Usage: docker/build-image.sh api|web|ops [CONTEXT]     (CONTEXT defaults to the repository root)
# Build args come from the environment or git: VERSION, COMMIT, BUILD_TIME (default: the commit's time, so a
# rebuild of the same commit hits the layer cache), SOURCE. Tags: localhost/notejam-NAME:{VERSION,latest}, or
# the tags listed in IMAGE_TAGS (space-separated).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
name=${1:?usage: build-image.sh api|web|ops [CONTEXT]}
context=${2:-$root}
dockerfile=$root/Dockerfile.$name
[ -f "$dockerfile" ] || { echo "build-image: no $dockerfile" >&2; exit 2; }

git_or() { git -C "$root" "$@" 2>/dev/null || true; }
version=${VERSION:-$(git_or describe --tags --always --dirty | sed 's/^v//')}
version=${version:-0.0.0-dev}
commit=${COMMIT:-$(git_or rev-parse HEAD)}
build_time=${BUILD_TIME:-$(TZ=UTC git_or log -1 --format=%cd --date=format-local:%Y-%m-%dT%H:%M:%SZ)}
source_url=${SOURCE:-$(git_or remote get-url origin | grep '^https://' || true)}   # never a local path
tags=${IMAGE_TAGS:-"$(printf '%s' "$version" | tr -c 'A-Za-z0-9_.-' '-') latest"}
tag_args=(); for t in $tags; do tag_args+=(-t "localhost/notejam-$name:$t"); done
# The host's CA bundle as the optional build secret "ca_bundle" (these machines reach npm through a
# TLS-inspecting egress): used only by RUN steps that mount it, never stored in a layer.
ca_bundle=${BUILD_CA_BUNDLE:-/etc/ssl/certs/ca-certificates.crt}
secret_args=(); [ -s "$ca_bundle" ] && secret_args=(--secret "id=ca_bundle,src=$ca_bundle")

# The Dockerfiles set these labels from the build args; buildah 1.28 reuses a cached LABEL step even when
# the args changed (its cache key is the unexpanded instruction), so set them again on the final image.
label_args=(--label "org.opencontainers.image.version=$version" --label "org.opencontainers.image.revision=${commit:-unknown}"
            --label "org.opencontainers.image.created=${build_time:-1970-01-01T00:00:00Z}"
            --label "org.opencontainers.image.source=$source_url")

"$here/base-image.sh"
start=$SECONDS
"$here/podman.sh" build --format docker --pull=never --network=host --layers \
  --build-arg VERSION="$version" --build-arg COMMIT="${commit:-unknown}" \
  --build-arg BUILD_TIME="${build_time:-1970-01-01T00:00:00Z}" --build-arg SOURCE="$source_url" \
  "${label_args[@]}" "${secret_args[@]}" -f "$dockerfile" "${tag_args[@]}" "$context" >&2
first=${tags%% *}
size=$("$here/podman.sh" image inspect --format '{{.Size}}' "localhost/notejam-$name:$first")
echo "build-image: notejam-$name:$first built in $((SECONDS - start))s, $((size / 1000000)) MB" >&2
