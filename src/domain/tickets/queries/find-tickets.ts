import { invalid } from '../../../platform/errors.js';
import { LIMITS, type Priority, type TicketStatus } from '../../../shared/enums.js';
import { authorize, decodeCursor, encodeCursor, type Ctx, type Page } from '../../kernel/index.js';
import { TICKET_COLUMNS, type Ticket } from '../ticket.js';
import { ticketScope } from '../ticket.policy.js';
import { withRequesters, type RequesterSummary } from './requester-summaries.js';
import { qualify } from '../../../platform/db/sql.js';
const T_COLS = qualify(TICKET_COLUMNS, 't');

/** A ticket as the list shows it: the ticket plus its requester's name and email. */
export type TicketListItem = Ticket & { requester: RequesterSummary };

export interface TicketFilter {
  status?: TicketStatus[];
  priority?: Priority[];
  /** A user id, 'me', or 'none' for unassigned. */
  assignee_id?: string;
  team_id?: string;
  brand_id?: string;
  tag?: string[];
  requester_id?: string;
  organization_id?: string;
  channel?: string;
  created_after?: Date;
  created_before?: Date;
  updated_after?: Date;
  updated_before?: Date;
  sort?: 'updated_at' | 'created_at';
  limit?: number;
  cursor?: string;
}

const MIN_DATE = Date.UTC(1900, 0, 1);
const MAX_DATE = Date.UTC(9999, 11, 31);

/** Dates PostgreSQL and every client agree on (JS accepts years like 99999 and -271821; SQL does not). */
function saneDate(d: Date | undefined, what: string): Date | undefined {
  if (d !== undefined && !(d.getTime() >= MIN_DATE && d.getTime() <= MAX_DATE)) {
    throw invalid('INVALID_DATE', `${what} must be between the years 1900 and 9999`);
  }
  return d;
}

/**
 * Keyset-paginated ticket listing with filters, limited to what the actor may see. Each ticket carries
 * its requester summary, loaded for the whole page in one extra query.
 */
export async function findTickets(ctx: Ctx, f: TicketFilter): Promise<Page<TicketListItem>> {
  authorize(ctx.actor, 'tickets.read');
  const p: unknown[] = [];
  const where = [ticketScope(ctx.actor, 't', p)];
  const add = (sql: (n: string) => string, v: unknown) => {
    p.push(v);
    where.push(sql(`$${p.length}`));
  };
  if (f.status?.length) add((n) => `t.status = ANY(${n}::text[])`, f.status);
  if (f.priority?.length) add((n) => `t.priority = ANY(${n}::text[])`, f.priority);
  if (f.assignee_id === 'none') where.push('t.assignee_id IS NULL');
  else if (f.assignee_id) add((n) => `t.assignee_id = ${n}`, f.assignee_id === 'me' ? ctx.actor.id : f.assignee_id);
  if (f.team_id === 'none') where.push('t.team_id IS NULL');
  else if (f.team_id) add((n) => `t.team_id = ${n}`, f.team_id);
  if (f.brand_id) add((n) => `t.brand_id = ${n}`, f.brand_id);
  if (f.tag?.length) add((n) => `t.tags @> ${n}::text[]`, f.tag.map((t) => t.trim().toLowerCase().replace(/\s+/g, '_')) /* as normaliseTags stores them */);
  if (f.requester_id) add((n) => `t.requester_id = ${n}`, f.requester_id);
  if (f.organization_id) add((n) => `t.organization_id = ${n}`, f.organization_id);
  if (f.channel) add((n) => `t.channel = ${n}`, f.channel);
  if (saneDate(f.created_after, 'created_after')) add((n) => `t.created_at >= ${n}`, f.created_after);
  if (saneDate(f.created_before, 'created_before')) add((n) => `t.created_at < ${n}`, f.created_before);
  if (saneDate(f.updated_after, 'updated_after')) add((n) => `t.updated_at >= ${n}`, f.updated_after);
  if (saneDate(f.updated_before, 'updated_before')) add((n) => `t.updated_at < ${n}`, f.updated_before);
  const sort = f.sort ?? 'updated_at';
  if (f.cursor) {
    const [v, id] = decodeCursor(f.cursor);
    // The sort value must be a timestamp: anything else would reach SQL as an invalid date (a 500).
    const after = typeof v === 'string' ? new Date(v) : new Date(Number.NaN);
    if (!(after.getTime() >= MIN_DATE && after.getTime() <= MAX_DATE)) throw invalid('INVALID_CURSOR', 'The cursor is malformed or from another listing');
    p.push(after, id);
    where.push(`(t.${sort}, t.id) < ($${p.length - 1}, $${p.length})`);
  }
  const limit = Math.min(Math.max(f.limit ?? 25, 1), LIMITS.pageSize);
  p.push(limit + 1);
  const rows = await ctx.tx.query<Ticket>(
    `SELECT ${T_COLS} FROM tickets t
      WHERE ${where.join(' AND ')} ORDER BY t.${sort} DESC, t.id DESC LIMIT $${p.length}`,
    p,
  );
  const more = rows.length > limit;
  const data = more ? rows.slice(0, limit) : rows;
  const last = data[data.length - 1];
  return {
    data: await withRequesters(ctx.tx, ctx.actor.workspaceId, data),
    next_cursor: more && last ? encodeCursor(new Date(last[sort]).toISOString(), last.id) : null,
  };
}

export interface TicketViewCounts {
  mine: number;
  unassigned: number;
  all_open: number;
  new: number;
  pending: number;
  solved: number;
  /** Open tickets (new, open, pending, on hold) per team id; teams without any are left out. */
  teams: Record<string, number>;
}

const OPEN = `t.status IN ('new','open','pending','on_hold')`;

/**
 * Counts for the inbox sidebar, in the actor's scope, in one statement and one scan: the empty grouping
 * set gives the totals, the `team_id` one the open tickets per team.
 */
export async function countTicketViews(ctx: Ctx): Promise<TicketViewCounts> {
  authorize(ctx.actor, 'tickets.read');
  const p: unknown[] = [];
  const scope = ticketScope(ctx.actor, 't', p);
  p.push(ctx.actor.id);
  const rows = await ctx.tx.query<Omit<TicketViewCounts, 'teams'> & { is_total: boolean; team_id: string | null }>(
    `SELECT GROUPING(t.team_id) = 1 AS is_total, t.team_id,
       count(*) FILTER (WHERE ${OPEN} AND t.assignee_id = $${p.length})::int AS mine,
       count(*) FILTER (WHERE ${OPEN} AND t.assignee_id IS NULL)::int AS unassigned,
       count(*) FILTER (WHERE ${OPEN})::int AS all_open,
       count(*) FILTER (WHERE t.status = 'new')::int AS new,
       count(*) FILTER (WHERE t.status = 'pending')::int AS pending,
       count(*) FILTER (WHERE t.status = 'solved')::int AS solved
     FROM tickets t WHERE ${scope}
     GROUP BY GROUPING SETS ((), (t.team_id))`,
    p,
  );
  const out: TicketViewCounts = { mine: 0, unassigned: 0, all_open: 0, new: 0, pending: 0, solved: 0, teams: {} };
  for (const r of rows) {
    if (r.is_total) {
      for (const k of ['mine', 'unassigned', 'all_open', 'new', 'pending', 'solved'] as const) out[k] = Number(r[k]);
    } else if (r.team_id !== null && Number(r.all_open) > 0) {
      out.teams[r.team_id] = Number(r.all_open);
    }
  }
  return out;
}
