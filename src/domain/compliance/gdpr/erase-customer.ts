import { AppError } from '../../../platform/errors.js';
import { newId, sha256 } from '../../../platform/ids.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';
import { ERASED, loadSubject, needleRegex, needlesOf, subjectHashes } from './subject.js';
import { sweepOtherStores } from './sweep-stores.js';

export interface StoreResult {
  store: string;
  action: 'erased' | 'anonymised' | 'scrubbed' | 'deleted';
  rows: number;
}
export interface KeptRecord {
  store: string;
  id: string;
  reason_code: string;
  note: string;
}
export interface ErasureReport {
  erasure_id: string;
  customer_id: string;
  erased_at: string;
  stores: StoreResult[];
  kept: KeptRecord[];
  /** Blobs of the file store no longer referenced (the caller deletes them after commit). */
  orphaned_files: string[];
  /** Earlier access exports of the person (ZIP paths; the caller deletes them after commit). */
  export_files: string[];
  backups: string;
  subject_hashes: string[];
}

const EMPTY_SHA = sha256(Buffer.alloc(0));
export const BACKUP_NOTICE = 'Backups are kept beyond use until overwritten in the normal cycle (35 days); the erasure is re-applied from its tombstone after any restore.';

/**
 * Erase (irreversibly anonymise) a person in every store: customer and identities, their tickets (subject,
 * messages, attachments, custom fields), search columns (generated from those), event payloads and audit
 * changes that mention them, and every other module's text columns (sweep-stores.ts). Records kept under an
 * Art. 17(3) exception are listed with their reason code. Returns the report; the tombstone row is written here.
 */
