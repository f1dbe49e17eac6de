-- Analytics (module: analytics): a daily rollup in the workspace's reporting time zone, SOP-version and
-- intent facts per ticket, and per-conversation facts of the self-service assistant.

-- The workspace's reporting time zone (days of metric_daily are local days in it; DST-aware). No row = UTC.
CREATE TABLE analytics_settings (
  workspace_id text PRIMARY KEY REFERENCES workspaces(id),
  time_zone text NOT NULL,
  updated_at timestamptz NOT NULL
);

-- Daily counters per (brand, team, channel): the same contributions as metric_hourly, bucketed by the
-- local day of the workspace's reporting time zone. Kept incrementally from the same events.
CREATE TABLE metric_daily (
  workspace_id text NOT NULL,
  day date NOT NULL,
  brand_id text NOT NULL,
  team_id text NOT NULL,
  channel text NOT NULL,
  created integer NOT NULL DEFAULT 0,
  first_replies integer NOT NULL DEFAULT 0,
  first_reply_sec_sum bigint NOT NULL DEFAULT 0,
  first_reply_within_1h integer NOT NULL DEFAULT 0,
  solved integer NOT NULL DEFAULT 0,
  resolution_sec_sum bigint NOT NULL DEFAULT 0,
  work_sec_sum bigint NOT NULL DEFAULT 0,
  reopened_tickets integer NOT NULL DEFAULT 0,
  one_touch integer NOT NULL DEFAULT 0,
  sla_breaches integer NOT NULL DEFAULT 0,
  sla_achieved integer NOT NULL DEFAULT 0,
  csat_responses integer NOT NULL DEFAULT 0,
  csat_good integer NOT NULL DEFAULT 0,
  csat_score_sum integer NOT NULL DEFAULT 0,
  escalated integer NOT NULL DEFAULT 0,
  PRIMARY KEY (workspace_id, day, brand_id, team_id, channel)
);

-- Existing workspaces report in UTC until they choose a zone: UTC hours add up exactly to UTC days.
INSERT INTO metric_daily (workspace_id, day, brand_id, team_id, channel, created, first_replies, first_reply_sec_sum, first_reply_within_1h, solved,
                          resolution_sec_sum, work_sec_sum, reopened_tickets, one_touch, sla_breaches, sla_achieved, csat_responses, csat_good, csat_score_sum, escalated)
SELECT workspace_id, (hour AT TIME ZONE 'UTC')::date, brand_id, team_id, channel, sum(created), sum(first_replies), sum(first_reply_sec_sum), sum(first_reply_within_1h),
       sum(solved), sum(resolution_sec_sum), sum(work_sec_sum), sum(reopened_tickets), sum(one_touch), sum(sla_breaches), sum(sla_achieved), sum(csat_responses),
       sum(csat_good), sum(csat_score_sum), sum(escalated)
  FROM metric_hourly GROUP BY 1, 2, 3, 4, 5;

-- Per ticket: its contact reason and the SOP (version) run on it, from sop_run.* events.
ALTER TABLE ticket_facts ADD COLUMN intent text;
ALTER TABLE ticket_facts ADD COLUMN sop_id text;
ALTER TABLE ticket_facts ADD COLUMN sop_version_id text;
ALTER TABLE ticket_facts ADD COLUMN sop_outcome text;
ALTER TABLE ticket_facts ADD COLUMN assistant_handoff boolean NOT NULL DEFAULT false;
CREATE INDEX ticket_facts_sop_idx ON ticket_facts (workspace_id, sop_version_id, created_at) WHERE sop_version_id IS NOT NULL;

-- Per assistant conversation, from assistant.* events: contained (no hand-off) or handed off (to which ticket).
CREATE TABLE assistant_facts (
  conversation_id text PRIMARY KEY,
  workspace_id text NOT NULL,
  brand_id text,
  channel text NOT NULL,
  intent text,
  started_at timestamptz NOT NULL,
  handed_off_at timestamptz,
  handoff_reason text,
  ticket_id text,
  confirmed boolean NOT NULL DEFAULT false,
  actions integer NOT NULL DEFAULT 0,
  rating smallint,
  updated_at timestamptz NOT NULL
);
CREATE INDEX assistant_facts_started_idx ON assistant_facts (workspace_id, started_at);
