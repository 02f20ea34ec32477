#!/usr/bin/env bash
# One-time, by a cluster admin (notejam-admins, from inside the VPC or a bastion): install the GitLab agent for
# Kubernetes into a cluster whose API endpoint is private (prod), so its CI jobs reach it (docs/ci-cd.md).
# Register the agent `notejam-prod` in GitLab first (Operate > Kubernetes clusters) and store its token with
#   aws secretsmanager put-secret-value --secret-id notejam-prod/gitlab-agent-token --secret-string <token>
# The token goes from Secrets Manager to Helm on stdin-backed file descriptors only; it is never printed.
#   agent-install.sh CLUSTER_ENV KAS_ADDRESS    e.g. agent-install.sh prod wss://kas.gitlab.example.com
set -euo pipefail
env=${1:?usage: agent-install.sh ENV KAS_ADDRESS}; kas=${2:?usage: agent-install.sh ENV KAS_ADDRESS}
helm repo add gitlab https://charts.gitlab.io >/dev/null && helm repo update gitlab >/dev/null
helm upgrade --install "notejam-$env" gitlab/gitlab-agent --namespace gitlab-agent --create-namespace --wait \
  --set-string config.kasAddress="$kas" \
  --set-file config.token=<(aws secretsmanager get-secret-value --secret-id "notejam-$env/gitlab-agent-token" \
    --query SecretString --output text)
echo "agent-install: notejam-$env connected to $kas; apply ci/rbac/all and ci/rbac/$env next"
