-- Scheduled e-mailed reports (module: analytics).
CREATE TABLE report_schedules (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  name text NOT NULL,
  frequency text NOT NULL CHECK (frequency IN ('daily', 'weekly')),
  hour smallint NOT NULL CHECK (hour BETWEEN 0 AND 23),
  -- ISO weekday for weekly reports: 1 = Monday … 7 = Sunday
  weekday smallint CHECK (weekday BETWEEN 1 AND 7),
  tz text NOT NULL,
  recipients text[] NOT NULL,
  filters jsonb NOT NULL DEFAULT '{}',
  active boolean NOT NULL DEFAULT true,
  created_by text REFERENCES users(id),
  next_run_at timestamptz NOT NULL,
  last_run_at timestamptz,
  last_status text,
  last_error text,
  created_at timestamptz NOT NULL
);
CREATE INDEX report_schedules_due_idx ON report_schedules (next_run_at) WHERE active;
