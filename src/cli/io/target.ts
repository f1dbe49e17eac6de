import { loadConfig, type Config } from '../../platform/config.js';
import { systemClock, type Clock } from '../../platform/clock.js';
import { migrate, type Db } from '../../platform/db/index.js';
import { readLiveLock } from '../../platform/db/lock.js';
import { AppError } from '../../platform/errors.js';
import { systemActor, type Ctx } from '../../domain/kernel/index.js';
import { firstWorkspace, type Workspace } from '../../domain/workspace/index.js';
import { openCliDb } from '../open-db.js';
import { UsageError } from './args.js';
import { HttpClient } from './http-client.js';

export interface DbTarget {
  kind: 'db';
  db: Db;
  config: Config;
  /** The first workspace, or null on an empty database. */
  workspace: Workspace | null;
  /** Run fn in one transaction as the system actor (channel "cli"); clock defaults to the system clock. */
  run<T>(fn: (ctx: Ctx) => Promise<T>, clock?: Clock): Promise<T>;
  close(): Promise<void>;
}

export interface HttpTarget {
  kind: 'http';
  api: HttpClient;
  close(): Promise<void>;
}

export type Target = DbTarget | HttpTarget;

export interface RemoteFlags {
  url?: string;
  token?: string;
}

function lockedMessage(dataDir: string, pid: number, url: string | undefined): string {
  if (!url) {
    return `Another Switchboard process (pid ${pid}) is using DATA_DIR ${dataDir}: the embedded database allows one process at a time. ` +
      'Wait for it to finish, or use PostgreSQL (DATABASE_URL) to run several processes.';
  }
  return `A Switchboard server (pid ${pid}) is using DATA_DIR ${dataDir}: stop it, or rerun with --url ${url} --token <admin API token> ` +
    '(create one in Admin → API tokens).';
}

/**
 * Decide where a data command goes, without ever opening PGlite under another process:
 * - a token (--token or SWITCHBOARD_TOKEN) → the running server's HTTP API (--url, SWITCHBOARD_URL, or the URL in the lock file);
 * - DATABASE_URL → PostgreSQL directly (no lock needed, fine next to a server);
 * - otherwise the embedded database in DATA_DIR, if no other process holds it (else: say exactly what to do).
 */
export async function openTarget(flags: RemoteFlags, env: NodeJS.ProcessEnv = process.env): Promise<Target> {
  const token = flags.token ?? (env.SWITCHBOARD_TOKEN || undefined);
  let url = flags.url ?? (env.SWITCHBOARD_URL || undefined);
  if (flags.url !== undefined && !token) throw new UsageError('--url needs --token (or SWITCHBOARD_TOKEN): an admin API token');
  const config = loadConfig(env);
  if (token) {
    if (!url && !config.DATABASE_URL) url = (await readLiveLock(config.DATA_DIR))?.url;
    if (!url) throw new UsageError('--token needs --url (or SWITCHBOARD_URL): no running server was found in DATA_DIR');
    const api = new HttpClient(url, token);
    return { kind: 'http', api, close: async () => undefined };
  }
  if (!config.DATABASE_URL) {
    const live = await readLiveLock(config.DATA_DIR);
    if (live) throw new AppError('DATA_DIR_LOCKED', lockedMessage(config.DATA_DIR, live.pid, live.url), 'unavailable');
  }
  const { db, release } = await openCliDb(config);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await db.close().catch(() => undefined);
    await release();
  };
  try {
    await migrate(db);
    const workspace = (await db.transaction((tx) => firstWorkspace(tx))) ?? null;
    const target: DbTarget = {
      kind: 'db', db, config, workspace, close,
      run(fn, clock = systemClock) {
        if (!target.workspace) {
          throw new AppError('NO_WORKSPACE', 'This database has no workspace yet: start the server once (switchboard serve) or create the first admin with "switchboard user create --role admin …"', 'precondition');
        }
        const actor = systemActor(target.workspace.id);
        return db.transaction((tx) => fn({ actor, tx, clock, meta: { channel: 'cli' } }));
      },
    };
    return target;
  } catch (e) {
    await close();
    throw e;
  }
}

/** A clock stuck at one instant: imported rows keep their historical created_at. */
export const fixedClock = (at: Date): Clock => ({ now: () => new Date(at.getTime()) });
