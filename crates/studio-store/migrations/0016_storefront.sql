-- The storefront: a profile edit being written (below), the service menu (服务菜单): a draft per account,
-- autosaved as it is edited; the menu the platform shows, read every few
-- minutes (NULL when the account has none); and each publish with its
-- outcome. Messages to followers (群发): what each says, where it stands,
-- and the platform's ids of its content page and of the message sent.
CREATE TABLE menu_drafts (
    account_id INTEGER PRIMARY KEY REFERENCES accounts (id),
    menu       TEXT    NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE live_menus (
    account_id INTEGER PRIMARY KEY REFERENCES accounts (id),
    menu       TEXT,
    fetched_at INTEGER NOT NULL
);

CREATE TABLE menu_publishes (
    id         INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES accounts (id),
    menu       TEXT    NOT NULL,
    status     TEXT    NOT NULL,
    words      TEXT    NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX menu_publishes_by_account ON menu_publishes (account_id, id);

CREATE TABLE follower_messages (
    id           INTEGER PRIMARY KEY,
    account_id   INTEGER NOT NULL REFERENCES accounts (id),
    fields       TEXT    NOT NULL,
    status       TEXT    NOT NULL,
    scheduled_at INTEGER,
    content_id   TEXT,
    content_url  TEXT,
    message_id   TEXT,
    words        TEXT    NOT NULL DEFAULT '',
    created_at   INTEGER NOT NULL,
    updated_at   INTEGER NOT NULL
);
CREATE INDEX follower_messages_by_account ON follower_messages (account_id, id);

-- A profile edit being written, saved as typed, until it is submitted.
CREATE TABLE profile_drafts (
    account_id INTEGER PRIMARY KEY REFERENCES accounts (id),
    fields     TEXT    NOT NULL,
    updated_at INTEGER NOT NULL
);
