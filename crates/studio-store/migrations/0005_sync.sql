-- Platform accounts. Secrets (the app private key, tokens) are NOT here:
-- they live in the OS keychain or the encrypted secrets file.
CREATE TABLE accounts (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    name          TEXT    NOT NULL,
    role          TEXT    NOT NULL CHECK (role IN ('creator', 'merchant', 'agency')),
    -- 'emulator' for the built-in emulator, else the gateway URL.
    gateway       TEXT    NOT NULL,
    app_id        TEXT    NOT NULL,
    -- The platform's public key (public; verifies answers).
    platform_key  TEXT    NOT NULL,
    -- The life account acted for (agencies), or empty.
    public_id     TEXT    NOT NULL DEFAULT '',
    has_auth_token INTEGER NOT NULL DEFAULT 0,
    created_at    INTEGER NOT NULL
);

-- A draft's life on one account's platform.
CREATE TABLE publications (
    draft_id      INTEGER NOT NULL REFERENCES drafts (id) ON DELETE CASCADE,
    account_id    INTEGER NOT NULL REFERENCES accounts (id),
    status        TEXT    NOT NULL CHECK (status IN
                    ('queued', 'under_review', 'published', 'rejected', 'deleted', 'failed', 'cancelled')),
    content_id    TEXT,
    scheduled_at  INTEGER,
    reason        TEXT    NOT NULL DEFAULT '',
    link          TEXT    NOT NULL DEFAULT '',
    -- What was sent, to recognise it on the platform after a lost answer.
    sent_title    TEXT    NOT NULL DEFAULT '',
    sent_body     TEXT    NOT NULL DEFAULT '',
    updated_at    INTEGER NOT NULL,
    PRIMARY KEY (draft_id, account_id)
);
CREATE UNIQUE INDEX publications_by_content ON publications (account_id, content_id) WHERE content_id IS NOT NULL;

-- Livestream announcements (直播预告).
CREATE TABLE livestreams (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id     INTEGER NOT NULL REFERENCES accounts (id),
    title          TEXT    NOT NULL,
    starts_at      INTEGER NOT NULL,
    -- Our own id for the announcement: the platform treats a repeat as the same one.
    out_advance_id TEXT    NOT NULL UNIQUE,
    advance_id     TEXT,
    status         TEXT    NOT NULL CHECK (status IN ('planned', 'announced', 'withdrawn', 'failed')),
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL
);

-- Profile edits: local until submitted, then audited by the platform.
CREATE TABLE profile_edits (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id    INTEGER NOT NULL REFERENCES accounts (id),
    fields        TEXT    NOT NULL,
    status        TEXT    NOT NULL CHECK (status IN ('submitting', 'auditing', 'approved', 'rejected', 'failed', 'cancelled')),
    audit_desc    TEXT    NOT NULL DEFAULT '',
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);

-- The outbox: every platform action, written in the transaction of the
-- change it serves, run by the sync worker until it reaches an end.
CREATE TABLE outbox (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id    INTEGER NOT NULL REFERENCES accounts (id),
    kind          TEXT    NOT NULL,
    -- The thing it acts on: a draft, livestream or profile edit id.
    target        INTEGER NOT NULL,
    -- The exact request to send, frozen when the job was made.
    payload       TEXT    NOT NULL,
    depends_on    INTEGER REFERENCES outbox (id),
    state         TEXT    NOT NULL CHECK (state IN ('pending', 'sending', 'unknown', 'done', 'failed', 'cancelled')),
    attempts      INTEGER NOT NULL DEFAULT 0,
    next_try_at   INTEGER NOT NULL,
    error_code    TEXT    NOT NULL DEFAULT '',
    error_detail  TEXT    NOT NULL DEFAULT '',
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
);
CREATE INDEX outbox_due ON outbox (state, next_try_at) WHERE state IN ('pending', 'sending', 'unknown');
CREATE INDEX outbox_by_target ON outbox (kind, target);
