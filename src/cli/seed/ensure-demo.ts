import type { Db } from '../../platform/db/index.js';

export interface DemoInfo {
  workspaceName: string;
  adminEmail: string;
  adminPassword: string;
}

/** Seed the demo workspace if the database has no workspace yet. (Filled in by the seed module.) */
export async function ensureDemoWorkspace(_db: Db, _log: (m: string) => void): Promise<DemoInfo | null> {
  return null;
}
