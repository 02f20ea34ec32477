#!/usr/bin/env bash
# Publish the SPA bundle to the environment's S3 bucket behind CloudFront, with no moment where a browser gets a
# page whose assets are missing:
#   1. hashed files under assets/ first, cached for a year (immutable); older ones stay for open tabs
#   2. every other file except index.html, cached for 5 minutes
#   3. index.html last, never cached, so a browser sees the new version only once all of it is there
#   4. a CloudFront invalidation, waited for (SPA_WAIT=false skips the wait)
#   spa-publish.sh DIR   (web/dist from build:web)    Needs: SPA_BUCKET, CLOUDFRONT_DISTRIBUTION_ID (+ AWS creds)
set -euo pipefail
dir=${1:?usage: spa-publish.sh DIR}
: "${SPA_BUCKET:?SPA_BUCKET is not set for this environment}" "${CLOUDFRONT_DISTRIBUTION_ID:?CLOUDFRONT_DISTRIBUTION_ID is not set}"
[ -f "$dir/index.html" ] || { echo "spa-publish: $dir/index.html not found (needs: build:web)" >&2; exit 1; }
dest="s3://$SPA_BUCKET"
if [ -d "$dir/assets" ]; then
  aws s3 sync "$dir/assets" "$dest/assets" --only-show-errors --cache-control "public, max-age=31536000, immutable"
fi
aws s3 sync "$dir" "$dest" --only-show-errors --exclude "assets/*" --exclude index.html \
  --cache-control "public, max-age=300"
aws s3 cp "$dir/index.html" "$dest/index.html" --only-show-errors \
  --cache-control "no-cache" --content-type "text/html; charset=utf-8"
id=$(aws cloudfront create-invalidation --distribution-id "$CLOUDFRONT_DISTRIBUTION_ID" --paths "/*" \
  --query Invalidation.Id --output text)
echo "spa-publish: $dir -> $dest, CloudFront invalidation $id"
if [ "${SPA_WAIT:-true}" = true ]; then
  aws cloudfront wait invalidation-completed --distribution-id "$CLOUDFRONT_DISTRIBUTION_ID" --id "$id"
  echo "spa-publish: invalidation $id completed"
fi
