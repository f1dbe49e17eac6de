import { invalid } from '../../platform/errors.js';

export const PRESENCE = ['online', 'away', 'offline'] as const;
export type Presence = (typeof PRESENCE)[number];
export const ROUTING_METHODS = ['manual', 'round_robin', 'least_loaded'] as const;
export type RoutingMethod = (typeof ROUTING_METHODS)[number];
export const SKILL_KINDS = ['language', 'market', 'product'] as const;
/** Statuses that hold an agent's capacity (pending / on hold wait on someone else). */
export const LOAD_STATUSES = ['new', 'open'] as const;
/** The capacity row that applies to every channel without its own row. */
export const ANY_CHANNEL = '*';

/** `Language:DE ` → `language:de`; markets are upper-case country codes; refuses unknown kinds. */
export function normaliseSkill(raw: string): string {
  const m = /^\s*([a-z]+)\s*:\s*([\p{L}\p{N}_\-.]{1,64})\s*$/iu.exec(raw);
  if (!m) throw invalid('INVALID_SKILL', `Skill "${raw}" must look like language:de, market:IE or product:payouts`);
  const kind = m[1].toLowerCase();
  if (!(SKILL_KINDS as readonly string[]).includes(kind)) {
    throw invalid('INVALID_SKILL', `Skill kind "${m[1]}" is not one of ${SKILL_KINDS.join(', ')}`);
  }
  return `${kind}:${kind === 'market' ? m[2].toUpperCase() : m[2].toLowerCase()}`;
}

export function normaliseSkills(raw: readonly string[]): string[] {
  return [...new Set(raw.map(normaliseSkill))].sort();
}

/** What a ticket asks of its agent: its language, its market (country) and its product area, when known. */
export function requiredSkills(t: { language: string | null; country: string | null; tags: string[]; custom_fields: Record<string, unknown> }): string[] {
  const out: string[] = [];
  if (t.language) out.push(`language:${t.language.toLowerCase().split(/[-_]/)[0]}`);
  if (t.country) out.push(`market:${t.country.toUpperCase()}`);
  const area = typeof t.custom_fields.product_area === 'string' ? t.custom_fields.product_area : t.tags.find((g) => g.startsWith('product:'))?.slice(8);
  if (area) out.push(`product:${area.toLowerCase()}`);
  return out;
}

export interface Candidate {
  user_id: string;
  brand_ids: string[];
  skills: string[];
  /** max_open per channel ('*' = the rest); no entry at all = unlimited. */
  capacity: Record<string, number>;
  /** open load per channel */
  load: Record<string, number>;
}

/** Capacity that governs `channel` for this agent, and the load counted against it. */
export function capacityFor(c: Pick<Candidate, 'capacity' | 'load'>, channel: string): { max: number | null; load: number } {
  if (c.capacity[channel] !== undefined) return { max: c.capacity[channel], load: c.load[channel] ?? 0 };
  const own = new Set(Object.keys(c.capacity).filter((k) => k !== ANY_CHANNEL));
  const rest = Object.entries(c.load).filter(([ch]) => !own.has(ch)).reduce((s, [, n]) => s + n, 0);
  return { max: c.capacity[ANY_CHANNEL] ?? null, load: rest };
}

export function hasRoom(c: Candidate, channel: string): boolean {
  const { max, load } = capacityFor(c, channel);
  return max === null || load < max;
}

export const totalLoad = (c: Pick<Candidate, 'load'>) => Object.values(c.load).reduce((s, n) => s + n, 0);

/**
 * Choose among eligible agents (already filtered: online, room, brand, skills). Round-robin: the first
 * agent after the last one served, in a stable cyclic order (user id). Least-loaded: the lowest share of the
 * channel's capacity used, then the lowest total load, then the round-robin order (so ties rotate too).
 */
export function pickAgent(pool: Candidate[], method: 'round_robin' | 'least_loaded', channel: string, lastUserId: string | null): Candidate | null {
  if (!pool.length) return null;
  const sorted = [...pool].sort((a, b) => (a.user_id < b.user_id ? -1 : a.user_id > b.user_id ? 1 : 0));
  const start = lastUserId ? sorted.findIndex((c) => c.user_id > lastUserId) : 0;
  const cyclic = start <= 0 ? sorted : [...sorted.slice(start), ...sorted.slice(0, start)];
  if (method === 'round_robin') return cyclic[0];
  const share = (c: Candidate) => {
    const { max, load } = capacityFor(c, channel);
    return max === null ? 0 : load / Math.max(max, 1);
  };
  let best = cyclic[0];
  for (const c of cyclic.slice(1)) {
    const d = share(c) - share(best) || totalLoad(c) - totalLoad(best);
    if (d < 0) best = c;
  }
  return best;
}
