import { invalid } from '../../../platform/errors.js';
import type { TicketStatus } from '../../../shared/enums.js';
import { authorize, checkStatusGuards, recordChange, type Ctx } from '../../kernel/index.js';
import { linkAttachments, type Attachment } from '../attachments.js';
import { applyInboundTextFilters } from '../inbound-filter.js';
import { normaliseBody, type Message } from '../message.js';
import { insertMessage } from '../message.repo.js';
import { assertTransition, assertWritable, statusTimestamps, type Ticket } from '../ticket.js';
import { assertCanSee, assertPublicReplyAllowed } from '../ticket.policy.js';
import { loadTicket, saveTicket } from '../ticket.repo.js';

export interface AddMessageInput {
  body?: string;
  html_body?: string;
  public: boolean;
  attachment_ids?: string[];
  /** Submit-as: set the ticket's status together with the reply (e.g. "pending"). */
  status?: TicketStatus;
  /** For channels: the message comes from the ticket's requester, not the actor. */
  from_customer_id?: string;
  channel?: string;
}

/** Add a public reply or an internal note; customer replies reopen pending/solved tickets. */
export async function addMessage(ctx: Ctx, ticketId: string, input: AddMessageInput): Promise<{ message: Message; ticket: Ticket; attachments: Attachment[] }> {
  const cur = await loadTicket(ctx.tx, ticketId, { forUpdate: true });
  const fromCustomer = input.from_customer_id !== undefined;
  // Visibility first (404), then the collaborator rule with its own code, then the role's ability.
  await assertCanSee(ctx.tx, ctx.actor, cur);
  if (input.public) assertPublicReplyAllowed(ctx.actor);
  authorize(ctx.actor, input.public ? 'tickets.reply_public' : 'tickets.note');
  assertWritable(cur);
  if (fromCustomer && input.from_customer_id !== cur.requester_id) throw invalid('NOT_REQUESTER', 'Only the requester can write as the customer');
  let body = normaliseBody(input.body, input.html_body);
  if (fromCustomer) body = await applyInboundTextFilters(ctx, { brandId: cur.brand_id, ticketId }, body);
  if (!body.text && !(input.attachment_ids?.length)) throw invalid('BODY_REQUIRED', 'A message needs a body or an attachment');
  const now = ctx.clock.now();
  const channel = input.channel ?? ctx.meta.channel ?? 'web';
  const message = await insertMessage(
    ctx.tx,
    ctx.actor.workspaceId,
    {
      ticket_id: ticketId,
      author_type: fromCustomer ? 'customer' : ctx.actor.type === 'system' ? 'system' : 'user',
      author_user_id: fromCustomer || ctx.actor.type !== 'user' ? null : ctx.actor.id,
      author_customer_id: fromCustomer ? cur.requester_id : null,
      is_public: input.public,
      channel,
      body_text: body.text,
      body_html: body.html,
      created_at: now,
    },
    now,
  );
  const attachments = await linkAttachments(ctx, message.id, input.attachment_ids ?? []);

  // Status that follows the message, unless the author chose one.
  let to: TicketStatus | undefined = input.status;
  if (!to && fromCustomer && ['pending', 'solved'].includes(cur.status)) to = 'open';
  if (!to && !fromCustomer && input.public && cur.status === 'new') to = 'open';
  const changes: Partial<Ticket> = {};
  if (to && to !== cur.status) {
    assertTransition(cur.status, to);
    await checkStatusGuards(ctx, { ticketId, from: cur.status, to }); // hook: see kernel/status-guards.ts
    Object.assign(changes, { status: to }, statusTimestamps(to, now, cur));
  }
  const ticket = await saveTicket(ctx.tx, ticketId, changes, now);
  await recordChange(ctx, {
    event: 'message.added',
    aggregateType: 'ticket',
    aggregateId: ticketId,
    ticketId,
    payload: { message_id: message.id, is_public: input.public, author_type: message.author_type, attachments: attachments.length },
    audit: { changes: { message_id: message.id, is_public: input.public } },
  });
  if (changes.status) {
    await recordChange(ctx, {
      event: 'ticket.status_changed',
      aggregateType: 'ticket',
      aggregateId: ticketId,
      ticketId,
      payload: { from: cur.status, to: changes.status, reason: 'message' },
    });
  }
  return { message, ticket, attachments };
}
