import { createMacro, createRule, createWebhook } from '../../../domain/automations/index.js';
import type { SeedModuleCtx } from './types.js';

/**
 * Demo macros, triggers and time-based automations for the Clipster support floor. The webhook is
 * created switched off (its URL is a placeholder) so the demo never calls out.
 */
export async function seedAutomations({ ctx, structure }: SeedModuleCtx): Promise<void> {
  const t = structure.teams;
  await createMacro(ctx, {
    name: 'Refund approved (coins)',
    description: 'Confirms a coin-purchase refund and waits for the customer',
    replies: {
      en: { body: 'Hi {{requester.first_name}},\n\nGood news: we approved the refund for your coin purchase (ticket #{{ticket.number}}). It reaches your original payment method within 5–10 business days.\n\n{{agent.first_name}}, {{brand.name}} Support', public: true },
      es: { body: 'Hola {{requester.first_name}}:\n\nHemos aprobado el reembolso de tu compra de monedas (ticket #{{ticket.number}}). Lo verás en tu método de pago en 5–10 días hábiles.\n\n{{agent.first_name}}, soporte de {{brand.name}}', public: true },
      pt: { body: 'Olá {{requester.first_name}},\n\nAprovamos o reembolso da sua compra de moedas (ticket #{{ticket.number}}). O valor volta ao seu meio de pagamento em 5–10 dias úteis.\n\n{{agent.first_name}}, suporte {{brand.name}}', public: true },
    },
    actions: [{ type: 'set_status', value: 'pending' }, { type: 'add_tags', value: ['refund_approved'] }],
  });
  await createMacro(ctx, {
    name: 'Ask for the transaction ID',
    replies: { en: { body: 'Hi {{requester.first_name}}, could you send us the transaction ID from your receipt (it starts with "CLP-")? It lets us find the payment straight away.', public: true } },
    actions: [{ type: 'set_status', value: 'pending' }],
  });
  await createMacro(ctx, {
    name: 'Hacked account — first steps',
    replies: { en: { body: 'Hi {{requester.first_name}}, we have locked your account to protect it. Please reset your password from the link we just emailed you and turn on two-step verification. We will then review recent activity with you.', public: true } },
    actions: [{ type: 'set_team', value: t.account }, { type: 'set_priority', value: 'high' }, { type: 'add_tags', value: ['account_takeover'] }],
  });
  await createMacro(ctx, { name: 'Internal: needs Payments review', replies: { en: { body: 'Payments: please check the ledger for this customer (#{{ticket.number}}).', public: false } }, actions: [{ type: 'set_team', value: t.payments }] });

  await createRule(ctx, 'trigger', {
    name: 'Chargeback mentioned → urgent, Payments', on_events: ['ticket.created'],
    conditions: { all: [], any: [{ field: 'subject', op: 'contains', value: 'chargeback' }, { field: 'custom_fields.chargeback', op: 'is', value: true }] },
    actions: [{ type: 'set_priority', value: 'urgent' }, { type: 'set_team', value: t.payments }, { type: 'add_tags', value: ['chargeback'] }],
  });
  await createRule(ctx, 'trigger', {
    name: 'Hacked / stolen account → Account team', on_events: ['ticket.created'],
    conditions: { all: [], any: [{ field: 'subject', op: 'contains', value: 'hacked' }, { field: 'subject', op: 'contains', value: 'stolen' }] },
    actions: [{ type: 'set_team', value: t.account }, { type: 'set_priority', value: 'high' }, { type: 'add_tags', value: ['account_takeover'] }],
  });
  await createRule(ctx, 'trigger', {
    name: 'Customer replied on a solved ticket → tag', on_events: ['message.added'],
    conditions: { all: [{ field: 'event_actor', op: 'is', value: 'customer' }, { field: 'tags', op: 'not_contains', value: 'reopened_by_customer' }], any: [] },
    actions: [{ type: 'add_tags', value: ['customer_replied'] }],
    active: false,
  });
  await createRule(ctx, 'automation', {
    name: 'Pending 72 h → reminder',
    conditions: { all: [{ field: 'status', op: 'is', value: 'pending' }, { field: 'hours_in_status', op: 'gte', value: 72 }], any: [] },
    active: false, // switched on, it would remind every long-pending ticket of the seeded history at once
    actions: [{ type: 'send_reply', bodies: { en: 'Hi {{requester.first_name}}, just checking in on #{{ticket.number}} — do you still need our help? Reply to this message and we will pick it up.', es: 'Hola {{requester.first_name}}, ¿sigues necesitando ayuda con #{{ticket.number}}? Responde a este mensaje y lo retomamos.' } }],
  });
  await createRule(ctx, 'automation', {
    name: 'Pending 7 days → solve',
    conditions: { all: [{ field: 'status', op: 'is', value: 'pending' }, { field: 'hours_in_status', op: 'gte', value: 168 }], any: [] },
    active: false,
    actions: [{ type: 'set_status', value: 'solved' }, { type: 'add_tags', value: ['auto_solved'] }],
  });
  await createWebhook(ctx, { name: 'Data warehouse (example)', url: 'https://warehouse.example.invalid/switchboard', events: ['ticket.created', 'ticket.status_changed'], active: false });
}
