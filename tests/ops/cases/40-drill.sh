# shellcheck shell=bash
# Restore drill and the metrics the alerts read (names exactly those of docs/metrics.md).

documented() { grep -o 'notejam_\(backup\|restore_drill\)_[a-z_]*' "$ROOT/docs/metrics.md" | sort -u; }
# num A OP B: numeric comparison that also reads the Pushgateway's 1.7e+09 notation.
num() { awk -v a="$1" -v b="$3" "BEGIN { exit !(a $2 b) }"; }

t_drill_reports_freshness() {
  fresh drill
  seed
  ok_tool backup
  metrics_line | jq -r '.metrics | keys[]' >"$T/names"
  export DRILL_DATABASE_URL=${PG_BASE/@/:$PASSWORD@}/drill_scratch
  ok_tool restore-drill
  line=$(metrics_line)
  assert_eq "$(jq -r '[.job, .env] | join(" ")' <<<"$line")" "notejam_restore_drill drill" "job and env of the JSON line"
  jq -r '.metrics | keys[]' <<<"$line" >>"$T/names"
  assert_eq "$(sort -u "$T/names")" "$(documented)" "metric names = docs/metrics.md backup and restore-drill names"
  now=$(date +%s)
  age=$(jq .metrics.notejam_restore_drill_backup_age_seconds <<<"$line")
  created=$(s3cat "$(latest_manifest)" | jq .created_unix)
  num "$age" '>=' 0 && num "$age" '<=' $((now - created)) || fail "backup age $age (backup made at $created, now $now)"
  assert_eq "$(jq .metrics.notejam_restore_drill_last_status <<<"$line")" 1 "drill status"
  # the Pushgateway holds the same values under the env label, in Prometheus text format
  assert_eq "$(pushed notejam_restore_drill_last_status)" 1 "pushed status"
  num "$(pushed notejam_restore_drill_backup_age_seconds)" '==' "$age" || fail "pushed age"
  num "$(pushed notejam_restore_drill_last_success_timestamp_seconds)" '>=' "$created" || fail "pushed success time"
  num "$(pushed notejam_backup_last_success_timestamp_seconds)" '>=' "$created" || fail "pushed backup success time"
  num "$(pushed notejam_backup_size_bytes)" '==' "$(s3cat "$(latest_manifest)" | jq .object.size)" || fail "pushed size"
  canon "$DRILL_DATABASE_URL" | cmp -s - <(canon "$NOTEJAM_DATABASE_URL") || fail "drill database differs from live"

  # the next drill starts from scratch again
  DB=$DRILL_DATABASE_URL sql -c "INSERT INTO users (email, password_hash) VALUES ('drill-junk@example.com', 'x')"
  ok_tool restore-drill
  assert_eq "$(DB=$DRILL_DATABASE_URL sql -c "SELECT count(*) FROM users WHERE email = 'drill-junk@example.com'")" 0 "scratch recreated"

  # a failing drill reports 0 and keeps the last success time
  success=$(pushed notejam_restore_drill_last_success_timestamp_seconds)
  AGE_IDENTITY_FILE=$OTHER_KEY fails_with 1 "wrong key" restore-drill
  assert_eq "$(metrics_line | jq -c .metrics)" '{"notejam_restore_drill_last_status":0}' "failure metrics"
  assert_eq "$(pushed notejam_restore_drill_last_status)" 0 "pushed failure"
  assert_eq "$(pushed notejam_restore_drill_last_success_timestamp_seconds)" "$success" "last success kept"
  DRILL_DATABASE_URL=$NOTEJAM_DATABASE_URL fails_with 2 "names the live database" restore-drill
}
