import {
  issueStatement, openCase, recordHoldingReply, recordPaymentComplaint, setRetentionPolicy, setRegion,
} from '../../../domain/compliance/index.js';
import type { SeedModuleCtx } from './types.js';

/**
 * Demo-workspace content of the compliance module: EU residency, retention schedules in dry-run, a GDPR access
 * request clock, two PSD2 complaints (one with a holding reply), an unauthorised-payment claim, and a DSA
 * statement of reasons on a demonetised creator — on the newest open tickets.
 */
export async function seedCompliance(s: SeedModuleCtx): Promise<void> {
  const { ctx, now } = s;
  await setRegion(ctx, { region: 'eu' });
  for (const [category, days] of [['closed_tickets', 1095], ['chat_transcripts', 365], ['attachments', 365], ['audit_logs', 365], ['pii_access_log', 365]] as const) {
    await setRetentionPolicy(ctx, { category, days, enabled: false });
  }
  const tickets = await ctx.tx.query<{ id: string; requester_id: string }>(
    `SELECT id, requester_id FROM tickets WHERE workspace_id = $1 AND status IN ('new','open') ORDER BY created_at DESC, id LIMIT 5`, [ctx.actor.workspaceId]);
  if (tickets.length < 5) return;
  const ago = (days: number) => new Date(now.getTime() - days * 86_400_000);
  await openCase(ctx, { type: 'gdpr_access', ticket_id: tickets[0].id, received_at: ago(20), channel: 'email' });
  await recordPaymentComplaint(ctx, { ticket_id: tickets[1].id, kind: 'complaint', category: 'refund_delay', product: 'in-app purchase', amount_minor: 999, currency: 'EUR', received_at: ago(12) });
  const held = await recordPaymentComplaint(ctx, { ticket_id: tickets[2].id, kind: 'complaint', category: 'payout_missing', product: 'creator payouts', amount_minor: 45_000, currency: 'EUR', received_at: ago(5) });
  if (held.case_id) await recordHoldingReply(ctx, held.case_id, { reason: 'Waiting for the payout partner’s bank statement' });
  await recordPaymentComplaint(ctx, { ticket_id: tickets[3].id, kind: 'unauthorised_payment', category: 'fraud', product: 'in-app purchase', amount_minor: 4_999, currency: 'EUR', received_at: ago(0) });
  // The clocks' events are on these tickets now: keep "updated_at = last event" true for them.
  await ctx.tx.query('UPDATE tickets SET updated_at = $2, version = version + 1 WHERE id = ANY($1::text[])', [tickets.slice(0, 4).map((t) => t.id), now]);
  await issueStatement(ctx, {
    customer_id: tickets[4].requester_id, content_ref: 'video:demo-1', measure: 'demonetisation', scope: 'EU', duration: '30 days',
    facts: 'Repeated re-upload of third-party content without a licence', automated_detection: true, automated_decision: false,
    ground_type: 'incompatible_with_terms', ground: 'Monetisation policy §4.2',
  });
}
