-- Revisions of messages to followers: what a message said after saves
-- that changed it (plain edits close together folded into one), and when
-- it was made, sent or scheduled, and restored.
CREATE TABLE message_revisions (
    id         INTEGER PRIMARY KEY,
    message_id INTEGER NOT NULL REFERENCES follower_messages (id),
    reason     TEXT    NOT NULL CHECK (reason IN ('create', 'edit', 'restore', 'publish', 'schedule')),
    fields     TEXT    NOT NULL,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX message_revisions_by_message ON message_revisions (message_id, id DESC);

-- Every message written before revisions existed starts with one.
INSERT INTO message_revisions (message_id, reason, fields, created_at, updated_at)
    SELECT id, 'create', fields, created_at, updated_at FROM follower_messages;
