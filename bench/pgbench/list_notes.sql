-- The statement GET /api/v1/notes?limit=20 runs (api/src/store/statements.c, list_notes_updated_desc; the API asks
-- for limit + 1 rows to know whether there is a next page), for a random user of the benchmark data.
\set uid random(:first_uid, :last_uid)
SELECT n.id, n.name, n.text, n.pad_id, p.name, (extract(epoch FROM n.created_at) * 1000000)::int8, (extract(epoch FROM n.updated_at) * 1000000)::int8 FROM notes n LEFT JOIN pads p ON p.id = n.pad_id WHERE n.user_id = :uid ORDER BY n.updated_at DESC, n.id DESC LIMIT 21;
