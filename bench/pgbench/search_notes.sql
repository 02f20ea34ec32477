-- What GET /api/v1/notes?limit=20&q=<word> runs (api/src/store/statements.c): search_patterns turns q into LIKE
-- patterns, then search_notes_updated_desc with one pattern per word slot ('%' in the unused seven), for a random
-- user of the benchmark data and a word of the same list as bench/wrk/notes_search.lua.
\set uid random(:first_uid, :last_uid)
\set w random(1, 16)
SELECT p, '%' AS f FROM notejam_search_patterns((ARRAY['a1b', 'ff0', 'note', 'c3', '9e7', 'b0d', '42', 'e5f1', 'd8', '7a', '0c0', 'f9', 'beef', '1d2', '6b', 'a0'])[:w]) AS p \gset
SELECT n.id, n.name, n.text, n.pad_id, p.name, (extract(epoch FROM n.created_at) * 1000000)::int8, (extract(epoch FROM n.updated_at) * 1000000)::int8 FROM notes n LEFT JOIN pads p ON p.id = n.pad_id WHERE n.user_id = :uid AND n.search_doc LIKE :p AND n.search_doc LIKE :f AND n.search_doc LIKE :f AND n.search_doc LIKE :f AND n.search_doc LIKE :f AND n.search_doc LIKE :f AND n.search_doc LIKE :f AND n.search_doc LIKE :f ORDER BY n.updated_at DESC, n.id DESC LIMIT 21;
