-- Users, pads and notes. Ownership is enforced by the schema too: a note's pad must belong to the note's user.
CREATE TABLE users (
    id            bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email         text        NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    password_hash text        NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_lower_key ON users (lower(email));

CREATE TABLE pads (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    UNIQUE (id, user_id)
);
CREATE INDEX pads_user_updated_idx ON pads (user_id, updated_at DESC, id DESC);
CREATE INDEX pads_user_name_idx ON pads (user_id, name, id);

CREATE TABLE notes (
    id         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id    bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    pad_id     bigint,
    name       text        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    text       text        NOT NULL CHECK (length(text) <= 20000),
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    FOREIGN KEY (pad_id, user_id) REFERENCES pads (id, user_id) ON DELETE CASCADE
);
CREATE INDEX notes_user_updated_idx ON notes (user_id, updated_at DESC, id DESC);
CREATE INDEX notes_user_name_idx ON notes (user_id, name, id);
CREATE INDEX notes_pad_updated_idx ON notes (pad_id, updated_at DESC, id DESC) WHERE pad_id IS NOT NULL;
CREATE INDEX notes_pad_name_idx ON notes (pad_id, name, id) WHERE pad_id IS NOT NULL;

-- Password-reset tokens are stored only as SHA-256 hashes; single use, short-lived.
CREATE TABLE password_resets (
    token_hash bytea       PRIMARY KEY,
    user_id    bigint      NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at timestamptz NOT NULL,
    used_at    timestamptz
);
CREATE INDEX password_resets_user_idx ON password_resets (user_id);
