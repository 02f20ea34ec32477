# shellcheck shell=bash
# make backup-bench: a timed round trip of a large database (OPS_BENCH_NOTES notes, default 100000): backup, drop,
# restore, identical data. Prints the figures and writes them to build/backup-bench.txt.

t_bench_round_trip() {
  local notes=${OPS_BENCH_NOTES:-100000} users=1000 t0 t1 out="$ROOT/build/backup-bench.txt"
  fresh bench
  t0=$(date +%s.%N)
  # 1000 users, 10 pads each, notes spread over them (every 7th without a pad), texts of 100..2000 characters
  # of hex words (compressible about as much as prose, ~2x)
  sql -c "INSERT INTO users (email, password_hash) SELECT 'user' || g || '@example.com', 'h' FROM generate_series(1, $users) g" \
      -c "INSERT INTO pads (user_id, name) SELECT u.id, 'pad ' || g FROM users u, generate_series(1, 10) g" \
      -c "INSERT INTO notes (user_id, pad_id, name, text)
          SELECT p.user_id, CASE WHEN g % 7 = 0 THEN NULL ELSE p.id END, 'note ' || g || ' ✓',
                 left(t.words, 100 + (g * 37) % 1900)
          FROM generate_series(1, $notes) g JOIN pads p ON p.id = 1 + (g % ($users * 10)),
          LATERAL (SELECT string_agg(md5(g || ':' || i) || ' ünï', ' ') AS words FROM generate_series(1, 60) i) t" \
      -c "VACUUM ANALYZE"
  t1=$(date +%s.%N); seed_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
  assert_eq "$(sql -c 'SELECT count(*) FROM notes')" "$notes" "notes created"
  db_bytes=$(sql -c "SELECT pg_database_size(current_database())")
  sum_before=$(canon "$NOTEJAM_DATABASE_URL" | sha256sum)

  t0=$(date +%s.%N); ok_tool backup; t1=$(date +%s.%N)
  backup_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
  obj_bytes=$(s3cat "$(latest_manifest)" | jq .object.size)
  psql -X -q -d "$PG_BASE/postgres" -c "DROP DATABASE bench WITH (FORCE)"
  t0=$(date +%s.%N); ok_tool restore --target-url "$NOTEJAM_DATABASE_URL"; t1=$(date +%s.%N)
  restore_s=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f", b - a }')
  assert_eq "$(canon "$NOTEJAM_DATABASE_URL" | sha256sum)" "$sum_before" "data identical after the round trip"

  mkdir -p "$(dirname "$out")"
  {
    echo "backup round trip, $(date -u +%FT%TZ), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
    echo "notes: $notes, users: $users, pads: $((users * 10))"
    echo "database size: $((db_bytes / 1048576)) MiB; encrypted dump: $((obj_bytes / 1048576)) MiB ($obj_bytes bytes)"
    echo "seed: ${seed_s}s; backup (dump+zstd+age+upload+read-back+manifest): ${backup_s}s;" \
         "restore (download+checksum+decrypt+pg_restore+verify): ${restore_s}s"
    echo "data identical after the round trip: yes (sha256 of every row and sequence)"
  } | tee "$out"
}
