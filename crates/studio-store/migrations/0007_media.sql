-- The media library: each file once, by the SHA-256 of its bytes (the
-- bytes live in the media folder under that name).
CREATE TABLE assets (
    hash          TEXT    PRIMARY KEY,
    format        TEXT    NOT NULL,
    bytes         INTEGER NOT NULL,
    width         INTEGER NOT NULL,
    height        INTEGER NOT NULL,
    duration_ms   INTEGER,
    codec         TEXT,
    original_name TEXT    NOT NULL,
    imported_at   INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX assets_by_import ON assets (imported_at DESC);

CREATE TABLE asset_tags (
    hash  TEXT NOT NULL REFERENCES assets (hash) ON DELETE CASCADE,
    tag   TEXT NOT NULL,
    PRIMARY KEY (hash, tag)
) WITHOUT ROWID;
CREATE INDEX asset_tags_by_tag ON asset_tags (tag);

-- Which media a draft uses, in order.
CREATE TABLE draft_media (
    draft_id  INTEGER NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    hash      TEXT    NOT NULL REFERENCES assets (hash),
    role      TEXT    NOT NULL CHECK (role IN ('image', 'video', 'cover')),
    PRIMARY KEY (draft_id, position)
) WITHOUT ROWID;
CREATE INDEX draft_media_by_asset ON draft_media (hash);

-- Files uploaded to an account, by what was uploaded: each medium goes up
-- once per account and purpose (post image, cover, video).
CREATE TABLE remote_files (
    account_id  INTEGER NOT NULL REFERENCES accounts (id),
    hash        TEXT    NOT NULL,
    purpose     TEXT    NOT NULL,
    file_id     TEXT    NOT NULL,
    uploaded_at INTEGER NOT NULL,
    PRIMARY KEY (account_id, hash, purpose)
) WITHOUT ROWID;
