#!/usr/bin/env bash
# Print the pipeline's version facts as dotenv lines (the `version` job hands them to every later job):
#   VERSION          semver: "1.2.3" on a release tag v1.2.3 (or on the commit it tags); N commits after the last
#                    release v1.2.3 it is the pre-release "1.2.4-dev.N.g<sha8>", which sorts after 1.2.3 and before
#                    1.2.4; before the first release "0.0.1-dev.N.g<sha8>" (N = commits in the history).
#                    The Makefile reads VERSION, so the binary's /version, image labels and chart appVersion agree.
#   RELEASE_VERSION  the semver tag to publish (release tags only, else empty)
#   IMAGE_TAG        the immutable image tag: the full commit SHA
#   COMMIT, BUILD_TIME  commit and its UTC commit time (reproducible: the same in every job of the pipeline)
set -euo pipefail
semver='^v?(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)(-[0-9A-Za-z.-]+)?$'
commit=$(git rev-parse HEAD)
if [ -n "${CI_COMMIT_TAG:-}" ]; then
  if ! [[ $CI_COMMIT_TAG =~ $semver ]]; then
    echo "version.sh: tag '$CI_COMMIT_TAG' is not a semantic version (vMAJOR.MINOR.PATCH[-PRE])" >&2
    exit 1
  fi
  version=${CI_COMMIT_TAG#v}; release=$version
else
  short=$(git rev-parse --short=8 HEAD)
  if last=$(git describe --tags --abbrev=0 --match 'v[0-9]*.[0-9]*.[0-9]*' --exclude '*-*' 2>/dev/null) && [[ $last =~ $semver ]]; then
    n=$(git rev-list --count "$last..HEAD")
    major=${BASH_REMATCH[1]} minor=${BASH_REMATCH[2]} patch=${BASH_REMATCH[3]}
    if [ "$n" -eq 0 ]; then version=${last#v}; else version="$major.$minor.$((patch + 1))-dev.$n.g$short"; fi
  else
    version="0.0.1-dev.$(git rev-list --count HEAD).g$short"
  fi
  release=""
fi
echo "VERSION=$version"
echo "RELEASE_VERSION=$release"
echo "IMAGE_TAG=$commit"
echo "COMMIT=$commit"
echo "BUILD_TIME=$(TZ=UTC git log -1 --format=%cd --date=format-local:%Y-%m-%dT%H:%M:%SZ)"
