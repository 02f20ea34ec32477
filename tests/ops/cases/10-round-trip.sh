# shellcheck shell=bash
# Round trip through SQL-made data: backup -> drop the database -> restore -> byte-identical rows and schema.

t_round_trip_sql() {
  fresh round-trip
  seed
  assert_eq "$(sql -c 'SELECT max(length(text)) FROM notes')" 20000 "the largest note allowed is in the fixture"
  canon "$NOTEJAM_DATABASE_URL" >"$T/before.txt"
  schema_of "$NOTEJAM_DATABASE_URL" >"$T/schema-before.txt"
  ok_tool backup
  assert_eq "$(metrics_line | jq -r '.metrics.notejam_backup_last_status')" 1 "backup status metric"

  # the manifest describes exactly the stored object and the data
  m=$(latest_manifest); s3cat "$m" >"$T/manifest.json"
  key=$(jq -r .object.key "$T/manifest.json")
  [[ $key =~ ^postgres/[0-9]{4}/[0-9]{2}/[0-9]{2}/notejam-round-trip-[0-9]{8}T[0-9]{6}Z\.dump\.zst\.age$ ]] || fail "dated key: $key"
  assert_eq "$m" "${key%.dump.zst.age}.manifest.json" "manifest beside the dump"
  s3cat "$key" >"$T/object"
  assert_eq "$(sha256sum <"$T/object" | cut -d' ' -f1)" "$(jq -r .object.sha256 "$T/manifest.json")" "manifest sha256"
  assert_eq "$(stat -c %s "$T/object")" "$(jq -r .object.size "$T/manifest.json")" "manifest size"
  assert_eq "$(jq -r '.tables["public.notes"]' "$T/manifest.json")" "$(sql -c 'SELECT count(*) FROM notes')" "notes count"
  assert_eq "$(jq -r '.tables["public.users"]' "$T/manifest.json")" "$(sql -c 'SELECT count(*) FROM users')" "users count"
  newest=$(basename "$(ls "$ROOT"/api/migrations/*.sql | tail -n1)"); newest=$((10#${newest%%_*}))
  assert_eq "$(jq -r .schema_version "$T/manifest.json")" "$newest" "schema version = newest migration"
  assert_eq "$(jq -r .pg_dump_version "$T/manifest.json")" "$(pg_dump --version | awk '{print $3}')" "pg_dump version"
  assert_eq "$(jq -r '.encryption.recipients[0]' "$T/manifest.json")" "$AGE_RECIPIENT" "recipient"
  # encrypted client-side: no plaintext in the object, and the private key opens it
  head -c 22 "$T/object" | grep -q 'age-encryption.org/v1' || fail "object is not an age file"
  ! grep -qaF 'alice@example.com' "$T/object" || fail "plaintext email in the object"
  age -d -i "$AGE_IDENTITY_FILE" "$T/object" | zstd -dq >"$T/dump"
  pg_restore --list "$T/dump" | grep -q 'TABLE DATA public notes' || fail "dump lacks the notes"

  psql -X -q -d "$PG_BASE/postgres" -c "DROP DATABASE round_trip WITH (FORCE)"
  ok_tool restore --target-url "$NOTEJAM_DATABASE_URL"
  assert_eq "$(jq -r .restored "$T/out")" "$key" "restored backup"
  assert_in "$T/err" "row counts match the manifest" "verification log"
  canon "$NOTEJAM_DATABASE_URL" >"$T/after.txt"
  schema_of "$NOTEJAM_DATABASE_URL" >"$T/schema-after.txt"
  cmp -s "$T/before.txt" "$T/after.txt" || fail "data differs after restore: $(diff "$T/before.txt" "$T/after.txt" | head -c 800)"
  cmp -s "$T/schema-before.txt" "$T/schema-after.txt" || fail "schema differs: $(diff "$T/schema-before.txt" "$T/schema-after.txt" | head -c 800)"
}

t_restore_new_database_and_promote() {
  fresh promote
  seed
  ok_tool backup
  canon "$NOTEJAM_DATABASE_URL" >"$T/at-backup.txt"
  sql -c "INSERT INTO users (email, password_hash) VALUES ('after-backup@example.com', 'h')"
  tool restore --target-url "$NOTEJAM_DATABASE_URL"
  [ "$RC" = 2 ] || fail "restore into a non-empty database must refuse, got $RC"
  assert_in "$T/err" "is not empty" "non-empty target"

  # default target: a new database beside the live one; the live one is untouched
  ok_tool restore --latest
  db=$(jq -r .database "$T/out")
  [[ $db == promote_restore_* ]] || fail "new database name: $db"
  canon "$PG_BASE/$db" | cmp -s - "$T/at-backup.txt" || fail "restored copy differs from the backup's data"
  assert_eq "$(sql -c "SELECT count(*) FROM users WHERE email = 'after-backup@example.com'")" 1 "live untouched"

  # --promote: the restored data takes the live name, the old database is kept without connections
  psql -X -q -d "$NOTEJAM_DATABASE_URL" -c "SELECT pg_sleep(60)" >/dev/null 2>&1 & sleeper=$!
  sleeping() { [ "$(sql -c "SELECT count(*) FROM pg_stat_activity WHERE query = 'SELECT pg_sleep(60)'")" = 1 ]; }
  wait_for 10 sleeping
  ok_tool restore --target-db promote_new --promote
  wait "$sleeper" || true   # its session was ended by the promotion
  old=$(jq -r .previous_database "$T/out")
  assert_eq "$(jq -r .database "$T/out")" promote "promoted name"
  canon "$NOTEJAM_DATABASE_URL" | cmp -s - "$T/at-backup.txt" || fail "live database is not the backup's data after promote"
  assert_eq "$(psql -X -A -t -d "$PG_BASE/postgres" -c "SELECT datallowconn FROM pg_database WHERE datname = '$old'")" f "old database closed"
  assert_eq "$(databases | grep -c '^promote_new$' || true)" 0 "restored database renamed"
}
