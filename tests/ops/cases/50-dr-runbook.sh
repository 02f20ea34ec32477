# shellcheck shell=bash
# docs/disaster-recovery.md, executed: every ```sh block of the runbook, in order, in one bash (set -euo pipefail)
# from the repository root. aws runs against moto (seeded with what prod replicates to the DR region); helm renders
# charts/notejam with the runbook's exact arguments; terraform, kubectl and curl are stand-ins (tests/ops/dr-stubs)
# that check their arguments and answer from the fixtures the mocked `terraform test` and the Helm tests use.

t_dr_runbook_commands_run() {
  fresh_bucket dr-runbook
  local dr=eu-west-1 account bucket
  # The runbook is run from an admin workstation with a current aws CLI (AWS_ENDPOINT_URL: moto); Debian's 2.9,
  # first on PATH for the ops image's tools, would ignore it and call AWS itself.
  DR_REAL_AWS=$(type -ap aws | grep -v -e "^$OPS_TMP/" -e '^/usr/bin/aws$' -e '^/bin/aws$' | head -n1)
  [ -n "$DR_REAL_AWS" ] && [ -n "${AWS_ENDPOINT_URL:-}" ] || fail "no aws CLI that honours AWS_ENDPOINT_URL (moto)"
  aws() { "$DR_REAL_AWS" "$@"; }
  account=$(aws sts get-caller-identity --query Account --output text)
  bucket=notejam-prod-backup-$account-$dr
  # What prod keeps in the DR region: the replicated backup bucket with a dump and manifest of this month, the
  # age identity secret's replica, the cluster prod-dr's first apply makes, a CloudFront distribution.
  aws --region $dr s3api create-bucket --bucket "$bucket" --create-bucket-configuration LocationConstraint=$dr >/dev/null
  echo "{}" >"$T/manifest.json"
  aws --region $dr s3api put-object --bucket "$bucket" --key "postgres/$(date -u +%Y/%m/)01/notejam.manifest.json" --body "$T/manifest.json" >/dev/null
  aws --region $dr secretsmanager create-secret --name notejam-prod/backup-age-identity --secret-string AGE-SECRET-KEY-STUB >/dev/null
  aws --region $dr eks create-cluster --name notejam-prod-dr --role-arn "arn:aws:iam::$account:role/eks" \
    --resources-vpc-config subnetIds=subnet-1 >/dev/null
  DR_DISTRIBUTION_ID=$(aws cloudfront create-distribution --origin-domain-name dr.example.com --query Distribution.Id --output text)

  # The runbook's shell blocks; its placeholders get sample values, its scratch file goes to this case's folder.
  awk '/^```sh$/ {on=1; next} /^```$/ {on=0} on' "$ROOT/docs/disaster-recovery.md" \
    | sed -e "s|<the release tag running in prod>|1.4.2|" -e "s|<age1... from prod's HELM_ENV_VALUES>|$AGE_RECIPIENT|" \
          -e "s|/tmp/prod-dr-values.json|$T/prod-dr-values.json|g" >"$T/runbook.sh"
  ! grep -v '^ *#' "$T/runbook.sh" | grep -n '<[a-z][a-z0-9 .,-]*>' || fail "the runbook has placeholders this test does not fill"
  [ "$(grep -c '' "$T/runbook.sh")" -gt 30 ] || fail "the runbook's commands were not found"

  export DR_LOG=$T/dr.log DR_RENDERED=$T/rendered.yaml DR_HELM=$ROOT/tests/helm/.bin/helm3 DR_DISTRIBUTION_ID
  export DR_TF_VALUES=$ROOT/tests/helm/fixtures/terraform-helm-values.yaml DR_REAL_AWS DR_TFVARS=$ROOT/terraform/environments/prod-dr/terraform.tfvars
  [ -x "$DR_HELM" ] || make -C "$ROOT" --no-print-directory helm-tools >/dev/null
  : >"$DR_LOG"
  (cd "$ROOT" && PATH="$HERE/dr-stubs:$PATH" KUBECONFIG=$T/kubeconfig bash -euo pipefail "$T/runbook.sh") >"$T/out" 2>"$T/err" \
    || fail "the runbook stopped: $(tail -c 1500 "$T/err")"

  assert_in "$T/out" "postgres/$(date -u +%Y/%m/)01/notejam.manifest.json" "step 1c lists this month's dump manifest"
  assert_in "$DR_LOG" "terraform apply" "step 2 applies prod-dr"
  assert_in "$DR_LOG" "kubectl apply -f ci/rbac/all -f ci/rbac/prod" "the DR cluster gets the deployer's RBAC"
  assert_in "$DR_LOG" "Job/notejam-dr-restore" "step 4's restore Job manifest is valid"
  assert_in "$DR_LOG" "https://notejam.example.com/readyz" "step 5 checks the DR site's public URL"
  assert_in "$DR_LOG" "cloudfront associate-alias --target-distribution-id $DR_DISTRIBUTION_ID --alias notejam.example.com" "step 6 moves the name"
  # The release runs everywhere in the rendered chart, the Redis TLS sidecar included (its tag was unset before).
  local images
  images=$(grep -o 'image: "[^"]*"' "$DR_RENDERED" | sort -u)
  grep -q 'notejam-api:1.4.2"' <<<"$images" || fail "the API image is not the release: $images"
  grep -q 'notejam-ops:1.4.2"' <<<"$images" || fail "the ops image (backup, Redis TLS sidecar) is not the release: $images"
  ! grep -v ':1.4.2"' <<<"$images" | grep -q . || fail "an image runs another tag: $images"
  grep -q 'name: redis-tls' "$DR_RENDERED" || fail "the Redis TLS sidecar is not rendered"
}

t_dr_mode_is_one_thing_everywhere() {
  # prod-dr is a pilot light: nothing may describe it as a warm standby, and the runbook's first apply creates it.
  local f
  for f in docs/disaster-recovery.md terraform/README.md terraform/environments/prod-dr/terraform.tfvars docs/ci-cd.md; do
    ! grep -qi 'warm standby\|kept small' "$ROOT/$f" || fail "$f describes prod-dr as something else than a pilot light"
    grep -qi 'pilot light' "$ROOT/$f" || fail "$f does not say prod-dr is a pilot light"
  done
  # The drill's environment name passes the root's own validation regex.
  local name re
  name=$(grep -o 'environment = "prod-[a-z]*"' "$ROOT/docs/disaster-recovery.md" | head -n1 | cut -d'"' -f2)
  re=$(grep -A10 'variable "environment"' "$ROOT/terraform/environments/_shared/variables.tf" | grep -o 'regex("[^"]*"' | cut -d'"' -f2)
  [ -n "$name" ] && [ -n "$re" ] || fail "drill name '$name' or the environment regex '$re' not found"
  grep -qE "$re" <<<"$name" || fail "the drill's environment $name fails the variable's validation $re"
}
