# shellcheck shell=sh
# Sourced after aws-oidc.sh by jobs that talk to the environment's EKS cluster: writes a kubeconfig for
# EKS_CLUSTER (token from the role's credentials, renewed by `aws eks get-token` on every call) to KUBECONFIG.
if [ -z "${EKS_CLUSTER:-}" ]; then
  echo "kube-login: EKS_CLUSTER is not set for this job's environment (see docs/ci-cd.md)" >&2; return 1
fi
KUBECONFIG=${KUBECONFIG:-$HOME/.kube/config}
export KUBECONFIG
mkdir -p "$(dirname "$KUBECONFIG")"
aws eks update-kubeconfig --name "$EKS_CLUSTER" --region "$AWS_DEFAULT_REGION" --kubeconfig "$KUBECONFIG" >/dev/null
chmod 600 "$KUBECONFIG"
