#!/usr/bin/env bash
# Run podman with this project's settings (runc, cgroupfs, ulimits within the machine's hard limits).
# Installs podman/buildah/runc from Debian when missing. Usage: docker/podman.sh <podman args...>
# Other suites (e.g. the ops image) can call it the same way after docker/base-image.sh.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
"$here/../scripts/ensure-apt.sh" podman buildah runc >/dev/null
export CONTAINERS_CONF="$here/podman/containers.conf"
exec podman "$@"
