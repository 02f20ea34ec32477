#!/usr/bin/env bash
# Roll the pipeline's release out to one environment with zero downtime:
#   helm upgrade --install --wait --atomic: the chart's pre-upgrade hook Job migrates the database first, then pods
#   roll with maxUnavailable 0; if anything fails to become ready within HELM_TIMEOUT, Helm rolls back by itself.
# Chart: the package from package:chart (build/chart/*.tgz, appVersion = VERSION). Images: the commit's SHA tag.
# Values and image settings: ci/bin/helm-values.sh (environment values file, Terraform's output, the commit's images).
# Needs: DEPLOY_ENV, K8S_NAMESPACE, HELM_RELEASE, ECR_REGISTRY, IMAGE_PREFIX, IMAGE_TAG, EKS_CLUSTER (+ AWS creds);
# optional HELM_TIMEOUT. The namespace exists already (ci/rbac/all): the deploy role may not create namespaces.
set -euo pipefail
: "${DEPLOY_ENV:?}" "${K8S_NAMESPACE:?}" "${HELM_RELEASE:?}" "${ECR_REGISTRY:?}" "${IMAGE_PREFIX:?}" "${IMAGE_TAG:?}"
here=$(dirname "$0")
# shellcheck source=SCRIPTDIR/kube-login.sh
. "$here/kube-login.sh"

packaged=(build/chart/*.tgz)
chart=${HELM_CHART:-${packaged[0]}}
[ -f "$chart" ] || { echo "helm-deploy: no packaged chart in build/chart (needs: package:chart)" >&2; exit 1; }
values_text=$("$here/helm-values.sh")                # fails the job if a setting is missing
mapfile -t values <<<"$values_text"
echo "helm-deploy: $HELM_RELEASE ${VERSION:-} ($IMAGE_TAG) -> $EKS_CLUSTER/$K8S_NAMESPACE"
helm upgrade --install "$HELM_RELEASE" "$chart" \
  --namespace "$K8S_NAMESPACE" \
  --wait --wait-for-jobs --atomic --timeout "${HELM_TIMEOUT:-10m}" --history-max 20 \
  "${values[@]}"
helm history "$HELM_RELEASE" --namespace "$K8S_NAMESPACE" --max 5
