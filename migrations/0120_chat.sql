-- Live chat (widget) and web form: per-brand settings, chat sessions, the per-session message log
-- (gap-free seq for resume, client message ids for dedupe), visitor uploads, agent presence, form submissions.

CREATE TABLE chat_settings (
  brand_id text PRIMARY KEY REFERENCES brands(id),
  workspace_id text NOT NULL REFERENCES workspaces(id),
  enabled boolean NOT NULL DEFAULT true,
  identity_secret text NOT NULL,          -- HMAC-SHA256 key the host site signs visitor identity tokens with
  require_identity boolean NOT NULL DEFAULT false,
  greeting text NOT NULL DEFAULT 'Hi! How can we help?',
  allowed_origins text[] NOT NULL DEFAULT '{}', -- empty = any origin may embed the widget
  form_categories text[] NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);

CREATE TABLE chat_sessions (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  brand_id text NOT NULL REFERENCES brands(id),
  token_hash text NOT NULL UNIQUE,        -- sha256 of the visitor token the widget keeps in localStorage
  ticket_id text REFERENCES tickets(id),  -- created with the first visitor message (channel 'chat')
  customer_id text REFERENCES customers(id),
  external_user_id text,                  -- `sub` of a verified identity token; null = anonymous
  email text,
  name text,
  last_seq integer NOT NULL DEFAULT 0,    -- the session row is locked to append: seq is gap-free and commit-ordered
  visitor_read_seq integer NOT NULL DEFAULT 0,
  agent_read_seq integer NOT NULL DEFAULT 0,
  offline boolean NOT NULL DEFAULT false, -- no agent was online: the widget asked for an email
  page_url text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX chat_sessions_ticket_uq ON chat_sessions (ticket_id) WHERE ticket_id IS NOT NULL;
CREATE INDEX chat_sessions_identity_idx ON chat_sessions (brand_id, external_user_id) WHERE external_user_id IS NOT NULL;

CREATE TABLE chat_log (
  session_id text NOT NULL REFERENCES chat_sessions(id) ON DELETE CASCADE,
  seq integer NOT NULL,
  message_id text NOT NULL UNIQUE REFERENCES messages(id),
  author_kind text NOT NULL CHECK (author_kind IN ('visitor','agent','bot','system')),
  author_name text,
  client_msg_id text,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (session_id, seq)
);
CREATE UNIQUE INDEX chat_log_client_uq ON chat_log (session_id, client_msg_id) WHERE client_msg_id IS NOT NULL;

CREATE TABLE chat_uploads (
  attachment_id text PRIMARY KEY REFERENCES attachments(id),
  session_id text NOT NULL REFERENCES chat_sessions(id) ON DELETE CASCADE,
  created_at timestamptz NOT NULL
);

-- Agents connected to a live stream, per server process (node). Rows of a dead node expire by seen_at.
CREATE TABLE chat_agent_presence (
  node_id text NOT NULL,
  user_id text NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  workspace_id text NOT NULL,
  brand_ids text[] NOT NULL DEFAULT '{}',
  connections integer NOT NULL,
  seen_at timestamptz NOT NULL,
  PRIMARY KEY (node_id, user_id)
);

CREATE TABLE web_form_submissions (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  brand_id text NOT NULL REFERENCES brands(id),
  ticket_id text NOT NULL REFERENCES tickets(id),
  category text,
  search_context text,                    -- ?q= from the Help Center "contact us" link
  ip text,
  created_at timestamptz NOT NULL
);
CREATE INDEX web_form_submissions_ticket_idx ON web_form_submissions (ticket_id);
