-- The drafts list sorts by creation time too, and filters by kind.
CREATE INDEX drafts_by_creation ON drafts (deleted_at, created_at DESC, id DESC);
CREATE INDEX drafts_by_kind ON drafts (deleted_at, kind, updated_at DESC, id DESC);

-- Word prefixes of two and three letters get their own index entries, so
-- a short English prefix is a lookup, not a scan of the vocabulary. The
-- index is rebuilt from Rust on open.
DROP TABLE drafts_search;
CREATE VIRTUAL TABLE drafts_search USING fts5 (
    title, body, notes,
    content = '', contentless_delete = 1, prefix = '2 3',
    tokenize = "unicode61 remove_diacritics 2 tokenchars '_'"
);
DELETE FROM settings WHERE key = 'search_index_version';
