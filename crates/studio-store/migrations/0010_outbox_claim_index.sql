-- The worker claims due jobs by state and time. The partial index of
-- version 5 could not serve those queries (SQLite uses a partial index only
-- when the query repeats its condition), so every claim read the whole
-- outbox, finished jobs included. A plain index serves claims, the next
-- job time and the counts alike.
DROP INDEX outbox_due;
CREATE INDEX outbox_by_state ON outbox (state, next_try_at);
