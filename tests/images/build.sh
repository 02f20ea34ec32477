# shellcheck shell=bash disable=SC2154  # sourced by run.sh, which sets these variables
# Section (sourced by run.sh): build both images from the unchanged Dockerfiles with podman, FROM the local
# debian:bookworm-slim (bootstrapped once, then imported from .cache/images/), and report time and size.

base_image() { local start=$SECONDS; "$root/docker/base-image.sh" && echo "base image ready in $((SECONDS - start))s"; }
check "debian:bookworm-slim in the local store (debootstrap or cached tarball)" base_image
tail -n 1 "$check_log" | sed 's/^/# /'

for name in api web; do
  check "build notejam-$name from Dockerfile.$name" env IMAGE_TAGS="$tag" "$root/docker/build-image.sh" "$name" "$root"
  grep '^build-image:' "$check_log" | sed 's/^/# /'
done

api_healthcheck='["CMD","notejam","healthcheck"]'
web_healthcheck='["CMD","/usr/local/bin/notejam-web-healthcheck"]'
config_ok() { "$PODMAN" image inspect "$1" | node "$here/image-config.mjs" "$2" "$3" "$VERSION" "$COMMIT" "$BUILD_TIME"; }
check "notejam-api config: uid 10001, EXPOSE 8080, HEALTHCHECK, OCI labels, no secrets" \
  config_ok "$api_img" 10001 "$api_healthcheck"
check "notejam-web config: uid 10003, EXPOSE 8080, HEALTHCHECK, OCI labels, no secrets" \
  config_ok "$web_img" 10003 "$web_healthcheck"
