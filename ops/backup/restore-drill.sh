#!/usr/bin/env bash
# Restore drill: restore the latest backup into the scratch database DRILL_DATABASE_URL (dropped and recreated),
# verify it against its manifest, and report the result and the backup's age for the alerts
# (notejam_restore_drill_* in docs/metrics.md). The scratch database is kept until the next drill for inspection.
# Env: ENV_NAME BACKUP_BUCKET [BACKUP_PREFIX=postgres/] AGE_IDENTITY_FILE DRILL_DATABASE_URL(_FILE) AWS_REGION
#      [AWS_ENDPOINT_URL] [PUSHGATEWAY_URL]
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

at_exit() { # on failure: status 0 for the alerts (the last success time stays as it was)
  [ "$1" -ne 0 ] || return 0
  log error "restore drill failed" --argjson exit_code "$1"
  [[ ${ENV_NAME:-} =~ ^[a-z0-9-]+$ ]] && emit_metrics notejam_restore_drill notejam_restore_drill_last_status=0
}

[ $# -eq 0 ] || die "usage: restore-drill.sh (configured by environment variables only)" 2
work_dir
load_settings
secret DRILL_DATABASE_URL
need AGE_IDENTITY_FILE
drill_db=$(url_db "$DRILL_DATABASE_URL")
case $drill_db in postgres|template0|template1) die "DRILL_DATABASE_URL must name a scratch database" 2 ;; esac
if [ -n "${NOTEJAM_DATABASE_URL:-}" ] && [ "$(url_with_db "$NOTEJAM_DATABASE_URL" x)" = "$(url_with_db "$DRILL_DATABASE_URL" x)" ] \
   && [ "$(url_db "$NOTEJAM_DATABASE_URL")" = "$drill_db" ]; then
  die "DRILL_DATABASE_URL names the live database: the drill drops its database, refusing" 2
fi

lock_acquire "$(url_with_db "$DRILL_DATABASE_URL" postgres)" 2 restore-drill
# shellcheck disable=SC2034 # read by select_backup
PICK_MODE=latest
select_backup
fetch_backup
decrypt_backup
db_drop "$DRILL_DATABASE_URL"
db_create "$DRILL_DATABASE_URL"
restore_dump "$DRILL_DATABASE_URL"
verify_restored "$DRILL_DATABASE_URL"
lock_release

now=$(date +%s)
age=$((now - $(jq -r .created_unix "$MANIFEST")))
log info "restore drill passed" --arg key "$DUMP_KEY" --arg created_at "$(jq -r .created_at "$MANIFEST")" \
  --argjson backup_age_seconds "$age"
emit_metrics notejam_restore_drill notejam_restore_drill_last_success_timestamp_seconds="$now" \
  notejam_restore_drill_last_status=1 notejam_restore_drill_backup_age_seconds="$age"
