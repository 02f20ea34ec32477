-- A version per pad and note, raised by every update: the API's ETag, and the If-Match check that stops lost updates.
-- A constant default makes this a catalogue-only change (no table rewrite).
ALTER TABLE pads ADD COLUMN version bigint NOT NULL DEFAULT 1;
ALTER TABLE notes ADD COLUMN version bigint NOT NULL DEFAULT 1;
