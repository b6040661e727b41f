-- Livestreams that repeat: a recurrence rule read in a zone from a first
-- start; each occurrence is its own livestream with its own announcement.
CREATE TABLE live_series (
    id              INTEGER PRIMARY KEY,
    account_id      INTEGER NOT NULL REFERENCES accounts (id),
    -- RFC 5545 RRULE, e.g. FREQ=WEEKLY;BYDAY=SA
    rule            TEXT    NOT NULL,
    first_start     INTEGER NOT NULL,
    zone            TEXT    NOT NULL,
    title           TEXT    NOT NULL,
    minutes         INTEGER NOT NULL,
    plan            TEXT    NOT NULL DEFAULT '{}',
    -- Occurrences up to here exist as livestreams; later ones are made as
    -- time passes.
    announced_until INTEGER NOT NULL,
    -- Occurrences from here on belong to a later series (an edit of "this
    -- and following" split it), or were ended.
    ends_before     INTEGER,
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
);

ALTER TABLE livestreams ADD COLUMN series_id INTEGER REFERENCES live_series (id);
-- The rule's start for this occurrence: it names the occurrence however the
-- livestream was moved, so a skipped or moved one is never made again.
ALTER TABLE livestreams ADD COLUMN occurrence_at INTEGER;
-- Changed on its own: edits of the series leave it as it is.
ALTER TABLE livestreams ADD COLUMN detached INTEGER NOT NULL DEFAULT 0;
CREATE UNIQUE INDEX livestreams_by_occurrence ON livestreams (series_id, occurrence_at) WHERE series_id IS NOT NULL;

-- A livestream's warm-up post: the draft written from it and how long
-- before the start it is scheduled, so moving the livestream can move it.
ALTER TABLE livestreams ADD COLUMN warmup_draft_id INTEGER REFERENCES drafts (id) ON DELETE SET NULL;
ALTER TABLE livestreams ADD COLUMN warmup_lead_minutes INTEGER;
