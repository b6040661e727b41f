-- What the composer sets besides title and body.
ALTER TABLE drafts ADD COLUMN visibility TEXT NOT NULL DEFAULT 'everyone' CHECK (visibility IN ('everyone', 'restricted'));
ALTER TABLE drafts ADD COLUMN ai_generated INTEGER NOT NULL DEFAULT 0;
ALTER TABLE drafts ADD COLUMN reposted INTEGER NOT NULL DEFAULT 0;
ALTER TABLE drafts ADD COLUMN offer_kind TEXT CHECK (offer_kind IN ('mini_app', 'voucher'));
ALTER TABLE drafts ADD COLUMN offer_id TEXT;
ALTER TABLE drafts ADD COLUMN offer_label TEXT;
ALTER TABLE drafts ADD COLUMN notes TEXT NOT NULL DEFAULT '';

-- The #topics of each live draft, for autocomplete and filtering.
CREATE TABLE draft_topics (
    draft_id  INTEGER NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
    topic     TEXT    NOT NULL,
    PRIMARY KEY (draft_id, topic)
) WITHOUT ROWID;
CREATE INDEX draft_topics_by_topic ON draft_topics (topic);

-- Notes are searched too: the index gains a column. It is rebuilt from
-- Rust on open (search_index_version changes).
DROP TABLE drafts_search;
CREATE VIRTUAL TABLE drafts_search USING fts5 (
    title, body, notes,
    content = '', contentless_delete = 1,
    tokenize = "unicode61 remove_diacritics 2 tokenchars '_'"
);
DELETE FROM settings WHERE key = 'search_index_version';
