#!/usr/bin/env bash
# The one way CI runs Terraform for an environment root (terraform/environments/<env>, see terraform/README.md).
#   terraform.sh plan ENV    init against the root's remote state, plan, and keep in build/terraform/<name>/:
#                            plan.cache (binary plan for the apply job), plan.txt (readable), plan-report.json
#                            (GitLab's merge-request widget: counts of resources to create/update/delete)
#   terraform.sh apply ENV   init again and apply exactly plan.cache from the plan job (never a fresh plan), then
#                            keep the root's helm_values output as helm-values.json (the chart's values for the
#                            environment: the deploy jobs pass it to Helm, ci/bin/helm-values.sh)
#   terraform.sh output ENV  init and keep helm-values.json from the state as it is (read only; fails without it)
# TF_ROOT (default terraform/environments) holds the roots; TF_PLAN_NAME names the output folder (default ENV).
# A backend.hcl in the root, when present, is passed to init; *.tfvars files other than terraform.tfvars are passed
# with -var-file; TF_VAR_* variables from the job (e.g. TF_VAR_region for the DR plan) reach Terraform as usual.
set -euo pipefail
cmd=${1:?usage: terraform.sh plan|apply ENV}; env=${2:?usage: terraform.sh plan|apply ENV}
root="${TF_ROOT:-terraform/environments}/$env"
out="$PWD/build/terraform/${TF_PLAN_NAME:-$env}"
[ -d "$root" ] || { echo "terraform.sh: no root module at $root" >&2; exit 1; }

mkdir -p "$out"
init_args=(-input=false)
[ -f "$root/backend.hcl" ] && init_args+=("-backend-config=backend.hcl")
terraform -chdir="$root" init "${init_args[@]}" >"$out/init.log" 2>&1 || { cat "$out/init.log" >&2; exit 1; }

# Every environment root has helm_values (terraform/environments/_shared/outputs.tf); a root without it (a
# scratch root) has nothing to hand to the deploy. Only this output is read: others may be sensitive.
keep_helm_values() {
  if terraform -chdir="$root" output -json helm_values >"$out/helm-values.json" 2>"$out/output.log"; then
    echo "terraform.sh: $env helm values -> ${out#"$PWD"/}/helm-values.json ($(jq '[paths(scalars)] | length' "$out/helm-values.json") settings)"
  else
    rm -f "$out/helm-values.json"; echo "terraform.sh: $env has no helm_values output: $(head -c 300 "$out/output.log")"
  fi
}

case $cmd in
  plan)
    var_args=()
    for f in "$root"/*.tfvars; do
      [ -e "$f" ] || continue
      case $(basename "$f") in terraform.tfvars|*.auto.tfvars) ;; *) var_args+=("-var-file=$(basename "$f")") ;; esac
    done
    set +e
    terraform -chdir="$root" plan -input=false -lock-timeout=5m -detailed-exitcode "${var_args[@]}" -out="$out/plan.cache"
    rc=$?
    set -e
    [ "$rc" -eq 1 ] && exit 1                      # 0 = no changes, 2 = changes: both are a successful plan
    terraform -chdir="$root" show -no-color "$out/plan.cache" >"$out/plan.txt"
    terraform -chdir="$root" show -json "$out/plan.cache" | jq -c '
      [.resource_changes[]?.change.actions] as $a
      | {create: ($a | map(select(index("create"))) | length),
         update: ($a | map(select(. == ["update"])) | length),
         delete: ($a | map(select(index("delete"))) | length)}' >"$out/plan-report.json"
    echo "terraform.sh: $env plan: $(cat "$out/plan-report.json")" ;;
  apply)
    [ -f "$out/plan.cache" ] || { echo "terraform.sh: no saved plan $out/plan.cache (run the plan job first)" >&2; exit 1; }
    terraform -chdir="$root" apply -input=false -lock-timeout=5m "$out/plan.cache"
    keep_helm_values ;;
  output)
    keep_helm_values
    [ -f "$out/helm-values.json" ] || exit 1 ;;              # this job exists only to hand them over
  *) echo "terraform.sh: unknown command $cmd" >&2; exit 2 ;;
esac
