import { conflict, invalid, notFound } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';
import { CASE_TYPE_RULES, type CaseType } from '../regulatory/builtin-rules.js';
import { computeDeadlines } from '../regulatory/compute-deadlines.js';
import { resolveRule, workspaceCalendar } from '../regulatory/rule-sets.js';
import { CASE_COLUMNS, type ComplianceCase } from './case.js';

export interface OpenCaseInput {
  type: CaseType;
  ticket_id?: string;
  customer_id?: string;
  /** Country whose business calendar applies (default: the rule's). */
  country?: string;
  /** When the request/complaint was received (default: now); never in the future. */
  received_at?: Date;
  /** Start of start-based windows (e.g. when a DSA decision was notified). */
  start_at?: Date;
  channel?: string;
  details?: Record<string, unknown>;
}

/** Open a regulatory case: resolves the rule in force, snapshots it and computes every clock from receipt. */
export async function openCase(ctx: Ctx, input: OpenCaseInput): Promise<ComplianceCase> {
  authorize(ctx.actor, 'tickets.write');
  const ruleKey = CASE_TYPE_RULES[input.type];
  if (!ruleKey) throw invalid('UNKNOWN_CASE_TYPE', `Unknown case type "${input.type}"`);
  const now = ctx.clock.now();
  const received = input.received_at ?? now;
  if (received.getTime() > now.getTime() + 60_000) throw invalid('RECEIVED_IN_FUTURE', 'received_at cannot be in the future');
  let customerId = input.customer_id ?? null;
  if (input.ticket_id) {
    const t = await ctx.tx.maybeOne<{ requester_id: string; country: string | null }>(
      'SELECT requester_id, country FROM tickets WHERE id = $1 AND workspace_id = $2', [input.ticket_id, ctx.actor.workspaceId],
    );
    if (!t) throw notFound('TICKET_NOT_FOUND', 'Ticket');
    customerId ??= t.requester_id;
    const dup = await ctx.tx.maybeOne<{ id: string }>(
      `SELECT id FROM compliance_cases WHERE ticket_id = $1 AND type = $2 AND status IN ('open','paused')`, [input.ticket_id, input.type],
    );
    if (dup) throw conflict('DUPLICATE_CASE', `This ticket already has an open ${input.type} case`, { case_id: dup.id });
  }
  if (customerId && !input.ticket_id) {
    const c = await ctx.tx.maybeOne('SELECT 1 FROM customers WHERE id = $1 AND workspace_id = $2', [customerId, ctx.actor.workspaceId]);
    if (!c) throw notFound('CUSTOMER_NOT_FOUND', 'Customer');
  }
  const rule = await resolveRule(ctx, ruleKey);
  const country = input.country ?? rule.default_country;
  const cal = await workspaceCalendar(ctx, country);
  const d = computeDeadlines(rule, { receivedAt: received, startAt: input.start_at }, cal);
  const id = newId('rcs', now);
  const row = await ctx.tx.one<ComplianceCase>(
    `INSERT INTO compliance_cases (id, workspace_id, type, ticket_id, customer_id, country, channel, rule_key, rule_version, rule, received_at,
        start_at, original_due_at, due_at, due_date, warn_at, clocks, status, details, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10::jsonb, $11, $12, $13, $13, $14, $15, $16::jsonb, 'open', $17::jsonb, $18, $18)
     RETURNING ${CASE_COLUMNS}`,
    [id, ctx.actor.workspaceId, input.type, input.ticket_id ?? null, customerId, country, input.channel ?? ctx.meta.channel ?? 'web', rule.key,
      rule.version, JSON.stringify(rule), received, input.start_at ?? null, d.due_at, d.due_date, d.warn_at, JSON.stringify(d.clocks),
      JSON.stringify(input.details ?? {}), now],
  );
  await recordChange(ctx, {
    event: 'compliance.case_opened', aggregateType: 'compliance_case', aggregateId: id, ticketId: input.ticket_id ?? null,
    payload: {
      type: input.type, rule_key: rule.key, rule_version: rule.version, country, channel: row.channel,
      received_at: received.toISOString(), due_at: d.due_at.toISOString(), jurisdiction: rule.regime,
    },
  });
  return row;
}
