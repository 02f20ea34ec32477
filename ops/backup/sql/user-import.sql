-- Bring one user's pads and notes (CSV from user-export.sql on stdin) back into the live database, in one
-- transaction: rows keep their ids; rows that still exist are left exactly as they are (ON CONFLICT DO NOTHING),
-- so running it again changes nothing. Nothing of any other user is read or written.
-- Variables: email, create_user (yes|no), dry_run (yes|no). Prints one JSON line with what it did.
BEGIN;
CREATE TEMP TABLE restore_rows (kind text, id bigint, pad_id bigint, name text, body text,
                                created_at timestamptz, updated_at timestamptz) ON COMMIT DROP;
\copy restore_rows FROM pstdin WITH (FORMAT csv)

-- A deleted account comes back only when asked, with its old id (identity values are never reused).
WITH ins AS (
  INSERT INTO users (id, email, password_hash, created_at, updated_at) OVERRIDING SYSTEM VALUE
  SELECT r.id, r.name, r.body, r.created_at, r.updated_at FROM restore_rows r
  WHERE r.kind = 'user' AND :'create_user' = 'yes'
    AND NOT EXISTS (SELECT 1 FROM users u WHERE lower(u.email) = lower(:'email'))
  RETURNING 1)
SELECT count(*) AS created_user FROM ins \gset

SELECT count(*) = 0 AS no_account FROM users WHERE lower(email) = lower(:'email') \gset
\if :no_account
DO $$ BEGIN RAISE EXCEPTION 'restore-user: the account no longer exists in the live database; rerun with --create-user to recreate it from the backup'; END $$;
\endif
SELECT id AS uid FROM users WHERE lower(email) = lower(:'email') \gset

-- An id of the backup that now belongs to another user would be a contradiction: stop rather than guess.
SELECT count(*) > 0 AS clash FROM restore_rows r
WHERE (r.kind = 'pad' AND EXISTS (SELECT 1 FROM pads p WHERE p.id = r.id AND p.user_id <> :uid))
   OR (r.kind = 'note' AND EXISTS (SELECT 1 FROM notes n WHERE n.id = r.id AND n.user_id <> :uid)) \gset
\if :clash
DO $$ BEGIN RAISE EXCEPTION 'restore-user: ids in the backup belong to another user in the live database; nothing restored'; END $$;
\endif

WITH ins AS (
  INSERT INTO pads (id, user_id, name, created_at, updated_at) OVERRIDING SYSTEM VALUE
  SELECT id, :uid, name, created_at, updated_at FROM restore_rows WHERE kind = 'pad'
  ON CONFLICT (id) DO NOTHING RETURNING 1)
SELECT count(*) AS pads_restored FROM ins \gset
WITH ins AS (
  INSERT INTO notes (id, user_id, pad_id, name, text, created_at, updated_at) OVERRIDING SYSTEM VALUE
  SELECT id, :uid, pad_id, name, body, created_at, updated_at FROM restore_rows WHERE kind = 'note'
  ON CONFLICT (id) DO NOTHING RETURNING 1)
SELECT count(*) AS notes_restored FROM ins \gset

-- Keep each identity sequence ahead of the ids just written back.
SELECT setval(pg_get_serial_sequence('public.' || t.tab, 'id'), t.top)
FROM (SELECT 'users' AS tab, (SELECT max(id) FROM users) AS top
      UNION ALL SELECT 'pads', (SELECT max(id) FROM pads)
      UNION ALL SELECT 'notes', (SELECT max(id) FROM notes)) t
JOIN pg_sequences s ON format('%I.%I', s.schemaname, s.sequencename) = pg_get_serial_sequence('public.' || t.tab, 'id')
WHERE t.top > coalesce(s.last_value, 0) \g /dev/null

SELECT json_build_object('user_id', :uid, 'account_recreated', :created_user > 0,
  'pads_in_backup', (SELECT count(*) FROM restore_rows WHERE kind = 'pad'), 'pads_restored', :pads_restored,
  'notes_in_backup', (SELECT count(*) FROM restore_rows WHERE kind = 'note'), 'notes_restored', :notes_restored,
  'dry_run', :'dry_run' = 'yes');
SELECT :'dry_run' = 'yes' AS dry \gset
\if :dry
ROLLBACK;
\else
COMMIT;
\endif
