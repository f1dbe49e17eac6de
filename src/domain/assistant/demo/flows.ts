/**
 * The demo workspace's assistant flows: the automatable parts of its SOPs (refund of a coin purchase,
 * payout-account change, lost card, compromised card) in the assistant's flow shape.
 */
import type { FlowInput } from '../flow.js';

export const DEMO_FLOWS: Record<string, { ref: string; version: number; flow: FlowInput }> = {
  request_refund: {
    ref: 'refund-coin-purchase',
    version: 1,
    flow: {
      name: 'Refund of a coin purchase',
      limits: { max_amount: 100 },
      steps: [
        {
          id: 'collect', type: 'collect', fields: [
            { key: 'order_id', kind: 'order_id', prompt: 'Which order is it about? Please give the order ID (for example ORD-123456).' },
            { key: 'amount', kind: 'amount', prompt: 'How much should be refunded, in EUR?' },
            { key: 'coins_spent', kind: 'boolean', prompt: 'Have you already spent any of those coins? (yes / no)' },
            { key: 'refund_to', kind: 'choice', options: ['original card', 'Clipster wallet'], prompt: 'Where should the money go?' },
          ],
        },
        { id: 'spent', type: 'decision', branches: [{ when: { field: 'coins_spent', op: 'eq', value: true }, goto: 'decline' }, { goto: 'refund' }] },
        {
          id: 'refund', type: 'action', action: 'payments_refund',
          body: { order: '{{order_id}}', amount: '{{amount}}', currency: 'EUR', to: '{{refund_to}}' },
          payment: { amount_field: 'amount', payee_field: 'refund_to', currency: 'EUR' },
          save: { refund_ref: 'id' },
        },
        { id: 'confirm', type: 'reply', text: 'We refunded €{{amount}} for order {{order_id}} to your {{refund_to}} (reference {{refund_ref}}). It arrives within 3-5 business days.', next: 'end' },
        { id: 'decline', type: 'reply', text: 'Coins that were already spent cannot be refunded under our coin terms, sorry.', next: 'end' },
      ],
    },
  },
  change_payout_account: {
    ref: 'creator-payout-account-change',
    version: 1,
    flow: {
      name: 'Change the payout account',
      limits: {},
      steps: [
        { id: 'collect', type: 'collect', fields: [{ key: 'new_account', kind: 'text', prompt: 'Please type the IBAN of the new payout account.' }] },
        { id: 'check', type: 'decision', branches: [{ when: { field: 'new_account', op: 'exists' }, goto: 'change' }] },
        {
          id: 'change', type: 'action', action: 'payouts_change_account',
          body: { account: '{{new_account}}' },
          payment: { payee_field: 'new_account', currency: 'EUR' },
        },
        { id: 'done', type: 'reply', text: 'Your payout account is now {{new_account}}. The next payout goes there.', next: 'end' },
      ],
    },
  },
  lost_or_stolen_card: {
    ref: 'lost-card-freeze',
    version: 1,
    flow: {
      name: 'Freeze a lost card',
      limits: {},
      steps: [
        { id: 'ask', type: 'collect', fields: [{ key: 'freeze', kind: 'boolean', prompt: 'I can freeze your Creator Card right now so nobody can use it. Shall I? (yes / no)' }] },
        { id: 'branch', type: 'decision', branches: [{ when: { field: 'freeze', op: 'eq', value: true }, goto: 'freeze_card' }, { goto: 'no_freeze' }] },
        { id: 'freeze_card', type: 'action', action: 'cards_freeze', body: { reason: 'lost' } },
        { id: 'frozen', type: 'reply', text: 'Your card is frozen. You can order a replacement in the app under Card → Replace.', next: 'end' },
        { id: 'no_freeze', type: 'reply', text: 'OK, nothing changed. You can freeze the card any time in the app under Card → Freeze.', next: 'end' },
      ],
    },
  },
  compromised_card: {
    ref: 'compromised-card',
    version: 1,
    flow: {
      name: 'Compromised card',
      limits: {},
      steps: [
        { id: 'when', type: 'collect', fields: [{ key: 'noticed', kind: 'date', prompt: 'When did you first notice it? Please give the date as YYYY-MM-DD.' }] },
        { id: 'review', type: 'human', title: 'Fraud review by Trust & Safety', team: 'Trust & Safety' },
      ],
    },
  },
};

export const DEMO_EXTRA_EXAMPLES: Array<{ text: string; label: string }> = [
  'I want to change my payout account',
  'How do I update the bank account my creator payouts go to?',
  'Please switch my payouts to a new IBAN',
  'change payout bank details',
  'I have a new bank account for my earnings, can you update it?',
  'My payouts should go to a different account from now on',
  'update IBAN for creator payouts',
  'I closed my old bank account, where do I change the payout account?',
  'Can you send my creator earnings to my new account?',
  'new payout account please',
  'I need to replace the bank account linked to my payouts',
  'change where my payouts are sent',
].map((text) => ({ text, label: 'change_payout_account' }));
