#!/usr/bin/env bash
# terraform test with the AWS provider mocked, per environment root and its tfvars.
# Usage: unit.sh TERRAFORM_COPY_DIR   (already initialised by validate.sh)
set -euo pipefail
tf=${1:?usage: unit.sh TERRAFORM_COPY_DIR}
here=$(cd "$(dirname "$0")" && pwd)

# environment => test files (unit/*.tftest.hcl) run against its terraform.tfvars
declare -A plan=(
  [dev]="common platform dev security"
  [test]="common platform security"
  [prod]="common platform prod regions security certificates"
  [prod-dr]="common platform prod-dr security"
)

jobs=()
for env in "${!plan[@]}"; do
  d="$tf/environments/$env"
  mkdir -p "$d/tests"
  cp -r "$here/mocks" "$d/tests/"
  # The chart values file shaped like output.helm_values (common.tftest.hcl compares their keys).
  cp "$here/../helm/fixtures/terraform-helm-values.yaml" "$d/tests/"
  # The other side of the seams security.tftest.hcl checks: the API's defaults and routes, the chart's settings.
  "$here/seam-files.sh" "$here/../.." "$env" "$d/tests/seam"
  # The controllers ci/platform installs (platform.tftest.hcl checks their identities and values against them).
  cp "$here/../../ci/platform/releases.json" "$d/tests/platform-releases.json"
  cp "$here/../../ci/platform/manifests/amp-collector-binding.yaml" "$d/tests/"
  region=$(sed -n 's/^region *= *"\(.*\)"/\1/p' "$d/terraform.tfvars")
  dr_region=$(sed -n 's/^dr_region *= *"\(.*\)"/\1/p' "$d/terraform.tfvars")
  for t in ${plan[$env]}; do
    # terraform test has no includes: every file gets the shared mock_provider blocks in front.
    sed "s/@REGION@/$region/g; s/@DR_REGION@/$dr_region/g" "$here/unit/mock-providers.hcl" >"$d/tests/$t.tftest.hcl"
    cat "$here/unit/$t.tftest.hcl" >>"$d/tests/$t.tftest.hcl"
    jobs+=("$env $t")
  done
done

run_one() {
  local env=$1 t=$2 d="$3/environments/$1" out
  if out=$(terraform -chdir="$d" test -no-color -filter="tests/$t.tftest.hcl" 2>&1); then
    printf '%s/%s: %s\n' "$env" "$t" "$(grep -E '^Success!' <<<"$out")"
  else
    printf '%s/%s FAILED\n%s\n' "$env" "$t" "$out"; return 1
  fi
}
export -f run_one
printf '%s\n' "${jobs[@]}" | xargs -P 2 -I{} bash -c 'run_one $1 $2 "$3"' _ {} "$tf"
echo "terraform test: ${#jobs[@]} test files passed for environments ${!plan[*]}"
