import { conflict, invalid, notFound } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import type { Queryable } from '../../../platform/db/index.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';

export const HOLD_REASONS = ['legal_claims', 'legal_obligation', 'freedom_of_expression', 'public_health', 'archiving'] as const;

export async function setLegalHold(ctx: Ctx, input: { customer_id: string; ticket_id?: string | null; reason_code: string; note?: string }): Promise<{ id: string }> {
  authorize(ctx.actor, 'compliance.manage');
  if (!HOLD_REASONS.includes(input.reason_code as never)) throw invalid('UNKNOWN_REASON_CODE', `reason_code must be one of ${HOLD_REASONS.join(', ')}`);
  const c = await ctx.tx.maybeOne('SELECT 1 FROM customers WHERE id = $1 AND workspace_id = $2', [input.customer_id, ctx.actor.workspaceId]);
  if (!c) throw notFound('CUSTOMER_NOT_FOUND', 'Customer');
  if (input.ticket_id) {
    const t = await ctx.tx.maybeOne('SELECT 1 FROM tickets WHERE id = $1 AND requester_id = $2', [input.ticket_id, input.customer_id]);
    if (!t) throw notFound('TICKET_NOT_FOUND', 'Ticket of this customer');
  }
  const id = newId('hld', ctx.clock.now());
  await ctx.tx.query(
    `INSERT INTO compliance_legal_holds (id, workspace_id, customer_id, ticket_id, reason_code, note, created_by, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
    [id, ctx.actor.workspaceId, input.customer_id, input.ticket_id ?? null, input.reason_code, input.note ?? '', ctx.actor.id, ctx.clock.now()],
  );
  await recordChange(ctx, { event: 'compliance.legal_hold_set', aggregateType: 'customer', aggregateId: input.customer_id, payload: { hold_id: id, ticket_id: input.ticket_id ?? null, reason_code: input.reason_code } });
  return { id };
}

export async function releaseLegalHold(ctx: Ctx, holdId: string): Promise<void> {
  authorize(ctx.actor, 'compliance.manage');
  const h = await ctx.tx.maybeOne<{ customer_id: string }>(
    'UPDATE compliance_legal_holds SET released_at = $3 WHERE id = $1 AND workspace_id = $2 AND released_at IS NULL RETURNING customer_id',
    [holdId, ctx.actor.workspaceId, ctx.clock.now()],
  );
  if (!h) throw notFound('HOLD_NOT_FOUND', 'Active legal hold');
  await recordChange(ctx, { event: 'compliance.legal_hold_released', aggregateType: 'customer', aggregateId: h.customer_id, payload: { hold_id: holdId } });
}

/** Art. 18: restrict processing — the person is excluded from analytics, model training and automations. */
export async function restrictProcessing(ctx: Ctx, customerId: string, reason: string): Promise<void> {
  authorize(ctx.actor, 'compliance.manage');
  if (!reason?.trim()) throw invalid('REASON_REQUIRED', 'A restriction needs a reason');
  const c = await ctx.tx.maybeOne('SELECT 1 FROM customers WHERE id = $1 AND workspace_id = $2', [customerId, ctx.actor.workspaceId]);
  if (!c) throw notFound('CUSTOMER_NOT_FOUND', 'Customer');
  const r = await ctx.tx.query(
    `INSERT INTO compliance_restrictions (customer_id, workspace_id, reason, restricted_at, restricted_by) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (customer_id) DO NOTHING RETURNING 1`,
    [customerId, ctx.actor.workspaceId, reason.trim(), ctx.clock.now(), ctx.actor.id],
  );
  if (!r.length) throw conflict('ALREADY_RESTRICTED', 'Processing is already restricted for this person');
  await recordChange(ctx, { event: 'compliance.restriction_set', aggregateType: 'customer', aggregateId: customerId, payload: { reason: reason.trim() } });
}

/** Lifting requires the notice to the person (G10: "tell the user before lifting it"). */
export async function liftRestriction(ctx: Ctx, customerId: string, input: { notice_sent: boolean }): Promise<void> {
  authorize(ctx.actor, 'compliance.manage');
  if (!input.notice_sent) throw invalid('NOTICE_REQUIRED', 'Tell the person before lifting the restriction (notice_sent: true)');
  const r = await ctx.tx.query('DELETE FROM compliance_restrictions WHERE customer_id = $1 AND workspace_id = $2 RETURNING 1', [customerId, ctx.actor.workspaceId]);
  if (!r.length) throw notFound('NOT_RESTRICTED', 'Restriction');
  await recordChange(ctx, { event: 'compliance.restriction_lifted', aggregateType: 'customer', aggregateId: customerId, payload: { notice_sent: true } });
}

/** For analytics, model training and automations: is this person's processing restricted? */
export async function isProcessingRestricted(q: Queryable, customerId: string): Promise<boolean> {
  return !!(await q.maybeOne('SELECT 1 FROM compliance_restrictions WHERE customer_id = $1', [customerId]));
}

/** All restricted customer ids of a workspace (to exclude from datasets in one query). */
export async function restrictedCustomerIds(q: Queryable, workspaceId: string): Promise<Set<string>> {
  const rows = await q.query<{ customer_id: string }>('SELECT customer_id FROM compliance_restrictions WHERE workspace_id = $1', [workspaceId]);
  return new Set(rows.map((r) => r.customer_id));
}

/** SQL predicate other modules can splice in: `AND NOT EXISTS (…)` over a customer id column. */
export const NOT_RESTRICTED_SQL = (customerIdColumn: string) =>
  `NOT EXISTS (SELECT 1 FROM compliance_restrictions cr WHERE cr.customer_id = ${customerIdColumn})`;
