#!/usr/bin/env bash
# Install a folder's npm dependencies from its lockfile when node_modules is missing or older than the lockfile.
# Usage: scripts/ensure-npm.sh DIR
set -euo pipefail
dir=$1
command -v npm >/dev/null || "$(dirname "$0")/ensure-apt.sh" nodejs npm
cd "$dir"
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error >&2
fi
