-- Self-service assistant (module assistant): intent examples and model versions, intent → knowledge/SOP
-- mapping, conversations with their turns, SCA step-up challenges.

CREATE TABLE assistant_examples (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  text text NOT NULL,
  label text NOT NULL,
  source text NOT NULL CHECK (source IN ('import','editor','ticket')),
  ticket_id text REFERENCES tickets(id),
  created_at timestamptz NOT NULL,
  UNIQUE (workspace_id, label, text)
);
CREATE INDEX assistant_examples_ws_idx ON assistant_examples (workspace_id, label);

CREATE TABLE assistant_models (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  version integer NOT NULL,
  status text NOT NULL CHECK (status IN ('training','ready','failed')),
  is_active boolean NOT NULL DEFAULT false,
  progress real NOT NULL DEFAULT 0,
  examples integer NOT NULL DEFAULT 0,
  intents integer NOT NULL DEFAULT 0,
  metrics jsonb NOT NULL DEFAULT '{}',
  model bytea,
  error text,
  seed integer NOT NULL DEFAULT 42,
  created_by text,
  created_at timestamptz NOT NULL,
  finished_at timestamptz,
  UNIQUE (workspace_id, version)
);
CREATE UNIQUE INDEX assistant_models_active_idx ON assistant_models (workspace_id) WHERE is_active;

-- Per intent: the Help Center articles that answer it and the SOP the assistant runs (snapshot + reference).
CREATE TABLE assistant_intents (
  workspace_id text NOT NULL REFERENCES workspaces(id),
  intent text NOT NULL,
  title text NOT NULL DEFAULT '',
  article_ids text[] NOT NULL DEFAULT '{}',
  flow jsonb,
  sop_ref text,
  sop_version integer,
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (workspace_id, intent)
);

CREATE TABLE assistant_conversations (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  brand_id text REFERENCES brands(id),
  channel text NOT NULL,
  customer_id text REFERENCES customers(id),
  customer_email text,
  external_ref text,
  ticket_id text REFERENCES tickets(id),
  language text,
  intent text,
  confidence real,
  status text NOT NULL CHECK (status IN ('active','handed_off','ended')),
  answered boolean NOT NULL DEFAULT false,
  confirmed boolean,
  rating integer CHECK (rating BETWEEN 1 AND 5),
  model_id text REFERENCES assistant_models(id),
  sop_ref text,
  sop_version integer,
  state jsonb NOT NULL DEFAULT '{}',
  handoff jsonb,
  turns integer NOT NULL DEFAULT 0,
  started_at timestamptz NOT NULL,
  last_activity_at timestamptz NOT NULL,
  ended_at timestamptz
);
CREATE INDEX assistant_conversations_ws_idx ON assistant_conversations (workspace_id, started_at DESC);
CREATE INDEX assistant_conversations_customer_idx ON assistant_conversations (workspace_id, customer_id, intent, started_at);
CREATE UNIQUE INDEX assistant_conversations_ref_idx ON assistant_conversations (workspace_id, external_ref) WHERE external_ref IS NOT NULL;

CREATE TABLE assistant_turns (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  conversation_id text NOT NULL REFERENCES assistant_conversations(id) ON DELETE CASCADE,
  seq integer NOT NULL,
  role text NOT NULL CHECK (role IN ('customer','assistant')),
  text text NOT NULL,
  meta jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL,
  UNIQUE (conversation_id, seq)
);

CREATE TABLE assistant_sca_challenges (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  conversation_id text NOT NULL REFERENCES assistant_conversations(id) ON DELETE CASCADE,
  amount_minor bigint NOT NULL,
  currency text NOT NULL,
  payee text NOT NULL,
  code_hash text NOT NULL,
  attempts integer NOT NULL DEFAULT 0,
  expires_at timestamptz NOT NULL,
  verified_at timestamptz,
  created_at timestamptz NOT NULL
);
