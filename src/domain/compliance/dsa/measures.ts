import { AppError, invalid, notFound } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';

/** DSA Art. 23 grounds: manifestly illegal content (23(1)), manifestly unfounded notices or complaints (23(2)). */
export const MISUSE_GROUNDS = ['manifestly_illegal_content', 'unfounded_notices', 'unfounded_complaints'] as const;
export type MisuseGround = (typeof MISUSE_GROUNDS)[number];
/** A suspension is "for a reasonable period": at least a day, at most a year. */
export const MAX_SUSPENSION_DAYS = 365;

export interface DsaMeasure {
  id: string;
  customer_id: string;
  kind: 'warning' | 'suspension';
  ground: MisuseGround;
  reason: string;
  warning_id: string | null;
  statement_id: string | null;
  starts_at: Date;
  ends_at: Date | null;
  created_by: string | null;
  created_at: Date;
}
const COLS = 'id, customer_id, kind, ground, reason, warning_id, statement_id, starts_at, ends_at, created_by, created_at';

function checkGround(ground: string): MisuseGround {
  if (!MISUSE_GROUNDS.includes(ground as MisuseGround)) throw invalid('UNKNOWN_GROUND', `ground must be one of ${MISUSE_GROUNDS.join(', ')}`);
  return ground as MisuseGround;
}

async function checkTargets(ctx: Ctx, customerId: string, statementId?: string): Promise<void> {
  const c = await ctx.tx.maybeOne('SELECT 1 FROM customers WHERE id = $1 AND workspace_id = $2', [customerId, ctx.actor.workspaceId]);
  if (!c) throw notFound('CUSTOMER_NOT_FOUND', 'Customer');
  if (statementId) {
    const s = await ctx.tx.maybeOne('SELECT 1 FROM compliance_dsa_statements WHERE id = $1 AND workspace_id = $2', [statementId, ctx.actor.workspaceId]);
    if (!s) throw notFound('STATEMENT_NOT_FOUND', 'Statement of reasons');
  }
}

/** Art. 23: the prior warning to someone who frequently posts manifestly illegal content or sends unfounded notices/complaints. */
export async function issueWarning(ctx: Ctx, input: { customer_id: string; ground: string; reason: string; statement_id?: string }): Promise<DsaMeasure> {
  authorize(ctx.actor, 'tickets.write');
  const ground = checkGround(input.ground);
  if (!input.reason?.trim()) throw invalid('REASON_REQUIRED', 'Describe the misuse the warning is about');
  await checkTargets(ctx, input.customer_id, input.statement_id);
  const now = ctx.clock.now();
  const row = await ctx.tx.one<DsaMeasure>(
    `INSERT INTO compliance_dsa_measures (id, workspace_id, customer_id, kind, ground, reason, statement_id, starts_at, created_by, created_at)
     VALUES ($1, $2, $3, 'warning', $4, $5, $6, $7, $8, $7) RETURNING ${COLS}`,
    [newId('dwn', now), ctx.actor.workspaceId, input.customer_id, ground, input.reason.trim(), input.statement_id ?? null, now, ctx.actor.id ?? null],
  );
  await recordChange(ctx, {
    event: 'compliance.dsa_warning_issued', aggregateType: 'dsa_measure', aggregateId: row.id,
    payload: { customer_id: row.customer_id, ground, statement_id: row.statement_id },
  });
  return row;
}

export interface SuspensionInput {
  customer_id: string;
  ground: string;
  reason: string;
  /** The prior warning this suspension follows (same person, same ground). */
  warning_id?: string;
  duration_days: number;
  statement_id?: string;
}

/**
 * Art. 23 suspension for a reasonable period. It cannot be saved without a linked prior warning to the same person on
 * the same ground (the table also refuses a suspension without `warning_id`).
 */
