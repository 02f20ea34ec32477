#!/usr/bin/env bash
# Package the Helm chart with the pipeline's version and push it to ECR as an OCI artifact (oci://<registry>/charts).
#   chart version = appVersion = VERSION (semver); the image tag is set at deploy time (--set image.tag=<sha>).
# The packaged .tgz stays in build/chart/ as an artifact: every deploy of this pipeline installs these bytes.
set -euo pipefail
: "${ECR_REGISTRY:?}" "${VERSION:?}"
chart_dir=${CHART_DIR:-charts/notejam}
out=build/chart
rm -rf "$out"; mkdir -p "$out"
if grep -q "^dependencies:" "$chart_dir/Chart.yaml"; then helm dependency build "$chart_dir"; fi
helm package "$chart_dir" --version "$VERSION" --app-version "$VERSION" --destination "$out"
pkg=$(ls "$out"/*.tgz)
if [ "${CHART_PUSH:-true}" = "true" ]; then
  aws ecr get-login-password | helm registry login --username AWS --password-stdin "$ECR_REGISTRY"
  helm push "$pkg" "oci://$ECR_REGISTRY/charts"
fi
echo "chart-publish: $pkg"
