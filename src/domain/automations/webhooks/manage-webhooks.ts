import { invalid, notFound } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { isEventName } from '../../../shared/events.js';
import type { WebhookInput } from '../../../shared/contracts/automations.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';
import { newWebhookSecret } from './sign.js';

export interface Webhook {
  id: string;
  name: string;
  url: string;
  events: string[];
  active: boolean;
  version: number;
  created_at: Date;
  updated_at: Date;
  secret?: string;
}
const COLS = 'id, name, url, events, active, version, created_at, updated_at';

function checkEvents(events: string[]): string[] {
  const bad = events.filter((e) => e !== '*' && !isEventName(e));
  if (bad.length) throw invalid('UNKNOWN_EVENT', `Unknown event name(s): ${bad.join(', ')} — see GET /api/v1/events/names`, { errors: bad.map((b) => ({ path: 'events', message: b })) });
  return [...new Set(events)];
}

export async function listWebhooks(ctx: Ctx): Promise<Webhook[]> {
  authorize(ctx.actor, 'automations.manage');
  return ctx.tx.query<Webhook>(`SELECT ${COLS} FROM webhooks WHERE workspace_id = $1 ORDER BY name, id`, [ctx.actor.workspaceId]);
}

export async function getWebhook(ctx: Ctx, id: string): Promise<Webhook> {
  authorize(ctx.actor, 'automations.manage');
  const w = await ctx.tx.maybeOne<Webhook>(`SELECT ${COLS} FROM webhooks WHERE id = $1 AND workspace_id = $2`, [id, ctx.actor.workspaceId]);
  if (!w) throw notFound('WEBHOOK_NOT_FOUND', 'Webhook');
  return w;
}

/** Create an endpoint; the signing secret is shown once, in this response. */
export async function createWebhook(ctx: Ctx, input: WebhookInput): Promise<Webhook> {
  authorize(ctx.actor, 'automations.manage');
  const now = ctx.clock.now();
  const secret = newWebhookSecret();
  const w = await ctx.tx.one<Webhook>(
    `INSERT INTO webhooks (id, workspace_id, name, url, secret, events, active, created_at, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$8) RETURNING ${COLS}`,
    [newId('whk', now), ctx.actor.workspaceId, input.name, input.url, secret, checkEvents(input.events), input.active ?? true, now],
  );
  await recordChange(ctx, { event: 'webhook.created', aggregateType: 'webhook', aggregateId: w.id, payload: { name: w.name, url: w.url, events: w.events } });
  return { ...w, secret };
}

export async function updateWebhook(ctx: Ctx, id: string, input: Partial<WebhookInput> & { rotate_secret?: boolean }): Promise<Webhook> {
  const cur = await getWebhook(ctx, id);
  const now = ctx.clock.now();
  const secret = input.rotate_secret ? newWebhookSecret() : null;
  const w = await ctx.tx.one<Webhook>(
    `UPDATE webhooks SET name = $2, url = $3, events = $4, active = $5, secret = COALESCE($6, secret), version = version + 1, updated_at = $7
      WHERE id = $1 RETURNING ${COLS}`,
    [id, input.name ?? cur.name, input.url ?? cur.url, input.events ? checkEvents(input.events) : cur.events, input.active ?? cur.active, secret, now],
  );
  await recordChange(ctx, {
    event: 'webhook.updated', aggregateType: 'webhook', aggregateId: id,
    payload: { name: w.name, url: w.url, events: w.events, active: w.active, secret_rotated: Boolean(secret) },
  });
  return secret ? { ...w, secret } : w;
}

export async function deleteWebhook(ctx: Ctx, id: string): Promise<void> {
  const cur = await getWebhook(ctx, id);
  await ctx.tx.query('DELETE FROM webhooks WHERE id = $1', [id]);
  await recordChange(ctx, { event: 'webhook.deleted', aggregateType: 'webhook', aggregateId: id, payload: { name: cur.name } });
}
