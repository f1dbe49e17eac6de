import { saveTemplate, updateEmailSettings } from '../../../domain/channels/index.js';
import type { SeedModuleCtx } from './types.js';

/**
 * Demo-workspace content of the channels module: mailbox settings (aliases, sender names) and a German
 * acknowledgement for the Creator Market. (The core demo's customers already write on several channels, so
 * the ticket page's "Customer across channels" panel has content without extra tickets here.)
 */
export async function seedChannels(s: SeedModuleCtx): Promise<void> {
  const { clipster, market } = s.structure.brands;
  await updateEmailSettings(s.ctx, clipster, { aliases: ['billing@clipster.example'], from_name: 'Clipster Support' });
  await updateEmailSettings(s.ctx, market, { from_name: 'Creator Market Support' });
  await saveTemplate(s.ctx, {
    brand_id: market, key: 'acknowledgement', language: 'de',
    subject: 'Wir haben Ihre Anfrage erhalten: {{ticket.subject}} [#{{ticket.number}}]',
    body_text: 'Hallo {{customer.name}},\n\ndanke für Ihre Nachricht an den Creator Market. Ihre Anfrage hat die Nummer #{{ticket.number}}.\n\nIhr {{brand.name}}-Team',
  });
}
