-- Business calendars (per workspace / team / brand / market) and SLAs: policy → applied SLA per ticket →
-- targets (durable timers: due_at/warn_at + fired stamps) → events (sla.warning / sla.breached / sla.achieved).

CREATE TABLE business_calendars (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  name text NOT NULL,
  scope_type text NOT NULL CHECK (scope_type IN ('workspace','team','brand','market')),
  scope_id text,                       -- team id, brand id, or ISO country code (market)
  time_zone text NOT NULL,
  week jsonb NOT NULL,                 -- { mon: [{start,end}], … }
  holidays jsonb NOT NULL DEFAULT '[]',-- [{date, name, yearly}]
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  UNIQUE (workspace_id, name),
  CHECK ((scope_type = 'workspace') = (scope_id IS NULL))
);
CREATE UNIQUE INDEX business_calendars_scope_uq ON business_calendars (workspace_id, scope_type, coalesce(scope_id, ''));

CREATE TABLE sla_policies (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  position integer NOT NULL,
  is_active boolean NOT NULL DEFAULT true,
  conditions jsonb NOT NULL DEFAULT '{}',
  targets jsonb NOT NULL,              -- [{metric, minutes, business, warn_minutes}]
  pause_statuses text[] NOT NULL DEFAULT '{pending,on_hold}',
  calendar_id text REFERENCES business_calendars(id) ON DELETE SET NULL,
  breach_actions jsonb NOT NULL DEFAULT '[]',
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  deleted_at timestamptz,
  UNIQUE (workspace_id, name)
);
CREATE INDEX sla_policies_ws_idx ON sla_policies (workspace_id, position) WHERE deleted_at IS NULL;

-- One row per (ticket, policy application); the live one has replaced_at NULL; older rows are the history.
CREATE TABLE ticket_slas (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  ticket_id text NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  policy_id text NOT NULL REFERENCES sla_policies(id),
  policy_version integer NOT NULL,
  policy_name text NOT NULL,
  calendar_id text REFERENCES business_calendars(id) ON DELETE SET NULL,
  reason text NOT NULL,
  applied_at timestamptz NOT NULL,
  replaced_at timestamptz
);
CREATE UNIQUE INDEX ticket_slas_live_uq ON ticket_slas (ticket_id) WHERE replaced_at IS NULL;
CREATE INDEX ticket_slas_ticket_idx ON ticket_slas (ticket_id, applied_at);

-- Per-ticket bookkeeping of the SLA subscriber (at-least-once delivery → skip events already applied).
CREATE TABLE sla_ticket_state (
  ticket_id text PRIMARY KEY REFERENCES tickets(id) ON DELETE CASCADE,
  last_seq bigint NOT NULL,
  agent_replied boolean NOT NULL DEFAULT false
);

-- A target is a clock: business (or calendar) ms consumed = elapsed_ms + time since running_since.
CREATE TABLE sla_targets (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  ticket_id text NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  ticket_sla_id text NOT NULL REFERENCES ticket_slas(id) ON DELETE CASCADE,
  metric text NOT NULL CHECK (metric IN ('first_reply','next_reply','periodic_update','resolution')),
  cycle integer NOT NULL DEFAULT 1,
  business boolean NOT NULL,
  target_ms bigint NOT NULL,
  warn_ms bigint NOT NULL,
  started_at timestamptz NOT NULL,
  elapsed_ms bigint NOT NULL DEFAULT 0,
  running_since timestamptz,
  due_at timestamptz,
  warn_at timestamptz,
  warned_at timestamptz,
  breached_at timestamptz,             -- the instant the target was missed (= due_at)
  breach_fired_at timestamptz,         -- when the timer actually fired (lateness = fired - breached)
  achieved_at timestamptz,
  stopped_at timestamptz,              -- cancelled (solved without reply, SLA replaced, …)
  stop_reason text
);
CREATE INDEX sla_targets_ticket_idx ON sla_targets (ticket_id);
CREATE INDEX sla_targets_due_idx ON sla_targets (due_at)
  WHERE breached_at IS NULL AND achieved_at IS NULL AND stopped_at IS NULL AND due_at IS NOT NULL;
CREATE INDEX sla_targets_warn_idx ON sla_targets (warn_at)
  WHERE warned_at IS NULL AND breached_at IS NULL AND achieved_at IS NULL AND stopped_at IS NULL AND warn_at IS NOT NULL;

-- Wake-up buckets already handed to the job queue (one job per 250 ms bucket, however many targets fall in it).
CREATE TABLE sla_wakeups (
  at timestamptz PRIMARY KEY
);
