import type { Db } from '../../platform/db/index.js';
import { firstWorkspace } from '../../domain/workspace/index.js';
import { seedDemo, type SeedCounts, type SeedOptions } from './seed-demo.js';
import { DEMO_ADMIN, DEMO_WORKSPACE } from './staff.js';

export { DEMO_ADMIN, DEMO_WORKSPACE, DEMO_PASSWORD, STAFF } from './staff.js';

export interface DemoInfo {
  workspaceName: string;
  adminEmail: string;
  adminPassword: string;
  /** Set when this call seeded the workspace. */
  counts?: SeedCounts;
}

/** Serialises concurrent first starts (several server processes on one PostgreSQL). */
const SEED_LOCK = 731_000_001;
const info = (counts?: SeedCounts): DemoInfo => ({ workspaceName: DEMO_WORKSPACE, adminEmail: DEMO_ADMIN.email, adminPassword: DEMO_ADMIN.password, counts });

/**
 * Seed the demo workspace if the database has no workspace yet; returns the demo login, or null
 * when the database holds a real (non-demo) workspace. One transaction: a crash leaves nothing.
 */
export async function ensureDemoWorkspace(db: Db, log: (m: string) => void, opts: SeedOptions = {}): Promise<DemoInfo | null> {
  const existing = await db.transaction((tx) => firstWorkspace(tx));
  if (existing) return existing.is_demo ? { ...info(), workspaceName: existing.name } : null;
  log('Seeding the demo workspace (about 2,000 tickets; this takes a few seconds on first start)…');
  const started = performance.now();
  const counts = await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [SEED_LOCK]);
    if (await firstWorkspace(tx)) return null; // another process seeded meanwhile
    return seedDemo(tx, opts);
  });
  if (!counts) return ensureDemoWorkspace(db, log, opts);
  // Fresh planner statistics for the bulk-loaded tables (PGlite has no autovacuum daemon).
  await db.exec('ANALYZE tickets; ANALYZE messages; ANALYZE events; ANALYZE customers; ANALYZE customer_identities');
  const secs = ((performance.now() - started) / 1000).toFixed(1);
  log(`Demo workspace ready in ${secs} s: ${counts.tickets} tickets, ${counts.messages} messages, ${counts.customers} customers, ${counts.events} history events.`);
  return info(counts);
}
