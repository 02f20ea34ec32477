# shellcheck shell=bash
# Assertions and fixtures of the test-ops cases (sourced by run-one.sh). The servers were started by run.sh,
# which exported PG_BASE (superuser URL without database), MOTO_URL, PROXY_URL, PROXY_CONTROL, PUSHGATEWAY_URL,
# OPS_TMP, AGE_RECIPIENT and AGE_IDENTITY_FILE.
OPS=$ROOT/ops/backup
PASSWORD='Not-A-Real-Secret-7c1e'    # in every database URL: it must never show in any output (trust auth ignores it)

fail() { echo "FAIL: $*" >&2; exit 1; }
assert_eq() { [ "$1" = "$2" ] || fail "$3: got '$1', want '$2'"; }
assert_in() { grep -qF -- "$2" "$1" || fail "$3: '$2' not found in $(basename "$1"): $(tail -c 600 "$1")"; }
assert_not_in() { ! grep -qF -- "$2" "$1" || fail "$3: '$2' found in $(basename "$1")"; }

# fresh NAME: a new database NAME with the schema, a new bucket, and the tools' environment pointed at both.
fresh() {
  export NOTEJAM_DATABASE_URL=${PG_BASE/@/:$PASSWORD@}/${1//-/_}
  psql -X -q -d "$PG_BASE/postgres" -c "DROP DATABASE IF EXISTS ${1//-/_} WITH (FORCE)" -c "CREATE DATABASE ${1//-/_}"
  migrate "$NOTEJAM_DATABASE_URL"
  fresh_bucket "$1"
}
# fresh_bucket NAME: bucket nj-NAME, ENV_NAME=NAME and a scratch folder T for this case.
fresh_bucket() {
  export ENV_NAME=$1 BACKUP_BUCKET=nj-$1 BACKUP_PREFIX=postgres/ T=$OPS_TMP/$1
  mkdir -p "$T"
  mcurl -X PUT "$MOTO_URL/$BACKUP_BUCKET" -o /dev/null -H 'Content-Type: application/xml' \
    --data-binary "<CreateBucketConfiguration><LocationConstraint>$AWS_REGION</LocationConstraint></CreateBucketConfiguration>"
}
# migrate URL: the schema, applied by the API's own `notejam migrate` (it records schema_migrations).
migrate() {
  env -i PATH="$PATH" NOTEJAM_DATABASE_URL="$1" NOTEJAM_MIGRATIONS_DIR="$ROOT/api/migrations" \
    "$ROOT/build/notejam" migrate >/dev/null
}
sql() { psql -X -q -A -t -v ON_ERROR_STOP=1 -d "${DB:-$NOTEJAM_DATABASE_URL}" "$@"; }
seed() { sql -f "$HERE/seed.sql"; }

# canon URL: every row of every table and every sequence position, in a fixed order (byte-exact).
canon() {
  local t
  for t in $(psql -X -q -A -t -d "$1" -c "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1"); do
    echo "== $t"
    psql -X -q -d "$1" -c "COPY (SELECT * FROM $t ORDER BY 1) TO STDOUT"
  done
  echo "== sequences"
  psql -X -q -A -t -d "$1" -c "SELECT sequencename, last_value FROM pg_sequences ORDER BY 1"
}
schema_of() { pg_dump -s -d "$1" | grep -v -e '^--' -e '^$' -e '\\restrict' -e '\\unrestrict'; }

# tool NAME ARGS...: run ops/backup/<NAME>.sh; stdout in $T/out, stderr in $T/err, exit code in RC. Any output that
# contains the database password fails the test.
tool() {
  local name=$1; shift
  RC=0
  "$OPS/$name.sh" "$@" >"$T/out" 2>"$T/err" || RC=$?
  cat "$T/out" "$T/err" >>"$T/all.log"
  ! grep -qF "$PASSWORD" "$T/out" "$T/err" || fail "$name printed the database password"
}
ok_tool() { tool "$@"; [ "$RC" = 0 ] || fail "$1 exited $RC: $(tail -c 1500 "$T/err")"; }
# fails_with CODE MESSAGE NAME ARGS...: the tool exits CODE and says MESSAGE.
fails_with() {
  local code=$1 msg=$2; shift 2
  tool "$@"
  [ "$RC" = "$code" ] || fail "$1 exited $RC, want $code: $(tail -c 1500 "$T/err")"
  assert_in "$T/err" "$msg" "$1 error message"
}

# backup_cut SUFFIX BYTES: a backup through the fault proxy whose upload of *SUFFIX breaks after BYTES bytes
# must fail; the proxy passes everything again afterwards.
backup_cut() {
  echo "cut $1 $2" >"$PROXY_CONTROL"
  AWS_ENDPOINT_URL=$PROXY_URL tool backup
  echo pass >"$PROXY_CONTROL"
  [ "$RC" != 0 ] || fail "backup with the upload of $1 cut after $2 bytes exited 0"
}
metrics_line() { jq -c 'select(.msg == "metrics")' "$T/out"; }
# The tests reach moto directly with curl (fast; moto takes any signature, just not none), while the tools under
# test use the aws CLI.
mcurl() { curl -sSf -H "Authorization: AWS4-HMAC-SHA256 Credential=test/20240101/$AWS_REGION/s3/aws4_request, SignedHeaders=host, Signature=0" "$@"; }
s3_keys() { mcurl "$MOTO_URL/$BACKUP_BUCKET?list-type=2" | grep -o '<Key>[^<]*</Key>' | sed 's/<[^>]*>//g'; }
manifests() { s3_keys | grep '\.manifest\.json$' || true; }
dumps() { s3_keys | grep '\.dump\.zst\.age$' || true; }
latest_manifest() { manifests | sort | tail -n 1; }
s3cat() { mcurl "$MOTO_URL/$BACKUP_BUCKET/$1"; }
s3put() { mcurl -X PUT -H 'Content-Type: application/octet-stream' --data-binary "@$1" "$MOTO_URL/$BACKUP_BUCKET/$2" -o /dev/null; }
s3rm() { mcurl -X DELETE "$MOTO_URL/$BACKUP_BUCKET/$1" -o /dev/null; }
databases() { psql -X -A -t -d "$PG_BASE/postgres" -c "SELECT datname FROM pg_database ORDER BY 1"; }

# wait_for SECONDS COMMAND...: tests/lib/wait.sh (the case fails when it times out: run-one.sh runs under set -e).
# shellcheck source=../lib/wait.sh
. "$ROOT/tests/lib/wait.sh"
# pushed NAME: the value the Pushgateway holds for metric NAME with this test's env label.
pushed() {
  curl -sf "$PUSHGATEWAY_URL/metrics" | awk -v n="$1" -v e="env=\"$ENV_NAME\"" '$1 ~ "^" n "\\{" && index($1, e) { print $2 }'
}
