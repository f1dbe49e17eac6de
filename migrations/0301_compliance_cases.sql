-- Compliance (2): regulatory cases with their clocks; versioned rule sets; holiday overrides.

-- Published versions of a deadline rule (the builtin version 1 lives in code as data; see builtin-rules.ts).
CREATE TABLE compliance_rule_sets (
  workspace_id text NOT NULL REFERENCES workspaces(id),
  key text NOT NULL,
  version integer NOT NULL CHECK (version >= 2),
  definition jsonb NOT NULL,
  note text NOT NULL DEFAULT '',
  published_by text,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, key, version)
);

CREATE TABLE compliance_holiday_overrides (
  workspace_id text NOT NULL REFERENCES workspaces(id),
  country text NOT NULL,
  date date NOT NULL,
  name text NOT NULL DEFAULT '',
  kind text NOT NULL CHECK (kind IN ('add','remove')),
  PRIMARY KEY (workspace_id, country, date)
);

CREATE TABLE compliance_cases (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  type text NOT NULL,
  ticket_id text REFERENCES tickets(id),
  customer_id text REFERENCES customers(id),
  country text NOT NULL,
  channel text NOT NULL,
  rule_key text NOT NULL,
  rule_version integer NOT NULL,
  rule jsonb NOT NULL,                 -- snapshot: later rule versions never move an open case
  received_at timestamptz NOT NULL,
  start_at timestamptz,
  original_due_at timestamptz NOT NULL,
  due_at timestamptz NOT NULL,
  due_date date,
  warn_at timestamptz NOT NULL,
  clocks jsonb NOT NULL DEFAULT '[]',
  extended_at timestamptz,
  extension_reason text,
  holding_reply_at timestamptz,
  holding_reason text,
  paused_at timestamptz,
  paused_days integer NOT NULL DEFAULT 0,
  status text NOT NULL CHECK (status IN ('open','paused','responded','closed')),
  responded_at timestamptz,
  responder_type text,
  responder_id text,
  outcome text,
  reason_code text,
  warned_at timestamptz,
  details jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX compliance_cases_ticket_idx ON compliance_cases (ticket_id) WHERE ticket_id IS NOT NULL;
CREATE INDEX compliance_cases_due_idx ON compliance_cases (workspace_id, status, due_at);
CREATE INDEX compliance_cases_customer_idx ON compliance_cases (customer_id) WHERE customer_id IS NOT NULL;
CREATE INDEX compliance_cases_warn_idx ON compliance_cases (warn_at) WHERE status = 'open' AND warned_at IS NULL;
