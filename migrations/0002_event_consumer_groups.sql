-- ADR 0003: one delivery row per (event, consumer group) instead of one per (event, subscriber).
-- A consumer group is the set of subscribers one dispatcher runs (e.g. the worker's 'group:realtime' and
-- 'group:worker' lanes); a subscriber belongs to one group at a time (the primary key is still
-- (subscriber, event_name)). Rows without a group (written before this migration) keep the old meaning:
-- `event_deliveries.subscriber` then names the subscriber itself, as do the per-subscriber retry rows.
ALTER TABLE event_subscriptions ADD COLUMN consumer_group text;

-- Claims filter by subscriber/group name (a dispatcher's lane) before ordering by id.
DROP INDEX event_deliveries_pending_idx;
CREATE INDEX event_deliveries_claim_idx ON event_deliveries (subscriber, run_after, id) WHERE status = 'pending';
