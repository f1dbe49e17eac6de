import type { Db } from '../../src/platform/db/index.js';
import { ManualClock, type Clock } from '../../src/platform/clock.js';
import type { Actor, Ctx } from '../../src/domain/kernel/index.js';
import { createWorkspace, createBrand, createTeam, type Brand, type Team } from '../../src/domain/workspace/index.js';
import { createUser, createApiToken, type User } from '../../src/domain/users/index.js';
import type { Role } from '../../src/shared/enums.js';

export interface World {
  db: Db;
  clock: Clock;
  workspaceId: string;
  brandA: Brand;
  brandB: Brand;
  payments: Team;
  admin: User;
  adminToken: string;
  users: Record<string, { user: User; token: string }>;
  /** Run fn in a transaction as the given actor. */
  as<T>(actor: Actor, fn: (ctx: Ctx) => Promise<T>): Promise<T>;
  actorOf(u: User): Actor;
  /** Create a user with a token (role, brand limits). */
  addUser(key: string, role: Role, opts?: { brandIds?: string[]; password?: string }): Promise<{ user: User; token: string }>;
}

export const DEFAULT_PASSWORD = 'correct horse battery';

/** A workspace with two brands, a team, an admin and an API token: the base of most tests. */
export async function buildWorld(db: Db, clock: Clock = new ManualClock('2026-03-02T09:00:00Z')): Promise<World> {
  const boot = await db.transaction(async (tx) => {
    const { workspace, ctx } = await createWorkspace(tx, clock, { name: 'Test Co' });
    const brandA = await createBrand(ctx, { name: 'Clipster', support_email: 'support@clipster.test' });
    const brandB = await createBrand(ctx, { name: 'Creator Market', support_email: 'help@market.test' });
    const payments = await createTeam(ctx, { name: 'Payments' });
    const admin = await createUser(ctx, { email: 'admin@test.test', name: 'Ada Admin', role: 'admin', password: DEFAULT_PASSWORD });
    return { workspace, brandA, brandB, payments, admin, sys: ctx.actor };
  });
  const actorOf = (u: User): Actor => ({ type: 'user', id: u.id, workspaceId: u.workspace_id, role: u.role, brandIds: u.brand_ids, name: u.name });
  const as = <T>(actor: Actor, fn: (ctx: Ctx) => Promise<T>) => db.transaction((tx) => fn({ actor, tx, clock, meta: { channel: 'api' } }));
  const adminToken = (await as(actorOf(boot.admin), (ctx) => createApiToken(ctx, { name: 'test' }))).token;
  const users: World['users'] = {};
  const world: World = {
    db, clock, workspaceId: boot.workspace.id, brandA: boot.brandA, brandB: boot.brandB, payments: boot.payments, admin: boot.admin, adminToken, users, as, actorOf,
    async addUser(key, role, opts = {}) {
      const user = await as(actorOf(boot.admin), (ctx) =>
        createUser(ctx, { email: `${key}@test.test`, name: key, role, password: opts.password ?? DEFAULT_PASSWORD, brand_ids: opts.brandIds }),
      );
      const token = (await as(actorOf(user), (ctx) => createApiToken(ctx, { name: key }))).token;
      users[key] = { user, token };
      return users[key];
    },
  };
  return world;
}
