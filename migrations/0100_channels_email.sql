-- Channels / email: per-brand mail settings, every inbound and outbound mail, reply tokens, failed imports,
-- notification templates, and dismissed merge suggestions.

-- Per-brand mail settings. The brand's main support address is brands.support_email; aliases add more.
CREATE TABLE email_brand_settings (
  brand_id text PRIMARY KEY REFERENCES brands(id) ON DELETE CASCADE,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  aliases text[] NOT NULL DEFAULT '{}',          -- extra inbound addresses (lower-case)
  from_name text,                                -- display name of outgoing mail (default: brand name)
  smtp_url text,                                 -- smtp(s)://user:pass@host:port; null = SMTP_OUTBOUND_URL
  auto_acknowledge boolean NOT NULL DEFAULT true,
  updated_at timestamptz NOT NULL
);

-- One opaque reply token per ticket: support+<token>@brand.example routes a reply to its ticket.
CREATE TABLE email_reply_tokens (
  token text PRIMARY KEY,
  ticket_id text NOT NULL UNIQUE REFERENCES tickets(id),
  workspace_id text NOT NULL REFERENCES workspaces(id),
  created_at timestamptz NOT NULL
);

-- Every mail in or out. Inbound rows keep the original .eml (content hash in the file store).
CREATE TABLE email_messages (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  direction text NOT NULL CHECK (direction IN ('inbound','outbound')),
  kind text NOT NULL DEFAULT 'reply' CHECK (kind IN ('reply','acknowledgement','inbound')),
  ticket_id text REFERENCES tickets(id),
  message_id text REFERENCES messages(id),        -- the conversation message it carried
  rfc_message_id text NOT NULL,                   -- Message-ID without angle brackets
  in_reply_to text,
  refs text[] NOT NULL DEFAULT '{}',
  from_address text,
  to_addresses text[] NOT NULL DEFAULT '{}',
  cc_addresses text[] NOT NULL DEFAULT '{}',
  subject text NOT NULL DEFAULT '',
  classification text NOT NULL DEFAULT 'normal' CHECK (classification IN ('normal','auto_reply','bounce','list')),
  thread_match text,                              -- how an inbound mail found its ticket (token, header, subject, new, …)
  raw_sha256 text,
  raw_size integer,
  status text NOT NULL CHECK (status IN ('received','queued','sending','sent','retrying','failed','suppressed')),
  attempts integer NOT NULL DEFAULT 0,
  last_error text,
  next_attempt_at timestamptz,
  sent_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX email_messages_inbound_uq ON email_messages (workspace_id, rfc_message_id) WHERE direction = 'inbound';
CREATE UNIQUE INDEX email_messages_outbound_uq ON email_messages (message_id, kind) WHERE direction = 'outbound' AND message_id IS NOT NULL;
CREATE INDEX email_messages_rfc_idx ON email_messages (rfc_message_id);
CREATE INDEX email_messages_ticket_idx ON email_messages (ticket_id, created_at);

-- Mail that could not be turned into a ticket: kept raw, with the reason, until retried or dismissed.
CREATE TABLE email_import_failures (
  id text PRIMARY KEY,
  workspace_id text REFERENCES workspaces(id),
  reason_code text NOT NULL,
  reason text NOT NULL,
  envelope_from text,
  envelope_to text[] NOT NULL DEFAULT '{}',
  subject text,
  raw_sha256 text NOT NULL,
  raw_size integer NOT NULL,
  status text NOT NULL DEFAULT 'failed' CHECK (status IN ('failed','imported','dismissed')),
  attempts integer NOT NULL DEFAULT 1,
  ticket_id text REFERENCES tickets(id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX email_import_failures_status_idx ON email_import_failures (status, created_at DESC);

-- Notification templates per brand (null = every brand) and language (null = fallback).
CREATE TABLE email_templates (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  brand_id text REFERENCES brands(id) ON DELETE CASCADE,
  key text NOT NULL CHECK (key IN ('acknowledgement','agent_reply')),
  language text,
  subject text NOT NULL,
  body_text text NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX email_templates_uq ON email_templates (workspace_id, coalesce(brand_id, ''), key, coalesce(language, ''));

-- Merge suggestions an agent dismissed (suggestions themselves are computed on read).
CREATE TABLE merge_suggestion_dismissals (
  ticket_id text NOT NULL REFERENCES tickets(id),
  other_ticket_id text NOT NULL REFERENCES tickets(id),
  user_id text,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (ticket_id, other_ticket_id)
);
