import type { ZodType } from 'zod';
import type { Clock } from '../clock.js';
import type { Db } from '../db/index.js';
import type { Logger } from '../logger.js';

/** What a job handler receives besides its payload. */
export interface JobEnv {
  db: Db;
  clock: Clock;
  log: Logger;
  job: { id: string; name: string };
}

export interface JobDef<T = unknown> {
  /** Queue name: `<module>.<verb-noun>`, e.g. `sla.fire-due-timers`. */
  name: string;
  /** Payload schema; a payload that fails it is logged and failed without retries. */
  schema: ZodType<T>;
  handler(data: T, env: JobEnv): Promise<void>;
  /** Retries after a thrown error (default 5), exponential backoff from `retryDelaySec` (default 5 s). */
  retryLimit?: number;
  retryDelaySec?: number;
  /** Jobs fetched per poll (default 10). Handlers still run one job at a time per process. */
  batchSize?: number;
  /** Run every N seconds (≥ 1), once per slot across all processes (pg-boss singleton slots). */
  everySeconds?: number;
  /** Or a cron expression (minute granularity, pg-boss timekeeper), in UTC. */
  cron?: string;
}

/** Identity helper that keeps the payload type attached to the handler. */
export function defineJob<T>(def: JobDef<T>): JobDef<T> {
  return def;
}

/** A job of any payload type, for registries. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyJobDef = JobDef<any>;
