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
# One installer at a time among our own callers; apt's lists lock is not covered by DPkg::Lock::Timeout, so
# outside holders (unattended upgrades) are waited out by retrying.
exec 9>/tmp/notejam-ensure-apt.lock
flock 9
retry() { for i in 1 2 3 4 5; do "$@" && return 0; echo "ensure-apt: retrying in $((i * 5)) s" >&2; sleep $((i * 5)); done; "$@"; }
echo "ensure-apt: installing ${missing[*]}" >&2
# apt/dpkg take a lock; parallel callers wait for it instead of failing.
APT=(-o DPkg::Lock::Timeout=600 -y -q --no-install-recommends)
stamp=/var/lib/apt/periodic/notejam-update-stamp
if [ ! -f "$stamp" ] || [ -n "$(find "$stamp" -mmin +360 2>/dev/null)" ]; then
  retry $SUDO apt-get "${APT[@]}" update >&2
  $SUDO mkdir -p "$(dirname "$stamp")" && $SUDO touch "$stamp"
fi
retry env DEBIAN_FRONTEND=noninteractive $SUDO apt-get "${APT[@]}" install "${missing[@]}" >&2
