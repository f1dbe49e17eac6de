import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/db/index.js';
import type { Logger } from '../../../platform/logger.js';
import { recordChange, systemActor } from '../../kernel/index.js';
import { assertOutboundTransferAllowed } from '../../compliance/index.js';
import { signWebhook } from './sign.js';

/** Seconds to wait after attempt n (1-based) fails; after the last one the delivery is dead. */
export const RETRY_SCHEDULE_SEC = [5, 30, 120, 600, 1800, 3600, 10_800];
export const MAX_ATTEMPTS = RETRY_SCHEDULE_SEC.length + 1;
const LEASE_SEC = 60;
const TIMEOUT_MS = 10_000;

interface Claimed {
  id: string;
  webhook_id: string;
  event_id: string;
  event_name: string;
  body: string;
  attempts: number;
  url: string;
  secret: string;
  workspace_id: string;
}

export interface DeliverDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  fetch?: typeof fetch;
}

/**
 * Send every due delivery once: claim a batch (SKIP LOCKED, leased so a crash only delays it), POST
 * each outside any transaction, then record the outcome — success, a retry at the next backoff step,
 * or dead (with a `webhook.delivery_dead` event) after the last attempt. Returns what happened.
 */
export async function deliverDueWebhooks(deps: DeliverDeps, limit = 50): Promise<{ sent: number; failed: number; dead: number }> {
  const now = deps.clock.now();
  const claimed = await deps.db.query<Claimed>(
    `UPDATE webhook_deliveries d SET next_attempt_at = $2::timestamptz + interval '${LEASE_SEC} seconds', updated_at = $2
       FROM webhooks w
      WHERE d.id IN (SELECT id FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= $2 ORDER BY next_attempt_at LIMIT $1 FOR UPDATE SKIP LOCKED)
        AND w.id = d.webhook_id
      RETURNING d.id, d.webhook_id, d.event_id, d.event_name, d.body, d.attempts, w.url, w.secret, w.workspace_id`,
    [limit, now],
  );
  const out = { sent: 0, failed: 0, dead: 0 };
  const doFetch = deps.fetch ?? fetch;
  for (const d of claimed) {
    const started = performance.now();
    let status: number | null = null;
    let error: string | null = null;
    try {
      await assertOutboundTransferAllowed(deps.db, d.workspace_id, d.url); // Art. 28: blocked until the vendor's DPA is in place
      const headers = signWebhook(d.secret, d.id, Math.floor(deps.clock.now().getTime() / 1000), d.body);
      const res = await doFetch(d.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'Switchboard-Webhooks/1', ...headers },
        body: d.body,
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      status = res.status;
      await res.body?.cancel().catch(() => undefined);
      if (res.status < 200 || res.status > 299) error = `HTTP ${res.status}`;
    } catch (err) {
      error = (err as Error).name === 'TimeoutError' ? `timed out after ${TIMEOUT_MS / 1000} s` : String((err as Error).message ?? err).slice(0, 300);
    }
    const ms = Math.round(performance.now() - started);
    const attempts = d.attempts + 1;
    const at = deps.clock.now();
    if (!error) {
      out.sent++;
      await deps.db.query(
        `UPDATE webhook_deliveries SET status = 'succeeded', attempts = $2, last_status_code = $3, last_error = NULL, last_duration_ms = $4, updated_at = $5 WHERE id = $1`,
        [d.id, attempts, status, ms, at],
      );
      continue;
    }
    if (attempts >= MAX_ATTEMPTS) {
      out.dead++;
      await deps.db.transaction(async (tx) => {
        await tx.query(
          `UPDATE webhook_deliveries SET status = 'dead', attempts = $2, last_status_code = $3, last_error = $4, last_duration_ms = $5, updated_at = $6 WHERE id = $1`,
          [d.id, attempts, status, error, ms, at],
        );
        const ctx = { actor: systemActor(d.workspace_id), tx, clock: deps.clock, meta: { channel: 'system' } };
        await recordChange(ctx, {
          event: 'webhook.delivery_dead', aggregateType: 'webhook', aggregateId: d.webhook_id,
          payload: { delivery_id: d.id, event_id: d.event_id, event_name: d.event_name, attempts, last_error: error },
        });
      });
      deps.log.warn({ delivery: d.id, webhook: d.webhook_id, error }, 'webhook delivery dead after the last retry');
      continue;
    }
    out.failed++;
    const next = new Date(at.getTime() + RETRY_SCHEDULE_SEC[attempts - 1] * 1000);
    await deps.db.query(
      `UPDATE webhook_deliveries SET attempts = $2, last_status_code = $3, last_error = $4, last_duration_ms = $5, next_attempt_at = $6, updated_at = $7 WHERE id = $1`,
      [d.id, attempts, status, error, ms, next, at],
    );
  }
  return out;
}
