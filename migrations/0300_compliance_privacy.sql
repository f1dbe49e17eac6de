-- Compliance (1): redaction settings and records, PII access log, hash-chained audit log.

-- Per-brand redaction patterns for inbound messages (builtin names and/or {name, regex} objects).
CREATE TABLE compliance_redaction_settings (
  brand_id text PRIMARY KEY REFERENCES brands(id) ON DELETE CASCADE,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  enabled boolean NOT NULL DEFAULT true,
  patterns jsonb NOT NULL,
  updated_at timestamptz NOT NULL
);

-- Manual (irreversible) redactions of a message or attachment; automatic ones are events.
CREATE TABLE compliance_redactions (
  id text PRIMARY KEY,
  workspace_id text NOT NULL REFERENCES workspaces(id),
  ticket_id text NOT NULL,
  message_id text,
  attachment_id text,
  kinds text[] NOT NULL DEFAULT '{}',
  reason text NOT NULL,
  actor_id text,
  created_at timestamptz NOT NULL
);
CREATE INDEX compliance_redactions_ticket_idx ON compliance_redactions (ticket_id);

-- Who viewed which customer's personal data (Art. 32 access log).
CREATE TABLE compliance_pii_access_log (
  id bigserial PRIMARY KEY,
  workspace_id text NOT NULL,
  user_id text NOT NULL,
  customer_id text NOT NULL,
  access text NOT NULL,
  viewed_at timestamptz NOT NULL
);
CREATE INDEX compliance_pii_access_customer_idx ON compliance_pii_access_log (customer_id, viewed_at DESC);
CREATE INDEX compliance_pii_access_user_idx ON compliance_pii_access_log (user_id, viewed_at DESC);

-- Audit hash chain. Each row carries the hash of the previous one; appends are serialised by the chain-head
-- row lock (held to commit), so the chain order is the commit order of audit writers, not seq order.
ALTER TABLE audit_log
  ADD COLUMN chain_pos bigint,
  ADD COLUMN content_hash text,
  ADD COLUMN prev_hash text,
  ADD COLUMN hash text,
  ADD COLUMN redacted_at timestamptz;

CREATE TABLE audit_chain_head (
  id integer PRIMARY KEY CHECK (id = 1),
  pos bigint NOT NULL,
  hash text NOT NULL
);

-- The digest of an entry's content (everything but the chain columns).
CREATE FUNCTION audit_content_hash(a audit_log) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(json_build_array(
    a.seq, a.workspace_id, a.actor_type, a.actor_id, a.action, a.entity_type, a.entity_id, a.ip, a.user_agent, a.request_id,
    a.changes, (extract(epoch FROM a.occurred_at) * 1000000)::bigint)::text, 'UTF8')), 'hex')
$$;

CREATE FUNCTION audit_link_hash(prev text, pos bigint, content text) RETURNS text LANGUAGE sql IMMUTABLE AS $$
  SELECT encode(sha256(convert_to(prev || ':' || pos::text || ':' || content, 'UTF8')), 'hex')
$$;

CREATE FUNCTION audit_chain_append() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head_pos bigint;
  head_hash text;
BEGIN
  SELECT pos, hash INTO head_pos, head_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE;
  NEW.chain_pos := head_pos + 1;
  NEW.prev_hash := head_hash;
  NEW.content_hash := audit_content_hash(NEW);
  NEW.hash := audit_link_hash(head_hash, NEW.chain_pos, NEW.content_hash);
  NEW.redacted_at := NULL;
  UPDATE audit_chain_head SET pos = NEW.chain_pos, hash = NEW.hash WHERE id = 1;
  RETURN NEW;
END $$;

-- Append-only: updates (erasure anonymisation) and deletes (retention) only inside a transaction that set
-- `switchboard.audit_maintenance = on` (SET LOCAL); the chain columns can never change.
CREATE FUNCTION audit_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF coalesce(current_setting('switchboard.audit_maintenance', true), '') <> 'on' THEN
    RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'UPDATE' AND (NEW.chain_pos IS DISTINCT FROM OLD.chain_pos OR NEW.hash IS DISTINCT FROM OLD.hash
      OR NEW.prev_hash IS DISTINCT FROM OLD.prev_hash OR NEW.content_hash IS DISTINCT FROM OLD.content_hash) THEN
    RAISE EXCEPTION 'audit chain columns are immutable' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;

-- Chain the rows written before this migration, in seq order.
DO $$
DECLARE
  r record;
  h text := repeat('0', 64);
  p bigint := 0;
  c text;
BEGIN
  FOR r IN SELECT * FROM audit_log ORDER BY seq LOOP
    p := p + 1;
    c := audit_content_hash(r);
    UPDATE audit_log SET chain_pos = p, prev_hash = h, content_hash = c, hash = audit_link_hash(h, p, c) WHERE seq = r.seq
      RETURNING hash INTO h;
  END LOOP;
  INSERT INTO audit_chain_head (id, pos, hash) VALUES (1, p, h);
END $$;

CREATE TRIGGER audit_chain_append BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_chain_append();
CREATE TRIGGER audit_guard BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_guard();
CREATE UNIQUE INDEX audit_chain_pos_uq ON audit_log (chain_pos);
