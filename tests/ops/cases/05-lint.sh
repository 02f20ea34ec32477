# shellcheck shell=bash
# The tools are small bash programs: shellcheck must find nothing in them, nor a warning in these tests.

t_scripts_pass_shellcheck() {
  (cd "$ROOT" && shellcheck -x -P SCRIPTDIR ops/backup/*.sh) || fail "shellcheck findings in ops/backup"
  (cd "$ROOT" && shellcheck -S warning -x -P SCRIPTDIR -e SC1090,SC1091 tests/ops/*.sh tests/ops/cases/*.sh tests/ops/bench/*.sh) \
    || fail "shellcheck warnings in tests/ops"
  for f in "$HERE"/*.py; do python3 -c 'import ast, sys; ast.parse(open(sys.argv[1]).read())' "$f"; done
}

t_restore_job_manifest_renders() {
  local out
  out=$(OPS_IMAGE=registry.example/notejam-ops:1.2.3 ENV_NAME=prod BACKUP_BUCKET=nj-bucket AWS_REGION=eu-west-1 \
        OPS_COMMAND='["restore.sh","--latest","--promote"]' JOB_NAME=notejam-restore-test \
        envsubst <"$ROOT/ops/backup/k8s/restore-job.yaml" \
        | /usr/bin/python3 -c 'import json, sys, yaml; print(json.dumps(yaml.safe_load(sys.stdin)))')
  assert_eq "$(jq -r '.kind + " " + .metadata.name' <<<"$out")" "Job notejam-restore-test" "kind and name"
  c='.spec.template.spec.containers[0]'
  assert_eq "$(jq -c "$c.command" <<<"$out")" '["restore.sh","--latest","--promote"]' "command"
  assert_eq "$(jq -r "$c.image + \" \" + (.spec.template.spec.securityContext.runAsUser | tostring)" <<<"$out")" \
    "registry.example/notejam-ops:1.2.3 10002" "image and uid"
  assert_eq "$(jq -r "[$c.env[] | select(.value | test(\"\\\\$\\\\{\")) ] | length" <<<"$out")" 0 "every variable filled"
}
