# shellcheck shell=bash
# Shared functions of the Notejam backup tools (sourced by backup.sh, list.sh, restore.sh, restore-drill.sh,
# restore-user.sh; never run on its own). Logs are JSON lines on stderr; stdout carries each tool's result.
# A tool may define at_exit RC, which runs before the temporary files are removed.
# Globals set here for the tools (MANIFEST, DUMP, TARGET_CREATED, PICK_*...) look unused to shellcheck:
# shellcheck disable=SC2034
set -euo pipefail
umask 077
export AWS_PAGER="" PGTZ=UTC PGCONNECT_TIMEOUT=${PGCONNECT_TIMEOUT:-15} \
  PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"

OPS_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
TOOL=$(basename "$0" .sh)
LOCK_CLASS=20042        # advisory-lock namespace of these tools; objid 1 = backup, 2 = restore drill
WORK=""

# ---- logging ---------------------------------------------------------------------------------------------------
# log LEVEL MESSAGE [--arg k v | --argjson k json]...: one JSON object on stderr.
log() {
  local level=$1 msg=$2; shift 2
  jq -nc --arg time "$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)" --arg level "$level" --arg tool "$TOOL" \
    --arg msg "$msg" "$@" '$ARGS.named' >&2
}
# die MESSAGE [EXIT_CODE]: log an error and stop (1 = failure, 2 = bad usage or configuration, 3 = busy).
die() { log error "$1"; exit "${2:-1}"; }
one_line() { tr '\n' ' ' <"$1" | cut -c1-600; }

_on_exit() {
  local rc=$?
  set +e
  if declare -F at_exit >/dev/null; then at_exit "$rc"; fi
  lock_release
  [ -z "$WORK" ] || rm -rf "$WORK"
  exit "$rc"
}
trap _on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

work_dir() { WORK=$(mktemp -d "${TMPDIR:-/tmp}/notejam-$TOOL.XXXXXX"); }

# ---- configuration ---------------------------------------------------------------------------------------------
# need VAR...: exit 2 naming the first variable that is empty (never its value).
need() { local v; for v; do [ -n "${!v:-}" ] || die "missing required environment variable $v" 2; done; }
# secret VAR: when VAR is empty and VAR_FILE names a file (a mounted Kubernetes secret), read VAR from it.
secret() {
  local f="${1}_FILE"
  if [ -z "${!1:-}" ] && [ -n "${!f:-}" ]; then
    [ -r "${!f}" ] || die "$f does not name a readable file" 2
    printf -v "$1" '%s' "$(cat "${!f}")"
  fi
  need "$1"
}
# load_settings: the variables every tool shares (see docs/backup-and-restore.md).
load_settings() {
  need ENV_NAME BACKUP_BUCKET
  [[ $ENV_NAME =~ ^[a-z0-9][a-z0-9-]{0,39}$ ]] || die "ENV_NAME must be lower-case letters, digits and dashes" 2
  BACKUP_PREFIX=${BACKUP_PREFIX-postgres/}
  [ -z "$BACKUP_PREFIX" ] || [[ $BACKUP_PREFIX == */ ]] || BACKUP_PREFIX+=/
  pod_identity_credentials
}
# pod_identity_credentials: Debian 12's aws CLI (2.9) predates EKS Pod Identity (it needs 2.15). When the Pod
# Identity agent's variables are set and no credentials are, ask the agent once (its credentials outlive any run)
# and export them for every aws call of this run.
pod_identity_credentials() {
  local uri=${AWS_CONTAINER_CREDENTIALS_FULL_URI:-} token=${AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE:-} creds
  if [ -n "${AWS_ACCESS_KEY_ID:-}" ] || [ -z "$uri" ] || [ -z "$token" ]; then return 0; fi
  [ -r "$token" ] || die "AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE is not readable" 2
  creds=$(curl -sS --fail --max-time 10 --retry 3 -H "Authorization: $(cat "$token")" "$uri" 2>"$WORK/curl.err") \
    || die "cannot get credentials from the EKS Pod Identity agent: $(one_line "$WORK/curl.err")"
  AWS_ACCESS_KEY_ID=$(jq -r '.AccessKeyId // empty' <<<"$creds")
  AWS_SECRET_ACCESS_KEY=$(jq -r '.SecretAccessKey // empty' <<<"$creds")
  AWS_SESSION_TOKEN=$(jq -r '.Token // empty' <<<"$creds")
  if [ -z "$AWS_ACCESS_KEY_ID" ] || [ -z "$AWS_SECRET_ACCESS_KEY" ]; then die "the EKS Pod Identity agent gave no credentials"; fi
  export AWS_ACCESS_KEY_ID AWS_SECRET_ACCESS_KEY AWS_SESSION_TOKEN
}
# pick_backup_args ARGS...: parse --latest | --date YYYY-MM-DD | --key KEY into PICK_MODE/PICK_ARG; the rest
# stays in REST_ARGS for the tool.
pick_backup_args() {
  PICK_MODE=latest PICK_ARG="" REST_ARGS=()
  while [ $# -gt 0 ]; do
    case $1 in
      --latest) PICK_MODE=latest ;;
      --date) PICK_MODE=date PICK_ARG=${2:?--date needs YYYY-MM-DD}; shift ;;
      --key) PICK_MODE=key PICK_ARG=${2:?--key needs an object key}; shift ;;
      *) REST_ARGS+=("$1") ;;
    esac
    shift
  done
}

