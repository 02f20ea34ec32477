#!/usr/bin/env bash
# Make sure the local container store has debian:bookworm-slim, since no registry can be pulled from here.
# Order: already in the store -> import the cached rootfs tarball -> debootstrap a fresh minbase rootfs,
# slim it like the official image, cache it and import it. Cache: $IMAGES_CACHE (default .cache/images).
# Usage: docker/base-image.sh        (then build with --pull=never)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
image=docker.io/library/debian:bookworm-slim
cache=${IMAGES_CACHE:-$root/.cache/images}
tarball=$cache/debian-bookworm-slim-rootfs.tar.gz
mirror=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
podman=("$here/podman.sh")

mkdir -p "$cache"
exec 9>"$cache/.base-image.lock"; flock 9   # parallel callers wait for one bootstrap

"${podman[@]}" image exists "$image" && exit 0

if [ ! -s "$tarball" ]; then
  "$root/scripts/ensure-apt.sh" debootstrap debian-archive-keyring >/dev/null
  work=$(mktemp -d "$cache/rootfs.XXXXXX")
  trap 'rm -rf "$work"' EXIT
  echo "base-image: debootstrap bookworm (minbase) from $mirror" >&2
  debootstrap --variant=minbase --keyring=/usr/share/keyrings/debian-archive-keyring.gpg \
    bookworm "$work/rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 \
    || { tail -20 "$work/debootstrap.log" >&2; exit 1; }
  "$here/slim-rootfs.sh" "$work/rootfs"
  tar -C "$work/rootfs" --numeric-owner --sort=name -czf "$tarball.tmp" .
  mv "$tarball.tmp" "$tarball"
fi

echo "base-image: importing $tarball as $image" >&2
"${podman[@]}" import -q --change 'CMD ["bash"]' \
  --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
  "$tarball" "$image" >/dev/null
