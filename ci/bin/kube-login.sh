# shellcheck shell=sh
# Sourced after aws-oidc.sh by jobs that talk to the environment's cluster:
# - KUBE_CONTEXT set (prod: private endpoint): GitLab's agent for Kubernetes provides KUBECONFIG; use that context;
# - else writes a kubeconfig for EKS_CLUSTER (token from the role's credentials, renewed by `aws eks get-token` on
#   every call) to KUBECONFIG (default: one file per job under the builds dir).
if [ -n "${KUBE_CONTEXT:-}" ]; then
  if [ -z "${KUBECONFIG:-}" ]; then
    echo "kube-login: KUBE_CONTEXT=$KUBE_CONTEXT but GitLab provided no KUBECONFIG: is the agent's ci_access granted to this environment?" >&2; return 1
  fi
  kubectl config use-context "$KUBE_CONTEXT" >/dev/null
  return 0
fi
if [ -z "${EKS_CLUSTER:-}" ]; then
  echo "kube-login: EKS_CLUSTER is not set for this job's environment (see docs/ci-cd.md)" >&2; return 1
fi
KUBECONFIG=${KUBECONFIG:-${CI_BUILDS_DIR:-$HOME}/.kube/${CI_JOB_ID:-local}.config}
export KUBECONFIG
mkdir -p "$(dirname "$KUBECONFIG")"
aws eks update-kubeconfig --name "$EKS_CLUSTER" --region "$AWS_DEFAULT_REGION" --kubeconfig "$KUBECONFIG" >/dev/null
chmod 600 "$KUBECONFIG"
