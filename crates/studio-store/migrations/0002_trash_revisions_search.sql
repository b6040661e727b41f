-- Trash: a deleted draft keeps its row until the trash is emptied.
ALTER TABLE drafts ADD COLUMN deleted_at INTEGER;
DROP INDEX drafts_by_update;
CREATE INDEX drafts_by_update ON drafts (deleted_at, updated_at DESC, id DESC);

-- Revisions: snapshots of a draft after saves that changed something.
-- Autosaves close together are coalesced into one row (updated_at moves).
CREATE TABLE revisions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    draft_id    INTEGER NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
    reason      TEXT    NOT NULL CHECK (reason IN ('create', 'edit', 'restore', 'publish', 'schedule')),
    kind        TEXT    NOT NULL,
    title       TEXT    NOT NULL,
    body        TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX revisions_by_draft ON revisions (draft_id, id DESC);

-- Every draft made before revisions existed starts with one.
INSERT INTO revisions (draft_id, reason, kind, title, body, created_at, updated_at)
SELECT id, 'create', kind, title, body, updated_at, updated_at FROM drafts;

-- Full-text index over the search text made by studio_core::search
-- (CJK one character a token, `_` marks gaps). Filled from Rust; the
-- setting `search_index_version` says which tokenizer built it.
CREATE VIRTUAL TABLE drafts_search USING fts5 (
    title, body,
    content = '', contentless_delete = 1,
    tokenize = "unicode61 remove_diacritics 2 tokenchars '_'"
);
