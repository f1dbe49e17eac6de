-- Macros, event triggers, time-based automations and outbound webhooks (module: automations).

CREATE TABLE macros (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  -- NULL = shared with the workspace; else personal to this user
  owner_id text REFERENCES users(id),
  active boolean NOT NULL DEFAULT true,
  -- { "<lang>": { "body": "...", "public": true } }; "en" is the fallback
  replies jsonb NOT NULL DEFAULT '{}',
  actions jsonb NOT NULL DEFAULT '[]',
  usage_count integer NOT NULL DEFAULT 0,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX macros_ws_idx ON macros (workspace_id, name);

-- Event triggers (kind = 'trigger') and time-based automations (kind = 'automation') share one shape.
CREATE TABLE automation_rules (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  kind text NOT NULL CHECK (kind IN ('trigger', 'automation')),
  name text NOT NULL,
  position integer NOT NULL,
  active boolean NOT NULL DEFAULT true,
  -- triggers: which ticket events wake them
  on_events text[] NOT NULL DEFAULT '{}',
  conditions jsonb NOT NULL DEFAULT '{"all":[],"any":[]}',
  actions jsonb NOT NULL DEFAULT '[]',
  fire_count integer NOT NULL DEFAULT 0,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX automation_rules_ws_idx ON automation_rules (workspace_id, kind, position);

-- One row per rule firing on a ticket. The unique key is the loop guard: a trigger fires at most once
-- per ticket per causal chain; a time automation at most once per ticket per condition window.
CREATE TABLE automation_firings (
  id bigserial PRIMARY KEY,
  rule_id text NOT NULL REFERENCES automation_rules(id) ON DELETE CASCADE,
  ticket_id text NOT NULL REFERENCES tickets(id),
  chain_key text NOT NULL,
  depth integer NOT NULL DEFAULT 0,
  outcome text NOT NULL CHECK (outcome IN ('applied', 'failed', 'loop_stopped')),
  detail jsonb NOT NULL DEFAULT '{}',
  fired_at timestamptz NOT NULL,
  UNIQUE (rule_id, ticket_id, chain_key)
);
CREATE INDEX automation_firings_ticket_idx ON automation_firings (ticket_id, fired_at);

CREATE TABLE webhooks (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  name text NOT NULL,
  url text NOT NULL,
  -- Standard Webhooks secret: "whsec_" + base64 of 32 random bytes
  secret text NOT NULL,
  -- event names, or {'*'}
  events text[] NOT NULL,
  active boolean NOT NULL DEFAULT true,
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE webhook_deliveries (
  id text PRIMARY KEY,
  webhook_id text NOT NULL REFERENCES webhooks(id) ON DELETE CASCADE,
  event_id text NOT NULL,
  event_name text NOT NULL,
  body text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending', 'succeeded', 'dead')),
  attempts integer NOT NULL DEFAULT 0,
  next_attempt_at timestamptz NOT NULL,
  last_status_code integer,
  last_error text,
  last_duration_ms integer,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  UNIQUE (webhook_id, event_id)
);
CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_hook_idx ON webhook_deliveries (webhook_id, created_at DESC);

-- Events written by a rule's actions, with the causal chain they belong to (the loop guard's memory).
CREATE TABLE automation_event_chain (
  event_id text PRIMARY KEY,
  chain_key text NOT NULL,
  depth integer NOT NULL
);
