-- Conversation test runs started from the admin page (POST /api/v1/assistant/test-runs): results per script.
CREATE TABLE assistant_test_runs (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  model_id text REFERENCES assistant_models(id) ON DELETE SET NULL,
  scripts integer NOT NULL,
  passed integer NOT NULL,
  failed integer NOT NULL,
  unsafe_actions integer NOT NULL,
  results jsonb NOT NULL,
  created_by text,
  created_at timestamptz NOT NULL
);
CREATE INDEX assistant_test_runs_ws_idx ON assistant_test_runs (workspace_id, created_at DESC);
