# shellcheck shell=bash
# The tools are small bash programs: shellcheck must find nothing in them, nor a warning in these tests.

t_scripts_pass_shellcheck() {
  (cd "$ROOT" && shellcheck -x -P SCRIPTDIR ops/backup/*.sh) || fail "shellcheck findings in ops/backup"
  (cd "$ROOT" && shellcheck -S warning -x -P SCRIPTDIR -e SC1090,SC1091 tests/ops/*.sh tests/ops/cases/*.sh tests/ops/bench/*.sh) \
    || fail "shellcheck warnings in tests/ops"
  for f in "$HERE"/*.py; do python3 -c 'import ast, sys; ast.parse(open(sys.argv[1]).read())' "$f"; done
}
