# shellcheck shell=bash
# Single-user restore covers every user-owned table: each table that references users (directly or through another
# user-owned table) is exported by user-export.sql and inserted by user-import.sql, or named in user-export.sql's
# "-- Not restored:" line with its reason. A new user-owned table cannot be left out of "recover my notes" silently.

# uncovered_tables: the user-owned tables of the current database that single-user restore does not cover.
uncovered_tables() {
  local export=$OPS/sql/user-export.sql import=$OPS/sql/user-import.sql t
  local skipped; skipped=$(sed -n 's/^-- Not restored: //p' "$export")
  for t in $(sql -c "WITH RECURSIVE owned(t) AS (
                       SELECT 'users'::regclass
                       UNION SELECT c.conrelid::regclass FROM pg_constraint c JOIN owned o ON c.confrelid = o.t
                       WHERE c.contype = 'f')
                     SELECT t::text FROM owned ORDER BY 1"); do
    grep -qw -- "$t" <<<"$skipped" && continue
    grep -qE "(FROM|JOIN) $t [a-z]" "$export" && grep -qE "INSERT INTO $t \(" "$import" || echo "$t"
  done
}

t_restore_user_covers_every_user_owned_table() {
  fresh user-tables
  assert_eq "$(uncovered_tables | tr '\n' ' ')" "" "user-owned tables left out of single-user restore"
  # the check itself: a new table that belongs to users, directly or through notes, is reported
  sql -c "CREATE TABLE note_tags (note_id bigint REFERENCES notes (id), tag text)" \
      -c "CREATE TABLE user_settings (user_id bigint REFERENCES users (id))"
  assert_eq "$(uncovered_tables | tr '\n' ' ')" "note_tags user_settings " "new user-owned tables reported"
}
