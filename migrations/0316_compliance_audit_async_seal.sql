-- Audit chain sealed asynchronously (ADR 0004). Inserts no longer lock `audit_chain_head`: a row is written
-- unsealed (chain_pos / prev_hash / hash NULL) with its content digest and its transaction id; the sealer
-- (`audit_seal`, run by the job `compliance.seal-audit-chain` and first thing by every verify/export) links
-- committed unsealed rows onto the head, ordered by (xid, seq). Rows chained before this migration stay as
-- they are; the sealer continues from `audit_chain_head`.
ALTER TABLE audit_log ADD COLUMN xid xid8;

DROP TRIGGER audit_chain_flush ON audit_log;
DROP FUNCTION audit_chain_flush();
DROP TRIGGER audit_chain_append ON audit_log;
DROP FUNCTION audit_chain_append();

-- Insert: digest of the content as written (so a later change of an unsealed row is still caught by the
-- digest), the writer's top-level transaction id, and no chain columns (they are the sealer's only).
CREATE FUNCTION audit_prepare() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  NEW.xid := pg_current_xact_id();
  NEW.chain_pos := NULL;
  NEW.prev_hash := NULL;
  NEW.hash := NULL;
  NEW.redacted_at := NULL;
  NEW.content_hash := audit_content_hash(NEW);
  RETURN NEW;
END $$;
CREATE TRIGGER audit_prepare BEFORE INSERT ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_prepare();

-- Append-only as before; in addition the sealer (transaction-local `switchboard.audit_seal = on`) may set
-- the chain columns of an unsealed row exactly once (NULL → value, and the digest only if it was missing),
-- changing nothing else. Sealed chain columns, the digest and xid never change.
CREATE OR REPLACE FUNCTION audit_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND coalesce(current_setting('switchboard.audit_seal', true), '') = 'on' THEN
    IF OLD.chain_pos IS NOT NULL OR OLD.prev_hash IS NOT NULL OR OLD.hash IS NOT NULL
        OR NEW.chain_pos IS NULL OR NEW.prev_hash IS NULL OR NEW.hash IS NULL OR NEW.content_hash IS NULL
        OR (OLD.content_hash IS NOT NULL AND NEW.content_hash IS DISTINCT FROM OLD.content_hash)
        OR (to_jsonb(NEW) - ARRAY['chain_pos', 'prev_hash', 'hash', 'content_hash'])
           IS DISTINCT FROM (to_jsonb(OLD) - ARRAY['chain_pos', 'prev_hash', 'hash', 'content_hash']) THEN
      RAISE EXCEPTION 'audit entries are sealed once and only their chain columns are set'
        USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
  END IF;
  IF coalesce(current_setting('switchboard.audit_maintenance', true), '') <> 'on' THEN
    RAISE EXCEPTION 'audit_log is append-only' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'UPDATE' AND (NEW.chain_pos IS DISTINCT FROM OLD.chain_pos OR NEW.hash IS DISTINCT FROM OLD.hash
      OR NEW.prev_hash IS DISTINCT FROM OLD.prev_hash OR NEW.content_hash IS DISTINCT FROM OLD.content_hash
      OR NEW.xid IS DISTINCT FROM OLD.xid) THEN
    RAISE EXCEPTION 'audit chain columns are immutable' USING ERRCODE = 'insufficient_privilege';
  END IF;
  IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
  RETURN NEW;
END $$;

-- Seal up to `max_rows` committed unsealed rows (those visible to this statement's snapshot; the caller's own
-- uncommitted rows too, atomically with it). One sealer at a time: the head row lock, held to commit, is now
-- taken only here. Returns the number of rows sealed.
CREATE FUNCTION audit_seal(max_rows integer) RETURNS integer LANGUAGE plpgsql AS $$
DECLARE
  head_pos bigint;
  head_hash text;
  prev text;
  content text;
  r record;
  n integer := 0;
  hit integer;
BEGIN
  SELECT pos, hash INTO head_pos, head_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE;
  PERFORM set_config('switchboard.audit_seal', 'on', true);
  FOR r IN SELECT a.seq, coalesce(a.content_hash, audit_content_hash(a)) AS content
             FROM audit_log a WHERE a.chain_pos IS NULL ORDER BY a.xid, a.seq LIMIT max_rows LOOP
    prev := head_hash;
    content := r.content;
    UPDATE audit_log SET chain_pos = head_pos + 1, prev_hash = prev, content_hash = content,
                         hash = audit_link_hash(prev, head_pos + 1, content)
     WHERE seq = r.seq AND chain_pos IS NULL;
    GET DIAGNOSTICS hit = ROW_COUNT;
    IF hit = 1 THEN
      head_pos := head_pos + 1;
      head_hash := audit_link_hash(prev, head_pos, content);
      n := n + 1;
    END IF;
  END LOOP;
  PERFORM set_config('switchboard.audit_seal', 'off', true);
  IF n > 0 THEN
    UPDATE audit_chain_head SET pos = head_pos, hash = head_hash WHERE id = 1;
  END IF;
  RETURN n;
END $$;

CREATE INDEX audit_unsealed_idx ON audit_log (xid, seq) WHERE chain_pos IS NULL;
