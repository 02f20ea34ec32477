#!/usr/bin/env bash
# Stop a review app: uninstall its release and delete its namespace (with its in-cluster database volumes).
set -euo pipefail
: "${K8S_NAMESPACE:?}" "${HELM_RELEASE:?}"
case $K8S_NAMESPACE in review-*) ;; *) echo "review-stop: refusing to delete namespace $K8S_NAMESPACE" >&2; exit 1 ;; esac
here=$(dirname "$0")
# shellcheck source=SCRIPTDIR/kube-login.sh
. "$here/kube-login.sh"
for release in "$HELM_RELEASE" redis postgresql; do
  helm uninstall "$release" --namespace "$K8S_NAMESPACE" --wait --ignore-not-found
done
kubectl delete namespace "$K8S_NAMESPACE" --ignore-not-found --wait=true --timeout=10m