# ---- PostgreSQL ------------------------------------------------------------------------------------------------
URL_RE='^(postgres(ql)?://[^/?#]*)(/([^?#]*))?(\?[^#]*)?$'
URL_HELP="a database URL of the form postgresql://user[:password]@host[:port]/dbname[?params]"
# url_db URL: the database name in URL.  url_with_db URL NAME: URL pointing at database NAME instead.
url_db() {
  if ! [[ $1 =~ $URL_RE ]] || [ -z "${BASH_REMATCH[4]}" ]; then die "expected $URL_HELP" 2; fi
  printf '%s' "${BASH_REMATCH[4]}"
}
url_with_db() { [[ $1 =~ $URL_RE ]] || die "expected $URL_HELP" 2; printf '%s/%s%s' "${BASH_REMATCH[1]}" "$2" "${BASH_REMATCH[5]}"; }
sql_lit() { printf "'%s'" "${1//\'/\'\'}"; }
sql_ident() { printf '"%s"' "${1//\"/\"\"}"; }

# pg_tool URL PROGRAM ARGS...: run a libpq program on URL with the password moved from the URL to PGPASSWORD,
# so that it never shows in a process list.
pg_tool() {
  local url=$1 prog=$2 re='^(postgres(ql)?://)([^:@/?#]*):([^@/?#]*)@(.*)$'
  shift 2
  if [[ $url =~ $re ]]; then
    PGPASSWORD=$(printf '%b' "${BASH_REMATCH[4]//%/\\x}") \
      "$prog" -d "${BASH_REMATCH[1]}${BASH_REMATCH[3]}@${BASH_REMATCH[5]}" "$@"
  else
    "$prog" -d "$url" "$@"
  fi
}
# db_psql URL ARGS...: psql that stops at the first error and prints bare values.
db_psql() { local url=$1; shift; pg_tool "$url" psql -X -q -A -t -v ON_ERROR_STOP=1 "$@"; }

# db_exists URL: the database of URL exists (asked through the server's "postgres" database).
db_exists() {
  [ "$(db_psql "$(url_with_db "$1" postgres)" -c "SELECT 1 FROM pg_database WHERE datname = $(sql_lit "$(url_db "$1")")")" = 1 ]
}
# db_is_empty URL: the database holds no table, view, sequence or function of its own.
db_is_empty() {
  [ "$(db_psql "$1" -c "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
        WHERE n.nspname NOT IN ('pg_catalog', 'information_schema') AND n.nspname NOT LIKE 'pg\_%'")" = 0 ]
}
# db_create URL [OWNER] / db_drop URL: create or drop (disconnecting its sessions) the database of URL.
db_create() {
  db_psql "$(url_with_db "$1" postgres)" \
    -c "CREATE DATABASE $(sql_ident "$(url_db "$1")")${2:+ OWNER $(sql_ident "$2")}"
}
db_drop() {
  db_psql "$(url_with_db "$1" postgres)" -c "DROP DATABASE IF EXISTS $(sql_ident "$(url_db "$1")") WITH (FORCE)"
}

