#!/usr/bin/env bash
# Build one image with buildah (no Docker daemon, no docker-in-docker) and push it to ECR.
#   ci/bin/image-publish.sh api|ops     (Dockerfile.<name>; IMAGE_DOCKERFILE overrides, e.g. the CI builder)
# Tags: IMAGE_TAG (the commit SHA, immutable) always; RELEASE_VERSION (semver) on release tags. A commit that
# already has its image (a release tag on a tested commit, a re-run) is not rebuilt: the SHA-tagged manifest is
# re-tagged in ECR, so the release ships exactly the bytes that were tested.
# Needs: AWS credentials (aws-oidc.sh), ECR_REGISTRY, IMAGE_PREFIX, VERSION, IMAGE_TAG, optional RELEASE_VERSION.
set -euo pipefail
name=${1:?usage: image-publish.sh NAME}
: "${ECR_REGISTRY:?}" "${IMAGE_PREFIX:?}" "${VERSION:?}" "${IMAGE_TAG:?}"
repo_name="$IMAGE_PREFIX-$name"
repo="$ECR_REGISTRY/$repo_name"
dockerfile=${IMAGE_DOCKERFILE:-Dockerfile.$name}
[ -f "$dockerfile" ] || { echo "image-publish: $dockerfile not found" >&2; exit 1; }

ecr_has_tag() {
  aws ecr describe-images --repository-name "$repo_name" --image-ids "imageTag=$1" >/dev/null 2>&1
}
ecr_retag() {  # $1 existing tag, $2 new tag: copy the manifest, no pull/push of layers
  local manifest
  manifest=$(aws ecr batch-get-image --repository-name "$repo_name" --image-ids "imageTag=$1" \
    --query 'images[0].imageManifest' --output text)
  if ecr_has_tag "$2"; then echo "image-publish: $repo:$2 exists already"; return 0; fi
  aws ecr put-image --repository-name "$repo_name" --image-tag "$2" --image-manifest "$manifest" >/dev/null
  echo "image-publish: tagged $repo:$1 as $2"
}

if ecr_has_tag "$IMAGE_TAG"; then
  echo "image-publish: $repo:$IMAGE_TAG exists, not rebuilding"
else
  # The registry login lives in a private temp file, never in the project dir (artifacts) or the log.
  REGISTRY_AUTH_FILE=$(mktemp -d)/auth.json; export REGISTRY_AUTH_FILE
  trap 'rm -rf "$(dirname "$REGISTRY_AUTH_FILE")"' EXIT
  aws ecr get-login-password | buildah login --username AWS --password-stdin "$ECR_REGISTRY"
  created=${BUILD_TIME:-$(date -u +%Y-%m-%dT%H:%M:%SZ)}
  buildah build --format docker --pull \
    --build-arg "VERSION=$VERSION" --build-arg "COMMIT=${COMMIT:-$IMAGE_TAG}" --build-arg "BUILD_TIME=$created" \
    --build-arg "SOURCE=${CI_PROJECT_URL:-}" \
    --label "org.opencontainers.image.title=$repo_name" \
    --label "org.opencontainers.image.version=$VERSION" \
    --label "org.opencontainers.image.revision=${COMMIT:-$IMAGE_TAG}" \
    --label "org.opencontainers.image.created=$created" \
    --label "org.opencontainers.image.source=${CI_PROJECT_URL:-unknown}" \
    -f "$dockerfile" -t "$repo:$IMAGE_TAG" .
  buildah push "$repo:$IMAGE_TAG"
  echo "image-publish: pushed $repo:$IMAGE_TAG ($VERSION)"
fi
if [ -n "${RELEASE_VERSION:-}" ]; then
  ecr_retag "$IMAGE_TAG" "$RELEASE_VERSION"
fi
