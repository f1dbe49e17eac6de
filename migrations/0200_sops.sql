-- SOPs: versioned, reviewed, launched procedures (src/domain/sops). Definitions are JSON; the YAML form is
-- kept as written so comments and layout survive a round trip through the editor.
CREATE TABLE sops (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  key text NOT NULL,
  name text NOT NULL,
  owner text NOT NULL DEFAULT '',
  purpose text NOT NULL DEFAULT '',
  -- named approvers by role: [{role, user_id}]
  approvers jsonb NOT NULL DEFAULT '[]',
  created_by text REFERENCES users(id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  UNIQUE (workspace_id, key)
);

CREATE TABLE sop_versions (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  sop_id text NOT NULL REFERENCES sops(id),
  number integer NOT NULL,
  status text NOT NULL CHECK (status IN ('draft','in_review','approved','launched','promoted','rolled_back','retired')),
  definition jsonb NOT NULL,
  yaml text NOT NULL,
  -- approvals of older rounds no longer count (an edit during review starts a new round)
  review_round integer NOT NULL DEFAULT 1,
  rollout jsonb,
  tests_result jsonb,
  author_id text REFERENCES users(id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  launched_at timestamptz,
  promoted_at timestamptz,
  ended_at timestamptz,
  UNIQUE (sop_id, number)
);
CREATE INDEX sop_versions_active_idx ON sop_versions (workspace_id, status) WHERE status IN ('launched','promoted');

CREATE TABLE sop_reviews (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  version_id text NOT NULL REFERENCES sop_versions(id),
  kind text NOT NULL CHECK (kind IN ('approval','comment','changes_requested')),
  role text,
  user_id text REFERENCES users(id),
  body text NOT NULL DEFAULT '',
  review_round integer NOT NULL,
  created_at timestamptz NOT NULL
);
CREATE INDEX sop_reviews_version_idx ON sop_reviews (version_id, created_at);

-- Configured HTTP actions an SOP step may call (URL, method, auth, timeout). The secret is never returned.
CREATE TABLE sop_http_actions (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  key text NOT NULL,
  url text NOT NULL,
  method text NOT NULL DEFAULT 'POST' CHECK (method IN ('GET','POST','PUT','PATCH')),
  auth_type text NOT NULL DEFAULT 'none' CHECK (auth_type IN ('none','bearer','basic','header')),
  auth_header text,
  auth_secret text,
  timeout_ms integer NOT NULL DEFAULT 5000,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  UNIQUE (workspace_id, key)
);

-- One run of one SOP version on one ticket. A ticket stays on the version it started with.
CREATE TABLE sop_runs (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  ticket_id text NOT NULL REFERENCES tickets(id),
  sop_id text NOT NULL REFERENCES sops(id),
  version_id text NOT NULL REFERENCES sop_versions(id),
  arm text CHECK (arm IN ('A','B')),
  mode text NOT NULL DEFAULT 'human' CHECK (mode IN ('human','auto')),
  status text NOT NULL,
  state jsonb NOT NULL,
  wait_until timestamptz,
  wait_event text,
  escalated boolean NOT NULL DEFAULT false,
  started_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  completed_at timestamptz,
  UNIQUE (ticket_id, sop_id)
);
CREATE INDEX sop_runs_version_idx ON sop_runs (version_id);
CREATE INDEX sop_runs_wait_idx ON sop_runs (wait_until) WHERE status = 'waiting';
