import { invalid } from '../../../platform/errors.js';
import { authorize, type Ctx } from '../../kernel/index.js';
import { SATISFIED_MIN } from '../facts/rollup.js';
import { resolveRange, type MetricFilter } from './range.js';

const pct = (a: number, b: number) => (b > 0 ? Math.round((1000 * a) / b) / 10 : null);

/** Brand/channel filter over assistant_facts (conversations have no team). */
function convFilter(ctx: Ctx, f: MetricFilter, params: unknown[]): string {
  let where = '';
  if (f.brand_id) where += ` AND a.brand_id = $${params.push(f.brand_id)}`;
  if (ctx.actor.brandIds.length) where += ` AND a.brand_id = ANY($${params.push(ctx.actor.brandIds)}::text[])`;
  if (f.channel) where += ` AND a.channel = $${params.push(f.channel)}`;
  return where;
}

/**
 * The "self-service" dashboard: assistant conversations STARTED in the range — contained (no hand-off),
 * handed off to a person, confirmed by the customer — with containment per intent, hand-off reasons, a
 * daily series in the report's zone, and what happened to the hand-off tickets afterwards (from the
 * ticket facts). Conversations drill down with listSelfServiceConversations, hand-off tickets with
 * GET /api/v1/analytics/tickets?metric=assistant_handoffs.
 */
export async function getSelfServiceReport(ctx: Ctx, f: MetricFilter) {
  authorize(ctx.actor, 'reports.read');
  const r = resolveRange(ctx.actor, { ...f, team_id: undefined }, 3);
  const params: unknown[] = [ctx.actor.workspaceId, r.from, r.to, r.tz];
  const where = convFilter(ctx, f, params);
  const base = `FROM assistant_facts a WHERE a.workspace_id = $1 AND a.started_at >= $2 AND a.started_at < $3${where}`;
  const counts = `count(*)::int AS conversations, count(*) FILTER (WHERE a.handed_off_at IS NULL)::int AS contained,
                  count(*) FILTER (WHERE a.handed_off_at IS NOT NULL)::int AS handed_off, count(*) FILTER (WHERE a.confirmed)::int AS confirmed,
                  sum(a.actions)::int AS actions, count(a.rating)::int AS rated, avg(a.rating)::float8 AS avg_rating`;
  const rows = await ctx.tx.query<Record<string, string | number | null>>(
    `SELECT intent, handoff_reason, day, GROUPING(intent, handoff_reason, day) AS g, ${counts}
       FROM (SELECT a.*, to_char(date_trunc('day', a.started_at AT TIME ZONE $4), 'YYYY-MM-DD') AS day ${base}) a
      GROUP BY GROUPING SETS ((), (intent), (handoff_reason), (day))`,
    params,
  );
  const kp = (x: Record<string, string | number | null> | undefined) => {
    const n = (k: string) => Number(x?.[k] ?? 0);
    return {
      conversations: n('conversations'), contained: n('contained'), handed_off: n('handed_off'), confirmed: n('confirmed'),
      containment_pct: pct(n('contained'), n('conversations')), confirmed_pct: pct(n('confirmed'), n('conversations')),
      actions: n('actions'), rated: n('rated'), avg_rating: x?.avg_rating === null || x?.avg_rating === undefined ? null : Math.round(100 * Number(x.avg_rating)) / 100,
    };
  };
  const pick = (g: number) => rows.filter((x) => Number(x.g) === g);
  const tp: unknown[] = [ctx.actor.workspaceId, r.from, r.to, ...r.params];
  const tickets = await ctx.tx.one<Record<string, number | null>>(
    `SELECT count(*)::int AS tickets, count(*) FILTER (WHERE solved_at IS NOT NULL AND NOT merged)::int AS solved, avg(first_reply_sec)::float8 AS avg_first_reply_sec,
            count(csat_score)::int AS csat_responses, count(*) FILTER (WHERE csat_score >= ${SATISFIED_MIN})::int AS csat_good
       FROM ticket_facts WHERE workspace_id = $1 AND assistant_handoff AND created_at >= $2 AND created_at < $3${r.where}`,
    tp,
  );
  return {
    range: { from: r.from.toISOString(), to: r.to.toISOString(), tz: r.tz },
    kpis: kp(pick(7)[0]),
    series: pick(6).map((x) => ({ day: String(x.day), ...kp(x) })).sort((a, b) => a.day.localeCompare(b.day)),
    by_intent: pick(3).map((x) => ({ key: x.intent === null ? '' : String(x.intent), ...kp(x) })).sort((a, b) => b.conversations - a.conversations),
    handoff_reasons: pick(5).filter((x) => x.handoff_reason !== null).map((x) => ({ reason: String(x.handoff_reason), conversations: Number(x.conversations) })).sort((a, b) => b.conversations - a.conversations),
    handoff_tickets: {
      tickets: Number(tickets.tickets), solved: Number(tickets.solved),
      avg_first_reply_sec: tickets.avg_first_reply_sec === null ? null : Math.round(Number(tickets.avg_first_reply_sec)),
      csat_responses: Number(tickets.csat_responses), csat_satisfied_pct: pct(Number(tickets.csat_good), Number(tickets.csat_responses)),
    },
  };
}

const OUTCOMES: Record<string, string> = { all: 'true', contained: 'a.handed_off_at IS NULL', handed_off: 'a.handed_off_at IS NOT NULL', confirmed: 'a.confirmed' };
export const SELF_SERVICE_OUTCOMES = Object.keys(OUTCOMES);

/** Drill-down of the self-service numbers: the conversations behind them (hand-offs carry their ticket). */
export async function listSelfServiceConversations(ctx: Ctx, f: MetricFilter & { outcome: string; intent?: string; limit?: number; after?: string }) {
  authorize(ctx.actor, 'reports.read');
  const cond = OUTCOMES[f.outcome];
  if (!cond) throw invalid('INVALID_METRIC', `outcome must be one of ${SELF_SERVICE_OUTCOMES.join(', ')}`);
  const r = resolveRange(ctx.actor, { ...f, team_id: undefined }, 3);
  const params: unknown[] = [ctx.actor.workspaceId, r.from, r.to];
  let where = convFilter(ctx, f, params);
  if (f.intent !== undefined) where += f.intent === '' ? ' AND a.intent IS NULL' : ` AND a.intent = $${params.push(f.intent)}`;
  if (f.after) where += ` AND a.conversation_id > $${params.push(f.after)}`;
  const limit = Math.min(f.limit ?? 100, 1000);
  const rows = await ctx.tx.query<Record<string, unknown>>(
    `SELECT a.conversation_id AS id, a.started_at, a.channel, a.brand_id, a.intent, a.confirmed, a.actions, a.rating, a.handed_off_at, a.handoff_reason, a.ticket_id, t.number AS ticket_number
       FROM assistant_facts a LEFT JOIN tickets t ON t.id = a.ticket_id
      WHERE a.workspace_id = $1 AND a.started_at >= $2 AND a.started_at < $3 AND ${cond}${where}
      ORDER BY a.conversation_id LIMIT ${limit + 1}`,
    params,
  );
  const more = rows.length > limit;
  const data = rows.slice(0, limit);
  return { data, next_after: more ? String(data[data.length - 1].id) : null };
}

