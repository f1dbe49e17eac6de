import { configureChat } from '../../../domain/chat/index.js';
import type { SeedModuleCtx } from './types.js';

/**
 * Demo-workspace content of the chat module: chat and web-form settings for both brands (greeting, form
 * categories). No demo chat ticket: the demo's ticket set is fixed (2,000 tickets, checked by its test); a chat
 * starts as soon as someone writes in the widget (`/widget.js`, see docs/chat.md).
 */
export async function seedChat(s: SeedModuleCtx): Promise<void> {
  await configureChat(s.ctx, s.structure.brands.clipster, {
    greeting: 'Hi! Questions about uploads, payouts or your account? We usually answer within minutes.',
    form_categories: ['Payouts', 'Account & login', 'Uploads & playback', 'Billing', 'Something else'],
  });
  await configureChat(s.ctx, s.structure.brands.market, { form_categories: ['Selling', 'Buying', 'Payouts', 'Something else'] });
}
