#!/usr/bin/env bash
# Stand-ins for the tools of docs/disaster-recovery.md that need a cluster, a Terraform state or AWS APIs moto does
# not implement (tests/ops/cases/50-dr-runbook.sh). Each records its command line in $DR_LOG, checks what it can
# (files exist, manifests parse, the chart renders) and answers what the runbook reads back, from the same fixtures
# the mocked `terraform test` and the Helm tests use.
set -euo pipefail
tool=$(basename "$0")
printf '%s %s\n' "$tool" "$*" >>"${DR_LOG:?}"
die() { echo "$tool stand-in: $*" >&2; exit 1; }
case "$tool" in
  terraform)
    args=" $* "
    case $args in
      *" output -json helm_values "*) python3 -c 'import json,sys,yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1]))))' "$DR_TF_VALUES" ;;
      *" output -raw cluster_name "*) printf 'notejam-prod-dr' ;;
      *" output -json deploy_settings "*) printf '{"distributionId": "%s"}\n' "$DR_DISTRIBUTION_ID" ;;
      *" init "* | *" apply "*)
        # the runbook applies prod-dr's root: it must be that root (its plan is the mocked terraform test of prod-dr)
        [ -f "${PWD}/terraform.tfvars" ] && grep -q '^environment *= *"prod-dr"' terraform.tfvars || [[ $args == *"-chdir=terraform/environments/prod-dr"* ]] \
          || die "terraform $* outside terraform/environments/prod-dr" ;;
      *) die "unexpected: terraform $*" ;;
    esac ;;
  kubectl)
    args=" $* "
    case $args in
      *" apply -f - "*) python3 -c 'import sys,yaml; d=[x for x in yaml.safe_load_all(sys.stdin) if x]; assert d and all(x["kind"] and x["metadata"]["name"] for x in d), d; print("\n".join(x["kind"]+"/"+x["metadata"]["name"] for x in d))' >>"$DR_LOG" ;;
      *" apply -f "*) for f in $(grep -o -- '-f [^ ]*' <<<"$*" | cut -c4-); do [ -e "$f" ] || die "no $f"; done ;;
      *" get secret "*"jsonpath"*) printf 'cG9zdGdyZXNxbDovL3N0dWI=' ;;
      *" logs "*) printf 'restored data verified\nrestore: ok\n' ;;
      *) ;;
    esac ;;
  helm)
    # helm upgrade --install RELEASE CHART ARGS...: render exactly that with the pinned Helm; it must succeed.
    [ "${1:-} ${2:-}" = "upgrade --install" ] || die "unexpected: helm $*"
    shift 2
    render=()
    while [ $# -gt 0 ]; do
      case $1 in --wait) ;; --timeout) shift ;; *) render+=("$1") ;; esac
      shift
    done
    "$DR_HELM" template "${render[@]}" >"$DR_RENDERED" || die "the chart does not render with the runbook's arguments" ;;
  aws)
    # moto implements neither of these two calls: answer them here, checking what the runbook passes.
    case " $* " in
      *" backup list-recovery-points-by-backup-vault "*)
        [[ " $* " == *" --backup-vault-name notejam-prod-copies "* ]] || die "not prod's copy vault: $*"
        printf 'arn:aws:backup:eu-west-1:123456789012:recovery-point:stub\t2026-01-01T03:00:00Z\n' ;;
      *" cloudfront associate-alias "*)
        [[ " $* " == *" --target-distribution-id $DR_DISTRIBUTION_ID "* ]] || die "not the DR distribution: $*"
        alias=$(sed -n 's/.*--alias \([^ ]*\).*/\1/p' <<<"$*")
        grep -q "alternative_names *= *\[.*\"$alias\"" "$DR_TFVARS" || die "$alias is not on prod-dr's certificate (dns.alternative_names)" ;;
      *) exec "$DR_REAL_AWS" "$@" ;;
    esac ;;
  curl)
    url=${*: -1}
    case $url in https://*/readyz | https://*/version) echo "$url" >>"$DR_LOG" ;; *) die "curl $*: not an https URL of the site" ;; esac ;;
esac
