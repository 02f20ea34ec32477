# shellcheck shell=bash
# Least-privilege roles: provision-roles.sh, run by an RDS-like master (CREATEROLE, not superuser) on a database
# its earlier migrations filled, makes notejam_migrate the schema's owner and gives notejam_api and notejam_backup
# their passwords (SCRAM verifiers: no password in the server's statement log); migrations then run as the
# migrator, the API's role writes rows but no DDL, the backup runs as the read-only role, and a rerun rotates.

# role_url ROLE PASSWORD: the test database as ROLE.
role_url() { printf 'postgresql://%s:%s@%s/roles' "$1" "$2" "${PG_BASE#postgresql://*@}"; }
# as_role ROLE PASSWORD SQL: psql as ROLE with its password (scram-sha-256 for notejam_* roles, see below).
as_role() { PGPASSWORD=$2 psql -X -q -A -t -v ON_ERROR_STOP=1 -d "postgresql://$1@${PG_BASE#postgresql://*@}/roles" -c "$3"; }

t_roles_provisioned_least_privilege_and_rotated() {
  fresh_bucket roles
  local super=$PG_BASE/postgres hba
  psql -X -q -d "$super" -v ON_ERROR_STOP=1 \
    -c "DROP DATABASE IF EXISTS roles WITH (FORCE)" \
    -c "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'rds_master') THEN CREATE ROLE rds_master LOGIN CREATEROLE CREATEDB; END IF; END \$\$" \
    -c "ALTER ROLE rds_master SET log_statement = 'all'" -c "CREATE DATABASE roles OWNER rds_master"
  # notejam_* roles must log in with their passwords (the cluster trusts everyone else on loopback)
  hba=$(psql -X -A -t -d "$super" -c 'SHOW hba_file')
  grep -q notejam_migrate "$hba" || { printf 'host all notejam_migrate,notejam_api,notejam_backup 127.0.0.1/32 scram-sha-256\n'; cat "$hba"; } >"$T/hba"
  [ ! -s "$T/hba" ] || cat "$T/hba" >"$hba"
  psql -X -q -d "$super" -c 'SELECT pg_reload_conf()' >/dev/null
  local master=${PG_BASE/postgres@/rds_master:$PASSWORD@}/roles
  # the past: version 1 applied by the master user
  mkdir -p "$T/m1" && cp "$ROOT/api/migrations/0001_init.sql" "$T/m1/"
  env -i PATH="$PATH" NOTEJAM_DATABASE_URL="$master" NOTEJAM_MIGRATIONS_DIR="$T/m1" "$ROOT/build/notejam" migrate >/dev/null

  mkdir -p "$T/pw"
  for r in migrate api backup; do echo "$r-$RANDOM-$PASSWORD" >"$T/pw/$r"; done
  MASTER_DATABASE_URL=$master ROLE_PASSWORDS_DIR=$T/pw ok_tool provision-roles
  assert_in "$T/err" '"msg":"roles provisioned"' "provision log"
  assert_eq "$(psql -X -A -t -d "$super" -c "SELECT string_agg(rolname || ':' || (rolpassword LIKE 'SCRAM-SHA-256\$4096:%') || ':' || rolcanlogin || ':' || rolsuper || rolcreaterole || rolcreatedb, ' ' ORDER BY rolname) FROM pg_authid WHERE rolname LIKE 'notejam\_%'")" \
    "notejam_api:true:true:falsefalsefalse notejam_backup:true:true:falsefalsefalse notejam_migrate:true:true:falsefalsefalse" "roles: SCRAM password, login, no special rights"
  for r in migrate api backup; do assert_not_in "$OPS_TMP/pg/server.log" "$(cat "$T/pw/$r")" "no password in the server log"; done
  assert_in "$OPS_TMP/pg/server.log" 'SCRAM-SHA-256$4096:' "the verifier is what the server saw"

  # migrations now run as the migrator, which owns everything the master had created
  local migrate_url backup_url
  migrate_url=$(role_url notejam_migrate "$(cat "$T/pw/migrate")")
  env -i PATH="$PATH" NOTEJAM_DATABASE_URL="$migrate_url" NOTEJAM_MIGRATIONS_DIR="$ROOT/api/migrations" "$ROOT/build/notejam" migrate \
    || fail "migrations as notejam_migrate failed"
  assert_eq "$(psql -X -A -t -d "$PG_BASE/roles" -c "SELECT string_agg(DISTINCT tableowner, ',') FROM pg_tables WHERE schemaname = 'public'")" \
    notejam_migrate "every table belongs to the migrator"

  # the API's role: rows yes, DDL and migration bookkeeping no
  local apw; apw=$(cat "$T/pw/api")
  as_role notejam_api "$apw" "INSERT INTO users (email, password_hash) VALUES ('a@example.org', 'x'); DELETE FROM users" \
    || fail "notejam_api cannot write rows"
  ! as_role notejam_api "$apw" "DROP TABLE notes" 2>/dev/null || fail "notejam_api could drop a table"
  ! as_role notejam_api "$apw" "SELECT * FROM schema_migrations" 2>/dev/null || fail "notejam_api reads schema_migrations"
  ! as_role notejam_api "$apw" "CREATE TABLE x (i int)" 2>/dev/null || fail "notejam_api could create a table"

  # the backup's role: a full backup, and nothing but reading
  DB=$master sql -c "INSERT INTO users (email, password_hash) VALUES ('b@example.org', 'x')"
  backup_url=$(role_url notejam_backup "$(cat "$T/pw/backup")")
  NOTEJAM_DATABASE_URL=$backup_url ok_tool backup
  ! as_role notejam_backup "$(cat "$T/pw/backup")" "DELETE FROM users" 2>/dev/null || fail "notejam_backup could delete rows"

  # a restore keeps the roles' rights: the API's role can write into the restored copy
  NOTEJAM_DATABASE_URL=$master ok_tool restore --latest --target-db roles_restored
  PGPASSWORD=$(cat "$T/pw/api") psql -X -q -v ON_ERROR_STOP=1 -d "postgresql://notejam_api@${PG_BASE#postgresql://*@}/roles_restored" \
    -c "INSERT INTO users (email, password_hash) VALUES ('after-restore@example.org', 'x')" || fail "notejam_api cannot write after a restore"
  psql -X -q -d "$super" -c "DROP DATABASE roles_restored WITH (FORCE)"

  # rotation: a new api password, provisioned again; the old one stops working, the others are unchanged
  echo "api-rotated-$RANDOM" >"$T/pw/api"
  MASTER_DATABASE_URL=$master ROLE_PASSWORDS_DIR=$T/pw ok_tool provision-roles
  ! as_role notejam_api "$apw" "SELECT 1" 2>/dev/null || fail "the old api password still works"
  as_role notejam_api "$(cat "$T/pw/api")" "SELECT count(*) FROM users" >/dev/null || fail "the new api password does not work"
  as_role notejam_backup "$(cat "$T/pw/backup")" "SELECT 1" >/dev/null || fail "the backup password changed"

  # bad configuration: exit 2, the file named, no value
  : >"$T/pw/backup"
  MASTER_DATABASE_URL=$master ROLE_PASSWORDS_DIR=$T/pw fails_with 2 "the backup password is empty" provision-roles
  MASTER_DATABASE_URL=$master ROLE_PASSWORDS_DIR=$T/nope fails_with 2 "ROLE_PASSWORDS_DIR has no readable file migrate" provision-roles
}
