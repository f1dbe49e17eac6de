-- Switchboard core schema: workspace, people, tickets, messages, events, audit, auth.
CREATE TABLE workspaces (
  id text PRIMARY KEY,
  name text NOT NULL,
  is_demo boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL
);

CREATE TABLE brands (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  name text NOT NULL,
  slug text NOT NULL,
  support_email text,
  created_at timestamptz NOT NULL,
  UNIQUE (workspace_id, slug)
);

CREATE TABLE teams (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  name text NOT NULL,
  description text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL,
  UNIQUE (workspace_id, name)
);

CREATE TABLE users (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  email text NOT NULL,
  name text NOT NULL,
  role text NOT NULL CHECK (role IN ('admin','supervisor','agent','collaborator','analyst')),
  password_hash text,
  brand_ids text[] NOT NULL DEFAULT '{}',
  is_active boolean NOT NULL DEFAULT true,
  failed_logins integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  last_login_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX users_email_uq ON users (lower(email));

CREATE TABLE team_members (
  team_id text NOT NULL REFERENCES teams(id) ON DELETE CASCADE,
  user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  PRIMARY KEY (team_id, user_id)
);

CREATE TABLE sessions (
  id text PRIMARY KEY,               -- sha256 of the cookie secret
  user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  ip text,
  user_agent text,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL
);
CREATE INDEX sessions_user_idx ON sessions (user_id);

CREATE TABLE api_tokens (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name text NOT NULL,
  token_hash text NOT NULL UNIQUE,
  prefix text NOT NULL,
  created_at timestamptz NOT NULL,
  last_used_at timestamptz,
  revoked_at timestamptz
);
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id);

CREATE TABLE organizations (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  name text NOT NULL,
  domains text[] NOT NULL DEFAULT '{}',
  external_id text,
  notes text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  UNIQUE (workspace_id, name)
);

CREATE TABLE customers (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  name text NOT NULL DEFAULT '',
  organization_id text REFERENCES organizations(id),
  locale text,
  country text,
  time_zone text,
  tier text NOT NULL DEFAULT 'standard',
  notes text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX customers_org_idx ON customers (organization_id);

CREATE TABLE customer_identities (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  customer_id text NOT NULL REFERENCES customers(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('email','phone','external_id')),
  value text NOT NULL,               -- normalised (lower-case email, E.164-ish phone)
  is_primary boolean NOT NULL DEFAULT false,
  created_at timestamptz NOT NULL,
  UNIQUE (workspace_id, kind, value)
);
CREATE INDEX customer_identities_customer_idx ON customer_identities (customer_id);

CREATE TABLE custom_fields (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  key text NOT NULL,
  label text NOT NULL,
  type text NOT NULL CHECK (type IN ('text','number','date','dropdown','checkbox')),
  options jsonb NOT NULL DEFAULT '[]',
  is_required boolean NOT NULL DEFAULT false,
  is_active boolean NOT NULL DEFAULT true,
  position integer NOT NULL DEFAULT 0,
  created_at timestamptz NOT NULL,
  UNIQUE (workspace_id, key)
);

CREATE SEQUENCE ticket_number_seq START 1000;

CREATE TABLE tickets (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  number bigint NOT NULL DEFAULT nextval('ticket_number_seq') UNIQUE,
  subject text NOT NULL,
  status text NOT NULL CHECK (status IN ('new','open','pending','on_hold','solved','closed')),
  priority text NOT NULL CHECK (priority IN ('low','normal','high','urgent')),
  channel text NOT NULL,
  brand_id text NOT NULL REFERENCES brands(id),
  team_id text REFERENCES teams(id),
  assignee_id text REFERENCES users(id),
  requester_id text NOT NULL REFERENCES customers(id),
  organization_id text REFERENCES organizations(id),
  tags text[] NOT NULL DEFAULT '{}',
  custom_fields jsonb NOT NULL DEFAULT '{}',
  country text,
  language text,
  external_id text,
  merged_into_id text REFERENCES tickets(id),
  follow_up_of_id text REFERENCES tickets(id),
  version integer NOT NULL DEFAULT 1,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  solved_at timestamptz,
  closed_at timestamptz,
  search tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('english'::regconfig, coalesce(subject, '')), 'A') ||
    setweight(to_tsvector('simple'::regconfig, coalesce(subject, '')), 'B')
  ) STORED
);
CREATE INDEX tickets_ws_status_idx ON tickets (workspace_id, status, updated_at DESC, id DESC);
CREATE INDEX tickets_created_idx ON tickets (workspace_id, created_at DESC, id DESC);
CREATE INDEX tickets_assignee_idx ON tickets (assignee_id, status);
CREATE INDEX tickets_team_idx ON tickets (team_id, status);
CREATE INDEX tickets_requester_idx ON tickets (requester_id);
CREATE INDEX tickets_brand_idx ON tickets (brand_id);
CREATE INDEX tickets_tags_idx ON tickets USING gin (tags);
CREATE INDEX tickets_search_idx ON tickets USING gin (search);
CREATE UNIQUE INDEX tickets_external_uq ON tickets (workspace_id, external_id) WHERE external_id IS NOT NULL;

