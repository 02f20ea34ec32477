-- Benchmark data: :users users (the ones signed up through the API keep their own Argon2 hash, the rest copy it),
-- 5 pads each, and :notes notes spread over users, half of them in a pad, with random update times and texts of
-- 50-450 characters. Generated in SQL: seconds instead of minutes of API calls.
\set ON_ERROR_STOP on
INSERT INTO users (email, password_hash)
SELECT 'bench-' || i || '@example.org', (SELECT password_hash FROM users ORDER BY id LIMIT 1)
FROM generate_series((SELECT count(*) FROM users) + 1, :users) AS i;

INSERT INTO pads (user_id, name)
SELECT u.id, 'pad ' || k FROM users u CROSS JOIN generate_series(1, 5) AS k;

INSERT INTO notes (user_id, pad_id, name, text, created_at, updated_at)
SELECT u.ids[1 + g.i % :users],
       CASE WHEN g.i % 2 = 0 THEN p.ids[5 * (g.i % :users) + g.i % 5 + 1] END,
       'note ' || g.i,
       repeat(md5(g.i::text), 1 + g.i % 14),
       g.t, g.t + random() * interval '30 days'
FROM (SELECT i, now() - random() * interval '365 days' AS t FROM generate_series(1, :notes) AS i) g,
     (SELECT array_agg(id ORDER BY id) AS ids FROM users) u,
     (SELECT array_agg(id ORDER BY user_id, id) AS ids FROM pads) p;
ANALYZE;
