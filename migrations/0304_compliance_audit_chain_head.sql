-- Audit chain: keep the chain head in transaction-local settings while a transaction appends, and write the
-- head row once per statement (was: once per row, which made long single-transaction appends quadratic:
-- every row re-read a head row with one more dead version in the same transaction).
CREATE OR REPLACE FUNCTION audit_chain_append() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  head_pos bigint;
  head_hash text;
  cur text := coalesce(current_setting('switchboard.audit_chain_pos', true), '');
BEGIN
  IF cur = '' THEN
    -- First append of this transaction: lock the head row until commit (serialises concurrent writers).
    SELECT pos, hash INTO head_pos, head_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE;
  ELSE
    head_pos := cur::bigint;
    head_hash := current_setting('switchboard.audit_chain_hash');
  END IF;
  NEW.chain_pos := head_pos + 1;
  NEW.prev_hash := head_hash;
  NEW.content_hash := audit_content_hash(NEW);
  NEW.hash := audit_link_hash(head_hash, NEW.chain_pos, NEW.content_hash);
  NEW.redacted_at := NULL;
  PERFORM set_config('switchboard.audit_chain_pos', NEW.chain_pos::text, true);
  PERFORM set_config('switchboard.audit_chain_hash', NEW.hash, true);
  RETURN NEW;
END $$;

CREATE FUNCTION audit_chain_flush() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  cur text := coalesce(current_setting('switchboard.audit_chain_pos', true), '');
BEGIN
  IF cur <> '' THEN
    UPDATE audit_chain_head SET pos = cur::bigint, hash = current_setting('switchboard.audit_chain_hash')
     WHERE id = 1 AND pos <> cur::bigint;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER audit_chain_flush AFTER INSERT ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_chain_flush();
