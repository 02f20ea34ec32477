#!/usr/bin/env bash
# Install the named Debian packages that are not installed yet (idempotent, quiet when nothing is missing).
# Usage: scripts/ensure-apt.sh pkg [pkg...]
set -euo pipefail
missing=()
for p in "$@"; do
  # Node.js may come from another source than Debian (this machine image's node 20 bundles npm): a working
  # command counts as installed, so Debian's conflicting packages are never pulled in over it.
  case $p in nodejs) command -v node >/dev/null && continue ;; npm) command -v npm >/dev/null && continue ;; esac
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "ensure-apt: installing ${missing[*]}" >&2
# apt/dpkg take a lock; parallel callers wait for it instead of failing.
APT=(-o DPkg::Lock::Timeout=600 -y -q --no-install-recommends)
stamp=/var/lib/apt/periodic/notejam-update-stamp
if [ ! -f "$stamp" ] || [ -n "$(find "$stamp" -mmin +360 2>/dev/null)" ]; then
  $SUDO apt-get "${APT[@]}" update >&2
  $SUDO mkdir -p "$(dirname "$stamp")" && $SUDO touch "$stamp"
fi
DEBIAN_FRONTEND=noninteractive $SUDO apt-get "${APT[@]}" install "${missing[@]}" >&2
