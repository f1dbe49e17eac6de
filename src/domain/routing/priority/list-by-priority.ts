import { invalid } from '../../../platform/errors.js';
import { authorize, type Ctx } from '../../kernel/index.js';
import { ticketScope } from '../../tickets/index.js';
import { computePriorityScore, type PriorityScore } from './score.js';
import { regulatorySignals, slaSignals } from './signals.js';

export interface ScoredTicket extends PriorityScore {
  id: string;
  number: number;
  subject: string;
  status: string;
  priority: string;
  channel: string;
  brand_id: string;
  team_id: string | null;
  assignee_id: string | null;
  requester_id: string;
  requester_name: string;
  tier: string;
  created_at: Date;
  rank: number;
}

export interface PriorityFilter {
  /** a team id, or 'none' for tickets without a team */
  team_id?: string;
  /** a user id, 'me', or 'none' (= unassigned) */
  assignee_id?: string;
  brand_id?: string;
  channel?: string;
  /** tickets carrying all these tags */
  tag?: string[];
  /** only tickets without an assignee */
  unassigned?: boolean;
  status?: string[];
  ids?: string[];
  limit?: number;
}

/** Tickets considered per request: the score depends on the clock and other modules, so it is computed on read. */
export const PRIORITY_CANDIDATES_MAX = 2000;
const OPEN = ['new', 'open', 'pending', 'on_hold'];

/** Open tickets in the actor's scope, scored and sorted (highest first), with each score's breakdown. */
export async function listTicketsByPriority(ctx: Ctx, f: PriorityFilter = {}): Promise<{ data: ScoredTicket[]; considered: number; truncated: boolean }> {
  authorize(ctx.actor, 'tickets.read');
  const status = f.status?.length ? f.status : OPEN;
  if (status.some((s) => !OPEN.includes(s))) throw invalid('INVALID_STATUS', `Priority lists cover open tickets only (${OPEN.join(', ')})`);
  const p: unknown[] = [];
  const where = [ticketScope(ctx.actor, 't', p), 't.merged_into_id IS NULL'];
  p.push(status);
  where.push(`t.status = ANY($${p.length}::text[])`);
  const eq = (col: string, v: unknown) => {
    p.push(v);
    where.push(`${col} = $${p.length}`);
  };
  if (f.team_id === 'none') where.push('t.team_id IS NULL');
  else if (f.team_id) eq('t.team_id', f.team_id);
  if (f.assignee_id === 'none' || f.unassigned) where.push('t.assignee_id IS NULL');
  else if (f.assignee_id) eq('t.assignee_id', f.assignee_id === 'me' ? ctx.actor.id : f.assignee_id);
  if (f.brand_id) eq('t.brand_id', f.brand_id);
  if (f.channel) eq('t.channel', f.channel);
  if (f.tag?.length) {
    p.push(f.tag);
    where.push(`t.tags @> $${p.length}::text[]`);
  }
  if (f.ids) {
    p.push(f.ids);
    where.push(`t.id = ANY($${p.length}::text[])`);
  }
  p.push(PRIORITY_CANDIDATES_MAX + 1);
  const rows = await ctx.tx.query<Omit<ScoredTicket, 'score' | 'components' | 'rank'> & { tags: string[]; custom_fields: Record<string, unknown> }>(
    `SELECT t.id, t.number, t.subject, t.status, t.priority, t.channel, t.brand_id, t.team_id, t.assignee_id, t.requester_id,
            t.tags, t.custom_fields, t.created_at, c.name AS requester_name, c.tier
       FROM tickets t JOIN customers c ON c.id = t.requester_id
      WHERE ${where.join(' AND ')}
      ORDER BY t.created_at, t.id LIMIT $${p.length}`,
    p,
  );
  const truncated = rows.length > PRIORITY_CANDIDATES_MAX;
  const considered = rows.slice(0, PRIORITY_CANDIDATES_MAX);
  const ids = considered.map((r) => r.id);
  const [sla, reg] = await Promise.all([slaSignals(ctx, ids), regulatorySignals(ctx, ids)]);
  const now = ctx.clock.now();
  const scored = considered.map(({ tags, custom_fields, ...r }) => ({
    ...r,
    ...computePriorityScore({
      now, created_at: new Date(r.created_at), priority: r.priority, channel: r.channel, tier: r.tier, tags, custom_fields,
      sla: sla.get(r.id) ?? null, regulatory: reg.get(r.id) ?? null,
    }),
  }));
  // Highest score first; ties: the older ticket first, then the number (stable).
  scored.sort((a, b) => b.score - a.score || new Date(a.created_at).getTime() - new Date(b.created_at).getTime() || a.number - b.number);
  const limit = Math.min(Math.max(f.limit ?? 100, 1), 500);
  return { data: scored.slice(0, limit).map((s, i) => ({ ...s, rank: i + 1 })), considered: considered.length, truncated };
}

/** Scores of the given tickets (in scope, open); a missing id is closed, solved or invisible. */
export async function getPriorityScores(ctx: Ctx, ticketIds: string[]): Promise<Map<string, PriorityScore>> {
  if (!ticketIds.length) return new Map();
  const out = await listTicketsByPriority(ctx, { ids: ticketIds, limit: 500 });
  return new Map(out.data.map((s) => [s.id, { score: s.score, components: s.components }]));
}
