#!/usr/bin/env bash
# Print, one per line, the values arguments every deploy of DEPLOY_ENV passes to Helm (helm-deploy.sh uses them;
# tests render the chart with exactly these):
#   -f charts/notejam/values-<env>.yaml, -f ci/values/<env>.yaml (each when it exists), then the commit's images
#   (API, web, ops) from ECR at IMAGE_TAG, and ingress.host / config.publicUrl when APP_HOST is set.
set -euo pipefail
: "${DEPLOY_ENV:?}" "${ECR_REGISTRY:?}" "${IMAGE_PREFIX:?}" "${IMAGE_TAG:?}"
for values in "charts/notejam/values-$DEPLOY_ENV.yaml" "ci/values/$DEPLOY_ENV.yaml"; do
  [ -f "$values" ] && printf '%s\n' -f "$values"
done
printf '%s\n' --set-string "image.repository=$ECR_REGISTRY/$IMAGE_PREFIX-api" --set-string "image.tag=$IMAGE_TAG" \
  --set-string "web.image.repository=$ECR_REGISTRY/$IMAGE_PREFIX-web" --set-string "web.image.tag=$IMAGE_TAG" \
  --set-string "backup.image.repository=$ECR_REGISTRY/$IMAGE_PREFIX-ops" --set-string "backup.image.tag=$IMAGE_TAG"
if [ -n "${APP_HOST:-}" ]; then
  printf '%s\n' --set-string "ingress.host=$APP_HOST" --set-string "config.publicUrl=https://$APP_HOST"
fi
