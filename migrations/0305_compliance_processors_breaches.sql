-- Compliance (part A): refusals and fees of data-subject requests (Art. 12(4)(5)), processor registry (Art. 28) and
-- recipient notifications (Art. 19), transfer map inputs (Art. 44–49: declared store locations, agent locations,
-- remote access log), breach register and data-subject notices (Art. 33(5), 34).

-- Art. 12(5): a fee or a refusal on "manifestly unfounded/excessive" grounds needs a justification.
ALTER TABLE compliance_requests
  ADD COLUMN fee_minor integer CHECK (fee_minor IS NULL OR fee_minor > 0),
  ADD COLUMN fee_currency text,
  ADD COLUMN fee_justification text,
  ADD COLUMN refusal_ground text CHECK (refusal_ground IS NULL OR refusal_ground IN ('manifestly_unfounded','excessive','identity_not_established','exemption')),
  ADD COLUMN refusal_reasons text,
  ADD COLUMN refusal_justification text,
  ADD COLUMN refusal_language text,
  ADD COLUMN refusal_text text,
  ADD COLUMN refused_at timestamptz;
ALTER TABLE compliance_requests ADD CONSTRAINT compliance_requests_fee_justified
  CHECK (fee_minor IS NULL OR length(btrim(coalesce(fee_justification, ''))) >= 20);
ALTER TABLE compliance_requests ADD CONSTRAINT compliance_requests_refusal_justified
  CHECK (refusal_ground IS NULL OR refusal_ground NOT IN ('manifestly_unfounded','excessive')
         OR length(btrim(coalesce(refusal_justification, ''))) >= 20);

-- Art. 28: vendors that process personal data for the workspace. `endpoints` are the host names an integration
-- (outbound webhook, LLM endpoint) sends data to; an integration to such a host is blocked until both flags hold.
CREATE TABLE compliance_processors (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  name text NOT NULL,
  purpose text NOT NULL,
  data_categories text[] NOT NULL DEFAULT '{}',
  region text NOT NULL,
  transfer_mechanism text NOT NULL DEFAULT 'none' CHECK (transfer_mechanism IN ('none','adequacy','dpf','scc','bcr','derogation')),
  dpa_signed boolean NOT NULL DEFAULT false,
  subproc_authorised boolean NOT NULL DEFAULT false,
  sub_processors jsonb NOT NULL DEFAULT '[]',
  endpoints text[] NOT NULL DEFAULT '{}',
  is_recipient boolean NOT NULL DEFAULT true,
  notify_email text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX compliance_processors_name_uq ON compliance_processors (workspace_id, lower(name));

-- Strict mode: integrations to hosts that no processor entry covers are blocked as well.
CREATE TABLE compliance_processor_policy (
  workspace_id text PRIMARY KEY REFERENCES workspaces(id),
  require_registered boolean NOT NULL DEFAULT false,
  updated_at timestamptz NOT NULL
);

-- Art. 19: one logged notification per recipient for a rectification / objection (also erasure, restriction).
CREATE TABLE compliance_recipient_notifications (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  request_id text NOT NULL REFERENCES compliance_requests(id),
  processor_id text NOT NULL REFERENCES compliance_processors(id),
  kind text NOT NULL,
  address text,
  body text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending','sent','failed','no_contact')),
  error text,
  attempts integer NOT NULL DEFAULT 0,
  sent_at timestamptz,
  created_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX compliance_recipient_notifications_uq ON compliance_recipient_notifications (request_id, processor_id);
CREATE INDEX compliance_recipient_notifications_pending_idx ON compliance_recipient_notifications (status) WHERE status = 'pending';

-- Art. 44–49 transfer map inputs: where the database and the backups live (declared, the app cannot see it),
-- where agents work from, and every view of personal data from outside the EEA.
CREATE TABLE compliance_store_locations (
  workspace_id text NOT NULL REFERENCES workspaces(id),
  store text NOT NULL CHECK (store IN ('database','backups')),
  region text NOT NULL,
  provider text NOT NULL DEFAULT '',
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, store)
);
CREATE TABLE compliance_agent_locations (
  workspace_id text NOT NULL REFERENCES workspaces(id),
  user_id text,
  ip_prefix text,
  country text NOT NULL CHECK (country ~ '^[A-Z]{2}$'),
  updated_at timestamptz NOT NULL,
  CHECK ((user_id IS NULL) <> (ip_prefix IS NULL))
);
CREATE UNIQUE INDEX compliance_agent_locations_uq ON compliance_agent_locations (workspace_id, coalesce(user_id, ''), coalesce(ip_prefix, ''));
CREATE TABLE compliance_remote_access (
  id bigserial PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  user_id text NOT NULL,
  country text NOT NULL,
  basis text NOT NULL CHECK (basis IN ('user','ip')),
  customer_id text,
  route text NOT NULL DEFAULT '',
  accessed_at timestamptz NOT NULL
);
CREATE INDEX compliance_remote_access_ws_idx ON compliance_remote_access (workspace_id, accessed_at);

-- Art. 33(5): every breach in the register; Art. 34: notices to data subjects from a reviewed template, in batches.
CREATE TABLE compliance_breaches (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  case_id text REFERENCES compliance_cases(id),
  title text NOT NULL,
  description text NOT NULL,
  aware_at timestamptz NOT NULL,
  occurred_at timestamptz,
  data_categories text[] NOT NULL DEFAULT '{}',
  approx_subjects integer,
  risk text NOT NULL CHECK (risk IN ('unlikely','risk','high')),
  consequences text NOT NULL DEFAULT '',
  measures text NOT NULL DEFAULT '',
  sa_notification_required boolean NOT NULL,
  created_by text,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE TABLE compliance_breach_templates (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  breach_id text NOT NULL REFERENCES compliance_breaches(id),
  language text NOT NULL,
  subject text NOT NULL,
  body text NOT NULL,
  status text NOT NULL CHECK (status IN ('draft','reviewed')),
  written_by text,
  reviewed_by text,
  reviewed_at timestamptz,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  CHECK (status = 'draft' OR reviewed_at IS NOT NULL)
);
CREATE UNIQUE INDEX compliance_breach_templates_uq ON compliance_breach_templates (breach_id, language);
CREATE TABLE compliance_breach_batches (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  breach_id text NOT NULL REFERENCES compliance_breaches(id),
  template_id text NOT NULL REFERENCES compliance_breach_templates(id),
  channels text[] NOT NULL,
  recipients integer NOT NULL,
  sent integer NOT NULL DEFAULT 0,
  failed integer NOT NULL DEFAULT 0,
  created_by text,
  created_at timestamptz NOT NULL,
  finished_at timestamptz
);
CREATE TABLE compliance_breach_notices (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  batch_id text NOT NULL REFERENCES compliance_breach_batches(id),
  breach_id text NOT NULL REFERENCES compliance_breaches(id),
  customer_id text NOT NULL,
  channel text NOT NULL CHECK (channel IN ('email','in_app')),
  address text,
  subject text NOT NULL,
  body text NOT NULL,
  status text NOT NULL CHECK (status IN ('pending','sent','failed','no_address')),
  error text,
  attempts int NOT NULL DEFAULT 0,
  sent_at timestamptz,
  read_at timestamptz,
  created_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX compliance_breach_notices_uq ON compliance_breach_notices (batch_id, customer_id, channel);
CREATE INDEX compliance_breach_notices_customer_idx ON compliance_breach_notices (customer_id, channel);
