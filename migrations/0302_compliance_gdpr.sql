-- Compliance (3): data-subject requests, exports, erasure (tombstones, report), legal holds, restriction,
-- residency, retention schedules.

CREATE TABLE compliance_residency (
  workspace_id text NOT NULL REFERENCES workspaces(id),
  brand_id text REFERENCES brands(id) ON DELETE CASCADE,   -- NULL = the workspace default
  region text NOT NULL CHECK (region IN ('eu','us','uk','br','sg')),
  updated_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX compliance_residency_uq ON compliance_residency (workspace_id, coalesce(brand_id, ''));

CREATE TABLE compliance_requests (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  case_id text NOT NULL REFERENCES compliance_cases(id),
  kind text NOT NULL CHECK (kind IN ('access','rectification','erasure','restriction','portability','objection')),
  customer_id text REFERENCES customers(id),
  brand_id text,
  channel text NOT NULL,
  verification text NOT NULL CHECK (verification IN ('none','code')),
  verification_status text NOT NULL CHECK (verification_status IN ('verified','pending','failed')),
  code_hash text,
  code_expires_at timestamptz,
  code_attempts integer NOT NULL DEFAULT 0,
  verified_at timestamptz,
  id_document_purged_at timestamptz,
  status text NOT NULL CHECK (status IN ('open','completed','rejected')),
  message text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX compliance_requests_customer_idx ON compliance_requests (customer_id, kind, status);

CREATE TABLE compliance_exports (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  request_id text REFERENCES compliance_requests(id),
  customer_id text,
  region text NOT NULL,
  file_path text NOT NULL,
  size_bytes bigint NOT NULL,
  token_hash text NOT NULL,
  expires_at timestamptz NOT NULL,
  downloaded_at timestamptz,
  created_at timestamptz NOT NULL
);

CREATE TABLE compliance_legal_holds (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  customer_id text NOT NULL,
  ticket_id text,                      -- NULL = the whole person (blocks erasure)
  reason_code text NOT NULL CHECK (reason_code IN ('legal_claims','legal_obligation','freedom_of_expression','public_health','archiving')),
  note text NOT NULL DEFAULT '',
  created_by text,
  created_at timestamptz NOT NULL,
  released_at timestamptz
);
CREATE INDEX compliance_legal_holds_customer_idx ON compliance_legal_holds (customer_id) WHERE released_at IS NULL;

-- Erasure report and the tombstone that re-applies it after a restore (also journaled outside the DB).
CREATE TABLE compliance_erasures (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  customer_id text NOT NULL,
  request_id text,
  subject_hashes text[] NOT NULL,
  report jsonb NOT NULL,
  erased_at timestamptz NOT NULL
);
CREATE INDEX compliance_erasures_customer_idx ON compliance_erasures (customer_id);

CREATE TABLE compliance_restrictions (
  customer_id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  reason text NOT NULL,
  restricted_at timestamptz NOT NULL,
  restricted_by text
);

CREATE TABLE compliance_retention_policies (
  workspace_id text NOT NULL REFERENCES workspaces(id),
  brand_id text REFERENCES brands(id) ON DELETE CASCADE,
  category text NOT NULL CHECK (category IN ('closed_tickets','chat_transcripts','attachments','audit_logs','pii_access_log')),
  days integer NOT NULL CHECK (days >= 1 AND days <= 36500),
  enabled boolean NOT NULL DEFAULT false,   -- false = dry-run reports only
  updated_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX compliance_retention_uq ON compliance_retention_policies (workspace_id, coalesce(brand_id, ''), category);

CREATE TABLE compliance_retention_runs (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  dry_run boolean NOT NULL,
  report jsonb NOT NULL,
  ran_at timestamptz NOT NULL
);

-- Erasure may scrub personal data out of event payloads; every other UPDATE stays a silent no-op.
DROP RULE events_no_update ON events;
CREATE RULE events_no_update AS ON UPDATE TO events
  WHERE coalesce(current_setting('switchboard.audit_maintenance', true), '') <> 'on' DO INSTEAD NOTHING;

-- PSD2 complaints register (JC 2014 43) and disputes (Art. 72 evidence).
CREATE TABLE compliance_payment_complaints (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  case_id text REFERENCES compliance_cases(id),
  ticket_id text REFERENCES tickets(id),
  customer_id text REFERENCES customers(id),
  kind text NOT NULL CHECK (kind IN ('complaint','unauthorised_payment','chargeback')),
  category text NOT NULL,
  product text NOT NULL,
  amount_minor bigint,
  currency text,
  transaction_ref text,
  received_at timestamptz NOT NULL,
  status text NOT NULL CHECK (status IN ('open','closed')),
  outcome text CHECK (outcome IN ('upheld','partially_upheld','rejected','withdrawn')),
  root_cause text,
  closed_at timestamptz,
  created_at timestamptz NOT NULL
);
CREATE INDEX compliance_payment_complaints_customer_idx ON compliance_payment_complaints (customer_id, status);
CREATE INDEX compliance_payment_complaints_received_idx ON compliance_payment_complaints (workspace_id, received_at);

-- SCA step-up challenges: one-time code bound to the exact amount and payee (dynamic linking).
CREATE TABLE compliance_sca_challenges (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  customer_id text NOT NULL REFERENCES customers(id),
  purpose text NOT NULL,
  amount_minor bigint NOT NULL,
  currency text NOT NULL,
  payee text NOT NULL,
  binding_hash text NOT NULL,
  code_hash text NOT NULL,
  factors text[] NOT NULL,
  channel text NOT NULL,
  failed_attempts integer NOT NULL DEFAULT 0,
  status text NOT NULL CHECK (status IN ('pending','verified','blocked','expired','invalidated')),
  last_activity_at timestamptz NOT NULL,
  verified_at timestamptz,
  ticket_id text,
  device text,
  created_by text,
  created_at timestamptz NOT NULL
);
CREATE INDEX compliance_sca_customer_idx ON compliance_sca_challenges (customer_id, created_at DESC);

-- DSA: notices, statements of reasons, appeals (human reviewer), out-of-court disputes.
CREATE TABLE compliance_dsa_notices (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  case_id text REFERENCES compliance_cases(id),
  url text NOT NULL,
  reasons text NOT NULL,
  notifier_name text,
  notifier_email text,
  good_faith boolean NOT NULL,
  category text NOT NULL,
  received_at timestamptz NOT NULL,
  receipt_sent_at timestamptz,
  decision text,
  decided_at timestamptz,
  automated boolean NOT NULL DEFAULT false
);

CREATE TABLE compliance_dsa_statements (
  id text PRIMARY KEY,
  puid text NOT NULL UNIQUE,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  notice_id text REFERENCES compliance_dsa_notices(id),
  customer_id text REFERENCES customers(id),
  content_ref text NOT NULL,
  measure text NOT NULL,
  scope text NOT NULL,
  duration text,
  facts text NOT NULL,
  automated_detection boolean NOT NULL,
  automated_decision boolean NOT NULL,
  ground_type text NOT NULL CHECK (ground_type IN ('illegal_content','incompatible_with_terms')),
  ground text NOT NULL,
  redress text NOT NULL,
  notified_at timestamptz NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE TABLE compliance_dsa_appeals (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  statement_id text NOT NULL REFERENCES compliance_dsa_statements(id),
  case_id text REFERENCES compliance_cases(id),
  appellant_type text NOT NULL CHECK (appellant_type IN ('recipient','notifier')),
  reasons text NOT NULL,
  received_at timestamptz NOT NULL,
  reviewer_id text,
  decision text CHECK (decision IN ('upheld','reversed','partially_reversed')),
  decision_reasons text,
  decided_at timestamptz
);

CREATE TABLE compliance_dsa_ods (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  appeal_id text REFERENCES compliance_dsa_appeals(id),
  statement_id text NOT NULL REFERENCES compliance_dsa_statements(id),
  body text NOT NULL,
  referred_at timestamptz NOT NULL,
  decided_at timestamptz,
  outcome text,
  implemented boolean NOT NULL DEFAULT false
);
