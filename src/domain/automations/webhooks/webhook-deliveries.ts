import { conflict, notFound } from '../../../platform/errors.js';
import { sendJob } from '../../../platform/jobs/index.js';
import { recordChange, type Ctx } from '../../kernel/index.js';
import { DELIVER_JOB } from './enqueue-deliveries.js';
import { getWebhook } from './manage-webhooks.js';

export interface WebhookDelivery {
  id: string;
  webhook_id: string;
  event_id: string;
  event_name: string;
  status: 'pending' | 'succeeded' | 'dead';
  attempts: number;
  next_attempt_at: Date;
  last_status_code: number | null;
  last_error: string | null;
  last_duration_ms: number | null;
  created_at: Date;
  updated_at: Date;
  body?: string;
}
const COLS = 'id, webhook_id, event_id, event_name, status, attempts, next_attempt_at, last_status_code, last_error, last_duration_ms, created_at, updated_at';

/** The delivery log of one endpoint, newest first; `status=dead` is the dead-letter list. */
export async function listWebhookDeliveries(ctx: Ctx, webhookId: string, opts: { status?: string; limit?: number } = {}): Promise<WebhookDelivery[]> {
  await getWebhook(ctx, webhookId);
  return ctx.tx.query<WebhookDelivery>(
    `SELECT ${COLS}, body FROM webhook_deliveries WHERE webhook_id = $1 AND ($2::text IS NULL OR status = $2) ORDER BY created_at DESC, id DESC LIMIT $3`,
    [webhookId, opts.status ?? null, Math.min(opts.limit ?? 100, 500)],
  );
}

/** Manual replay: a dead (or succeeded) delivery goes back to pending with a fresh retry budget. */
export async function replayWebhookDelivery(ctx: Ctx, webhookId: string, deliveryId: string): Promise<WebhookDelivery> {
  await getWebhook(ctx, webhookId);
  const cur = await ctx.tx.maybeOne<WebhookDelivery>(`SELECT ${COLS} FROM webhook_deliveries WHERE id = $1 AND webhook_id = $2 FOR UPDATE`, [deliveryId, webhookId]);
  if (!cur) throw notFound('DELIVERY_NOT_FOUND', 'Webhook delivery');
  if (cur.status === 'pending') throw conflict('DELIVERY_PENDING', 'This delivery is still being retried');
  const now = ctx.clock.now();
  const d = await ctx.tx.one<WebhookDelivery>(
    `UPDATE webhook_deliveries SET status = 'pending', attempts = 0, next_attempt_at = $2, updated_at = $2 WHERE id = $1 RETURNING ${COLS}`,
    [deliveryId, now],
  );
  await recordChange(ctx, { event: 'webhook.delivery_replayed', aggregateType: 'webhook', aggregateId: webhookId, payload: { delivery_id: deliveryId, was: cur.status } });
  await sendJob(ctx.tx, DELIVER_JOB, {});
  return d;
}