# ---- advisory lock held by a psql coprocess ---------------------------------------------------------------------
# lock_acquire URL OBJID WHAT: take pg_try_advisory_lock(LOCK_CLASS, OBJID) in a psql session that stays open
# until lock_release or until this process dies (PostgreSQL then frees the lock itself). Exit 3 when busy.
lock_acquire() {
  local url=$1 objid=$2 what=$3 got holder
  LOCK_ERR=$WORK/lock.err
  coproc LOCK { PGAPPNAME="notejam-$what" db_psql "$url" 2>"$LOCK_ERR"; }
  got=$(LOCK_FAILURE="cannot open a database session" lock_query "SELECT pg_try_advisory_lock($LOCK_CLASS, $objid);")
  if [ "$got" != t ]; then
    holder=$(db_psql "$url" -c "SELECT format('pid %s, %s, since %s', a.pid, a.application_name, a.backend_start)
        FROM pg_locks l JOIN pg_stat_activity a USING (pid) WHERE l.locktype = 'advisory' AND l.granted
        AND l.classid = $LOCK_CLASS AND l.objid = $objid LIMIT 1" 2>/dev/null || true)
    die "another $what is running (${holder:-holder unknown}): refusing to run a second one at the same time" 3
  fi
}
# lock_query SQL: run SQL (one result row expected) in the lock's session and print that row.
lock_query() {
  local line
  printf '%s\n' "$1" >&"${LOCK[1]}"
  IFS= read -r -t "${LOCK_QUERY_TIMEOUT:-300}" line <&"${LOCK[0]}" \
    || die "${LOCK_FAILURE:-query in the lock session failed}: $(one_line "$LOCK_ERR")"
  printf '%s\n' "$line"
}
lock_release() {
  [ -n "${LOCK_PID:-}" ] || return 0
  local pid=$LOCK_PID
  eval "exec ${LOCK[1]}>&-" 2>/dev/null || kill "$pid" 2>/dev/null   # EOF ends the psql session
  wait "$pid" 2>/dev/null
  LOCK_PID=""
}

# ---- S3 --------------------------------------------------------------------------------------------------------
aws_() { aws ${AWS_ENDPOINT_URL:+--endpoint-url "$AWS_ENDPOINT_URL"} "$@"; }
s3url() { printf 's3://%s/%s' "$BACKUP_BUCKET" "$1"; }
# dump_key UTC_TIMESTAMP (YYYYMMDDTHHMMSSZ) / manifest_key DUMP_KEY: object keys of one backup.
dump_key() {
  printf '%s%s/%s/%s/notejam-%s-%s.dump.zst.age' "$BACKUP_PREFIX" "${1:0:4}" "${1:4:2}" "${1:6:2}" "$ENV_NAME" "$1"
}
manifest_key() { printf '%s.manifest.json' "${1%.dump.zst.age}"; }

# s3_fail ERRFILE WHAT URL: explain a failed aws call in one line and stop.
s3_fail() {
  case $(cat "$1") in
    *404*|*"Not Found"*|*NoSuchKey*|*"does not exist"*) die "$2 $3 does not exist" ;;
    *InvalidObjectState*) die "$2 $3 is archived (Glacier): run 'aws s3api restore-object' for it and retry once restored" ;;
    *) die "$2 $3: aws failed: $(one_line "$1")" ;;
  esac
}
# put_object FILE KEY [put-object options]: upload with an x-amz-checksum-sha256 the CLI computes (S3 checks it
# on arrival; buckets with Object Lock refuse uploads without one, and Debian's aws CLI 2.9 'aws s3 cp' sends none).
# Files above BACKUP_MULTIPART_THRESHOLD bytes (default 4 GiB; one PUT takes at most 5 GiB) go up in parts.
put_object() {
  local file=$1 key=$2
  shift 2
  if [ "$(stat -c %s "$file")" -gt "${BACKUP_MULTIPART_THRESHOLD:-4294967296}" ]; then
    put_multipart "$file" "$key" "$@"
    return
  fi
  aws_ s3api put-object --bucket "$BACKUP_BUCKET" --key "$key" --body "$file" --checksum-algorithm SHA256 "$@" \
      >/dev/null 2>"$WORK/aws.err" || s3_fail "$WORK/aws.err" "upload of" "$(s3url "$key")"
}
# put_multipart FILE KEY [options]: multipart upload in BACKUP_PART_SIZE parts (default 256 MiB), each with its
# sha256, cut from FILE one at a time (disk: one part beside the dump). An unfinished upload stays invisible
# (the bucket's lifecycle aborts it); it never becomes an object.
put_multipart() {
  local file=$1 key=$2 size part_size=${BACKUP_PART_SIZE:-268435456} id n=0 off=0 parts="[]" res
  shift 2
  size=$(stat -c %s "$file")
  id=$(aws_ s3api create-multipart-upload --bucket "$BACKUP_BUCKET" --key "$key" --checksum-algorithm SHA256 "$@" \
         --query UploadId --output text 2>"$WORK/aws.err") || s3_fail "$WORK/aws.err" "upload of" "$(s3url "$key")"
  while [ "$off" -lt "$size" ]; do
    n=$((n + 1))
    dd if="$file" of="$WORK/part" bs=4M iflag=skip_bytes,count_bytes skip="$off" count="$part_size" status=none
    res=$(aws_ s3api upload-part --bucket "$BACKUP_BUCKET" --key "$key" --upload-id "$id" --part-number "$n" \
            --body "$WORK/part" --checksum-algorithm SHA256 --output json 2>"$WORK/aws.err") \
      || s3_fail "$WORK/aws.err" "upload of part $n of" "$(s3url "$key")"
    parts=$(jq -c --argjson n "$n" --argjson r "$res" '. + [{PartNumber: $n, ETag: $r.ETag, ChecksumSHA256: $r.ChecksumSHA256}]' <<<"$parts")
    off=$((off + part_size))
  done
  rm -f "$WORK/part"
  aws_ s3api complete-multipart-upload --bucket "$BACKUP_BUCKET" --key "$key" --upload-id "$id" \
      --multipart-upload "{\"Parts\": $parts}" >/dev/null 2>"$WORK/aws.err" \
    || s3_fail "$WORK/aws.err" "completing the upload of" "$(s3url "$key")"
  log info "uploaded in parts" --arg key "$key" --argjson parts "$n"
}
get_object() { # KEY FILE WHAT
  aws_ s3 cp --only-show-errors --no-progress "$(s3url "$1")" "$2" 2>"$WORK/aws.err" || s3_fail "$WORK/aws.err" "$3" "$(s3url "$1")"
}
sha256_of() { sha256sum "$1" | cut -d' ' -f1; }

