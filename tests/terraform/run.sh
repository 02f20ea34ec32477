#!/usr/bin/env bash
# The test-terraform suite: static checks, init+validate of every root and module from the local provider
# mirror, mocked `terraform test` per environment, and apply+destroy against moto_server. Fully offline.
# Usage: tests/terraform/run.sh   (from anywhere; works on a scratch copy, never writes into terraform/)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
here="$root/tests/terraform"

command -v terraform >/dev/null || {
  echo "test-terraform: the terraform binary is missing; it is part of the machine image (/usr/local/bin/terraform) and is not downloaded" >&2
  exit 1
}
terraform version | sed -n 1p # sed reads it all: head would close the pipe early (SIGPIPE under pipefail)

export TF_CLI_CONFIG_FILE
TF_CLI_CONFIG_FILE=$("$here/cli-config.sh" "$root/.cache/terraform")
export TF_IN_AUTOMATION=1 TF_INPUT=0 CHECKPOINT_DISABLE=1
unset TF_DATA_DIR AWS_PROFILE

work=$(mktemp -d)
moto_pid=
cleanup() { [ -n "$moto_pid" ] && kill "$moto_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
step() { local name=$1 t=$SECONDS; shift; echo "--- $name"; "$@"; echo "--- $name: ok in $((SECONDS - t))s"; }

step static "$here/static.sh" "$root"
step "security doc" "$here/security-doc.sh" "$root"
mkdir -p "$work/a" "$work/b"
cp -a "$root/terraform" "$work/a/"
cp -a "$root/terraform" "$work/b/"
# The roots load the chart's Prometheus rules file (AMP's rule-groups namespace) from outside terraform/.
for c in a b; do mkdir -p "$work/$c/charts/notejam/files" && cp "$root/charts/notejam/files/prometheus-rules.yaml" "$work/$c/charts/notejam/files/"; done
step validate "$here/validate.sh" "$work/a/terraform"

# moto spends most of its time waiting for the emulator: let it run beside the mocked tests.
"$here/moto.sh" "$root" "$work/b/terraform" >"$work/moto.log" 2>&1 &
moto_pid=$!
step "terraform test" "$here/unit.sh" "$work/a/terraform"
echo "--- moto (apply + destroy)"
if wait "$moto_pid"; then moto_pid=; cat "$work/moto.log"; else moto_pid=; cat "$work/moto.log"; echo "--- moto: FAILED" >&2; exit 1; fi
echo "test-terraform: all checks passed"
