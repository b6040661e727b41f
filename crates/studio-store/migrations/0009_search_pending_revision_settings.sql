-- Drafts whose search entry and topics lag behind their saved text. A save
-- marks its draft here in its own transaction instead of writing the index;
-- upkeep, and any search before it answers, indexes the marked drafts and
-- clears their marks, so a mark left by a crash is simply done later.
CREATE TABLE search_pending (
    draft_id  INTEGER PRIMARY KEY REFERENCES drafts (id) ON DELETE CASCADE
);

-- Revisions keep the post settings too, so restoring one brings them back.
ALTER TABLE revisions ADD COLUMN visibility TEXT NOT NULL DEFAULT 'everyone' CHECK (visibility IN ('everyone', 'restricted'));
ALTER TABLE revisions ADD COLUMN ai_generated INTEGER NOT NULL DEFAULT 0;
ALTER TABLE revisions ADD COLUMN reposted INTEGER NOT NULL DEFAULT 0;
ALTER TABLE revisions ADD COLUMN offer_kind TEXT CHECK (offer_kind IN ('mini_app', 'voucher'));
ALTER TABLE revisions ADD COLUMN offer_id TEXT;
ALTER TABLE revisions ADD COLUMN offer_label TEXT;
ALTER TABLE revisions ADD COLUMN notes TEXT NOT NULL DEFAULT '';

-- What older revisions had is unknown. They take the draft's settings as
-- they are now, so restoring one changes only kind, title and body, as it
-- did before; defaults would silently drop an AI-generated declaration or
-- a linked offer.
UPDATE revisions SET (visibility, ai_generated, reposted, offer_kind, offer_id, offer_label, notes) =
    (SELECT visibility, ai_generated, reposted, offer_kind, offer_id, offer_label, notes
     FROM drafts WHERE drafts.id = revisions.draft_id);
