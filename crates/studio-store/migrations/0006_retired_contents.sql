-- Contents the studio replaced (deleted to publish a draft again): still
-- ours, so a pull never takes them for posts made elsewhere.
CREATE TABLE retired_contents (
    account_id  INTEGER NOT NULL REFERENCES accounts (id),
    content_id  TEXT    NOT NULL,
    draft_id    INTEGER NOT NULL,
    retired_at  INTEGER NOT NULL,
    PRIMARY KEY (account_id, content_id)
) WITHOUT ROWID;
