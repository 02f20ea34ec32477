#!/usr/bin/env bash
# Fail when Terraform code hard-codes what must come from the account, the region or a secret store:
# availability-zone names/ids, AMI ids, 12-digit account ids, credentials and literal secrets in *.tf/*.tfvars,
# and region names inside modules. Usage: check-hardcoded.sh TERRAFORM_DIR
set -euo pipefail
dir=${1:?usage: check-hardcoded.sh TERRAFORM_DIR}
cd "$dir"
found=0

# Lines that only talk about values (comments, descriptions, error messages), for rules about prose-friendly values.
prose='^[^:]+:[0-9]+:[[:space:]]*(#|//|description|error_message)'

report() { # $1 rule, $2 "code" (every line) or "prose-ok" (skip comments and messages), $3 ERE, rest: files
  local rule=$1 scope=$2 re=$3; shift 3
  [ $# -gt 0 ] || return 0
  local hits
  hits=$(grep -nHE -- "$re" "$@" || true)
  [ "$scope" = prose-ok ] && hits=$(grep -vE "$prose" <<<"$hits" || true)
  if [ -n "$hits" ]; then
    found=1
    while IFS= read -r h; do echo "hard-coded $rule: $h"; done <<<"$hits"
  fi
}

mapfile -t code < <(find . \( -name .terraform -o -name tests \) -prune -o -type f \( -name '*.tf' -o -name '*.tfvars' \) -print | sort)
mapfile -t modules < <(printf '%s\n' "${code[@]}" | grep '^\./modules/' || true)

report "availability zone" code '(^|[^a-z0-9-])[a-z]{2}(-gov)?-[a-z]+-[0-9][a-z]([^a-z0-9-]|$)' "${code[@]}"
report "availability zone id" code '(^|[^a-z0-9-])[a-z]{3,4}[0-9]-az[0-9]+([^a-z0-9]|$)' "${code[@]}"
report "AMI id" code '(^|[^a-z0-9])ami-([0-9a-f]{8}|[0-9a-f]{17})([^0-9a-f]|$)' "${code[@]}"
report "account id" code '(^|[^0-9])[0-9]{12}([^0-9]|$)' "${code[@]}"
report "AWS access key" code '(AKIA|ASIA)[0-9A-Z]{16}' "${code[@]}"
report "private key" code '-----BEGIN [A-Z ]*PRIVATE KEY-----|AGE-SECRET-KEY-1' "${code[@]}"
# A literal string (not an expression) assigned to anything named like a secret.
report "secret value" code '^[[:space:]]*"?[a-z_]*(password|passwd|secret|secret_string|private_key|api_key|access_key|token)"?[[:space:]]*=[[:space:]]*"[^"$]{4,}"' "${code[@]}"
report "region in a module" prose-ok '(^|[^a-z0-9-])(us|eu|ap|sa|ca|me|af|il|mx|cn)(-gov)?-(north|south|east|west|central|northeast|southeast|northwest|southwest)-[0-9]+([^a-z0-9]|$)' "${modules[@]}"

if [ "$found" -ne 0 ]; then
  echo "check-hardcoded: FAILED (take these from data sources, variables or Secrets Manager)" >&2
  exit 1
fi
echo "check-hardcoded: ${#code[@]} files clean"