# verify_upload KEY SIZE SHA256: read the stored object back (GetObject: S3's length for it, and a sha256 of its
# bytes) and compare both with what was uploaded. BACKUP_VERIFY=head checks only the length (HeadObject).
verify_upload() {
  local key=$1 size=$2 sha=$3 got back=$WORK/readback
  if [ "${BACKUP_VERIFY:-download}" = head ]; then
    aws_ s3api head-object --bucket "$BACKUP_BUCKET" --key "$key" >"$back.json" 2>"$WORK/aws.err" \
      || s3_fail "$WORK/aws.err" "uploaded object" "$(s3url "$key")"
  else
    aws_ s3api get-object --bucket "$BACKUP_BUCKET" --key "$key" "$back" >"$back.json" 2>"$WORK/aws.err" \
      || s3_fail "$WORK/aws.err" "read-back of" "$(s3url "$key")"
    got=$(sha256_of "$back"); rm -f "$back"
    [ "$got" = "$sha" ] || die "uploaded object $(s3url "$key") reads back with sha256 $got instead of $sha"
  fi
  got=$(jq -r .ContentLength "$back.json")
  [ "$got" = "$size" ] || die "uploaded object $(s3url "$key") has $got bytes instead of $size"
}

# list_backups [DAY_PREFIX]: JSON array of this environment's backup objects ({Key, Size, LastModified}), oldest first.
list_backups() {
  aws_ s3api list-objects-v2 --bucket "$BACKUP_BUCKET" --prefix "$BACKUP_PREFIX${1:-}" --output json \
      2>"$WORK/aws.err" >"$WORK/list.json" || s3_fail "$WORK/aws.err" "listing of" "$(s3url "$BACKUP_PREFIX${1:-}")"
  jq -cs --arg env "$ENV_NAME" '[.[] | .Contents // [] | .[] | {Key, Size, LastModified}
      | select(.Key | test("(^|/)notejam-" + $env + "-[0-9]{8}T[0-9]{6}Z\\.(dump\\.zst\\.age|manifest\\.json)$"))]
      | sort_by(.Key)' "$WORK/list.json"
}

