#!/usr/bin/env bash
# Roll the pipeline's release out to one environment with zero downtime:
#   helm upgrade --install --wait --atomic: the chart's pre-upgrade hook Job migrates the database first, then pods
#   roll with maxUnavailable 0; if anything fails to become ready within HELM_TIMEOUT, Helm rolls back by itself.
# Chart: the package from package:chart (build/chart/*.tgz, appVersion = VERSION). Images: the commit's SHA tag.
# Values: charts/notejam/values-<DEPLOY_ENV>.yaml when it exists, then ci/values/<DEPLOY_ENV>.yaml when it exists.
# Needs: DEPLOY_ENV, K8S_NAMESPACE, HELM_RELEASE, ECR_REGISTRY, IMAGE_PREFIX, IMAGE_TAG, EKS_CLUSTER (+ AWS creds);
# optional APP_HOST (ingress.host), HELM_EXTRA_SET (one more key=value), HELM_TIMEOUT.
set -euo pipefail
: "${DEPLOY_ENV:?}" "${K8S_NAMESPACE:?}" "${HELM_RELEASE:?}" "${ECR_REGISTRY:?}" "${IMAGE_PREFIX:?}" "${IMAGE_TAG:?}"
here=$(dirname "$0")
# shellcheck source=SCRIPTDIR/kube-login.sh
. "$here/kube-login.sh"

packaged=(build/chart/*.tgz)
chart=${HELM_CHART:-${packaged[0]}}
[ -f "$chart" ] || { echo "helm-deploy: no packaged chart in build/chart (needs: package:chart)" >&2; exit 1; }
args=(upgrade --install "$HELM_RELEASE" "$chart"
  --namespace "$K8S_NAMESPACE" --create-namespace
  --wait --wait-for-jobs --atomic --timeout "${HELM_TIMEOUT:-10m}" --history-max 20
  --set-string "image.repository=$ECR_REGISTRY/$IMAGE_PREFIX-api" --set-string "image.tag=$IMAGE_TAG")
for values in "charts/notejam/values-$DEPLOY_ENV.yaml" "ci/values/$DEPLOY_ENV.yaml"; do
  [ -f "$values" ] && args+=(-f "$values")
done
# Optional parts of the chart use the same commit's images.
args+=(--set-string "web.image.repository=$ECR_REGISTRY/$IMAGE_PREFIX-web" --set-string "web.image.tag=$IMAGE_TAG"
  --set-string "backup.image.repository=$ECR_REGISTRY/$IMAGE_PREFIX-ops" --set-string "backup.image.tag=$IMAGE_TAG")
[ -n "${APP_HOST:-}" ] && args+=(--set-string "ingress.host=$APP_HOST")
[ -n "${HELM_EXTRA_SET:-}" ] && args+=(--set-string "$HELM_EXTRA_SET")
echo "helm-deploy: $HELM_RELEASE ${VERSION:-} ($IMAGE_TAG) -> $EKS_CLUSTER/$K8S_NAMESPACE"
helm "${args[@]}"
helm history "$HELM_RELEASE" --namespace "$K8S_NAMESPACE" --max 5
