# shellcheck shell=sh
# Sourced by every make job before its script (POSIX sh: the runner's shell may be sh).
# - a fresh CI container: apt keeps its downloads in .cache/apt (a GitLab cache), npm in .cache/npm
# - the tools a developer's Debian 12 machine starts with (make, git, python3, ...) are there
# - build/reports exists, for the JUnit files Node's test runner and Criterion write there
mkdir -p build/reports .cache/apt/archives/partial .cache/npm
if [ "${GITLAB_CI:-}" = "true" ]; then
  # Only inside GitLab's throwaway job container, never on a developer's machine.
  printf 'Dir::Cache::Archives "%s/.cache/apt/archives";\n' "$CI_PROJECT_DIR" >/etc/apt/apt.conf.d/90notejam-ci-cache
  rm -f /etc/apt/apt.conf.d/docker-clean
fi
npm_config_cache="$CI_PROJECT_DIR/.cache/npm"
export npm_config_cache
scripts/ensure-apt.sh make git ca-certificates python3 curl
