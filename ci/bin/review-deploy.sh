#!/usr/bin/env bash
# Deploy a review app: the namespace, its secrets (generated once, kept across re-deploys, never printed), the
# dev charts' PostgreSQL and Redis, then the application with ci/bin/helm-deploy.sh (values ci/values/review.yaml).
# Needs what helm-deploy.sh needs, plus APP_HOST (the review app's host name).
set -euo pipefail
: "${K8S_NAMESPACE:?}" "${APP_HOST:?}"
case $K8S_NAMESPACE in review-*) ;; *) echo "review-deploy: namespace must start with review-" >&2; exit 1 ;; esac
here=$(dirname "$0")
# shellcheck source=SCRIPTDIR/kube-login.sh
. "$here/kube-login.sh"
ns=(--namespace "$K8S_NAMESPACE")
kubectl create namespace "$K8S_NAMESPACE" --dry-run=client -o yaml | kubectl apply -f - >/dev/null
kubectl label namespace "$K8S_NAMESPACE" notejam/review=true --overwrite >/dev/null

secrets=$(mktemp -d); trap 'rm -rf "$secrets"' EXIT
random_hex() { od -An -N24 -tx1 /dev/urandom | tr -d ' \n'; }
secret_value() { kubectl "${ns[@]}" get secret "$1" -o "jsonpath={.data.$2}" | base64 -d; }
ensure_secret() {  # name key=file...: create once; a re-deploy keeps the passwords the databases were set up with
  local name=$1; shift
  kubectl "${ns[@]}" get secret "$name" >/dev/null 2>&1 && return 0
  local args=(); for kv in "$@"; do args+=(--from-file="$kv"); done
  kubectl "${ns[@]}" create secret generic "$name" "${args[@]}" >/dev/null
}
random_hex >"$secrets/pg"; random_hex >"$secrets/redis"
ensure_secret notejam-review-db "password=$secrets/pg"
ensure_secret notejam-review-redis "password=$secrets/redis"
secret_value notejam-review-db password >"$secrets/pg"
secret_value notejam-review-redis password >"$secrets/redis"
printf 'postgresql://notejam:%s@postgresql:5432/notejam' "$(cat "$secrets/pg")" >"$secrets/database-url"
printf 'redis://:%s@redis:6379/0' "$(cat "$secrets/redis")" >"$secrets/redis-url"
printf 'review:%s' "$(head -c 32 /dev/urandom | base64 -w0)" >"$secrets/jwt-keys"
ensure_secret notejam-review-app "database-url=$secrets/database-url" "redis-url=$secrets/redis-url" "jwt-keys=$secrets/jwt-keys"

helm upgrade --install postgresql charts/postgresql "${ns[@]}" --wait --timeout 5m \
  --set-string auth.existingSecret=notejam-review-db
helm upgrade --install redis charts/redis "${ns[@]}" --wait --timeout 5m \
  --set-string auth.existingSecret=notejam-review-redis
exec "$here/helm-deploy.sh"