CREATE TABLE ticket_shares (
  ticket_id text NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
  user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (ticket_id, user_id)
);

CREATE TABLE messages (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  ticket_id text NOT NULL REFERENCES tickets(id),
  author_type text NOT NULL CHECK (author_type IN ('customer','user','system')),
  author_user_id text REFERENCES users(id),
  author_customer_id text REFERENCES customers(id),
  is_public boolean NOT NULL,
  channel text NOT NULL,
  body_text text NOT NULL,
  body_html text,
  created_at timestamptz NOT NULL,
  search tsvector GENERATED ALWAYS AS (
    to_tsvector('english'::regconfig, coalesce(body_text, '')) ||
    to_tsvector('simple'::regconfig, coalesce(body_text, ''))
  ) STORED
);
CREATE INDEX messages_ticket_idx ON messages (ticket_id, created_at, id);
CREATE INDEX messages_search_idx ON messages USING gin (search);

CREATE TABLE attachments (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  message_id text REFERENCES messages(id),
  filename text NOT NULL,
  declared_type text,
  content_type text NOT NULL,        -- sniffed from the bytes where possible
  size_bytes integer NOT NULL,
  sha256 text NOT NULL,
  uploaded_by text,
  created_at timestamptz NOT NULL
);
CREATE INDEX attachments_message_idx ON attachments (message_id);

-- Append-only event log: one row per change, written in the same transaction as the change.
CREATE TABLE events (
  seq bigserial PRIMARY KEY,
  id text NOT NULL UNIQUE,
  workspace_id text,
  name text NOT NULL,
  aggregate_type text NOT NULL,
  aggregate_id text NOT NULL,
  ticket_id text,
  actor_type text NOT NULL,
  actor_id text,
  channel text,
  ip text,
  payload jsonb NOT NULL DEFAULT '{}',
  occurred_at timestamptz NOT NULL
);
CREATE INDEX events_ticket_idx ON events (ticket_id, seq) WHERE ticket_id IS NOT NULL;
CREATE INDEX events_aggregate_idx ON events (aggregate_type, aggregate_id, seq);
CREATE RULE events_no_update AS ON UPDATE TO events DO INSTEAD NOTHING;
CREATE RULE events_no_delete AS ON DELETE TO events DO INSTEAD NOTHING;

-- One delivery row per (event, subscriber): workers claim them with FOR UPDATE SKIP LOCKED.
CREATE TABLE event_deliveries (
  id bigserial PRIMARY KEY,
  event_seq bigint NOT NULL REFERENCES events(seq),
  subscriber text NOT NULL,
  status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','done','dead')),
  attempts integer NOT NULL DEFAULT 0,
  run_after timestamptz NOT NULL,
  last_error text,
  completed_at timestamptz,
  UNIQUE (event_seq, subscriber)
);
CREATE INDEX event_deliveries_pending_idx ON event_deliveries (run_after, id) WHERE status = 'pending';

CREATE TABLE audit_log (
  seq bigserial PRIMARY KEY,
  workspace_id text,
  actor_type text NOT NULL,
  actor_id text,
  action text NOT NULL,
  entity_type text NOT NULL,
  entity_id text NOT NULL,
  ip text,
  user_agent text,
  request_id text,
  changes jsonb NOT NULL DEFAULT '{}',
  occurred_at timestamptz NOT NULL
);
CREATE INDEX audit_entity_idx ON audit_log (entity_type, entity_id, seq);

CREATE TABLE idempotency_keys (
  scope text NOT NULL,
  key text NOT NULL,
  method text NOT NULL,
  path text NOT NULL,
  request_hash text NOT NULL,
  status_code integer NOT NULL,
  response jsonb,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (scope, key)
);

CREATE TABLE saved_views (
  id text PRIMARY KEY,
  user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  name text NOT NULL,
  filters jsonb NOT NULL,
  created_at timestamptz NOT NULL
);

-- Which subscriber wants which event ('*' = all). Synced from code at boot; used to fan out deliveries.
CREATE TABLE event_subscriptions (
  subscriber text NOT NULL,
  event_name text NOT NULL,
  PRIMARY KEY (subscriber, event_name)
);
CREATE INDEX event_subscriptions_name_idx ON event_subscriptions (event_name);
