#!/usr/bin/env bash
# Called when the post-deploy smoke test fails: put the previous Helm revision back, wait for it, and fail the job.
# (A rollout that never gets ready is already rolled back by `helm upgrade --atomic`.)
set -uo pipefail
: "${HELM_RELEASE:?}" "${K8S_NAMESPACE:?}"
here=$(dirname "$0")
# shellcheck source=SCRIPTDIR/kube-login.sh
. "$here/kube-login.sh" || exit 1
echo "helm-rollback: smoke test failed, rolling $HELM_RELEASE back to its previous revision" >&2
if helm rollback "$HELM_RELEASE" 0 --namespace "$K8S_NAMESPACE" --wait --timeout "${HELM_TIMEOUT:-10m}"; then
  helm history "$HELM_RELEASE" --namespace "$K8S_NAMESPACE" --max 5
else
  echo "helm-rollback: rollback failed too: page the on-call engineer" >&2
fi
exit 1
