import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Db } from '../../../platform/db/index.js';
import type { Clock } from '../../../platform/clock.js';
import { AppError, conflict, invalid, notFound } from '../../../platform/errors.js';
import { newId, newSecret } from '../../../platform/ids.js';
import { authorize, recordChange, systemActor, type Ctx } from '../../kernel/index.js';
import type { TrackerLink } from '../problem.js';
import { loadProblem } from './manage-problem.js';

/** How far a webhook's timestamp may be from our clock (either way). */
export const SIGNATURE_TOLERANCE_S = 300;

/** Register an external tracker (Jira, Linear, GitHub…). The secret is returned here, once. */
export async function createTrackerIntegration(ctx: Ctx, input: { name: string }): Promise<{ id: string; name: string; secret: string; created_at: Date }> {
  authorize(ctx.actor, 'routing.manage');
  const name = input.name?.trim() ?? '';
  if (!name || name.length > 100) throw invalid('NAME_REQUIRED', 'An integration needs a name (at most 100 characters)');
  const taken = await ctx.tx.maybeOne('SELECT 1 FROM tracker_integrations WHERE workspace_id = $1 AND name = $2', [ctx.actor.workspaceId, name]);
  if (taken) throw conflict('NAME_TAKEN', `An integration named "${name}" exists`);
  const now = ctx.clock.now();
  const row = { id: newId('trk', now), name, secret: `whsec_${newSecret(32)}`, created_at: now };
  await ctx.tx.query('INSERT INTO tracker_integrations (id, workspace_id, name, secret, created_at) VALUES ($1,$2,$3,$4,$5)', [
    row.id, ctx.actor.workspaceId, name, row.secret, now,
  ]);
  await recordChange(ctx, { event: 'tracker.integration_created', aggregateType: 'tracker_integration', aggregateId: row.id, payload: { name } });
  return row;
}

/** Link a problem to an issue in an external tracker (URL + key + status). */
export async function linkTracker(ctx: Ctx, problemId: string, input: { integration_id: string; external_key: string; url: string; status?: string }): Promise<TrackerLink> {
  authorize(ctx.actor, 'tickets.write');
  await loadProblem(ctx, problemId, true);
  const integ = await ctx.tx.maybeOne('SELECT 1 FROM tracker_integrations WHERE id = $1 AND workspace_id = $2', [input.integration_id, ctx.actor.workspaceId]);
  if (!integ) throw notFound('INTEGRATION_NOT_FOUND', 'Tracker integration');
  if (!/^https?:\/\/\S+$/i.test(input.url)) throw invalid('INVALID_URL', 'The tracker link must be an http(s) URL');
  if (!input.external_key.trim()) throw invalid('EXTERNAL_KEY_REQUIRED', 'The issue key (e.g. ENG-42) is required');
  const now = ctx.clock.now();
  const row = await ctx.tx.maybeOne<TrackerLink>(
    `INSERT INTO problem_tracker_links (id, problem_id, integration_id, external_key, url, status, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7)
     ON CONFLICT (integration_id, external_key) DO NOTHING RETURNING *`,
    [newId('trl', now), problemId, input.integration_id, input.external_key.trim(), input.url, input.status?.trim() || 'unknown', now],
  );
  if (!row) throw conflict('TRACKER_KEY_LINKED', `${input.external_key} is already linked to a problem`);
  await recordChange(ctx, { event: 'problem.tracker_linked', aggregateType: 'problem', aggregateId: problemId, payload: { link_id: row.id, external_key: row.external_key, url: row.url, status: row.status } });
  return row;
}

/** `t=<unix seconds>,v1=<hex HMAC-SHA256(secret, "<t>.<raw body>")>` (several v1 entries allowed, for secret rotation). */
export function signTrackerPayload(secret: string, timestamp: number, rawBody: string): string {
  return `t=${timestamp},v1=${createHmac('sha256', secret).update(`${timestamp}.${rawBody}`).digest('hex')}`;
}

const unauth = (code: string, msg: string) => new AppError(code, msg, 'unauthenticated');

