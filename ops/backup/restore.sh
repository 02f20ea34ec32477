#!/usr/bin/env bash
# Restore a backup into a new (or empty) database, verify it against its manifest, and optionally promote it.
# Usage: restore.sh [--latest | --date YYYY-MM-DD | --key KEY] [--target-db NAME | --target-url URL]
#                   [--role ROLE] [--promote]
#        restore.sh --list [--date YYYY-MM-DD] [--json]
#  --target-db NAME  database on the live server (default: <live name>_restore_<UTC time>)
#  --target-url URL  any database URL (e.g. the empty database of a new RDS instance in the DR region)
#  --role ROLE       restored objects are owned by ROLE (SET ROLE; default: the connecting user)
#  --promote         after verification, rename the live database to <live>_before_restore_<time> (connections
#                    refused) and the restored one to the live name. Stop the API first (see the runbook).
# Env: ENV_NAME BACKUP_BUCKET [BACKUP_PREFIX=postgres/] AGE_IDENTITY_FILE AWS_REGION [AWS_ENDPOINT_URL]
#      NOTEJAM_DATABASE_URL(_FILE): the live database (not needed with --target-url and no --promote).
# Prints one JSON object (what was restored where) on stdout. A database this run created is dropped on failure.
# shellcheck source=lib.sh
. "$(dirname "$0")/lib.sh"

if [ "${1:-}" = --list ]; then shift; exec "$OPS_DIR/list.sh" "$@"; fi
usage() { die "usage: restore.sh [--latest|--date YYYY-MM-DD|--key KEY] [--target-db NAME|--target-url URL] [--role ROLE] [--promote]" 2; }
pick_backup_args "$@"
target_db="" target="" role="" promote=0
set -- "${REST_ARGS[@]}"
while [ $# -gt 0 ]; do
  case $1 in
    --target-db) target_db=${2:-}; shift ;;
    --target-url) target=${2:-}; shift ;;
    --role) role=${2:-}; shift ;;
    --promote) promote=1 ;;
    *) usage ;;
  esac
  shift
done
[ -z "$target_db" ] || [ -z "$target" ] || usage
[ -z "$target" ] || [ $promote = 0 ] || die "--promote needs the restored database on the live server: use --target-db" 2

TARGET_CREATED=0 PROMOTING=0
at_exit() {
  [ "$1" -ne 0 ] || return 0
  if [ "$PROMOTING" = 1 ]; then
    db_psql "$(url_with_db "$NOTEJAM_DATABASE_URL" postgres)" \
      -c "ALTER DATABASE $(sql_ident "$live") WITH ALLOW_CONNECTIONS true" \
      && log warn "promotion failed: $live accepts connections again and is unchanged"
  fi
  if [ "$TARGET_CREATED" = 1 ]; then db_drop "$target" && log info "dropped the database this run created"; fi
}

work_dir
load_settings
stamp=$(date -u +%Y%m%dt%H%M%Sz)
if [ -z "$target" ]; then
  secret NOTEJAM_DATABASE_URL
  live=$(url_db "$NOTEJAM_DATABASE_URL")
  target_db=${target_db:-${live}_restore_$stamp}
  [[ $target_db =~ ^[a-z_][a-z0-9_]{0,62}$ ]] || die "--target-db must be a lower-case name of at most 63 characters" 2
  target=$(url_with_db "$NOTEJAM_DATABASE_URL" "$target_db")
fi

select_backup
fetch_backup
decrypt_backup
prepare_target "$target" "$role"
restore_dump "$target" "$role"
verify_restored "$target"

old="" result_db=$(url_db "$target")
if [ $promote = 1 ]; then
  new=$(url_db "$target") old="${live}_before_restore_$stamp"
  if [ "$live" = postgres ] || [ ${#old} -gt 63 ]; then die "cannot promote over a database named $live" 2; fi
  maint=$(url_with_db "$NOTEJAM_DATABASE_URL" postgres)
  PROMOTING=1
  db_psql "$maint" -c "ALTER DATABASE $(sql_ident "$live") WITH ALLOW_CONNECTIONS false"
  for _ in $(seq 1 60); do   # sessions need a moment to go after pg_terminate_backend
    left=$(db_psql "$maint" -c "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity
           WHERE datname IN ($(sql_lit "$live"), $(sql_lit "$new")) AND pid <> pg_backend_pid()")
    [ "$left" = 0 ] && break
    sleep 0.5
  done
  db_psql "$maint" -c "ALTER DATABASE $(sql_ident "$live") RENAME TO $(sql_ident "$old");
                       ALTER DATABASE $(sql_ident "$new") RENAME TO $(sql_ident "$live");"
  PROMOTING=0 TARGET_CREATED=0 result_db=$live
  log info "promoted: the restored data is now the live database, the previous one is kept without connections" \
    --arg live "$live" --arg previous "$old"
fi
TARGET_CREATED=0

jq -nc --arg key "$DUMP_KEY" --arg db "$result_db" --argjson promoted "$([ $promote = 1 ] && echo true || echo false)" \
  --arg old "$old" --slurpfile m "$MANIFEST" \
  '{restored: $key, created_at: $m[0].created_at, schema_version: $m[0].schema_version, database: $db,
    promoted: $promoted, previous_database: (if $old == "" then null else $old end), tables: $m[0].tables}'