# ---- fetching, decrypting and checking a backup -----------------------------------------------------------------
# select_backup: set MANIFEST_KEY and DUMP_KEY from PICK_MODE/PICK_ARG. Only backups with a manifest count:
# a dump without one is an unfinished or failed backup.
select_backup() {
  local objs where="s3://$BACKUP_BUCKET/$BACKUP_PREFIX"
  case $PICK_MODE in
    key)
      DUMP_KEY=${PICK_ARG%.manifest.json}
      DUMP_KEY=${DUMP_KEY%.dump.zst.age}.dump.zst.age
      MANIFEST_KEY=$(manifest_key "$DUMP_KEY")
      return 0 ;;
    date)
      [[ $PICK_ARG =~ ^[0-9]{4}-[0-9]{2}-[0-9]{2}$ ]] || die "--date wants YYYY-MM-DD (UTC)" 2
      objs=$(list_backups "${PICK_ARG//-//}/"); where+="${PICK_ARG//-//}/" ;;
    *) objs=$(list_backups) ;;
  esac
  MANIFEST_KEY=$(jq -r '[.[].Key | select(endswith(".manifest.json"))] | last // empty' <<<"$objs")
  [ -n "$MANIFEST_KEY" ] || die "no complete backup of environment $ENV_NAME under $where"
  DUMP_KEY=${MANIFEST_KEY%.manifest.json}.dump.zst.age
}

# fetch_backup: download the manifest and the dump of the selected backup into WORK and check them
# (manifest shape, our key among its recipients, size and sha256). Sets MANIFEST (path) and ENCRYPTED (path).
fetch_backup() {
  local size sha want_size want_sha
  MANIFEST=$WORK/manifest.json ENCRYPTED=$WORK/backup.age
  get_object "$MANIFEST_KEY" "$MANIFEST" "manifest"
  jq -se --arg k "$DUMP_KEY" 'length == 1 and (.[0] | .format == 1 and .object.key == $k
      and (.object.sha256 | test("^[0-9a-f]{64}$")) and (.object.size | type == "number")
      and (.tables | type == "object") and (.created_unix | type == "number"))' "$MANIFEST" >/dev/null 2>&1 \
    || die "manifest $(s3url "$MANIFEST_KEY") is not a valid Notejam backup manifest for $DUMP_KEY"
  check_identity
  get_object "$DUMP_KEY" "$ENCRYPTED" "backup object"
  size=$(stat -c %s "$ENCRYPTED"); sha=$(sha256_of "$ENCRYPTED")
  want_size=$(jq -r .object.size "$MANIFEST"); want_sha=$(jq -r .object.sha256 "$MANIFEST")
  if [ "$size" != "$want_size" ] || [ "$sha" != "$want_sha" ]; then
    die "backup object $(s3url "$DUMP_KEY") fails its checksum ($size bytes, sha256 $sha; the manifest says $want_size bytes, sha256 $want_sha): it was altered or corrupted, refusing to restore it"
  fi
  log info "backup fetched and checksum verified" --arg key "$DUMP_KEY" --argjson size "$size" \
    --arg created_at "$(jq -r .created_at "$MANIFEST")"
}

# check_identity: AGE_IDENTITY_FILE holds the private key of one of the backup's recipients.
check_identity() {
  local mine
  need AGE_IDENTITY_FILE
  [ -r "$AGE_IDENTITY_FILE" ] || die "AGE_IDENTITY_FILE does not name a readable file" 2
  mine=$(age-keygen -y "$AGE_IDENTITY_FILE" 2>/dev/null) \
    || die "AGE_IDENTITY_FILE does not hold an age identity (AGE-SECRET-KEY-1...)" 2
  jq -e --arg mine "$mine" '.encryption.recipients as $r | any($mine | split("\n")[]; . as $m | $r | index($m))' \
      "$MANIFEST" >/dev/null \
    || die "wrong key: AGE_IDENTITY_FILE is the key of $(tr '\n' ' ' <<<"$mine")but this backup was encrypted to $(jq -r '.encryption.recipients | join(", ")' "$MANIFEST")"
}

# decrypt_backup: ENCRYPTED -> $WORK/dump (pg_dump custom format), checked with pg_restore --list. Sets DUMP.
decrypt_backup() {
  DUMP=$WORK/dump
  if ! age -d -i "$AGE_IDENTITY_FILE" "$ENCRYPTED" 2>"$WORK/age.err" | zstd -dqc >"$DUMP" 2>"$WORK/zstd.err"; then
    grep -q 'no identity matched' "$WORK/age.err" && die "wrong key: AGE_IDENTITY_FILE cannot decrypt $DUMP_KEY"
    die "cannot decrypt/decompress $DUMP_KEY: $(one_line "$WORK/age.err") $(one_line "$WORK/zstd.err")"
  fi
  rm -f "$ENCRYPTED"
  pg_restore --list "$DUMP" >/dev/null 2>"$WORK/pg_restore.err" \
    || die "$DUMP_KEY does not hold a pg_dump archive: $(one_line "$WORK/pg_restore.err")"
}