export async function imposeSuspension(ctx: Ctx, input: SuspensionInput): Promise<DsaMeasure> {
  authorize(ctx.actor, 'tickets.write');
  const ground = checkGround(input.ground);
  if (!input.reason?.trim()) throw invalid('REASON_REQUIRED', 'Describe why the suspension is imposed');
  if (!Number.isInteger(input.duration_days) || input.duration_days < 1 || input.duration_days > MAX_SUSPENSION_DAYS) {
    throw invalid('INVALID_DURATION', `A suspension is for a reasonable period: 1–${MAX_SUSPENSION_DAYS} days`);
  }
  if (!input.warning_id?.trim()) throw new AppError('PRIOR_WARNING_REQUIRED', 'A suspension needs a linked prior warning (DSA Art. 23)', 'unprocessable');
  await checkTargets(ctx, input.customer_id, input.statement_id);
  const w = await ctx.tx.maybeOne<{ customer_id: string; kind: string; ground: string; created_at: Date }>(
    'SELECT customer_id, kind, ground, created_at FROM compliance_dsa_measures WHERE id = $1 AND workspace_id = $2', [input.warning_id, ctx.actor.workspaceId]);
  if (!w || w.kind !== 'warning') throw notFound('WARNING_NOT_FOUND', 'Prior warning');
  if (w.customer_id !== input.customer_id) throw new AppError('WARNING_OTHER_PERSON', 'The linked warning was given to someone else', 'unprocessable');
  if (w.ground !== ground) throw new AppError('WARNING_GROUND_MISMATCH', `The linked warning is about ${w.ground}, not ${ground}`, 'unprocessable');
  const now = ctx.clock.now();
  if (w.created_at.getTime() > now.getTime()) throw new AppError('PRIOR_WARNING_REQUIRED', 'The warning must precede the suspension', 'unprocessable');
  const ends = new Date(now.getTime() + input.duration_days * 86_400_000);
  const row = await ctx.tx.one<DsaMeasure>(
    `INSERT INTO compliance_dsa_measures (id, workspace_id, customer_id, kind, ground, reason, warning_id, statement_id, starts_at, ends_at, created_by, created_at)
     VALUES ($1, $2, $3, 'suspension', $4, $5, $6, $7, $8, $9, $10, $8) RETURNING ${COLS}`,
    [newId('dsp', now), ctx.actor.workspaceId, input.customer_id, ground, input.reason.trim(), input.warning_id, input.statement_id ?? null, now, ends, ctx.actor.id ?? null],
  );
  await recordChange(ctx, {
    event: 'compliance.dsa_suspension_imposed', aggregateType: 'dsa_measure', aggregateId: row.id,
    payload: { customer_id: row.customer_id, ground, warning_id: input.warning_id, ends_at: ends.toISOString(), duration_days: input.duration_days, statement_id: row.statement_id },
  });
  return row;
}

/** Warnings and suspensions, newest first (optionally of one person). */
export async function listMeasures(ctx: Ctx, f: { customer_id?: string; limit?: number } = {}): Promise<DsaMeasure[]> {
  authorize(ctx.actor, 'tickets.read');
  return ctx.tx.query<DsaMeasure>(
    `SELECT ${COLS} FROM compliance_dsa_measures WHERE workspace_id = $1 AND ($2::text IS NULL OR customer_id = $2) ORDER BY created_at DESC, id DESC LIMIT $3`,
    [ctx.actor.workspaceId, f.customer_id ?? null, Math.min(f.limit ?? 100, 500)],
  );
}

/** Is this person under an Art. 23 suspension of this ground right now? */
export async function activeSuspension(ctx: Ctx, customerId: string, ground?: MisuseGround): Promise<DsaMeasure | null> {
  return (await ctx.tx.maybeOne<DsaMeasure>(
    `SELECT ${COLS} FROM compliance_dsa_measures WHERE workspace_id = $1 AND customer_id = $2 AND kind = 'suspension' AND ($3::text IS NULL OR ground = $3)
        AND starts_at <= $4 AND ends_at > $4 ORDER BY ends_at DESC LIMIT 1`,
    [ctx.actor.workspaceId, customerId, ground ?? null, ctx.clock.now()],
  )) ?? null;
}
