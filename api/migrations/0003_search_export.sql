-- Search (q= on the note lists) and export (GET /me/export).
-- Search is a case- and accent-insensitive substring match of every word of q against a note's name and text, in
-- any script: trigrams (pg_trgm) index the lower-cased, unaccented text. A full-text parser would need a language and
-- cannot split Chinese or Japanese into words; substring matching needs neither. The three extensions are trusted
-- (PostgreSQL 13+), so the database owner may create them, on RDS too.
CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS unaccent WITH SCHEMA public;
CREATE EXTENSION IF NOT EXISTS btree_gin WITH SCHEMA public;

-- The form both sides are compared in: lower case without accents, and Greek's final sigma as a plain one (lower()
-- makes 'Σ' 'σ' everywhere, a user types 'ς' at a word's end). unaccent() is only STABLE (its dictionary could
-- change); pinning the dictionary makes this IMMUTABLE so it can be indexed.
CREATE FUNCTION notejam_search_norm(s text) RETURNS text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
    RETURN translate(lower(public.unaccent('public.unaccent'::regdictionary, s)), 'ς', 'σ');

-- q -> one LIKE pattern per word ('%word%', LIKE's own characters escaped). Words are separated by spaces, no-break
-- spaces or ideographic spaces (the same set the API counts words with: api/src/http/search_query.c).
CREATE FUNCTION notejam_search_patterns(q text) RETURNS SETOF text
    LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
BEGIN ATOMIC
    SELECT '%' || replace(replace(replace(w, '\', '\\'), '%', '\%'), '_', '\_') || '%'
    FROM regexp_split_to_table(notejam_search_norm(q), '[ \u00a0\u3000]+') WITH ORDINALITY AS t (w, i)
    WHERE w <> '' ORDER BY i;
END;

-- The normalised text is stored (computed on every insert and update): normalising it again on each row a search
-- reads cost ~0.1 ms per note. The index holds the user too (btree_gin), so a search walks one user's entries
-- only, whatever the size of the table. Adding the column rewrites the notes table under an exclusive lock, and
-- building the index blocks writes: a deployment with millions of notes should apply 0003 in a quiet hour.
ALTER TABLE notes ADD COLUMN search_doc text GENERATED ALWAYS AS (notejam_search_norm(name || ' ' || text)) STORED;
CREATE INDEX notes_search_idx ON notes USING gin (user_id, search_doc gin_trgm_ops);

-- The export reads a user's notes in id order, page by page (keyset): a note edited meanwhile keeps its place.
CREATE INDEX notes_user_id_idx ON notes (user_id, id);
