-- Compliance (part B): PSD2 Art. 73 refund / withhold, Art. 74 liability; DSA Art. 23 warnings and suspensions;
-- DSA Art. 14 versioned terms (appeal-procedure rules, moderation section).

ALTER TABLE compliance_payment_complaints
  ADD COLUMN refund_id text,
  ADD COLUMN refund_value_date date,
  ADD COLUMN refunded_at timestamptz,
  ADD COLUMN withheld_at timestamptz,
  ADD COLUMN nca_letter_attachment_id text,
  ADD COLUMN nca_reported_on date,
  ADD COLUMN withhold_reason text,
  ADD COLUMN liability jsonb;
-- The withhold path is only valid with the NCA letter attached and its date (fraud suspicion reported in writing).
ALTER TABLE compliance_payment_complaints ADD CONSTRAINT compliance_payment_complaints_withhold_letter
  CHECK (withheld_at IS NULL OR (nca_letter_attachment_id IS NOT NULL AND nca_reported_on IS NOT NULL));

-- Art. 23: a suspension always points to an earlier warning of the same person.
CREATE TABLE compliance_dsa_measures (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  customer_id text NOT NULL REFERENCES customers(id),
  kind text NOT NULL CHECK (kind IN ('warning','suspension')),
  ground text NOT NULL CHECK (ground IN ('manifestly_illegal_content','unfounded_notices','unfounded_complaints')),
  reason text NOT NULL,
  warning_id text REFERENCES compliance_dsa_measures(id),
  statement_id text REFERENCES compliance_dsa_statements(id),
  starts_at timestamptz NOT NULL,
  ends_at timestamptz,
  created_by text,
  created_at timestamptz NOT NULL,
  CHECK (kind = 'warning' OR (warning_id IS NOT NULL AND ends_at IS NOT NULL))
);
CREATE INDEX compliance_dsa_measures_customer_idx ON compliance_dsa_measures (workspace_id, customer_id, created_at);

-- Art. 14: versioned terms pages (draft → published → superseded), served publicly as JSON and HTML.
CREATE TABLE compliance_terms_versions (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  slug text NOT NULL,
  version integer NOT NULL,
  status text NOT NULL CHECK (status IN ('draft','published','superseded')),
  title text NOT NULL,
  sections jsonb NOT NULL,
  significant boolean NOT NULL DEFAULT false,
  change_summary text,
  created_by text,
  created_at timestamptz NOT NULL,
  published_by text,
  published_at timestamptz,
  UNIQUE (workspace_id, slug, version)
);
CREATE UNIQUE INDEX compliance_terms_one_draft ON compliance_terms_versions (workspace_id, slug) WHERE status = 'draft';
CREATE UNIQUE INDEX compliance_terms_one_published ON compliance_terms_versions (workspace_id, slug) WHERE status = 'published';

ALTER TABLE compliance_dsa_statements ADD COLUMN terms_version_id text REFERENCES compliance_terms_versions(id);
