-- Routing: presence, skills, per-channel capacity, per-team routing settings, the routing queue.
CREATE TABLE agent_presence (
  user_id text PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  status text NOT NULL CHECK (status IN ('online','away','offline')),
  changed_at timestamptz NOT NULL
);
CREATE INDEX agent_presence_ws_idx ON agent_presence (workspace_id, status);

-- Skills are 'kind:value' tokens: language:de, market:DE, product:payouts.
CREATE TABLE agent_skills (
  user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  skill text NOT NULL,
  PRIMARY KEY (user_id, skill)
);

-- Open tickets an agent may hold at once, per channel ('*' = any channel without its own row).
CREATE TABLE agent_capacity (
  user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  channel text NOT NULL,
  max_open integer NOT NULL CHECK (max_open >= 0 AND max_open <= 1000),
  PRIMARY KEY (user_id, channel)
);

CREATE TABLE team_routing (
  team_id text PRIMARY KEY REFERENCES teams(id) ON DELETE CASCADE,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  method text NOT NULL CHECK (method IN ('manual','round_robin','least_loaded')),
  use_skills boolean NOT NULL DEFAULT true,
  skill_fallback_seconds integer NOT NULL DEFAULT 300 CHECK (skill_fallback_seconds >= 0),
  rr_last_user_id text,
  updated_at timestamptz NOT NULL
);

-- Tickets waiting for an agent (auto-routed teams only).
CREATE TABLE routing_queue (
  ticket_id text PRIMARY KEY REFERENCES tickets(id) ON DELETE CASCADE,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  team_id text NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  channel text NOT NULL,
  skills text[] NOT NULL DEFAULT '{}',
  queued_at timestamptz NOT NULL
);
CREATE INDEX routing_queue_team_idx ON routing_queue (team_id, queued_at, ticket_id);

-- Cross-functional escalation: what each target team needs, and its own response target.
CREATE TABLE escalation_targets (
  team_id text PRIMARY KEY REFERENCES teams(id) ON DELETE CASCADE,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  kind text NOT NULL CHECK (kind IN ('engineering','product','legal','ops','payments','other')),
  required_fields jsonb NOT NULL DEFAULT '[]',
  response_minutes integer CHECK (response_minutes > 0),
  resolution_minutes integer CHECK (resolution_minutes > 0),
  updated_at timestamptz NOT NULL
);

CREATE TABLE escalations (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  ticket_id text NOT NULL REFERENCES tickets(id),
  team_id text NOT NULL REFERENCES teams(id),
  reason text NOT NULL,
  fields jsonb NOT NULL DEFAULT '{}',
  status text NOT NULL CHECK (status IN ('open','answered','resolved','cancelled')),
  owner_id text REFERENCES users(id),
  created_by text REFERENCES users(id),
  shared_with text[] NOT NULL DEFAULT '{}',
  response_due_at timestamptz,
  resolution_due_at timestamptz,
  answered_at timestamptz,
  resolved_at timestamptz,
  created_at timestamptz NOT NULL
);
CREATE INDEX escalations_ticket_idx ON escalations (ticket_id);
CREATE INDEX escalations_team_idx ON escalations (workspace_id, team_id, status);

-- Problems / incidents: many tickets, one cause.
CREATE TABLE problems (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  status text NOT NULL CHECK (status IN ('open','solved')),
  created_by text REFERENCES users(id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  solved_at timestamptz
);
CREATE INDEX problems_ws_idx ON problems (workspace_id, status, created_at DESC);

CREATE TABLE problem_tickets (
  problem_id text NOT NULL REFERENCES problems(id) ON DELETE CASCADE,
  ticket_id text NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  linked_at timestamptz NOT NULL,
  PRIMARY KEY (problem_id, ticket_id)
);
CREATE UNIQUE INDEX problem_tickets_ticket_uq ON problem_tickets (ticket_id);

-- External trackers (Jira, Linear, GitHub…): one integration = one HMAC secret.
CREATE TABLE tracker_integrations (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  name text NOT NULL,
  secret text NOT NULL,
  created_at timestamptz NOT NULL,
  UNIQUE (workspace_id, name)
);

CREATE TABLE problem_tracker_links (
  id text PRIMARY KEY,
  problem_id text NOT NULL REFERENCES problems(id) ON DELETE CASCADE,
  integration_id text NOT NULL REFERENCES tracker_integrations(id) ON DELETE CASCADE,
  external_key text NOT NULL,
  url text NOT NULL,
  status text NOT NULL DEFAULT 'unknown',
  updated_at timestamptz NOT NULL,
  UNIQUE (integration_id, external_key)
);

-- Webhook deliveries seen (replay protection), kept for the signature window and beyond.
CREATE TABLE tracker_deliveries (
  integration_id text NOT NULL REFERENCES tracker_integrations(id) ON DELETE CASCADE,
  delivery_id text NOT NULL,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (integration_id, delivery_id)
);
