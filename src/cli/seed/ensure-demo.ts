import type { Db } from '../../platform/db/index.js';
import { systemClock } from '../../platform/clock.js';
import { createBrand, createTeam, createWorkspace, firstWorkspace } from '../../domain/workspace/index.js';
import { createUser } from '../../domain/users/index.js';

export interface DemoInfo {
  workspaceName: string;
  adminEmail: string;
  adminPassword: string;
}

export const DEMO_ADMIN = { email: 'admin@demo.switchboard.test', password: 'switchboard-demo' } as const;
export const DEMO_WORKSPACE = 'Clipster Support (DEMO)';

/** Seed the demo workspace if the database has no workspace yet; returns the demo login, or null. */
export async function ensureDemoWorkspace(db: Db, log: (m: string) => void): Promise<DemoInfo | null> {
  const existing = await db.transaction((tx) => firstWorkspace(tx));
  if (existing) {
    return existing.is_demo ? { workspaceName: existing.name, adminEmail: DEMO_ADMIN.email, adminPassword: DEMO_ADMIN.password } : null;
  }
  log('Seeding the demo workspace…');
  await db.transaction(async (tx) => {
    const { ctx } = await createWorkspace(tx, systemClock, { name: DEMO_WORKSPACE, is_demo: true });
    await createBrand(ctx, { name: 'Clipster', slug: 'clipster', support_email: 'support@clipster.example' });
    await createBrand(ctx, { name: 'Clipster Creator Market', slug: 'creator-market', support_email: 'help@creators.clipster.example' });
    for (const name of ['Payments', 'Account & Security', 'Trust & Safety', 'Creators']) await createTeam(ctx, { name });
    await createUser(ctx, { email: DEMO_ADMIN.email, name: 'Dana Admin', role: 'admin', password: DEMO_ADMIN.password });
  });
  return { workspaceName: DEMO_WORKSPACE, adminEmail: DEMO_ADMIN.email, adminPassword: DEMO_ADMIN.password };
}
