#!/bin/sh
# Install the named tools when missing, with whatever package manager the job's image has (apk: alpine-based
# helm/terraform/trivy images, dnf: the buildah image, apt: Debian). POSIX sh: it runs before bash exists.
# Usage: ci/bin/ensure-tools.sh bash aws jq curl ...
set -eu
missing=""
for tool in "$@"; do command -v "$tool" >/dev/null 2>&1 || missing="$missing $tool"; done
[ -z "$missing" ] && exit 0
pkg() {  # tool name -> package name for this package manager
  case "$1:$2" in
    aws:apk) echo aws-cli ;; aws:dnf) echo awscli2 ;; aws:apt) echo awscli ;;
    *) echo "$1" ;;
  esac
}
if command -v apk >/dev/null 2>&1; then
  pkgs=""; for t in $missing; do pkgs="$pkgs $(pkg "$t" apk)"; done
  # shellcheck disable=SC2086
  apk add --no-cache $pkgs
elif command -v dnf >/dev/null 2>&1; then
  pkgs=""; for t in $missing; do pkgs="$pkgs $(pkg "$t" dnf)"; done
  # shellcheck disable=SC2086
  dnf install -y -q $pkgs
elif command -v apt-get >/dev/null 2>&1; then
  pkgs=""; for t in $missing; do pkgs="$pkgs $(pkg "$t" apt)"; done
  # shellcheck disable=SC2086
  "$(dirname "$0")/../../scripts/ensure-apt.sh" $pkgs
else
  echo "ensure-tools: no package manager to install:$missing" >&2; exit 1
fi
