import { conflict, invalid, notFound } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';

export interface Criterion { key: string; label: string; weight: number }
export interface Rubric { id: string; name: string; criteria: Criterion[]; active: boolean; created_at: Date }

export async function createRubric(ctx: Ctx, input: { name: string; criteria: Criterion[] }): Promise<Rubric> {
  authorize(ctx.actor, 'qa.review');
  if (!input.criteria.length) throw invalid('RUBRIC_EMPTY', 'A rubric needs at least one criterion');
  const keys = new Set<string>();
  for (const c of input.criteria) {
    if (!/^[a-z][a-z0-9_]{0,39}$/.test(c.key)) throw invalid('INVALID_CRITERION', `Criterion key "${c.key}" must be lower-case letters, digits, _`);
    if (keys.has(c.key)) throw invalid('DUPLICATE_CRITERION', `Criterion "${c.key}" appears twice`);
    if (!(c.weight > 0 && c.weight <= 10)) throw invalid('INVALID_WEIGHT', `Weight of "${c.key}" must be in (0, 10]`);
    keys.add(c.key);
  }
  const now = ctx.clock.now();
  const r = await ctx.tx.one<Rubric>(
    'INSERT INTO qa_rubrics (id, workspace_id, name, criteria, created_at) VALUES ($1,$2,$3,$4,$5) RETURNING id, name, criteria, active, created_at',
    [newId('qar', now), ctx.actor.workspaceId, input.name.trim(), JSON.stringify(input.criteria), now],
  );
  await recordChange(ctx, { event: 'qa.rubric_created', aggregateType: 'qa_rubric', aggregateId: r.id, payload: { name: r.name, criteria: input.criteria.length } });
  return r;
}

export async function listRubrics(ctx: Ctx): Promise<Rubric[]> {
  authorize(ctx.actor, 'tickets.read');
  return ctx.tx.query<Rubric>('SELECT id, name, criteria, active, created_at FROM qa_rubrics WHERE workspace_id = $1 ORDER BY created_at', [ctx.actor.workspaceId]);
}

const TONE = [/\bcalm down\b/i, /\bas i (already )?said\b/i, /\bobviously\b/i, /\byou should have\b/i, /\bnot our (problem|fault)\b/i];

/** Automatic checks on a ticket: SLA breaches, reopen, and tone flags in agents' public replies. */
export async function autoChecks(ctx: Ctx, ticketId: string): Promise<string[]> {
  const flags: string[] = [];
  const f = await ctx.tx.maybeOne<{ sla_breaches: number; reopens: number }>('SELECT sla_breaches, reopens FROM ticket_facts WHERE ticket_id = $1', [ticketId]);
  if (f?.sla_breaches) flags.push(`sla_breached:${f.sla_breaches}`);
  if (f?.reopens) flags.push(`reopened:${f.reopens}`);
  // SOP adherence, from the SOP runs' events on the ticket: required steps overridden to solve, steps skipped
  const sop = await ctx.tx.maybeOne<{ overridden: number; skipped: number }>(
    `SELECT count(*) FILTER (WHERE name = 'sop_run.overridden')::int AS overridden, count(*) FILTER (WHERE name = 'sop_run.step_skipped')::int AS skipped
       FROM events WHERE ticket_id = $1 AND name IN ('sop_run.overridden', 'sop_run.step_skipped')`, [ticketId]);
  if (sop?.overridden) flags.push(`sop:overridden:${sop.overridden}`);
  if (sop?.skipped) flags.push(`sop:step_skipped:${sop.skipped}`);
  const msgs = await ctx.tx.query<{ body_text: string }>("SELECT body_text FROM messages WHERE ticket_id = $1 AND author_type = 'user' AND is_public", [ticketId]);
  for (const m of msgs) {
    if (TONE.some((re) => re.test(m.body_text))) flags.push('tone:dismissive_phrase');
    const shouted = m.body_text.match(/\b[A-Z]{4,}\b/g) ?? [];
    if (shouted.length >= 3) flags.push('tone:shouting');
  }
  return [...new Set(flags)];
}

