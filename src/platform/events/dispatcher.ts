import { createHash } from 'node:crypto';
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
  /** Stable name; a failed delivery is retried per subscriber (its own row). */
  name: string;
  /** Event names, or ['*']. */
  events: readonly string[];
  /** Must be idempotent: delivery is at-least-once. */
  handle(event: DeliveredEvent, db: Db, env: SubscriberEnv): Promise<void>;
  /** Optional: handle many at once (fewer round trips); on failure each is retried through handle(). */
  handleBatch?(events: DeliveredEvent[], db: Db, env: SubscriberEnv): Promise<void>;
}

/**
 * The consumer group of a set of subscribers (ADR 0003): `group:<name>` when named (the worker's lanes), else
 * derived from the subscribers' names, so every process running the same set shares one group.
 */
export function consumerGroup(subscribers: readonly Subscriber[], name?: string): string {
  if (name) return `group:${name}`;
  const names = subscribers.map((s) => s.name).sort().join('\n');
  return `group:${createHash('sha256').update(names).digest('hex').slice(0, 16)}`;
}

/**
 * Record in the database which subscriber wants which event, and in which consumer group (one delivery row per
 * event and group), so any process's writes fan out correctly. A subscriber belongs to one group at a time.
 */
export async function syncSubscriptions(db: Db, subscribers: Subscriber[], group?: string): Promise<void> {
  const grp = consumerGroup(subscribers, group);
  const pairs = subscribers.flatMap((s) => s.events.map((e) => [s.name, e] as const));
  await db.transaction(async (tx) => {
    await tx.query('DELETE FROM event_subscriptions WHERE subscriber = ANY($1::text[]) OR consumer_group = $2', [subscribers.map((s) => s.name), grp]);
    await tx.query(
      `INSERT INTO event_subscriptions (subscriber, event_name, consumer_group)
       SELECT s, e, $3 FROM unnest($1::text[], $2::text[]) AS t(s, e) ON CONFLICT DO NOTHING`,
      [pairs.map((p) => p[0]), pairs.map((p) => p[1]), grp],
    );
  });
}

const MAX_ATTEMPTS = 8;
const backoffMs = (attempts: number) => Math.min(2 ** attempts * 1000, 3_600_000);

export interface DispatcherOptions {
  /** Consumer group name (see {@link consumerGroup}); default: derived from the subscribers' names. */
  group?: string;
  /** How many subscribers handle one claimed batch at the same time (default: 4 on PostgreSQL, 1 on PGlite). */
  concurrency?: number;
}

type Claimed = DeliveredEvent & { delivery_id: number; subscriber: string; attempts: number };
/** One subscriber's share of a claimed batch: from the group's row, or its own retry row. */
interface Item {
  row: Claimed;
  retry: boolean;
}

/**
 * Claims pending deliveries with FOR UPDATE SKIP LOCKED (safe with many processes): its group's rows (one per
 * event, handed to each of its subscribers that wants the event) and its subscribers' own retry rows. A
 * subscriber that fails on a group row gets a retry row of its own (exponential backoff, then 'dead'); the
 * group row is done once every subscriber has either handled the event or got its retry row (ADR 0003).
 */
export class Dispatcher {
  private timer: NodeJS.Timeout | null = null;
  private running = false;
  private wake = false;
  private stopped = false;
  private unlisten: (() => Promise<void>) | null = null;
  private readonly byName: Map<string, Subscriber>;
  private readonly subscribers: Subscriber[];
  readonly group: string;
  private readonly groupName: string | undefined;
  private readonly concurrency: number;

  constructor(
    private readonly db: Db,
    subscribers: Subscriber[],
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly pollMs = 500,
    opts: DispatcherOptions = {},
  ) {
    this.subscribers = subscribers;
    this.byName = new Map(subscribers.map((s) => [s.name, s]));
    this.groupName = opts.group;
    this.group = consumerGroup(subscribers, opts.group);
    this.concurrency = Math.max(1, opts.concurrency ?? (db.kind === 'postgres' ? 4 : 1));
  }

