import { conflict, invalid } from '../../../platform/errors.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';
import { insertMessage } from '../message.repo.js';
import { assertWritable, normaliseTags, type Ticket } from '../ticket.js';
import { assertCanSee } from '../ticket.policy.js';
import { loadTicket, saveTicket } from '../ticket.repo.js';

export interface MergeTicketsInput {
  source_ids: string[];
  target_id: string;
  reason?: string;
}

/**
 * Merge sources into the target: each source is closed with a pointer (`merged_into_id`) and a note;
 * the target gets a note naming the sources and the union of their tags.
 */
export async function mergeTickets(ctx: Ctx, input: MergeTicketsInput): Promise<{ target: Ticket; sources: Ticket[] }> {
  authorize(ctx.actor, 'tickets.merge');
  const ids = [...new Set(input.source_ids)];
  if (ids.length === 0) throw invalid('NOTHING_TO_MERGE', 'Name at least one source ticket');
  if (ids.includes(input.target_id)) throw invalid('MERGE_INTO_SELF', 'A ticket cannot be merged into itself');
  // Lock in id order to avoid deadlocks between concurrent merges.
  const locked = new Map<string, Ticket>();
  for (const id of [...ids, input.target_id].sort()) locked.set(id, await loadTicket(ctx.tx, id, { forUpdate: true }));
  const target = locked.get(input.target_id)!;
  await assertCanSee(ctx.tx, ctx.actor, target);
  assertWritable(target);
  const now = ctx.clock.now();
  const reason = input.reason?.trim() || null;
  const sources: Ticket[] = [];
  let tags = target.tags;
  for (const id of ids) {
    const s = locked.get(id)!;
    await assertCanSee(ctx.tx, ctx.actor, s);
    if (s.merged_into_id) throw conflict('ALREADY_MERGED', `Ticket #${s.number} is already merged`);
    assertWritable(s);
    await insertMessage(ctx.tx, ctx.actor.workspaceId, {
      ticket_id: s.id, author_type: 'system', author_user_id: ctx.actor.id, author_customer_id: null, is_public: false,
      channel: 'system', body_text: `Merged into #${target.number}.${reason ? ` Reason: ${reason}` : ''}`, body_html: null, created_at: now,
    }, now);
    sources.push(await saveTicket(ctx.tx, s.id, { status: 'closed', merged_into_id: target.id, closed_at: now, solved_at: s.solved_at ?? now }, now));
    tags = normaliseTags([...tags, ...s.tags]);
    await recordChange(ctx, {
      event: 'ticket.merged', aggregateType: 'ticket', aggregateId: s.id, ticketId: s.id,
      payload: { role: 'source', target_id: target.id, target_number: target.number, reason },
    });
  }
  await insertMessage(ctx.tx, ctx.actor.workspaceId, {
    ticket_id: target.id, author_type: 'system', author_user_id: ctx.actor.id, author_customer_id: null, is_public: false,
    channel: 'system', body_text: `Merged ${sources.map((s) => `#${s.number}`).join(', ')} into this ticket.${reason ? ` Reason: ${reason}` : ''}`,
    body_html: null, created_at: now,
  }, now);
  const saved = await saveTicket(ctx.tx, target.id, { tags }, now);
  await recordChange(ctx, {
    event: 'ticket.merged', aggregateType: 'ticket', aggregateId: target.id, ticketId: target.id,
    payload: { role: 'target', source_ids: ids, source_numbers: sources.map((s) => s.number), reason },
  });
  return { target: saved, sources };
}
