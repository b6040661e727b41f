-- A livestream's own plan: description, cover, offers, run sheet and
-- checklist, as JSON (`studio_core::LivePlan`). The platform's announcement
-- carries only the title and the start.
ALTER TABLE livestreams ADD COLUMN plan TEXT NOT NULL DEFAULT '{}';