  async start(): Promise<void> {
    await syncSubscriptions(this.db, this.subscribers, this.groupName);
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
   * Process one batch; returns how many delivery rows were claimed. Claiming is a short transaction
   * that leases rows (run_after = now + lease); handlers run outside it, so a crash only delays a
   * delivery until its lease runs out. Exposed for tests.
   */
  async runOnce(batch = 50, leaseMs = 60_000): Promise<number> {
    const now = this.clock.now();
    const rows = await this.db.query<Claimed>(
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
      [now, batch, new Date(now.getTime() + leaseMs), [this.group, ...this.byName.keys()]],
    );
    if (!rows.length) return 0;
    const work = new Map<Subscriber, Item[]>();
    const add = (s: Subscriber, item: Item) => { const list = work.get(s); if (list) list.push(item); else work.set(s, [item]); };
    for (const r of rows) {
      if (r.subscriber !== this.group) add(this.byName.get(r.subscriber)!, { row: r, retry: true });
      else for (const s of this.subscribers) if (s.events.includes(r.name) || s.events.includes('*')) add(s, { row: r, retry: false });
    }
    const done = rows.filter((r) => r.subscriber === this.group).map((r) => r.delivery_id);
    const failed: Array<{ seq: number; subscriber: string; error: string }> = [];
    const queue = [...work];
    const lane = async () => {
      for (let next = queue.shift(); next; next = queue.shift()) {
        const [sub, items] = next;
        for (const { item, error } of await this.deliver(sub, items)) {
          if (error === null) {
            if (item.retry) done.push(item.row.delivery_id);
          } else if (item.retry) {
            await this.fail(item.row, error);
          } else {
            this.log.warn({ subscriber: sub.name, event: item.row.name, attempts: 1, err: String(error) }, 'event delivery failed');
            failed.push({ seq: item.row.seq, subscriber: sub.name, error: String(error).slice(0, 2000) });
          }
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.concurrency, queue.length) }, lane));
    // One statement: the group rows are done only together with the retry rows of the subscribers that failed.
    await this.db.query(
      `WITH retry AS (
         INSERT INTO event_deliveries (event_seq, subscriber, attempts, run_after, last_error)
         SELECT * FROM unnest($3::bigint[], $4::text[], $5::int[], $6::timestamptz[], $7::text[])
         ON CONFLICT (event_seq, subscriber) DO NOTHING
       )
       UPDATE event_deliveries SET status = 'done', attempts = attempts + 1, completed_at = $2 WHERE id = ANY($1::bigint[])`,
      [
        done, this.clock.now(), failed.map((f) => f.seq), failed.map((f) => f.subscriber), failed.map(() => 1),
        failed.map(() => new Date(this.clock.now().getTime() + backoffMs(1))), failed.map((f) => f.error),
      ],
    );
    return rows.length;
  }

  /** Run one subscriber on its items: the whole batch at once when it can, else (or when that fails) one by one. */
  private async deliver(sub: Subscriber, items: Item[]): Promise<Array<{ item: Item; error: unknown }>> {
    const env = { clock: this.clock, log: this.log };
    if (sub.handleBatch) {
      try {
        await sub.handleBatch(items.map((i) => i.row), this.db, env);
        return items.map((item) => ({ item, error: null }));
      } catch (e) {
        // Fall back to one at a time, so one poisoned event cannot hold back the others.
        this.log.warn({ subscriber: sub.name, err: String(e) }, 'batch delivery failed; retrying one by one');
      }
    }
    const out: Array<{ item: Item; error: unknown }> = [];
    for (const item of items) {
      try {
        await sub.handle(item.row, this.db, env);
        out.push({ item, error: null });
      } catch (e) {
        out.push({ item, error: e ?? new Error('handler failed') });
      }
    }
    return out;
  }

  private async fail(r: { delivery_id: number; subscriber: string; name: string; attempts: number }, e: unknown): Promise<void> {
    const attempts = r.attempts + 1;
    const dead = attempts >= MAX_ATTEMPTS;
    const retryAt = new Date(this.clock.now().getTime() + backoffMs(attempts));
    this.log.warn({ subscriber: r.subscriber, event: r.name, attempts, err: String(e) }, 'event delivery failed');
    await this.db.query(
      `UPDATE event_deliveries SET attempts = $2, status = $3, run_after = $4, last_error = $5 WHERE id = $1`,
      [r.delivery_id, attempts, dead ? 'dead' : 'pending', retryAt, String(e).slice(0, 2000)],
    );
  }
}
