import type { Db } from '../db/types.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';

export interface DeliveredEvent {
  seq: number;
  id: string;
  name: string;
  workspace_id: string | null;
  aggregate_type: string;
  aggregate_id: string;
  ticket_id: string | null;
  actor_type: string;
  actor_id: string | null;
  payload: Record<string, unknown>;
  occurred_at: Date;
}

/** The dispatcher's injected clock and logger, for handlers that need time or must log. */
export interface SubscriberEnv {
  clock: Clock;
  log: Logger;
}

export interface Subscriber {
  /** Stable name; deliveries are tracked per subscriber. */
  name: string;
  /** Event names, or ['*']. */
  events: readonly string[];
  /** Must be idempotent: delivery is at-least-once. */
  handle(event: DeliveredEvent, db: Db, env: SubscriberEnv): Promise<void>;
  /** Optional: handle many at once (fewer round trips); on failure each is retried through handle(). */
  handleBatch?(events: DeliveredEvent[], db: Db, env: SubscriberEnv): Promise<void>;
}

/** Record in the database which subscriber wants which event, so any process's writes fan out correctly. */
export async function syncSubscriptions(db: Db, subscribers: Subscriber[]): Promise<void> {
  await db.transaction(async (tx) => {
    for (const s of subscribers) {
      await tx.query('DELETE FROM event_subscriptions WHERE subscriber = $1', [s.name]);
      for (const name of s.events) {
        await tx.query('INSERT INTO event_subscriptions (subscriber, event_name) VALUES ($1, $2) ON CONFLICT DO NOTHING', [s.name, name]);
      }
    }
  });
}

const MAX_ATTEMPTS = 8;

/**
 * Claims pending deliveries with FOR UPDATE SKIP LOCKED (safe with many processes), runs the
 * handler, and marks them done — or schedules a retry with exponential backoff, then 'dead'.
 */
export class Dispatcher {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private wake = false;
  private stopped = false;
  private unlisten: (() => Promise<void>) | null = null;
  private readonly byName: Map<string, Subscriber>;

  constructor(
    private readonly db: Db,
    subscribers: Subscriber[],
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly pollMs = 500,
  ) {
    this.byName = new Map(subscribers.map((s) => [s.name, s]));
  }

  async start(): Promise<void> {
    await syncSubscriptions(this.db, [...this.byName.values()]);
    this.unlisten = await this.db.listen('sb_events', () => this.kick());
    this.schedule(0);
  }

  kick(): void {
    if (this.running) this.wake = true;
    else this.schedule(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.unlisten?.(); // on PostgreSQL this closes the dedicated LISTEN connection
    this.unlisten = null;
    while (this.running) await new Promise((r) => setTimeout(r, 10));
  }

  private schedule(ms: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => void this.loop(), ms);
  }

  private async loop(): Promise<void> {
    if (this.running || this.stopped) return;
    this.running = true;
    let n: number;
    try {
      do {
        this.wake = false;
        n = await this.runOnce();
      } while ((n > 0 || this.wake) && !this.stopped);
    } catch (e) {
      this.log.error({ err: e }, 'event dispatcher failed');
    } finally {
      this.running = false;
      this.schedule(this.pollMs);
    }
  }

  /**
   * Process one batch; returns how many deliveries were claimed. Claiming is a short transaction
   * that leases rows (run_after = now + lease); handlers run outside it, so a crash only delays a
   * delivery until its lease runs out. Exposed for tests.
   */
  async runOnce(batch = 50, leaseMs = 60_000): Promise<number> {
    const now = this.clock.now();
    const rows = await this.db.query<DeliveredEvent & { delivery_id: number; subscriber: string; attempts: number }>(
      `WITH claimed AS (
         SELECT id FROM event_deliveries
          WHERE status = 'pending' AND run_after <= $1 AND subscriber = ANY($4::text[])
          ORDER BY id LIMIT $2 FOR UPDATE SKIP LOCKED
       ), leased AS (
         UPDATE event_deliveries d SET run_after = $3 FROM claimed WHERE d.id = claimed.id
         RETURNING d.id, d.subscriber, d.attempts, d.event_seq
       )
       SELECT l.id AS delivery_id, l.subscriber, l.attempts, e.*
         FROM leased l JOIN events e ON e.seq = l.event_seq ORDER BY l.id`,
      [now, batch, new Date(now.getTime() + leaseMs), [...this.byName.keys()]],
    );
    const done: number[] = [];
    const bySub = new Map<string, typeof rows>();
    for (const r of rows) bySub.set(r.subscriber, [...(bySub.get(r.subscriber) ?? []), r]);
    for (const [name, group] of bySub) {
      const sub = this.byName.get(name)!;
      if (sub.handleBatch) {
        try {
          await sub.handleBatch(group, this.db, { clock: this.clock, log: this.log });
          done.push(...group.map((r) => r.delivery_id));
          continue;
        } catch (e) {
          // Fall back to one at a time, so one poisoned event cannot hold back the others.
          this.log.warn({ subscriber: name, err: String(e) }, 'batch delivery failed; retrying one by one');
        }
      }
      for (const r of group) {
        try {
          await sub.handle(r, this.db, { clock: this.clock, log: this.log });
          done.push(r.delivery_id);
        } catch (e) {
          await this.fail(r, e);
        }
      }
    }
    if (done.length) {
      await this.db.query(
        `UPDATE event_deliveries SET status = 'done', attempts = attempts + 1, completed_at = $2 WHERE id = ANY($1::bigint[])`,
        [done, this.clock.now()],
      );
    }
    return rows.length;
  }

  private async fail(r: { delivery_id: number; subscriber: string; name: string; attempts: number }, e: unknown): Promise<void> {
    const attempts = r.attempts + 1;
    const dead = attempts >= MAX_ATTEMPTS;
    const retryAt = new Date(this.clock.now().getTime() + Math.min(2 ** attempts * 1000, 3_600_000));
    this.log.warn({ subscriber: r.subscriber, event: r.name, attempts, err: String(e) }, 'event delivery failed');
    await this.db.query(
      `UPDATE event_deliveries SET attempts = $2, status = $3, run_after = $4, last_error = $5 WHERE id = $1`,
      [r.delivery_id, attempts, dead ? 'dead' : 'pending', retryAt, String(e).slice(0, 2000)],
    );
  }
}
