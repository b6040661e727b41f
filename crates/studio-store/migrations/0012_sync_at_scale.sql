-- Sync that costs what changed, not what exists.

-- When the library learned each content's id. A publish whose answer was
-- lost is looked for among the contents newer than those known before it
-- was made, not among all of them. Rows from before: their last change,
-- which is no earlier than when the id was learned.
ALTER TABLE publications ADD COLUMN recorded_at INTEGER;
UPDATE publications SET recorded_at = updated_at WHERE content_id IS NOT NULL;

-- When each post under review, and each account's profile audit, is next
-- asked about, and how often it has been: a restart resumes the backoff.
CREATE TABLE review_checks (
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    -- A content id, or `profile:audit` for the account's profile.
    subject    TEXT    NOT NULL,
    next_at    INTEGER NOT NULL,
    asked      INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (account_id, subject)
) WITHOUT ROWID;
CREATE INDEX review_checks_due ON review_checks (next_at);

-- When each account's contents were last read whole (the sweep that finds
-- deletions made elsewhere); 0 for never.
ALTER TABLE accounts ADD COLUMN swept_at INTEGER NOT NULL DEFAULT 0;

-- Why an account's calls cannot go through (JSON, as the app words it), or
-- NULL; its jobs wait while it is set. And when it was removed: a removed
-- account leaves the lists, its posts' history stays.
ALTER TABLE accounts ADD COLUMN problem TEXT;
ALTER TABLE accounts ADD COLUMN removed_at INTEGER;
