import type { Tx } from '../../../platform/db/index.js';
import type { DeliveredEvent } from '../../../platform/events/index.js';
import { notFound } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { sendJob } from '../../../platform/jobs/index.js';
import type { Ctx } from '../../kernel/index.js';
import type { Ticket } from '../../tickets/index.js';

export const DELIVER_JOB = 'automations.deliver-webhooks';

/** Events about webhooks themselves never fan out to webhooks (a failing endpoint must not feed itself). */
export const isWebhookEvent = (name: string) => name.startsWith('webhook.');

function bodyOf(type: string, occurredAt: Date, data: Record<string, unknown>): string {
  return JSON.stringify({ type, timestamp: occurredAt.toISOString(), data });
}

/** Create one pending delivery per matching active webhook for each event (idempotent per webhook+event). */
export async function enqueueEventDeliveries(tx: Tx, events: readonly DeliveredEvent[], now: Date): Promise<number> {
  const relevant = events.filter((e) => e.workspace_id && !isWebhookEvent(e.name));
  if (!relevant.length) return 0;
  // one lookup per batch: most events of most workspaces match no webhook at all
  const hooks = await tx.query<{ id: string; workspace_id: string; events: string[] }>(
    'SELECT id, workspace_id, events FROM webhooks WHERE active AND workspace_id = ANY($1::text[])',
    [[...new Set(relevant.map((e) => e.workspace_id!))]],
  );
  if (!hooks.length) return 0;
  let created = 0;
  for (const e of relevant) {
    for (const h of hooks) {
      if (h.workspace_id !== e.workspace_id || !(h.events.includes(e.name) || h.events.includes('*'))) continue;
      const body = bodyOf(e.name, new Date(e.occurred_at), {
        event_id: e.id, ticket_id: e.ticket_id, aggregate_type: e.aggregate_type, aggregate_id: e.aggregate_id,
        actor: { type: e.actor_type, id: e.actor_id }, payload: e.payload,
      });
      const row = await tx.maybeOne(
        `INSERT INTO webhook_deliveries (id, webhook_id, event_id, event_name, body, status, next_attempt_at, created_at, updated_at)
         VALUES ($1,$2,$3,$4,$5,'pending',$6,$6,$6) ON CONFLICT (webhook_id, event_id) DO NOTHING RETURNING id`,
        [newId('whd', now), h.id, e.id, e.name, body, now],
      );
      if (row) created++;
    }
  }
  if (created) await sendJob(tx, DELIVER_JOB, {});
  return created;
}

/** A rule's "notify webhook" action: one delivery carrying the ticket, whatever the webhook's event filter. */
export async function enqueueCustomDelivery(ctx: Ctx, webhookId: string, t: Ticket, source: { kind: string; id: string; name: string }): Promise<void> {
  const hook = await ctx.tx.maybeOne('SELECT id FROM webhooks WHERE id = $1 AND workspace_id = $2', [webhookId, ctx.actor.workspaceId]);
  if (!hook) throw notFound('WEBHOOK_NOT_FOUND', `Webhook ${webhookId}`);
  const now = ctx.clock.now();
  const eventId = newId('ntf', now);
  const body = bodyOf(`${source.kind}.notification`, now, {
    event_id: eventId, ticket_id: t.id, source,
    ticket: { id: t.id, number: t.number, subject: t.subject, status: t.status, priority: t.priority, tags: t.tags, team_id: t.team_id, assignee_id: t.assignee_id },
  });
  await ctx.tx.query(
    `INSERT INTO webhook_deliveries (id, webhook_id, event_id, event_name, body, status, next_attempt_at, created_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,'pending',$6,$6,$6)`,
    [newId('whd', now), webhookId, eventId, `${source.kind}.notification`, body, now],
  );
  await sendJob(ctx.tx, DELIVER_JOB, {});
}
