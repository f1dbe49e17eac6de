import PgBoss from 'pg-boss';
import type { Clock } from '../clock.js';
import type { Db, Tx } from '../db/index.js';
import type { Logger } from '../logger.js';
import { bossDb } from './boss-db.js';
import type { AnyJobDef } from './define-job.js';

export interface SendOptions {
  /** Not before this time (wall clock of the database). */
  startAfter?: Date;
  /** At most one queued job per key and queue (pg-boss singleton). */
  singletonKey?: string;
  /** Enqueue inside this transaction: the job exists only if the transaction commits. */
  tx?: Tx;
}

export interface QueueOptions {
  /** How often idle workers poll (pg-boss minimum 0.5 s). Default 1 s. */
  pollingIntervalSeconds?: number;
  /** Run workers in this process (false: only send). Default true. */
  work?: boolean;
}

const SCHEMA = 'pgboss';

/**
 * The platform's durable job queue: pg-boss on our own Db (PGlite or PostgreSQL), so the same code
 * and tests run on both. Jobs are stored in the database, survive restarts, are fetched with
 * SKIP LOCKED (safe with several processes), retried with backoff, and can be enqueued inside the
 * transaction of the change that caused them. See docs/ARCHITECTURE.md ("Jobs").
 */
export class JobQueue {
  readonly boss: PgBoss;
  private readonly defs = new Map<string, AnyJobDef>();
  private readonly timers: NodeJS.Timeout[] = [];
  private started = false;

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly opts: QueueOptions = {},
  ) {
    this.boss = new PgBoss({
      db: bossDb(db) as never,
      schema: SCHEMA,
      supervise: true,
      schedule: true,
      migrate: true,
      maintenanceIntervalSeconds: 120,
    } as PgBoss.ConstructorOptions);
    this.boss.on('error', (err) => this.log.error({ err }, 'job queue error'));
  }

  /** Install/upgrade the pg-boss schema, create the queues, start the workers and periodic jobs. */
  async start(defs: AnyJobDef[]): Promise<void> {
    await this.boss.start();
    this.started = true;
    for (const def of defs) {
      if (this.defs.has(def.name)) throw new Error(`job ${def.name} is defined twice`);
      this.defs.set(def.name, def);
      await this.ensureQueue(def);
    }
    if (this.opts.work === false) return;
    for (const def of defs) {
      await this.boss.work(
        def.name,
        { batchSize: def.batchSize ?? 10, pollingIntervalSeconds: this.opts.pollingIntervalSeconds ?? 1 },
        (jobs) => this.runBatch(def, jobs),
      );
      if (def.cron) await this.boss.schedule(def.name, def.cron, {}, { tz: 'UTC' });
      if (def.everySeconds) this.every(def);
    }
  }

  private async ensureQueue(def: AnyJobDef): Promise<void> {
    const existing = await this.boss.getQueue(def.name);
    const options = { name: def.name, retryLimit: def.retryLimit ?? 5, retryDelay: def.retryDelaySec ?? 5, retryBackoff: true };
    if (!existing) {
      try {
        await this.boss.createQueue(def.name, options);
      } catch (err) {
        // another process created it between our check and our insert
        if (!(await this.boss.getQueue(def.name))) throw err;
      }
    }
  }

  /** Periodic job: every process offers one job per slot; pg-boss keeps one per slot (singleton). */
  private every(def: AnyJobDef): void {
    const seconds = Math.max(1, Math.round(def.everySeconds!));
    const tick = () => {
      void this.boss.sendThrottled(def.name, {}, {}, seconds, 'every').catch((err: unknown) => this.log.warn({ err, job: def.name }, 'periodic job not enqueued'));
    };
    tick();
    this.timers.push(setInterval(tick, seconds * 1000));
  }

  private async runBatch(def: AnyJobDef, jobs: PgBoss.Job<unknown>[]): Promise<void> {
    // one at a time: PGlite has a single connection, and handlers are short transactions
    for (const job of jobs) {
      const parsed = def.schema.safeParse(job.data ?? {});
      if (!parsed.success) {
        this.log.error({ job: def.name, id: job.id, issues: parsed.error.issues }, 'job payload rejected; not retried');
        continue;
      }
      await def.handler(parsed.data, { db: this.db, clock: this.clock, log: this.log, job: { id: job.id, name: def.name } });
    }
  }

  /** Enqueue a job (optionally inside `tx`). Returns the job id, or null when a singleton already waits. */
  async send(name: string, data: object, opts: SendOptions = {}): Promise<string | null> {
    if (!this.started) throw new Error('job queue not started');
    const def = this.defs.get(name);
    if (!def) throw new Error(`unknown job ${name}`);
    const parsed = def.schema.parse(data);
    return this.boss.send(name, parsed as object, {
      ...(opts.startAfter ? { startAfter: opts.startAfter } : {}),
      ...(opts.singletonKey ? { singletonKey: opts.singletonKey } : {}),
      ...(opts.tx ? { db: bossDb(opts.tx) } : {}),
    } as PgBoss.SendOptions);
  }

  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers.length = 0;
    if (!this.started) return;
    this.started = false;
    await this.boss.stop({ graceful: true, close: false, wait: true, timeout: 10_000 });
  }
}
