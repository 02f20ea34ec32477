#!/usr/bin/env bash
# Install the cluster controllers of one environment at the pinned versions of ci/platform/releases.json, with the
# values in ci/platform/values/ plus Terraform's platform_values output, then apply ci/platform/manifests/.
# Usage: ci/platform/install.sh ENV   (after terraform apply of ENV, with the role that applied it: state access
#        and cluster admin; needs terraform, aws, helm, kubectl, jq). PLATFORM_DRY_RUN=1 prints the helm and
#        kubectl commands instead of running them (and skips the cluster login).
set -euo pipefail
env=${1:?usage: install.sh ENV}
here=$(cd "$(dirname "$0")" && pwd)
root="${PLATFORM_TF_ROOT:-terraform/environments}/$env"
[ -d "$root" ] || { echo "install.sh: no Terraform root at $root" >&2; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT

run() { if [ -n "${PLATFORM_DRY_RUN:-}" ]; then printf '%s\n' "$*"; else "$@"; fi; }

init_args=(-input=false)
[ -f "$root/backend.hcl" ] && init_args+=("-backend-config=backend.hcl")
terraform -chdir="$root" init "${init_args[@]}" >"$work/init.log" 2>&1 || { cat "$work/init.log" >&2; exit 1; }
terraform -chdir="$root" output -json platform_values >"$work/platform.json" \
  || { echo "install.sh: $env has no platform_values output (apply Terraform first)" >&2; exit 1; }

# The cluster is the one Terraform built for ENV (the infra role created it, so it is the cluster's admin).
EKS_CLUSTER=$(jq -r '.manifests.CLUSTER_NAME' "$work/platform.json")
export EKS_CLUSTER
if [ -z "${PLATFORM_DRY_RUN:-}" ]; then
  # shellcheck source=ci/bin/kube-login.sh
  . "$here/../bin/kube-login.sh"
fi

releases="$here/releases.json"
for name in $(jq -r '.releases[].name' "$releases"); do
  r=$(jq -c --arg n "$name" '.releases[] | select(.name == $n)' "$releases")
  field() { jq -r --arg f "$1" '.[$f]' <<<"$r"; }
  jq --arg n "$name" '.[$n] // error("platform_values has no \($n)")' "$work/platform.json" >"$work/$name.json"
  run helm upgrade --install "$name" "$(field chart)" --repo "$(field repo)" --version "$(field version)" \
    --namespace "$(field namespace)" --create-namespace \
    -f "$here/values/$name.yaml" -f "$work/$name.json" --wait --timeout 10m
done

# ${KEY} placeholders in the manifests come from platform_values.manifests.
for m in $(jq -r '.manifests[]' "$releases"); do
  cp "$here/manifests/$m" "$work/$m"
  for key in $(jq -r '.manifests | keys[]' "$work/platform.json"); do
    value=$(jq -r --arg k "$key" '.manifests[$k]' "$work/platform.json")
    sed -i "s|\${$key}|$value|g" "$work/$m"
  done
  # shellcheck disable=SC2016 # a literal ${ left over
  if grep -qF '${' "$work/$m"; then echo "install.sh: $m has a placeholder platform_values.manifests lacks" >&2; exit 1; fi
  run kubectl apply --server-side -f "$work/$m"
done
echo "install.sh: $env has $(jq '.releases | length' "$releases") controllers and $(jq '.manifests | length' "$releases") manifests"
