import type { Db } from '../../../platform/db/index.js';
import { systemActor, authorize, recordChanges, type Ctx } from '../../kernel/index.js';
import { CASE_COLUMNS, type ComplianceCase } from './case.js';

export interface RegulatoryDeadline {
  case_id: string;
  type: string;
  rule_key: string;
  regime: string;
  status: ComplianceCase['status'];
  due_at: Date;
  warn_at: Date;
  /** true once warn_at has passed (and the case is not answered). */
  due_soon: boolean;
  overdue: boolean;
}

/**
 * The open regulatory clocks of these tickets (for priority scores, views and the ticket panel):
 * ticket id → its open/paused cases, soonest first. Tickets without a case are absent from the map.
 */
export async function getRegulatoryDeadlines(ctx: Ctx, ticketIds: readonly string[]): Promise<Map<string, RegulatoryDeadline[]>> {
  const out = new Map<string, RegulatoryDeadline[]>();
  if (ticketIds.length === 0) return out;
  const rows = await ctx.tx.query<{ ticket_id: string; id: string; type: string; rule_key: string; regime: string; status: ComplianceCase['status']; due_at: Date; warn_at: Date }>(
    `SELECT ticket_id, id, type, rule_key, rule->>'regime' AS regime, status, due_at, warn_at FROM compliance_cases
      WHERE workspace_id = $1 AND ticket_id = ANY($2::text[]) AND status IN ('open','paused') ORDER BY due_at, id`,
    [ctx.actor.workspaceId, [...new Set(ticketIds)]],
  );
  const now = ctx.clock.now().getTime();
  for (const r of rows) {
    const list = out.get(r.ticket_id) ?? [];
    list.push({
      case_id: r.id, type: r.type, rule_key: r.rule_key, regime: r.regime, status: r.status, due_at: r.due_at, warn_at: r.warn_at,
      due_soon: r.warn_at.getTime() <= now, overdue: r.due_at.getTime() <= now,
    });
    out.set(r.ticket_id, list);
  }
  return out;
}

export interface CaseFilter {
  status?: ComplianceCase['status'];
  type?: string;
  ticket_id?: string;
  customer_id?: string;
  due_before?: Date;
  /** Regime of the rule (gdpr, psd2, dsa, ccpa, …). */
  regime?: string;
  /** `soon`: warning time passed, not yet due; `overdue`: due time passed (open or paused cases). */
  due?: 'soon' | 'overdue';
  limit?: number;
}

export async function listCases(ctx: Ctx, f: CaseFilter): Promise<ComplianceCase[]> {
  authorize(ctx.actor, 'tickets.read');
  return ctx.tx.query<ComplianceCase>(
    `SELECT ${CASE_COLUMNS} FROM compliance_cases
      WHERE workspace_id = $1 AND ($2::text IS NULL OR status = $2) AND ($3::text IS NULL OR type = $3)
        AND ($4::text IS NULL OR ticket_id = $4) AND ($5::text IS NULL OR customer_id = $5) AND ($6::timestamptz IS NULL OR due_at < $6)
        AND ($8::text IS NULL OR upper(rule->>'regime') = upper($8))
        AND ($9::text IS NULL OR (status IN ('open','paused') AND CASE WHEN $9 = 'overdue' THEN due_at <= $10 ELSE warn_at <= $10 AND due_at > $10 END))
      ORDER BY due_at, id LIMIT $7`,
    [ctx.actor.workspaceId, f.status ?? null, f.type ?? null, f.ticket_id ?? null, f.customer_id ?? null, f.due_before ?? null, Math.min(f.limit ?? 100, 500),
      f.regime ?? null, f.due ?? null, ctx.clock.now()],
  );
}

/**
 * Scheduled: mark open cases whose warning time has passed (one event each, so notifications and views
 * react). Idempotent: a case is warned once per due date (recomputing a later due clears the mark).
 */
export async function warnDueCases(db: Db, now: Date): Promise<number> {
  return db.transaction(async (tx) => {
    const rows = await tx.query<{ id: string; workspace_id: string; ticket_id: string | null; type: string; due_at: Date }>(
      `UPDATE compliance_cases SET warned_at = $1
        WHERE id IN (SELECT id FROM compliance_cases WHERE status = 'open' AND warned_at IS NULL AND warn_at <= $1 ORDER BY warn_at LIMIT 500 FOR UPDATE SKIP LOCKED)
        RETURNING id, workspace_id, ticket_id, type, due_at`,
      [now],
    );
    const byWs = new Map<string, typeof rows>();
    for (const r of rows) byWs.set(r.workspace_id, [...(byWs.get(r.workspace_id) ?? []), r]);
    for (const [ws, list] of byWs) {
      const ctx: Ctx = { actor: systemActor(ws), tx, clock: { now: () => now }, meta: { channel: 'system' } };
      await recordChanges(ctx, list.map((r) => ({
        event: 'compliance.case_due_soon' as const, aggregateType: 'compliance_case', aggregateId: r.id, ticketId: r.ticket_id,
        payload: { type: r.type, due_at: r.due_at.toISOString(), overdue: r.due_at.getTime() <= now.getTime() },
        audit: false as const,
      })));
    }
    return rows.length;
  });
}

/** The case's own history: every clock change with its reason, and the events of the record the case belongs to. */
export async function caseTimeline(ctx: Ctx, caseId: string): Promise<Array<{ at: Date; name: string; actor_type: string | null; payload: unknown }>> {
  authorize(ctx.actor, 'tickets.read');
  const owners = await ctx.tx.query<{ id: string }>(
    `SELECT id FROM compliance_payment_complaints WHERE case_id = $1 UNION ALL SELECT id FROM compliance_dsa_appeals WHERE case_id = $1
     UNION ALL SELECT id FROM compliance_dsa_notices WHERE case_id = $1 UNION ALL SELECT id FROM compliance_requests WHERE case_id = $1`, [caseId]);
  return ctx.tx.query(
    `SELECT occurred_at AS at, name, actor_type, payload FROM events
      WHERE aggregate_type = ANY($2::text[]) AND aggregate_id = ANY($3::text[]) AND workspace_id = $1 ORDER BY seq`,
    [ctx.actor.workspaceId, ['compliance_case', 'payment_complaint', 'dsa_appeal', 'dsa_notice', 'compliance_request'], [caseId, ...owners.map((o) => o.id)]],
  );
}
