# shellcheck shell=bash
# Failure cases: each must stop with a clear message, a non-zero exit, and nothing that looks like a valid result.

# flip_byte FILE: change one byte in the middle of FILE.
flip_byte() {
  local off b
  off=$(($(stat -c %s "$1") / 2)); b=$(od -An -tu1 -j "$off" -N1 "$1" | tr -d ' ')
  printf "\\$(printf '%03o' $((b ^ 1)))" | dd of="$1" bs=1 seek="$off" conv=notrunc status=none
}

t_tampered_object_refused() {
  fresh tamper
  seed
  ok_tool backup
  key=$(dumps | tail -n1) m=$(latest_manifest)
  s3cat "$key" >"$T/good"; cp "$T/good" "$T/bad"; flip_byte "$T/bad"
  cmp -s "$T/good" "$T/bad" && fail "tampering changed nothing"
  s3put "$T/bad" "$key"
  dbs=$(databases)
  fails_with 1 "fails its checksum" restore
  assert_in "$T/err" "refusing to restore it" "tamper message"
  assert_eq "$(databases)" "$dbs" "no database created for a tampered backup"

  # a manifest whose counts were altered: the data is restored, found different, and the database dropped again
  s3put "$T/good" "$key"
  n=$(sql -c 'SELECT count(*) FROM notes')
  s3cat "$m" | jq '.tables["public.notes"] += 1' >"$T/manifest.json"
  s3put "$T/manifest.json" "$m"
  fails_with 1 "restored row counts differ from the manifest: public.notes: manifest $((n + 1)), restored $n" restore
  assert_eq "$(databases)" "$dbs" "the database of a failed restore is dropped"
  # an emptied or garbled manifest is no manifest
  : >"$T/empty"; s3put "$T/empty" "$m"
  fails_with 1 "is not a valid Notejam backup manifest" restore
  echo '{"format": 1' >"$T/garbled"; s3put "$T/garbled" "$m"
  fails_with 1 "is not a valid Notejam backup manifest" restore
}

t_wrong_key_refused() {
  fresh wrong-key
  seed
  ok_tool backup
  dbs=$(databases)
  AGE_IDENTITY_FILE=$OTHER_KEY fails_with 1 "wrong key: AGE_IDENTITY_FILE is the key of $(age-keygen -y "$OTHER_KEY")" restore
  assert_in "$T/err" "this backup was encrypted to $AGE_RECIPIENT" "names the backup's recipient"
  # even when the manifest lies about the recipient, age itself refuses and the message stays clear
  m=$(latest_manifest)
  s3cat "$m" | jq --arg r "$(age-keygen -y "$OTHER_KEY")" '.encryption.recipients = [$r]' >"$T/manifest.json"
  s3put "$T/manifest.json" "$m"
  AGE_IDENTITY_FILE=$OTHER_KEY fails_with 1 "wrong key: AGE_IDENTITY_FILE cannot decrypt" restore
  AGE_IDENTITY_FILE=$T/no-such-file fails_with 2 "AGE_IDENTITY_FILE does not name a readable file" restore
  assert_eq "$(databases)" "$dbs" "no database created with a wrong key"
}

t_missing_object_refused() {
  fresh missing
  seed
  ok_tool backup
  key=$(dumps | tail -n1)
  s3rm "$key"
  fails_with 1 "backup object s3://$BACKUP_BUCKET/$key does not exist" restore
  fails_with 1 "no complete backup of environment missing under s3://$BACKUP_BUCKET/postgres/1999/01/01/" restore --date 1999-01-01
  fails_with 1 "manifest s3://$BACKUP_BUCKET/postgres/2000/01/01/notejam-missing-20000101T000000Z.manifest.json does not exist" \
    restore --key postgres/2000/01/01/notejam-missing-20000101T000000Z.dump.zst.age
  BACKUP_PREFIX=elsewhere/ fails_with 1 "no complete backup of environment missing under s3://$BACKUP_BUCKET/elsewhere/" restore
  fails_with 2 "--date wants YYYY-MM-DD" restore --date yesterday
}

t_upload_cut_midway_leaves_no_valid_backup() {
  fresh upload-cut
  seed
  ok_tool backup
  good=$(latest_manifest) success=$(pushed notejam_backup_last_success_timestamp_seconds)
  [ -n "$success" ] || fail "no success time pushed"
  sql -c "INSERT INTO users (email, password_hash) VALUES ('later@example.com', 'h')"

  backup_cut .dump.zst.age 1500
  assert_in "$T/err" "upload of s3://$BACKUP_BUCKET/postgres/" "names the failed upload"
  assert_eq "$(manifests)" "$good" "no manifest for the failed run"
  assert_eq "$(metrics_line | jq -c '.metrics | [.notejam_backup_last_status, has("notejam_backup_last_success_timestamp_seconds")]')" '[0,false]' "failure metrics"
  assert_eq "$(pushed notejam_backup_last_status)" 0 "pushed status"
  assert_eq "$(pushed notejam_backup_last_success_timestamp_seconds)" "$success" "last success time kept"

  # the dump goes through but the manifest upload breaks: an orphan dump that nothing takes for a backup
  backup_cut .manifest.json 100
  assert_eq "$(manifests)" "$good" "still only the good manifest"
  assert_eq "$(dumps | wc -l)" 2 "the orphan dump is there"
  ok_tool list
  assert_eq "$(cut -f3 "$T/out" | tr '\n' ' ')" "complete INCOMPLETE " "list marks the orphan"
  ok_tool restore --target-db upload_cut_check
  assert_eq "$(jq -r .restored "$T/out")" "$(s3cat "$good" | jq -r .object.key)" "restore takes the last complete backup"
  assert_eq "$(DB=$PG_BASE/upload_cut_check sql -c "SELECT count(*) FROM users WHERE email = 'later@example.com'")" 0 "data of the good backup"
}