# prepare_target URL [OWNER]: create the database of URL, or accept it when it exists and is empty.
# Sets TARGET_CREATED=1 when this run created it (callers drop it again on failure).
prepare_target() {
  TARGET_CREATED=0
  if db_exists "$1"; then
    db_is_empty "$1" || die "target database $(url_db "$1") is not empty: restore into a new or empty database" 2
  else
    db_create "$1" "${2:-}"; TARGET_CREATED=1
  fi
}

# restore_dump URL [ROLE]: pg_restore DUMP into the database of URL, objects owned by ROLE (default: the user of URL).
restore_dump() {
  local jobs=${RESTORE_JOBS:-$(nproc)}
  [ "$jobs" -le 4 ] || jobs=4
  pg_tool "$1" pg_restore --exit-on-error --no-owner --no-privileges ${2:+--role="$2"} -j "$jobs" "$DUMP" \
      2>"$WORK/pg_restore.err" || die "pg_restore failed: $(one_line "$WORK/pg_restore.err")"
  restore_grants "$1" "${2:-}"
}
# restore_grants URL [ROLE]: the dump's grants (the least-privilege roles' rights, migration 0002), applied once the
# objects exist. Where those roles do not exist (a scratch cluster) the data is still complete: a warning, not a failure.
restore_grants() {
  pg_restore -l "$DUMP" | grep -E '^[0-9]+; [0-9]+ [0-9]+ (ACL|DEFAULT ACL) ' >"$WORK/acl.list" || true
  [ -s "$WORK/acl.list" ] || return 0
  pg_tool "$1" pg_restore --exit-on-error ${2:+--role="$2"} -L "$WORK/acl.list" "$DUMP" 2>"$WORK/acl.err" \
    || log warn "grants not restored (run provision-roles.sh, then restore again or grant by hand)" \
         --arg reason "$(one_line "$WORK/acl.err")"
}

# verify_restored URL: row counts equal the manifest's, and notes/pads/users refer to each other correctly.
verify_restored() {
  local got want diff problems
  got=$(db_psql "$1" -f "$OPS_DIR/sql/table-counts.sql" | jq -cS .)
  want=$(jq -cS .tables "$MANIFEST")
  if [ "$got" != "$want" ]; then
    diff=$(jq -nr --argjson got "$got" --argjson want "$want" '[($want + $got) | keys[] as $t
      | select($want[$t] != $got[$t]) | "\($t): manifest \($want[$t] // "absent"), restored \($got[$t] // "absent")"]
      | join("; ")')
    die "restored row counts differ from the manifest: $diff"
  fi
  problems=$(db_psql "$1" -f "$OPS_DIR/sql/sanity.sql" | paste -sd ';')
  [ -z "$problems" ] || die "referential sanity check failed: $problems"
  log info "restored data verified: row counts match the manifest, references are sound" --argjson tables "$got"
}

# ---- metrics ---------------------------------------------------------------------------------------------------
# emit_metrics JOB NAME=VALUE...: gauges labelled env=ENV_NAME (names from docs/metrics.md), printed as one JSON
# line on stdout and, when PUSHGATEWAY_URL is set, POSTed to the Pushgateway group job=JOB/env=ENV_NAME (POST keeps
# the group's other metrics, so a failure does not erase the last success time).
emit_metrics() {
  local job=$1 kv name args=() text=""
  shift
  for kv; do
    name=${kv%%=*}
    args+=(--argjson "$name" "${kv#*=}")
    text+="# TYPE $name gauge"$'\n'"$name{env=\"$ENV_NAME\"} ${kv#*=}"$'\n'
  done
  jq -nc --arg time "$(date -u +%Y-%m-%dT%H:%M:%S.%3NZ)" --arg level info --arg tool "$TOOL" --arg msg metrics \
    --arg job "$job" --arg env "$ENV_NAME" --argjson metrics "$(jq -nc '$ARGS.named' "${args[@]}")" '$ARGS.named'
  [ -n "${PUSHGATEWAY_URL:-}" ] || return 0
  printf '%s' "$text" | curl -sS --fail --max-time 15 --retry 3 --data-binary @- \
      "${PUSHGATEWAY_URL%/}/metrics/job/$job/env/$ENV_NAME" 2>"$WORK/curl.err" >/dev/null \
    || log warn "could not push metrics to the Pushgateway: $(one_line "$WORK/curl.err")"
}
elapsed_since() { awk -v s="$1" -v e="$(date +%s.%N)" 'BEGIN { printf "%.3f", e - s }'; }
