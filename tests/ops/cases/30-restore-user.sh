# shellcheck shell=bash
# Single-user restore ("recover my notes"): one user's deleted pads and notes come back; nothing else changes.

# rows_of EMAIL: that user's account, pads and notes, byte-exact.  others_of EMAIL: everybody else's.
rows_of() {
  sql -c "COPY (SELECT * FROM users WHERE email = '$1') TO STDOUT" \
      -c "COPY (SELECT p.* FROM pads p JOIN users u ON u.id = p.user_id WHERE u.email = '$1' ORDER BY p.id) TO STDOUT" \
      -c "COPY (SELECT n.* FROM notes n JOIN users u ON u.id = n.user_id WHERE u.email = '$1' ORDER BY n.id) TO STDOUT"
}
others_of() {
  sql -c "COPY (SELECT * FROM users WHERE email <> '$1' ORDER BY id) TO STDOUT" \
      -c "COPY (SELECT p.* FROM pads p JOIN users u ON u.id = p.user_id WHERE u.email <> '$1' ORDER BY p.id) TO STDOUT" \
      -c "COPY (SELECT n.* FROM notes n JOIN users u ON u.id = n.user_id WHERE u.email <> '$1' ORDER BY n.id) TO STDOUT" \
      -c "COPY (SELECT * FROM password_resets ORDER BY 1) TO STDOUT"
}

t_restore_user_brings_back_deleted_notes() {
  fresh user-restore
  seed
  alice=alice@example.com
  rows_of "$alice" >"$T/alice-at-backup.txt"
  ok_tool backup
  uid=$(sql -c "SELECT id FROM users WHERE email = '$alice'")
  # after the backup: alice deletes a note and a whole pad (its notes go with it) and edits a note;
  # bob edits one of his notes, deletes another and writes a new one
  gone_note=$(sql -c "SELECT min(id) FROM notes WHERE user_id = $uid AND pad_id IS NULL")
  gone_pad=$(sql -c "SELECT min(id) FROM pads WHERE user_id = $uid")
  edited=$(sql -c "SELECT max(id) FROM notes WHERE user_id = $uid AND pad_id <> $gone_pad")
  pad_notes=$(sql -c "SELECT count(*) FROM notes WHERE pad_id = $gone_pad")
  sql -c "DELETE FROM notes WHERE id = $gone_note" -c "DELETE FROM pads WHERE id = $gone_pad" \
      -c "UPDATE notes SET text = 'edited after the backup', updated_at = now() WHERE id = $edited"
  sql -c "UPDATE notes SET text = 'bob changed this' WHERE id = (SELECT min(n.id) FROM notes n JOIN users u ON u.id = n.user_id WHERE u.email = 'bob@example.org')" \
      -c "DELETE FROM notes WHERE id = (SELECT max(n.id) FROM notes n JOIN users u ON u.id = n.user_id WHERE u.email = 'bob@example.org')" \
      -c "INSERT INTO notes (user_id, name, text) SELECT id, 'bob new', 'new' FROM users WHERE email = 'bob@example.org'"
  others_of "$alice" >"$T/others-before.txt"
  edited_row=$(sql -c "COPY (SELECT * FROM notes WHERE id = $edited) TO STDOUT")

  ok_tool restore-user --email ALICE@Example.com --date "$(date -u +%F)"
  assert_eq "$(jq -c '[.pads_restored, .notes_restored, .account_recreated]' "$T/out")" "[1,$((pad_notes + 1)),false]" "restored counts"
  others_of "$alice" | cmp -s - "$T/others-before.txt" || fail "other users' data changed"
  assert_eq "$(sql -c "COPY (SELECT * FROM notes WHERE id = $edited) TO STDOUT")" "$edited_row" "an edit made after the backup is kept"
  # apart from that edit, alice's rows are again exactly those of the backup
  rows_of "$alice" | grep -v "^$edited	" >"$T/alice-now.txt"
  grep -v "^$edited	" "$T/alice-at-backup.txt" | cmp -s - "$T/alice-now.txt" \
    || fail "alice's rows differ from the backup: $(grep -v "^$edited	" "$T/alice-at-backup.txt" | diff - "$T/alice-now.txt" | head -c 600)"
  [ -z "$(databases | grep _user_restore_)" ] || fail "scratch database left behind"

  # idempotent: a second run restores nothing and changes nothing
  canon "$NOTEJAM_DATABASE_URL" >"$T/after-first.txt"
  ok_tool restore-user --email "$alice"
  assert_eq "$(jq -c '[.pads_restored, .notes_restored]' "$T/out")" "[0,0]" "second run"
  canon "$NOTEJAM_DATABASE_URL" | cmp -s - "$T/after-first.txt" || fail "second run changed the database"
  # a dry run reports and rolls back; new notes still get fresh ids afterwards
  sql -c "DELETE FROM notes WHERE id = $gone_note"
  ok_tool restore-user --email "$alice" --dry-run
  assert_eq "$(jq -c '[.notes_restored, .dry_run]' "$T/out")" "[1,true]" "dry run report"
  assert_eq "$(sql -c "SELECT count(*) FROM notes WHERE id = $gone_note")" 0 "dry run changed nothing"
  sql -c "INSERT INTO notes (user_id, name, text) VALUES ($uid, 'fresh', 'fresh')"
}

t_restore_user_deleted_account() {
  fresh user-account
  seed
  bob=bob@example.org
  rows_of "$bob" >"$T/bob-at-backup.txt"
  ok_tool backup
  sql -c "DELETE FROM users WHERE email = '$bob'"
  others_of "$bob" >"$T/others-before.txt"
  fails_with 1 "the account no longer exists in the live database; rerun with --create-user" restore-user --email "$bob"
  ok_tool restore-user --email "$bob" --create-user
  assert_eq "$(jq -r .account_recreated "$T/out")" true "account recreated"
  rows_of "$bob" | cmp -s - "$T/bob-at-backup.txt" || fail "bob's rows differ from the backup"
  others_of "$bob" | cmp -s - "$T/others-before.txt" || fail "other users' data changed"
  fails_with 1 "no account with that email in backup" restore-user --email nobody@example.com
  fails_with 2 "usage: restore-user.sh --email EMAIL" restore-user
}
