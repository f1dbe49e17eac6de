import { notFound } from '../../platform/errors.js';
import { listUsers } from '../../domain/users/index.js';
import { listBrands, listTeams } from '../../domain/workspace/index.js';
import type { Target } from './target.js';

/** Brands, teams and users by every name a file or a flag may use for them (id, slug, name, email). */
export interface Directory {
  brands: Array<{ id: string; slug: string; name: string }>;
  teams: Array<{ id: string; name: string }>;
  users: Array<{ id: string; email: string; name: string; role: string }>;
}

export async function loadDirectory(target: Target): Promise<Directory> {
  if (target.kind === 'http') {
    const [b, t, u] = await Promise.all([
      target.api.get<{ data: Directory['brands'] }>('/api/v1/brands'),
      target.api.get<{ data: Directory['teams'] }>('/api/v1/teams'),
      target.api.get<{ data: Directory['users'] }>('/api/v1/users'),
    ]);
    return { brands: b.data, teams: t.data, users: u.data };
  }
  return target.run(async (ctx) => ({
    brands: await listBrands(ctx),
    teams: await listTeams(ctx),
    users: await listUsers(ctx),
  }));
}

const lower = (s: string) => s.trim().toLowerCase();

export function brandRef(dir: Directory, ref: string): string {
  const b = dir.brands.find((x) => x.id === ref.trim()) ?? dir.brands.find((x) => lower(x.slug) === lower(ref));
  if (!b) throw notFound('BRAND_NOT_FOUND', `Brand "${ref}" (by id or slug)`);
  return b.id;
}

export function teamRef(dir: Directory, ref: string): string {
  const t = dir.teams.find((x) => x.id === ref.trim()) ?? dir.teams.find((x) => lower(x.name) === lower(ref));
  if (!t) throw notFound('TEAM_NOT_FOUND', `Team "${ref}" (by id or name)`);
  return t.id;
}

export function userRef(dir: Directory, ref: string): string {
  const u = dir.users.find((x) => x.id === ref.trim()) ?? dir.users.find((x) => lower(x.email) === lower(ref));
  if (!u) throw notFound('USER_NOT_FOUND', `User "${ref}" (by email or id)`);
  return u.id;
}

/** The reverse direction, for exports: portable names instead of ids. */
export function namesOf(dir: Directory) {
  const brand = new Map(dir.brands.map((b) => [b.id, b.slug]));
  const team = new Map(dir.teams.map((t) => [t.id, t.name]));
  const user = new Map(dir.users.map((u) => [u.id, u.email]));
  return {
    brand: (id: string | null) => (id ? brand.get(id) ?? id : null),
    team: (id: string | null) => (id ? team.get(id) ?? id : null),
    user: (id: string | null) => (id ? user.get(id) ?? id : null),
  };
}