export function verifyTrackerSignature(secret: string, header: string | undefined, rawBody: string, now: Date): void {
  if (!header) throw unauth('SIGNATURE_MISSING', 'X-Switchboard-Signature header is required');
  const parts = header.split(',').map((s) => s.trim().split('='));
  const t = Number(parts.find(([k]) => k === 't')?.[1]);
  const sigs = parts.filter(([k, v]) => k === 'v1' && /^[0-9a-f]{64}$/.test(v ?? '')).map(([, v]) => Buffer.from(v, 'hex'));
  if (!Number.isInteger(t) || !sigs.length) throw unauth('SIGNATURE_MALFORMED', 'The signature header must look like t=<unix>,v1=<hex>');
  if (Math.abs(now.getTime() / 1000 - t) > SIGNATURE_TOLERANCE_S) throw unauth('SIGNATURE_EXPIRED', `The signature timestamp is more than ${SIGNATURE_TOLERANCE_S} s away from now`);
  const want = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest();
  if (!sigs.some((s) => s.length === want.length && timingSafeEqual(s, want))) throw unauth('SIGNATURE_INVALID', 'The signature does not match the body');
}

export interface TrackerWebhook {
  integrationId: string;
  signature: string | undefined;
  deliveryId: string | undefined;
  rawBody: string;
}

/**
 * An authenticated status update from a tracker: verify the HMAC (per-integration secret, timestamp within
 * tolerance), refuse a delivery id seen before (replay), then update the linked issue's status.
 * Unknown integrations answer like a bad signature (no id probing).
 */
export async function applyTrackerWebhook(db: Db, clock: Clock, w: TrackerWebhook): Promise<{ updated: number }> {
  return db.transaction(async (tx) => {
    const integ = await tx.maybeOne<{ workspace_id: string; secret: string }>('SELECT workspace_id, secret FROM tracker_integrations WHERE id = $1', [w.integrationId]);
    const now = clock.now();
    if (!integ) throw unauth('SIGNATURE_INVALID', 'The signature does not match the body');
    verifyTrackerSignature(integ.secret, w.signature, w.rawBody, now);
    if (!w.deliveryId || !/^[\w.:-]{1,200}$/.test(w.deliveryId)) throw invalid('DELIVERY_ID_REQUIRED', 'X-Switchboard-Delivery (a unique id per delivery) is required');
    const fresh = await tx.maybeOne('INSERT INTO tracker_deliveries (integration_id, delivery_id, received_at) VALUES ($1,$2,$3) ON CONFLICT DO NOTHING RETURNING 1', [
      w.integrationId, w.deliveryId, now,
    ]);
    if (!fresh) throw conflict('DELIVERY_REPLAYED', `Delivery ${w.deliveryId} was already processed`);
    let body: { external_key?: unknown; status?: unknown; url?: unknown };
    try {
      body = JSON.parse(w.rawBody);
    } catch {
      throw new AppError('INVALID_JSON', 'The body is not JSON', 'validation');
    }
    if (typeof body?.external_key !== 'string' || typeof body.status !== 'string' || !body.status.trim() || body.status.length > 60) {
      throw invalid('INVALID_TRACKER_UPDATE', 'The body needs external_key (string) and status (1–60 characters)');
    }
    const url = typeof body.url === 'string' && /^https?:\/\/\S+$/i.test(body.url) ? body.url : null;
    const links = await tx.query<TrackerLink>(
      'UPDATE problem_tracker_links SET status = $3, url = coalesce($4, url), updated_at = $5 WHERE integration_id = $1 AND external_key = $2 RETURNING *',
      [w.integrationId, body.external_key, body.status.trim(), url, now],
    );
    const ctx: Ctx = { actor: systemActor(integ.workspace_id), tx, clock, meta: { channel: 'webhook' } };
    for (const l of links) {
      await recordChange(ctx, {
        event: 'problem.tracker_updated', aggregateType: 'problem', aggregateId: l.problem_id,
        payload: { link_id: l.id, external_key: l.external_key, status: l.status, delivery_id: w.deliveryId },
      });
    }
    return { updated: links.length };
  });
}