/** A reviewer scores a ticket on a rubric (0–4 per criterion); the weighted percentage is stored. */
export async function submitReview(ctx: Ctx, input: { rubric_id: string; ticket_id: string; scores: Record<string, number>; comment?: string }) {
  authorize(ctx.actor, 'qa.review');
  const rubric = await ctx.tx.maybeOne<Rubric>('SELECT id, name, criteria, active, created_at FROM qa_rubrics WHERE id = $1 AND workspace_id = $2', [input.rubric_id, ctx.actor.workspaceId]);
  if (!rubric) throw notFound('RUBRIC_NOT_FOUND', 'Rubric');
  const t = await ctx.tx.maybeOne<{ assignee_id: string | null }>('SELECT assignee_id FROM tickets WHERE id = $1 AND workspace_id = $2', [input.ticket_id, ctx.actor.workspaceId]);
  if (!t) throw notFound('TICKET_NOT_FOUND', 'Ticket');
  let total = 0;
  let weights = 0;
  for (const c of rubric.criteria) {
    const s = input.scores[c.key];
    if (!Number.isInteger(s) || s < 0 || s > 4) throw invalid('INVALID_SCORE', `Score for "${c.key}" must be 0–4`);
    total += (s / 4) * c.weight;
    weights += c.weight;
  }
  const unknown = Object.keys(input.scores).filter((k) => !rubric.criteria.some((c) => c.key === k));
  if (unknown.length) throw invalid('UNKNOWN_CRITERION', `Not in the rubric: ${unknown.join(', ')}`);
  const pct = Math.round((10_000 * total) / weights) / 100;
  const now = ctx.clock.now();
  const flags = await autoChecks(ctx, input.ticket_id);
  const row = await ctx.tx.maybeOne<{ id: string }>(
    `INSERT INTO qa_reviews (id, workspace_id, rubric_id, ticket_id, reviewer_id, agent_id, scores, score_pct, comment, auto_flags, created_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11) ON CONFLICT (rubric_id, ticket_id, reviewer_id) DO NOTHING RETURNING id`,
    [newId('qrv', now), ctx.actor.workspaceId, rubric.id, input.ticket_id, ctx.actor.id, t.assignee_id, JSON.stringify(input.scores), pct, input.comment ?? '', JSON.stringify(flags), now],
  );
  if (!row) throw conflict('ALREADY_REVIEWED', 'You already reviewed this ticket with this rubric');
  await recordChange(ctx, { event: 'qa.review_submitted', aggregateType: 'qa_review', aggregateId: row.id, ticketId: input.ticket_id, payload: { rubric_id: rubric.id, score_pct: pct, flags } });
  return { id: row.id, score_pct: pct, auto_flags: flags };
}

/** Reviews of a ticket, and the calibration spread between reviewers (max − min score). */
export async function listTicketReviews(ctx: Ctx, ticketId: string) {
  authorize(ctx.actor, 'tickets.read');
  const rows = await ctx.tx.query<{ id: string; rubric_id: string; reviewer_id: string; score_pct: string; scores: Record<string, number>; comment: string; auto_flags: string[]; created_at: Date }>(
    'SELECT id, rubric_id, reviewer_id, score_pct, scores, comment, auto_flags, created_at FROM qa_reviews WHERE ticket_id = $1 AND workspace_id = $2 ORDER BY created_at',
    [ticketId, ctx.actor.workspaceId],
  );
  const pcts = rows.map((r) => Number(r.score_pct));
  return { data: rows.map((r) => ({ ...r, score_pct: Number(r.score_pct) })), calibration_spread: pcts.length > 1 ? Math.max(...pcts) - Math.min(...pcts) : null, auto_flags: await autoChecks(ctx, ticketId) };
}
