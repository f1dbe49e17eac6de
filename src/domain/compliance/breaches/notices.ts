import type { Clock } from '../../../platform/clock.js';
import type { Db, Queryable } from '../../../platform/db/index.js';
import { invalid, notFound } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';
import type { ComplianceMailSender } from '../processors/recipients.js';
import { loadBreach, reviewedTemplate } from './breaches.js';

export const NOTICE_CHANNELS = ['email', 'in_app'] as const;
export type NoticeChannel = (typeof NOTICE_CHANNELS)[number];
export const MAX_BATCH = 10_000;

export interface BreachBatch {
  id: string;
  breach_id: string;
  template_id: string;
  channels: string[];
  recipients: number;
  sent: number;
  failed: number;
  created_at: Date;
  finished_at: Date | null;
  by_status: Record<string, number>;
}

export interface BreachNotice {
  id: string;
  breach_id: string;
  channel: NoticeChannel;
  subject: string;
  body: string;
  status: string;
  sent_at: Date | null;
  read_at: Date | null;
}

const fill = (text: string, vars: Record<string, string>) => text.replace(/\{\{\s*(\w+)\s*\}\}/g, (_, k: string) => vars[k] ?? '');

/**
 * Art. 34: notify the affected people from a REVIEWED template, as one logged batch. E-mail notices are queued
 * (pending → sent by {@link deliverBreachNotices} after commit, through the outbound mail relay); in-app notices
 * are stored for the customer's app and count as delivered. `{{name}}` in the template is the person's name.
 */
