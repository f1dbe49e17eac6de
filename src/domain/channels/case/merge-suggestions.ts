import { invalid } from '../../../platform/errors.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';
import { getTicket, ticketScope } from '../../tickets/index.js';

/** How close in time two tickets of one customer must be to be suggested for merging. */
export const MERGE_WINDOW_HOURS = 72;
/** Word-overlap (Jaccard) from which two tickets are "about the same thing". */
export const MERGE_SIMILARITY = 0.3;

const STOP = new Set(('a an the and or but of to in on at for with from by is are was were be been am i you we he she it they my your our ' +
  'me us this that these those have has had do does did not no yes hi hello dear thanks thank please regards re fw fwd can could would ' +
  'will just get got there here what when how why which who any some all about as if so than then also very ' +
  'der die das und oder ist ich sie wir ein eine nicht mit für auf bitte danke hallo').split(' '));

/** Lower-case content words (crude stemming of plural -s), for comparing two requests. */
export function wordsOf(text: string): Set<string> {
  const out = new Set<string>();
  for (const w of text.toLowerCase().normalize('NFKC').split(/[^\p{L}\p{N}]+/u)) {
    if (w.length < 3 && !/^\d+$/.test(w)) continue;
    if (STOP.has(w)) continue;
    out.add(w.length > 4 && w.endsWith('s') ? w.slice(0, -1) : w);
  }
  return out;
}

export function similarity(a: Set<string>, b: Set<string>): { score: number; shared: string[] } {
  const shared = [...a].filter((w) => b.has(w));
  const union = new Set([...a, ...b]).size;
  return { score: union ? shared.length / union : 0, shared };
}

export interface MergeSuggestion {
  ticket_id: string;
  number: number;
  subject: string;
  channel: string;
  status: string;
  created_at: Date;
  score: number;
  shared_words: string[];
  hours_apart: number;
  explanation: string;
}

const apart = (hours: number) => (hours < 1 ? `${Math.max(1, Math.round(hours * 60))} min` : `${hours} h`);

interface Row { id: string; number: number; subject: string; channel: string; status: string; created_at: Date; body: string }

/**
 * Other open tickets of the same customer, created within MERGE_WINDOW_HOURS of this one, whose subject and
 * first message share enough words — each with a sentence saying why it is suggested.
 */
export async function suggestMerges(ctx: Ctx, ticketId: string): Promise<MergeSuggestion[]> {
  const t = await getTicket(ctx, ticketId);
  if (t.merged_into_id || t.status === 'closed') return [];
  const first = await ctx.tx.maybeOne<{ body_text: string }>('SELECT body_text FROM messages WHERE ticket_id = $1 ORDER BY created_at, id LIMIT 1', [t.id]);
  const windowMs = MERGE_WINDOW_HOURS * 3_600_000;
  const p: unknown[] = [t.requester_id, t.id, new Date(t.created_at.getTime() - windowMs), new Date(t.created_at.getTime() + windowMs)];
  const scope = ticketScope(ctx.actor, 't', p);
  const rows = await ctx.tx.query<Row>(
    `SELECT t.id, t.number, t.subject, t.channel, t.status, t.created_at,
            coalesce((SELECT body_text FROM messages WHERE ticket_id = t.id ORDER BY created_at, id LIMIT 1), '') AS body
       FROM tickets t
      WHERE t.requester_id = $1 AND t.id <> $2 AND t.created_at BETWEEN $3 AND $4 AND t.merged_into_id IS NULL
        AND t.status <> 'closed' AND ${scope}
        AND NOT EXISTS (SELECT 1 FROM merge_suggestion_dismissals d
                         WHERE (d.ticket_id = $2 AND d.other_ticket_id = t.id) OR (d.ticket_id = t.id AND d.other_ticket_id = $2))
      ORDER BY t.created_at DESC LIMIT 50`,
    p,
  );
  const mine = wordsOf(`${t.subject} ${t.subject} ${first?.body_text ?? ''}`.slice(0, 5000));
  const out: MergeSuggestion[] = [];
  for (const r of rows) {
    const { score, shared } = similarity(mine, wordsOf(`${r.subject} ${r.subject} ${r.body}`.slice(0, 5000)));
    if (score < MERGE_SIMILARITY) continue;
    const hours = Math.round((Math.abs(t.created_at.getTime() - r.created_at.getTime()) / 3_600_000) * 10) / 10;
    const when = r.created_at < t.created_at ? 'earlier' : 'later';
    out.push({
      ticket_id: r.id, number: r.number, subject: r.subject, channel: r.channel, status: r.status, created_at: r.created_at,
      score: Math.round(score * 100) / 100, shared_words: shared.slice(0, 8), hours_apart: hours,
      explanation: `The same customer opened #${r.number} via ${r.channel} ${apart(hours)} ${when} (within ${MERGE_WINDOW_HOURS} h), and both share the words ` +
        `${shared.slice(0, 6).map((w) => `"${w}"`).join(', ')} (similarity ${Math.round(score * 100)}%, threshold ${MERGE_SIMILARITY * 100}%).`,
    });
  }
  return out.sort((a, b) => b.score - a.score);
}

export async function dismissMergeSuggestion(ctx: Ctx, ticketId: string, otherId: string): Promise<void> {
  authorize(ctx.actor, 'tickets.merge');
  if (ticketId === otherId) throw invalid('MERGE_INTO_SELF', 'A ticket is not a merge suggestion for itself');
  await getTicket(ctx, ticketId);
  await getTicket(ctx, otherId);
  await ctx.tx.query(
    'INSERT INTO merge_suggestion_dismissals (ticket_id, other_ticket_id, user_id, created_at) VALUES ($1,$2,$3,$4) ON CONFLICT DO NOTHING',
    [ticketId, otherId, ctx.actor.id, ctx.clock.now()],
  );
  await recordChange(ctx, { event: 'merge_suggestion.dismissed', aggregateType: 'ticket', aggregateId: ticketId, ticketId, payload: { other_ticket_id: otherId } });
}
