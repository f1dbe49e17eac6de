import { invalid } from '../../platform/errors.js';
import type { RuleAction } from '../../shared/contracts/automations.js';
import type { Ctx } from '../kernel/index.js';
import { addMessage, updateTicket, type Ticket, type UpdateTicketInput } from '../tickets/index.js';
import { pickLanguage, renderTemplate, type TemplateValues } from './template.js';
import { enqueueCustomDelivery } from './webhooks/enqueue-deliveries.js';

/** Values for the reply placeholders of one ticket (and the acting agent, for macros). */
export async function templateValues(ctx: Ctx, t: Ticket): Promise<TemplateValues> {
  const r = await ctx.tx.maybeOne<{ name: string; email: string | null; brand: string }>(
    `SELECT c.name, (SELECT i.value FROM customer_identities i WHERE i.customer_id = c.id AND i.kind = 'email' ORDER BY i.is_primary DESC, i.created_at LIMIT 1) AS email,
            (SELECT b.name FROM brands b WHERE b.id = $2) AS brand
       FROM customers c WHERE c.id = $1`,
    [t.requester_id, t.brand_id],
  );
  const agent = ctx.actor.type === 'user' && ctx.actor.id ? await ctx.tx.maybeOne<{ name: string }>('SELECT name FROM users WHERE id = $1', [ctx.actor.id]) : undefined;
  const first = (s: string | undefined | null) => (s ?? '').trim().split(/\s+/)[0] ?? '';
  return {
    'ticket.id': t.id,
    'ticket.number': t.number,
    'ticket.subject': t.subject,
    'ticket.status': t.status,
    'ticket.priority': t.priority,
    'ticket.channel': t.channel,
    'requester.name': r?.name ?? '',
    'requester.first_name': first(r?.name),
    'requester.email': r?.email ?? '',
    'agent.name': agent?.name ?? ctx.actor.name ?? '',
    'agent.first_name': first(agent?.name ?? ctx.actor.name),
    'brand.name': r?.brand ?? '',
  };
}

/** Field changes of a list of actions, merged into one ticket update. */
export function updateOf(actions: readonly RuleAction[], ticket: Pick<Ticket, 'custom_fields'>): UpdateTicketInput {
  const u: UpdateTicketInput = {};
  for (const a of actions) {
    switch (a.type) {
      case 'set_status': u.status = a.value; break;
      case 'set_priority': u.priority = a.value; break;
      case 'set_team': u.team_id = a.value; break;
      case 'set_assignee': u.assignee_id = a.value; break;
      case 'add_tags': u.add_tags = [...(u.add_tags ?? []), ...a.value]; break;
      case 'remove_tags': u.remove_tags = [...(u.remove_tags ?? []), ...a.value]; break;
      case 'set_field': u.custom_fields = { ...(u.custom_fields ?? ticket.custom_fields ?? {}), [a.key]: a.value }; break;
      default: break;
    }
  }
  return u;
}

/**
 * Run a rule's actions on a ticket, in the caller's transaction, through the tickets module's public
 * commands (so the usual events, audit rows, status guards and validation apply). Messages go first,
 * then field changes, so a "reply and set pending" rule reads naturally in the history.
 */
export async function applyActions(ctx: Ctx, ticket: Ticket, actions: readonly RuleAction[], source: { kind: string; id: string; name: string }): Promise<Ticket> {
  const values = await templateValues(ctx, ticket);
  for (const a of actions) {
    if (a.type === 'add_note') await addMessage(ctx, ticket.id, { body: renderTemplate(a.body, values), public: false });
    if (a.type === 'send_reply') {
      const body = pickLanguage(a.bodies, ticket.language);
      if (!body) throw invalid('NO_REPLY_BODY', 'The reply has no text');
      await addMessage(ctx, ticket.id, { body: renderTemplate(body, values), public: true });
    }
    if (a.type === 'notify_webhook') await enqueueCustomDelivery(ctx, a.webhook_id, ticket, source);
  }
  const update = updateOf(actions, ticket);
  if (Object.keys(update).length === 0) return ticket;
  return updateTicket(ctx, ticket.id, update);
}
