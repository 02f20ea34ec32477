#!/usr/bin/env bash
# Print, one per line, the values arguments every deploy of DEPLOY_ENV passes to Helm (helm-deploy.sh uses them;
# tests render the chart with exactly these), later files overriding earlier ones:
#   -f charts/notejam/values-<env>.yaml (when it exists);
#   -f the environment's Terraform output (TF_HELM_VALUES, default build/terraform/<env>/helm-values.json: the
#      artifact of infra:apply:<env>, `terraform output -json helm_values`, already in the chart's keys) when present;
#   -f $HELM_ENV_VALUES (a File-type CI/CD variable of the environment) when set: what Terraform does not know
#      (backup.ageRecipient), and it overrides the Terraform output where both set a key;
# then the commit's images (API, ops; the ops image also carries stunnel for the Redis TLS sidecar) from ECR at
# IMAGE_TAG.
set -euo pipefail
: "${DEPLOY_ENV:?}" "${ECR_REGISTRY:?}" "${IMAGE_PREFIX:?}" "${IMAGE_TAG:?}"
values="charts/notejam/values-$DEPLOY_ENV.yaml"
if [ -f "$values" ]; then printf '%s\n' -f "$values"; fi
terraform_values=${TF_HELM_VALUES:-build/terraform/$DEPLOY_ENV/helm-values.json}
if [ -f "$terraform_values" ]; then
  printf '%s\n' -f "$terraform_values"
elif [ -n "${TF_HELM_VALUES:-}" ]; then
  echo "helm-values: TF_HELM_VALUES=$TF_HELM_VALUES is not a file" >&2; exit 1
fi
if [ -n "${HELM_ENV_VALUES:-}" ]; then
  [ -f "$HELM_ENV_VALUES" ] || { echo "helm-values: HELM_ENV_VALUES is not a file (make it a File variable)" >&2; exit 1; }
  printf '%s\n' -f "$HELM_ENV_VALUES"
fi
printf '%s\n' --set-string "image.repository=$ECR_REGISTRY/$IMAGE_PREFIX-api" --set-string "image.tag=$IMAGE_TAG" \
  --set-string "backup.image.repository=$ECR_REGISTRY/$IMAGE_PREFIX-ops" --set-string "backup.image.tag=$IMAGE_TAG" \
  --set-string "redisTls.image.repository=$ECR_REGISTRY/$IMAGE_PREFIX-ops" --set-string "redisTls.image.tag=$IMAGE_TAG"
