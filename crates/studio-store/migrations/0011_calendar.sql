-- Planning in time. Each account has a time zone: its posting slots and
-- "the account's hour" are wall times there. Instants stay Unix ms.
ALTER TABLE accounts ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'Asia/Shanghai';

-- How long a livestream is planned to run, minutes (the platform's
-- announcement has only a start; the calendar shows the span).
ALTER TABLE livestreams ADD COLUMN minutes INTEGER NOT NULL DEFAULT 120 CHECK (minutes > 0);

-- The posting queue: an account's slots, each a weekday (1 Monday … 7
-- Sunday) and a wall time in minutes after midnight. A post added to the
-- queue is simply scheduled at a slot's time, so removing a slot leaves
-- the posts where they are.
CREATE TABLE queue_slots (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id  INTEGER NOT NULL REFERENCES accounts (id),
    weekday     INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    minute      INTEGER NOT NULL CHECK (minute BETWEEN 0 AND 1439),
    created_at  INTEGER NOT NULL,
    UNIQUE (account_id, weekday, minute)
);

-- The calendar reads a range of time: a post sits at its scheduled time,
-- else at the time its standing last changed (when it went out).
CREATE INDEX publications_by_time ON publications (COALESCE(scheduled_at, updated_at));
CREATE INDEX livestreams_by_start ON livestreams (starts_at);