export async function sendBreachNotices(
  ctx: Ctx, breachId: string, input: { template_id: string; customer_ids: string[]; channels?: NoticeChannel[] },
): Promise<BreachBatch> {
  authorize(ctx.actor, 'compliance.manage');
  await loadBreach(ctx, breachId);
  const tpl = await reviewedTemplate(ctx, breachId, input.template_id);
  const channels = [...new Set(input.channels?.length ? input.channels : NOTICE_CHANNELS)];
  if (channels.some((c) => !NOTICE_CHANNELS.includes(c))) throw invalid('INVALID_CHANNEL', `channels: ${NOTICE_CHANNELS.join(', ')}`);
  const ids = [...new Set(input.customer_ids ?? [])];
  if (ids.length === 0) throw invalid('RECIPIENTS_REQUIRED', 'Name the affected customers (customer_ids)');
  if (ids.length > MAX_BATCH) throw invalid('BATCH_TOO_LARGE', `At most ${MAX_BATCH} customers per batch`);
  const people = await ctx.tx.query<{ id: string; name: string | null; email: string | null }>(
    `SELECT c.id, c.name,
            (SELECT value FROM customer_identities WHERE customer_id = c.id AND kind = 'email' ORDER BY is_primary DESC, created_at LIMIT 1) AS email
       FROM customers c WHERE c.workspace_id = $1 AND c.id = ANY($2::text[])`, [ctx.actor.workspaceId, ids]);
  if (people.length !== ids.length) {
    const found = new Set(people.map((p) => p.id));
    throw notFound('CUSTOMER_NOT_FOUND', `Customer(s) ${ids.filter((i) => !found.has(i)).slice(0, 10).join(', ')}`);
  }
  const now = ctx.clock.now();
  const batchId = newId('bnb', now);
  await ctx.tx.query(
    `INSERT INTO compliance_breach_batches (id, workspace_id, breach_id, template_id, channels, recipients, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [batchId, ctx.actor.workspaceId, breachId, tpl.id, channels, people.length, ctx.actor.id, now]);
  const rows = people.flatMap((p) => channels.map((channel) => {
    const vars = { name: p.name?.trim() || 'customer' };
    const address = channel === 'email' ? p.email : null;
    const status = channel === 'in_app' ? 'sent' : address ? 'pending' : 'no_address';
    return [newId('bnt', now), p.id, channel, address, fill(tpl.subject, vars), fill(tpl.body, vars), status, channel === 'in_app' ? now : null];
  }));
  await ctx.tx.query(
    `INSERT INTO compliance_breach_notices (id, workspace_id, batch_id, breach_id, customer_id, channel, address, subject, body, status, sent_at, created_at)
     SELECT r->>0, $1, $2, $3, r->>1, r->>2, r->>3, r->>4, r->>5, r->>6, (r->>7)::timestamptz, $4 FROM jsonb_array_elements($5::jsonb) r`,
    [ctx.actor.workspaceId, batchId, breachId, now, JSON.stringify(rows)]);
  await refreshBatchCounts(ctx.tx, batchId, now);
  await recordChange(ctx, {
    event: 'compliance.breach_notice_sent', aggregateType: 'compliance_breach', aggregateId: breachId,
    payload: { batch_id: batchId, template_id: tpl.id, language: tpl.language, recipients: people.length, channels },
  });
  return loadBatch(ctx, batchId);
}

async function refreshBatchCounts(q: Queryable, batchId: string, at: Date): Promise<void> {
  await q.query(
    `UPDATE compliance_breach_batches b SET sent = s.sent, failed = s.failed,
            finished_at = CASE WHEN s.pending = 0 THEN coalesce(b.finished_at, $2) END
       FROM (SELECT count(*) FILTER (WHERE status = 'sent')::int AS sent, count(*) FILTER (WHERE status IN ('failed','no_address'))::int AS failed,
                    count(*) FILTER (WHERE status = 'pending')::int AS pending
               FROM compliance_breach_notices WHERE batch_id = $1) s
      WHERE b.id = $1`, [batchId, at]);
}

/** The batch log: counts per status, finished when nothing is pending. */
export async function loadBatch(ctx: Ctx, batchId: string): Promise<BreachBatch> {
  authorize(ctx.actor, 'compliance.manage');
  const b = await ctx.tx.maybeOne<Omit<BreachBatch, 'by_status'>>(
    `SELECT id, breach_id, template_id, channels, recipients, sent, failed, created_at, finished_at FROM compliance_breach_batches WHERE id = $1 AND workspace_id = $2`,
    [batchId, ctx.actor.workspaceId]);
  if (!b) throw notFound('BATCH_NOT_FOUND', 'Notice batch');
  const counts = await ctx.tx.query<{ k: string; n: number }>(
    `SELECT channel || ':' || status AS k, count(*)::int AS n FROM compliance_breach_notices WHERE batch_id = $1 GROUP BY 1 ORDER BY 1`, [batchId]);
  return { ...b, by_status: Object.fromEntries(counts.map((c) => [c.k, Number(c.n)])) };
}

export async function listBatches(ctx: Ctx, breachId: string): Promise<Array<Omit<BreachBatch, 'by_status'>>> {
  await loadBreach(ctx, breachId);
  return ctx.tx.query(`SELECT id, breach_id, template_id, channels, recipients, sent, failed, created_at, finished_at FROM compliance_breach_batches
    WHERE breach_id = $1 ORDER BY created_at, id`, [breachId]);
}

/** In-app notices of a customer (what the customer's app shows). */
export async function customerNotices(ctx: Ctx, customerId: string): Promise<BreachNotice[]> {
  authorize(ctx.actor, 'customers.read');
  return ctx.tx.query<BreachNotice>(
    `SELECT id, breach_id, channel, subject, body, status, sent_at, read_at FROM compliance_breach_notices
      WHERE workspace_id = $1 AND customer_id = $2 AND channel = 'in_app' ORDER BY created_at DESC`, [ctx.actor.workspaceId, customerId]);
}

/** Delivery attempts per e-mailed notice before it is marked 'failed' (same as recipient notifications). */
export const MAX_EMAIL_ATTEMPTS = 5;

/** E-mail the pending notices (outside a transaction); each batch's counts follow. Failures are retried next run. */
export async function deliverBreachNotices(db: Db, clock: Clock, send: ComplianceMailSender, limit = 200): Promise<{ sent: number; failed: number }> {
  const claimed = await db.query<{ id: string; batch_id: string; address: string; subject: string; body: string }>(
    `SELECT id, batch_id, address, subject, body FROM compliance_breach_notices WHERE status = 'pending' ORDER BY created_at, id LIMIT $1`, [limit]);
  const out = { sent: 0, failed: 0 };
  const batches = new Set<string>();
  for (const n of claimed) {
    batches.add(n.batch_id);
    try {
      await send({ to: n.address, subject: n.subject, text: n.body, messageId: `${n.id}@switchboard.local` });
      await db.query(`UPDATE compliance_breach_notices SET status = 'sent', sent_at = $2, error = NULL WHERE id = $1 AND status = 'pending'`, [n.id, clock.now()]);
      out.sent++;
    } catch (e) {
      out.failed++;
      // retried by the next runs; after MAX_EMAIL_ATTEMPTS the notice is 'failed' (visible in the batch log), so a
      // batch always finishes instead of staying 'pending' behind an address the relay keeps refusing
      await db.query(
        `UPDATE compliance_breach_notices SET error = $2, attempts = attempts + 1,
                status = CASE WHEN attempts + 1 >= $3 THEN 'failed' ELSE status END
          WHERE id = $1 AND status = 'pending'`,
        [n.id, String((e as Error)?.message ?? e).slice(0, 300), MAX_EMAIL_ATTEMPTS]);
    }
  }
  for (const b of batches) await refreshBatchCounts(db, b, clock.now());
  return out;
}
