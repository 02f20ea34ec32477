#!/usr/bin/env bash
# Back up the Notejam database: pg_dump -Fc | zstd | age (encrypted to AGE_RECIPIENT) -> S3 under a dated key,
# verified (S3's length and a read-back sha256), and only then its manifest, written last.
# Env: ENV_NAME BACKUP_BUCKET [BACKUP_PREFIX=postgres/] AGE_RECIPIENT (one or more age1... keys, comma-separated)
#      NOTEJAM_DATABASE_URL or NOTEJAM_DATABASE_URL_FILE, AWS_REGION, [AWS_ENDPOINT_URL] [PUSHGATEWAY_URL]
#      [APP_VERSION] [BACKUP_VERIFY=download|head] [BACKUP_MULTIPART_THRESHOLD] [BACKUP_PART_SIZE]
# Exit 0 only when both objects are stored and verified; 3 when another backup holds the lock; 1 on any failure.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

STARTED=$(date +%s.%N)
at_exit() { # on failure: report it to the alerts (the last success time stays as it was)
  [ "$1" -ne 0 ] || return 0
  log error "backup failed, no manifest was written" --argjson exit_code "$1"
  [[ ${ENV_NAME:-} =~ ^[a-z0-9-]+$ ]] || return 0
  emit_metrics notejam_backup notejam_backup_last_attempt_timestamp_seconds="$(date +%s)" \
    notejam_backup_last_status=0 notejam_backup_duration_seconds="$(elapsed_since "$STARTED")"
}

[ $# -eq 0 ] || die "usage: backup.sh (configured by environment variables only)" 2
work_dir
load_settings
need AGE_RECIPIENT
secret NOTEJAM_DATABASE_URL
recipients=() recipients_json="[]"
for r in ${AGE_RECIPIENT//,/ }; do
  [[ $r =~ ^age1[0-9a-z]{58}$ ]] || die "AGE_RECIPIENT must list age public keys (age1...)" 2
  recipients+=(-r "$r")
  recipients_json=$(jq -c --arg r "$r" '. + [$r]' <<<"$recipients_json")
done

ts=$(date -u +%Y%m%dT%H%M%SZ)
key=$(dump_key "$ts")
mkey=$(manifest_key "$key")

# One session holds the lock and the snapshot: the row counts and the dump see exactly the same data.
lock_acquire "$NOTEJAM_DATABASE_URL" 1 backup
snapshot=$(lock_query "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY; SELECT pg_export_snapshot();")
tables=$(lock_query "$(cat "$OPS_DIR/sql/table-counts.sql")")
facts=$(lock_query "$(cat "$OPS_DIR/sql/backup-facts.sql")")
log info "backup started" --arg key "$key" --argjson tables "$(jq -c . <<<"$tables")"

file=$WORK/backup.age
pg_tool "$NOTEJAM_DATABASE_URL" pg_dump -Fc -Z0 --snapshot="$snapshot" 2>"$WORK/pg_dump.err" \
  | zstd -q -T0 -c | age "${recipients[@]}" -o "$file" \
  || die "dump failed: $(one_line "$WORK/pg_dump.err")"
size=$(stat -c %s "$file")
sha=$(sha256_of "$file")
log info "dump compressed and encrypted" --argjson size "$size" --argjson seconds "$(elapsed_since "$STARTED")"

put_object "$file" "$key" --metadata "sha256=$sha"
rm -f "$file"   # the read-back below needs the room
verify_upload "$key" "$size" "$sha"

jq -n --arg key "$key" --argjson size "$size" --arg sha "$sha" --arg env "$ENV_NAME" --argjson facts "$facts" \
  --argjson tables "$tables" --argjson recipients "$recipients_json" --arg app "${APP_VERSION:-}" \
  --arg pg_dump "$(pg_dump --version | awk '{print $3}')" --arg completed "$(date -u +%Y-%m-%dT%H:%M:%SZ)" \
  --argjson duration "$(elapsed_since "$STARTED")" \
  '{format: 1, env: $env, object: {key: $key, size: $size, sha256: $sha},
    created_at: $facts.created_at, created_unix: $facts.created_unix, completed_at: $completed,
    duration_seconds: $duration, database: $facts.database, schema_version: $facts.schema_version,
    app_version: (if $app == "" then null else $app end), server_version: $facts.server_version,
    pg_dump_version: $pg_dump, pipeline: "pg_dump -Fc -Z0 | zstd | age",
    encryption: {method: "age", recipients: $recipients}, tables: $tables}' >"$WORK/manifest.json"
put_object "$WORK/manifest.json" "$mkey" --content-type application/json
verify_upload "$mkey" "$(stat -c %s "$WORK/manifest.json")" "$(sha256_of "$WORK/manifest.json")"
lock_release

log info "backup complete" --arg key "$key" --arg manifest "$mkey" --argjson size "$size" --arg sha256 "$sha"
now=$(date +%s)
emit_metrics notejam_backup notejam_backup_last_success_timestamp_seconds="$now" \
  notejam_backup_last_attempt_timestamp_seconds="$now" notejam_backup_last_status=1 \
  notejam_backup_size_bytes="$size" notejam_backup_duration_seconds="$(elapsed_since "$STARTED")"
