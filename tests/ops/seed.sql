-- Test data for the backup round trip: unicode everywhere, texts at the 20000-character limit (multi-byte too),
-- characters COPY must escape, notes with and without pads, microsecond timestamps, bytea, and gaps in the ids.
INSERT INTO users (email, password_hash, created_at) VALUES
  ('alice@example.com', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdA$aGFzaA', '2024-01-02 03:04:05.123456+00'),
  ('Zoë.Ålund@例え.jp', '$argon2id$v=19$m=19456,t=2,p=1$c2FsdDI$aGFzaDI', '2024-02-29 23:59:59.999999+00'),
  ('bob@example.org', 'x', now()),
  ('carol@example.net', 'y', now());
DELETE FROM users WHERE email = 'carol@example.net';            -- an id gap, as in real data
INSERT INTO users (email, password_hash) VALUES ('dave+tag@example.com', 'z');

INSERT INTO pads (user_id, name) SELECT u.id, p.name FROM users u,
  (VALUES ('Work'), ('Личное'), ('日本語のパッド'), ('emoji 🎉🧪'), ('quote '' and "double"')) AS p(name)
  WHERE u.email <> 'dave+tag@example.com';

INSERT INTO notes (user_id, pad_id, name, text)
SELECT p.user_id, p.id, 'note ' || g || ' in ' || p.name,
       format(E'line one\nline two\twith tab\r\nbackslash \\ and \\N and "quotes" — %s — مرحبا بالعالم — ñ', g)
FROM pads p, generate_series(1, 12) g;
INSERT INTO notes (user_id, pad_id, name, text) SELECT u.id, NULL, 'loose note of ' || u.email, 'no pad 🗒️'
FROM users u;
INSERT INTO notes (user_id, pad_id, name, text)
SELECT u.id, NULL, 'largest ascii', repeat('abcdefghij', 2000) FROM users u WHERE u.email = 'alice@example.com';
INSERT INTO notes (user_id, pad_id, name, text)
SELECT u.id, NULL, 'largest multibyte', repeat('😀ü€中', 5000) FROM users u WHERE u.email LIKE 'Zo%';
INSERT INTO notes (user_id, pad_id, name, text)
SELECT u.id, NULL, 'combining e' || chr(769) || ' and ZWJ 👩‍💻', '' FROM users u WHERE u.email = 'bob@example.org';
UPDATE notes SET updated_at = updated_at + interval '1.000001 second' WHERE id % 3 = 0;

INSERT INTO password_resets (token_hash, user_id, expires_at)
SELECT sha256(convert_to(u.email, 'UTF8')), u.id, now() + interval '1 hour' FROM users u;
