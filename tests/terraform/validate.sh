#!/usr/bin/env bash
# terraform init (from the local provider mirror, no backend) and terraform validate for every root and module.
# Usage: validate.sh TERRAFORM_COPY_DIR   (a scratch copy: init writes .terraform/ and lock files there)
set -euo pipefail
tf=${1:?usage: validate.sh TERRAFORM_COPY_DIR}
cd "$tf"
dirs=$(for d in environments/*/ bootstrap/ modules/*/; do [ "$d" = environments/_shared/ ] || echo "${d%/}"; done)

validate_one() {
  local d=$1 lock=() alias
  # A module that expects aliased providers (aws.dr, aws.global) gets empty ones in this scratch copy,
  # as its caller would pass them; validate cannot run a module standalone otherwise.
  for alias in $(sed -n 's/.*configuration_aliases *= *\[\(.*\)\].*/\1/p' "$d/versions.tf" | tr -d ' ' | tr ',' ' '); do
    printf 'provider "aws" {\n  alias = "%s"\n}\n' "${alias#aws.}" >>"$d/zz_validate_providers.tf"
  done
  # Roots commit their lock file: init must verify against it, never rewrite it.
  [ -f "$d/.terraform.lock.hcl" ] && lock=(-lockfile=readonly)
  if ! out=$(terraform -chdir="$d" init -backend=false -input=false -no-color "${lock[@]}" 2>&1); then
    printf 'init FAILED in %s\n%s\n' "$d" "$out"; return 1
  fi
  if ! out=$(terraform -chdir="$d" validate -no-color 2>&1); then
    printf 'validate FAILED in %s\n%s\n' "$d" "$out"; return 1
  fi
  rm -f "$d/zz_validate_providers.tf" # callers (the roots) pass real providers
  echo "valid: $d"
}
export -f validate_one
# Two at a time: each validate loads the ~700 MB aws provider.
printf '%s\n' $dirs | xargs -P 2 -I{} bash -c 'validate_one "$@"' _ {}
echo "validate: $(printf '%s\n' $dirs | wc -l) roots and modules initialised from the mirror and valid"
