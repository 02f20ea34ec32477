# shellcheck shell=sh
# Sourced by every make job before its script (POSIX sh: the runner's shell may be sh). Paths come from $PWD,
# the job's checkout, which is also right under gitlab-ci-local's shell executor (its CI_PROJECT_DIR is not).
# - in GitLab's throwaway job container, apt keeps its downloads in .cache/apt and npm in .cache/npm (both cached)
# - the tools a developer's Debian 12 machine starts with (make, git, python3, curl) are there
# - JUnit files go to build/reports/ (GitLab shows them in the MR): Criterion writes one by itself through
#   CRITERION_OUTPUTS; every node:test suite writes $JUNIT_DIR/<suite>.xml (node_reporters in the root Makefile). NODE_OPTIONS is deliberately not used: its reporters clash with a suite's own
#   --test-reporter flag and can make node skip every test file.
mkdir -p build/reports .cache/apt/archives/partial .cache/npm
if [ "${GITLAB_CI:-}" = "true" ]; then
  printf 'Dir::Cache::Archives "%s/.cache/apt/archives";\n' "$PWD" >/etc/apt/apt.conf.d/90notejam-ci-cache
  rm -f /etc/apt/apt.conf.d/docker-clean
fi
npm_config_cache="$PWD/.cache/npm"
JUNIT_DIR="$PWD/build/reports"
CRITERION_OUTPUTS="xml:$JUNIT_DIR/junit-criterion.xml"
export npm_config_cache JUNIT_DIR CRITERION_OUTPUTS
scripts/ensure-apt.sh make git ca-certificates python3 curl
