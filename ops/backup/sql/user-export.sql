-- One user's account, pads and notes from a restored backup, as CSV rows (kind, id, pad_id, name, body,
-- created_at, updated_at) for user-import.sql. Variable: email.
-- Not restored: password_resets (one-hour tokens: any in a backup has expired).
COPY (
  SELECT 'user' AS kind, u.id, NULL::bigint AS pad_id, u.email AS name, u.password_hash AS body, u.created_at, u.updated_at
  FROM users u WHERE lower(u.email) = lower(:'email')
  UNION ALL
  SELECT 'pad', p.id, NULL, p.name, NULL, p.created_at, p.updated_at
  FROM pads p JOIN users u ON u.id = p.user_id WHERE lower(u.email) = lower(:'email')
  UNION ALL
  SELECT 'note', n.id, n.pad_id, n.name, n.text, n.created_at, n.updated_at
  FROM notes n JOIN users u ON u.id = n.user_id WHERE lower(u.email) = lower(:'email')
) TO STDOUT WITH (FORMAT csv);