t_concurrent_backup_refused() {
  fresh concurrent
  seed
  gate=$T/gate
  echo "hold .dump.zst.age $gate" >"$PROXY_CONTROL"
  AWS_ENDPOINT_URL=$PROXY_URL "$OPS/backup.sh" >"$T/first.out" 2>"$T/first.err" & first=$!
  wait_for 60 test -e "$gate.waiting"
  assert_eq "$(sql -c "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = 20042 AND objid = 1 AND granted")" 1 "lock held"
  fails_with 3 "another backup is running (pid" backup
  assert_in "$T/err" "notejam-backup" "names the holder"
  assert_eq "$(metrics_line | jq -r .metrics.notejam_backup_last_status)" 0 "refused run reports failure"
  touch "$gate"
  wait "$first" || fail "the first backup failed: $(tail -c 800 "$T/first.err")"
  assert_eq "$(manifests | wc -l)" 1 "one backup"

  # a backup killed outright leaves no lock behind: PostgreSQL frees it with the session
  rm -f "$gate" "$gate.waiting"
  AWS_ENDPOINT_URL=$PROXY_URL "$OPS/backup.sh" >"$T/killed.out" 2>"$T/killed.err" & victim=$!
  wait_for 60 test -e "$gate.waiting"
  kill -KILL "$victim"; wait "$victim" 2>/dev/null || true
  touch "$gate"   # let its orphaned upload finish; it has no manifest
  lock_free() { [ "$(sql -c "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND classid = 20042")" = 0 ]; }
  wait_for 30 lock_free
  sleep_past_second() { [ "$(date -u +%S)" != "$1" ]; }; wait_for 3 sleep_past_second "$(date -u +%S)"
  ok_tool backup
  assert_eq "$(manifests | wc -l)" 2 "backup after a killed one"
}

t_referential_problems_detected() {
  fresh sanity
  seed
  # a database that lost its constraint and got a note into another user's pad
  sql -c "ALTER TABLE notes DROP CONSTRAINT notes_pad_id_user_id_fkey" \
      -c "UPDATE notes SET user_id = (SELECT min(id) FROM users WHERE id <> notes.user_id) WHERE id = (SELECT min(id) FROM notes WHERE pad_id IS NOT NULL)"
  ok_tool backup
  dbs=$(databases)
  fails_with 1 "referential sanity check failed: 1 notes whose pad is missing or belongs to another user" restore
  assert_eq "$(databases)" "$dbs" "nothing left of the refused restore"
}

t_configuration_errors_and_secrets() {
  fresh config
  (unset AGE_RECIPIENT; fails_with 2 "missing required environment variable AGE_RECIPIENT" backup)
  AGE_RECIPIENT=nonsense fails_with 2 "AGE_RECIPIENT must list age public keys" backup
  ENV_NAME=Prod fails_with 2 "ENV_NAME must be lower-case" backup
  # the URL from a mounted secret file; it never shows in any output (tool checks every run for the password)
  echo "$NOTEJAM_DATABASE_URL" >"$T/db-url"
  (unset NOTEJAM_DATABASE_URL; NOTEJAM_DATABASE_URL_FILE=$T/db-url ok_tool backup)
  NOTEJAM_DATABASE_URL=postgresql://postgres:$PASSWORD@127.0.0.1:1/config fails_with 1 "cannot open a database session: psql: error: connection to server" backup
  # two recipients (key rotation): either private key restores
  other=$(age-keygen -y "$OTHER_KEY")
  sleep_past_second() { [ "$(date -u +%S)" != "$1" ]; }; wait_for 3 sleep_past_second "$(date -u +%S)"
  AGE_RECIPIENT="$AGE_RECIPIENT,$other" ok_tool backup
  AGE_IDENTITY_FILE=$OTHER_KEY ok_tool restore --target-db config_other_key
}

t_large_dump_uploads_in_parts() {
  fresh multipart
  seed
  # ~10 MB of hardly compressible text, uploaded in 5 MiB parts (S3's smallest), each with its sha256
  sql -c "INSERT INTO notes (user_id, name, text) SELECT (SELECT min(id) FROM users), 'bulk ' || g,
          (SELECT string_agg(md5(g || ':' || i), ' ') FROM generate_series(1, 500) i) FROM generate_series(1, 1200) g"
  canon "$NOTEJAM_DATABASE_URL" >"$T/before.txt"
  export BACKUP_MULTIPART_THRESHOLD=1000000 BACKUP_PART_SIZE=5242880
  backup_cut .dump.zst.age 200000
  assert_in "$T/err" "upload of part 1 of" "names the failed part"
  assert_eq "$(s3_keys | wc -l)" 0 "nothing stored"
  AWS_ENDPOINT_URL=$PROXY_URL ok_tool backup
  assert_eq "$(jq -r 'select(.msg == "uploaded in parts") | .parts' "$T/err")" 3 "three parts"
  # every upload request carries the integrity header that buckets with Object Lock demand
  grep '^PUT /nj-multipart/' "$OPS_TMP/proxy.log" | grep -v ' sha256$' | grep -q . && fail "an upload without x-amz-checksum-sha256"
  grep -q '^PUT /nj-multipart/.*partNumber=3.* sha256$' "$OPS_TMP/proxy.log" || fail "part 3 not seen with its checksum"
  psql -X -q -d "$PG_BASE/postgres" -c "DROP DATABASE multipart WITH (FORCE)"
  ok_tool restore --target-url "$NOTEJAM_DATABASE_URL"
  canon "$NOTEJAM_DATABASE_URL" | cmp -s - "$T/before.txt" || fail "data differs after a multipart round trip"
}
