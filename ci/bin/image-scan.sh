#!/usr/bin/env bash
# Scan one pushed image with Trivy. Fails on HIGH/CRITICAL vulnerabilities that have a fix, except those
# allow-listed in ci/trivyignore.yaml (each with a statement and an expiry date). Writes GitLab's container
# scanning report and a readable table to build/scan/.
#   ci/bin/image-scan.sh api|ops
set -euo pipefail
name=${1:?usage: image-scan.sh api|ops}
: "${ECR_REGISTRY:?}" "${IMAGE_PREFIX:?}" "${IMAGE_TAG:?}"
ref="$ECR_REGISTRY/$IMAGE_PREFIX-$name:$IMAGE_TAG"
mkdir -p build/scan
# Trivy reads ECR credentials from the AWS environment set by aws-oidc.sh.
common=(--severity "HIGH,CRITICAL" --ignore-unfixed --ignorefile ci/trivyignore.yaml --scanners vuln)
trivy image "${common[@]}" --exit-code 0 --format template --template "@/contrib/gitlab.tpl" \
  --output "build/scan/gl-container-scanning-$name.json" "$ref"
trivy image "${common[@]}" --exit-code 1 --format table --output "build/scan/$name.txt" "$ref" || {
  cat "build/scan/$name.txt"; echo "image-scan: $ref has HIGH/CRITICAL findings (see above)" >&2; exit 1; }
cat "build/scan/$name.txt"
