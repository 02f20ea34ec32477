#!/usr/bin/env bash
# Copies what the API and the chart say into a test directory, so that security.tftest.hcl can compare it with
# what Terraform builds (terraform test reads files only inside the root it runs in).
# Usage: seam-files.sh REPO_ROOT ENVIRONMENT OUT_DIR   (prod-dr is deployed with values-prod.yaml)
set -euo pipefail
root=${1:?usage: seam-files.sh REPO_ROOT ENVIRONMENT OUT_DIR}
env=${2:?usage: seam-files.sh REPO_ROOT ENVIRONMENT OUT_DIR}
out=${3:?usage: seam-files.sh REPO_ROOT ENVIRONMENT OUT_DIR}
values="$root/charts/notejam/values-${env%-dr}.yaml"
[ -f "$values" ] || { echo "seam-files: no chart values file for environment $env ($values)" >&2; exit 1; }
mkdir -p "$out"
cp "$root/api/src/config.c" "$root/api/src/handlers/auth_handlers.c" \
  "$root/charts/notejam/values.yaml" "$root/charts/notejam/templates/configmap.yaml" "$out/"
cp "$values" "$out/values-env.yaml"
