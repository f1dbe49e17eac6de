-- Analytics (module: analytics): per-ticket facts, hourly rollups the dashboards read, CSAT surveys, QA.

-- One row per ticket: the facts every metric is defined on (docs/analytics.md). Recomputed for a ticket
-- whenever one of its events arrives; the hourly rollups are kept in step by applying the difference.
CREATE TABLE ticket_facts (
  ticket_id text PRIMARY KEY REFERENCES tickets(id),
  workspace_id text NOT NULL,
  brand_id text NOT NULL,
  team_id text,
  assignee_id text,
  channel text NOT NULL,
  priority text NOT NULL,
  country text,
  language text,
  status text NOT NULL,
  created_at timestamptz NOT NULL,
  first_reply_at timestamptz,
  first_reply_sec integer,
  solved_at timestamptz,
  resolution_sec integer,
  last_solved_at timestamptz,
  full_resolution_sec integer,
  reopens integer NOT NULL DEFAULT 0,
  agent_replies integer NOT NULL DEFAULT 0,
  customer_messages integer NOT NULL DEFAULT 0,
  work_sec integer NOT NULL DEFAULT 0,
  sla_breaches integer NOT NULL DEFAULT 0,
  sla_achieved integer NOT NULL DEFAULT 0,
  escalated boolean NOT NULL DEFAULT false,
  csat_score smallint,
  csat_at timestamptz,
  merged boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL
);
CREATE INDEX ticket_facts_created_idx ON ticket_facts (workspace_id, created_at);
CREATE INDEX ticket_facts_solved_idx ON ticket_facts (workspace_id, solved_at) WHERE solved_at IS NOT NULL;
CREATE INDEX ticket_facts_reply_idx ON ticket_facts (workspace_id, first_reply_at) WHERE first_reply_at IS NOT NULL;

-- Hourly counters per (brand, team, channel). '' stands for "none" so the key has no NULLs.
CREATE TABLE metric_hourly (
  workspace_id text NOT NULL,
  hour timestamptz NOT NULL,
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
  PRIMARY KEY (workspace_id, hour, brand_id, team_id, channel)
);

CREATE TABLE csat_settings (
  brand_id text PRIMARY KEY REFERENCES brands(id),
  enabled boolean NOT NULL DEFAULT true,
  delay_minutes integer NOT NULL DEFAULT 60 CHECK (delay_minutes BETWEEN 0 AND 10080),
  scale text NOT NULL DEFAULT 'five' CHECK (scale IN ('binary', 'five')),
  ask_reason boolean NOT NULL DEFAULT true,
  ask_effort boolean NOT NULL DEFAULT false,
  -- { "<lang>": "question text" }
  questions jsonb NOT NULL DEFAULT '{}',
  change_window_hours integer NOT NULL DEFAULT 168,
  updated_at timestamptz NOT NULL
);

-- One survey per ticket (UNIQUE): the link carries the id and a random token; only its hash is stored.
CREATE TABLE csat_surveys (
  id text PRIMARY KEY,
  workspace_id text NOT NULL,
  ticket_id text NOT NULL UNIQUE REFERENCES tickets(id),
  brand_id text NOT NULL,
  token_hash text NOT NULL,
  due_at timestamptz NOT NULL,
  sent_at timestamptz,
  responded_at timestamptz,
  score smallint,
  comment text,
  reason text,
  effort smallint,
  channel text,
  created_at timestamptz NOT NULL
);
CREATE INDEX csat_surveys_due_idx ON csat_surveys (due_at) WHERE sent_at IS NULL;
CREATE INDEX csat_surveys_ws_idx ON csat_surveys (workspace_id, sent_at);

-- QA: weighted rubrics, reviews of tickets by supervisors (several reviewers → calibration).
CREATE TABLE qa_rubrics (
  id text PRIMARY KEY,
  workspace_id text NOT NULL,
  name text NOT NULL,
  -- [{ "key": "empathy", "label": "Empathy", "weight": 2 }, …]
  criteria jsonb NOT NULL,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL
);
CREATE TABLE qa_reviews (
  id text PRIMARY KEY,
  workspace_id text NOT NULL,
  rubric_id text NOT NULL REFERENCES qa_rubrics(id),
  ticket_id text NOT NULL REFERENCES tickets(id),
  reviewer_id text NOT NULL REFERENCES users(id),
  agent_id text REFERENCES users(id),
  -- { "<criterion key>": 0..4 }
  scores jsonb NOT NULL,
  score_pct numeric(5,2) NOT NULL,
  comment text NOT NULL DEFAULT '',
  auto_flags jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL,
  UNIQUE (rubric_id, ticket_id, reviewer_id)
);
CREATE INDEX qa_reviews_ticket_idx ON qa_reviews (ticket_id);
