#!/usr/bin/env bash
# Bring one user's pads and notes back from a backup into the live database ("recover my notes"), without
# touching anything else: the backup is restored into a scratch database and verified, the user's rows are
# copied out of it, and inserted into the live database in one transaction under their old ids. Rows that still
# exist are left as they are (edits made since the backup are kept), so a second run changes nothing.
# Usage: restore-user.sh --email EMAIL [--latest | --date YYYY-MM-DD | --key KEY] [--create-user] [--dry-run]
#  --create-user  recreate the account from the backup when it no longer exists (deleted account)
#  --dry-run      do everything, report what would be restored, and roll back
# Env: ENV_NAME BACKUP_BUCKET [BACKUP_PREFIX=postgres/] AGE_IDENTITY_FILE AWS_REGION [AWS_ENDPOINT_URL]
#      NOTEJAM_DATABASE_URL(_FILE) (live), [SCRATCH_DATABASE_URL] (default: a temporary database
#      <live>_user_restore_<time> on the live server). The scratch database is dropped at the end.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

usage() { die "usage: restore-user.sh --email EMAIL [--latest|--date YYYY-MM-DD|--key KEY] [--create-user] [--dry-run]" 2; }
pick_backup_args "$@"
email="" create_user=no dry_run=no
set -- "${REST_ARGS[@]}"
while [ $# -gt 0 ]; do
  case $1 in
    --email) email=${2:-}; shift ;;
    --create-user) create_user=yes ;;
    --dry-run) dry_run=yes ;;
    *) usage ;;
  esac
  shift
done
[[ $email == ?*@?* ]] || usage

SCRATCH=""
at_exit() { [ -z "$SCRATCH" ] || db_drop "$SCRATCH" || log warn "could not drop the scratch database"; }

work_dir
load_settings
secret NOTEJAM_DATABASE_URL
if [ -n "${SCRATCH_DATABASE_URL:-}" ]; then
  scratch=$SCRATCH_DATABASE_URL
else
  scratch=$(url_with_db "$NOTEJAM_DATABASE_URL" "$(url_db "$NOTEJAM_DATABASE_URL")_user_restore_$(date -u +%Y%m%dt%H%M%Sz)")
fi
[ "$(url_with_db "$scratch" x)" != "$(url_with_db "$NOTEJAM_DATABASE_URL" x)" ] \
  || [ "$(url_db "$scratch")" != "$(url_db "$NOTEJAM_DATABASE_URL")" ] \
  || die "SCRATCH_DATABASE_URL names the live database, refusing" 2

select_backup
fetch_backup
decrypt_backup
db_drop "$scratch"
SCRATCH=$scratch
db_create "$scratch"
restore_dump "$scratch"
verify_restored "$scratch"

rows=$WORK/user-rows.csv
db_psql "$scratch" -v email="$email" -f "$OPS_DIR/sql/user-export.sql" >"$rows"
grep -q '^user,' "$rows" || die "no account with that email in backup $DUMP_KEY"
result=$(db_psql "$NOTEJAM_DATABASE_URL" -v email="$email" -v create_user="$create_user" -v dry_run="$dry_run" \
           -f "$OPS_DIR/sql/user-import.sql" <"$rows" 2>"$WORK/import.err") \
  || die "nothing restored: $(grep -m1 -o 'ERROR: .*' "$WORK/import.err" | sed 's/^ERROR: *//' | cut -c1-300)"
log info "user restore finished" --arg key "$DUMP_KEY" --argjson result "$result"
jq -c --arg key "$DUMP_KEY" --arg created_at "$(jq -r .created_at "$MANIFEST")" \
  '{restored_from: $key, backup_created_at: $created_at} + .' <<<"$result"
