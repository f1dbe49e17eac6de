import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.js';

export interface LockInfo {
  pid: number;
  port?: number;
  host?: string;
  url?: string;
  started_at: string;
}

export const lockPath = (dataDir: string) => path.join(dataDir, 'switchboard.lock');

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The live process holding the embedded database in this data dir, if any. */
export async function readLiveLock(dataDir: string): Promise<LockInfo | null> {
  try {
    const info = JSON.parse(await readFile(lockPath(dataDir), 'utf8')) as LockInfo;
    return info.pid !== process.pid && alive(info.pid) ? info : null;
  } catch {
    return null;
  }
}

export type Release = (() => Promise<void>) & { update?: (patch: Partial<LockInfo>) => Promise<void> };

/**
 * PGlite allows one process per data directory. Take the directory (or explain who has it);
 * a stale lock from a crashed process is replaced.
 */
export async function acquireDataDirLock(dataDir: string, info: Partial<LockInfo> = {}): Promise<Release> {
  const live = await readLiveLock(dataDir);
  if (live) {
    throw new AppError(
      'DATA_DIR_LOCKED',
      `Switchboard (pid ${live.pid}${live.url ? `, ${live.url}` : ''}) is already using the embedded database in ${dataDir}. ` +
        'Stop it first, point DATA_DIR elsewhere, or use PostgreSQL (DATABASE_URL) to run several processes. ' +
        'CLI commands that change data can go through the running server with --url and --token.',
      'unavailable',
      live,
    );
  }
  let current: LockInfo = { pid: process.pid, started_at: new Date().toISOString(), ...info };
  // Exclusive create: of two processes starting at the same instant, exactly one wins.
  try {
    await writeFile(lockPath(dataDir), JSON.stringify(current), { flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    const holder = await readLiveLock(dataDir);
    if (holder) return acquireDataDirLock(dataDir, info); // explains who holds it
    await rm(lockPath(dataDir), { force: true }); // stale: its process is gone
    await writeFile(lockPath(dataDir), JSON.stringify(current), { flag: 'wx' });
  }
  const release: Release = async () => {
    const onDisk = await readFile(lockPath(dataDir), 'utf8').catch(() => '');
    if (onDisk.includes(`"pid":${process.pid}`)) await rm(lockPath(dataDir), { force: true });
  };
  release.update = async (patch) => {
    current = { ...current, ...patch };
    await writeFile(lockPath(dataDir), JSON.stringify(current));
  };
  return release;
}