export async function eraseCustomer(ctx: Ctx, customerId: string, opts: { requestId?: string | null; reapply?: boolean } = {}): Promise<ErasureReport> {
  authorize(ctx.actor, 'compliance.manage');
  const tx = ctx.tx;
  const ws = ctx.actor.workspaceId;
  const holds = await tx.query<{ id: string; ticket_id: string | null; reason_code: string; note: string }>(
    'SELECT id, ticket_id, reason_code, note FROM compliance_legal_holds WHERE workspace_id = $1 AND customer_id = $2 AND released_at IS NULL',
    [ws, customerId],
  );
  const personHold = holds.find((h) => h.ticket_id === null);
  if (personHold) {
    throw new AppError('LEGAL_HOLD_ACTIVE', `A legal hold (${personHold.reason_code}) covers this person; release it or erase after it ends`, 'conflict', { hold_id: personHold.id });
  }
  const subject = await loadSubject(tx, ws, customerId);
  const needles = needlesOf(subject);
  const re = needleRegex(needles);
  const hashes = subjectHashes(subject);
  const now = ctx.clock.now();
  const stores: StoreResult[] = [];
  const kept: KeptRecord[] = [];
  const add = (store: string, action: StoreResult['action'], rows: number) => stores.push({ store, action, rows });

  // Art. 17(3)(e): open disputes/chargebacks are kept as legal claims; tickets under a legal hold likewise.
  const disputes = await tx.query<{ id: string; ticket_id: string | null }>(
    `SELECT id, ticket_id FROM compliance_payment_complaints WHERE workspace_id = $1 AND customer_id = $2 AND status = 'open'`, [ws, customerId],
  );
  for (const d of disputes) kept.push({ store: 'payment_complaints', id: d.id, reason_code: 'legal_claims', note: 'open payment dispute' });
  const keptTickets = new Set<string>();
  for (const h of holds) if (h.ticket_id) { keptTickets.add(h.ticket_id); kept.push({ store: 'tickets', id: h.ticket_id, reason_code: h.reason_code, note: h.note }); }
  for (const d of disputes) if (d.ticket_id && !keptTickets.has(d.ticket_id)) { keptTickets.add(d.ticket_id); kept.push({ store: 'tickets', id: d.ticket_id, reason_code: 'legal_claims', note: 'ticket of an open payment dispute' }); }

  const tickets = (await tx.query<{ id: string }>('SELECT id FROM tickets WHERE workspace_id = $1 AND requester_id = $2', [ws, customerId]))
    .map((r) => r.id).filter((id) => !keptTickets.has(id));

  const t = await tx.query(`UPDATE tickets SET subject = $2, custom_fields = '{}', tags = '{}', external_id = NULL WHERE id = ANY($1::text[]) RETURNING 1`, [tickets, ERASED]);
  add('tickets (subject, fields, tags; search column regenerated)', 'anonymised', t.length);
  const m = await tx.query(
    `UPDATE messages SET body_text = $3, body_html = NULL
      WHERE workspace_id = $4 AND (ticket_id = ANY($1::text[]) OR (author_customer_id = $2 AND NOT ticket_id = ANY($5::text[]))) RETURNING 1`,
    [tickets, customerId, ERASED, ws, [...keptTickets]],
  );
  add('messages (bodies; search column regenerated)', 'erased', m.length);
  if (re) {
    const elsewhere = await tx.query(
      `UPDATE messages SET body_text = regexp_replace(body_text, $2, $3, 'gi'), body_html = regexp_replace(body_html, $2, $3, 'gi')
        WHERE workspace_id = $1 AND NOT ticket_id = ANY($4::text[]) AND (body_text ~* $2 OR body_html ~* $2) RETURNING 1`,
      [ws, re, ERASED, [...keptTickets]],
    );
    add('messages of other tickets mentioning the person', 'scrubbed', elsewhere.length);
  }
  const files = await tx.query<{ sha256: string }>(
    `WITH old AS (SELECT a.id, a.sha256 FROM attachments a JOIN messages m ON m.id = a.message_id
                   WHERE m.ticket_id = ANY($1::text[]) AND a.sha256 <> $3),
          upd AS (UPDATE attachments SET filename = $2, declared_type = NULL, size_bytes = 0, sha256 = $3 FROM old WHERE attachments.id = old.id RETURNING old.sha256)
     SELECT DISTINCT sha256 FROM upd`,
    [tickets, ERASED, EMPTY_SHA],
  );
  add('attachments (metadata; file content deleted)', 'erased', files.length);

  // Event payloads and audit changes: set maintenance for this transaction only.
  await tx.query(`SELECT set_config('switchboard.audit_maintenance', 'on', true)`);
  const related = [customerId, ...tickets];
  // events has a DO INSTEAD rule (append-only): no RETURNING there, so count first.
  const evWhere = `(aggregate_id = ANY($1::text[]) OR ticket_id = ANY($1::text[])) AND (payload ? 'subject' OR payload ? 'name')`;
  let evRows = Number((await tx.one<{ n: string }>(`SELECT count(*) AS n FROM events WHERE ${evWhere}`, [related])).n);
  await tx.query(
    `UPDATE events SET payload = CASE WHEN payload ? 'subject' THEN jsonb_set(payload, '{subject}', to_jsonb($2::text)) ELSE payload END WHERE ${evWhere}`,
    [related, ERASED],
  );
  if (re) {
    evRows += Number((await tx.one<{ n: string }>(`SELECT count(*) AS n FROM events WHERE payload::text ~* $1`, [re])).n);
    await tx.query(`UPDATE events SET payload = regexp_replace(payload::text, $1, $2, 'gi')::jsonb WHERE payload::text ~* $1`, [re, ERASED]);
  }
  add('event log payloads', 'scrubbed', evRows);
  const au = await tx.query(
    `UPDATE audit_log SET changes = CASE WHEN changes ? 'subject' THEN jsonb_set(changes, '{subject}', to_jsonb($2::text)) ELSE changes END, redacted_at = $3
      WHERE entity_id = ANY($1::text[]) AND (changes ? 'subject' OR changes ? 'name') RETURNING 1`,
    [related, ERASED, now],
  );
  let auRows = au.length;
  if (re) auRows += (await tx.query(`UPDATE audit_log SET changes = regexp_replace(changes::text, $1, $2, 'gi')::jsonb, redacted_at = $3 WHERE changes::text ~* $1 RETURNING 1`, [re, ERASED, now])).length;
  add('audit log changes (chain digests kept)', 'scrubbed', auRows);
  await tx.query(`SELECT set_config('switchboard.audit_maintenance', 'off', true)`);

  const idn = await tx.query('DELETE FROM customer_identities WHERE customer_id = $1 RETURNING 1', [customerId]);
  add('customer identities (emails, phones, external ids)', 'deleted', idn.length);
  await tx.query(
    `UPDATE customers SET name = 'Erased customer', notes = '', locale = NULL, country = NULL, time_zone = NULL, organization_id = NULL, updated_at = $2 WHERE id = $1`,
    [customerId, now],
  );
  add('customer profile', 'anonymised', 1);
  const req = await tx.query(`UPDATE compliance_requests SET message = $2 WHERE customer_id = $1 RETURNING 1`, [customerId, ERASED]);
  add('data-subject requests (free text)', 'erased', req.length);
  const cases = await tx.query(`UPDATE compliance_cases SET details = '{}' WHERE customer_id = $1 RETURNING 1`, [customerId]);
  add('regulatory cases (details; dates and outcomes kept as evidence)', 'anonymised', cases.length);
  if (re) for (const s of await sweepOtherStores(tx, re, ERASED)) add(s.store, 'scrubbed', s.rows);

  const exportsDone = await tx.query<{ file_path: string }>(
    `UPDATE compliance_exports SET token_hash = 'revoked', expires_at = $2 WHERE customer_id = $1 RETURNING file_path`, [customerId, now]);
  add('access exports (ZIP files deleted, links revoked)', 'deleted', exportsDone.length);
  const orphaned: string[] = [];
  for (const f of files) {
    const still = await tx.maybeOne('SELECT 1 FROM attachments WHERE sha256 = $1 LIMIT 1', [f.sha256]);
    if (!still && f.sha256 !== EMPTY_SHA) orphaned.push(f.sha256);
  }
  const erasureId = newId('era', now);
  const report: ErasureReport = {
    erasure_id: erasureId, customer_id: customerId, erased_at: now.toISOString(), stores, kept, orphaned_files: orphaned, export_files: exportsDone.map((e) => e.file_path), backups: BACKUP_NOTICE,
    subject_hashes: hashes,
  };
  await tx.query(
    `INSERT INTO compliance_erasures (id, workspace_id, customer_id, request_id, subject_hashes, report, erased_at) VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7)`,
    [erasureId, ws, customerId, opts.requestId ?? null, hashes, JSON.stringify(report), now],
  );
  await recordChange(ctx, {
    event: 'compliance.customer_erased', aggregateType: 'customer', aggregateId: customerId,
    payload: { erasure_id: erasureId, reapplied: !!opts.reapply, tickets: tickets.length, kept: kept.map((k) => ({ store: k.store, id: k.id, reason_code: k.reason_code })) },
  });
  return report;
}
