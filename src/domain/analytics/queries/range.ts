import { DateTime, IANAZone } from 'luxon';
import { invalid } from '../../../platform/errors.js';
import type { Actor } from '../../kernel/index.js';

export interface MetricFilter {
  from: string;
  to: string;
  tz?: string;
  brand_id?: string;
  team_id?: string;
  channel?: string;
}

export interface ResolvedRange {
  from: Date;
  to: Date;
  tz: string;
  /** SQL fragment over alias-less columns brand_id/team_id/channel, params starting at $3. */
  where: string;
  params: unknown[];
}

const MAX_DAYS = 732;

/**
 * Parse a report range. Dates (YYYY-MM-DD) are whole days in the report's time zone (`to` inclusive);
 * timestamps are taken as given. Ranges are capped at two years; a brand-limited user only ever sees
 * their brands.
 */
export function resolveRange(actor: Actor, f: MetricFilter, paramOffset = 2): ResolvedRange {
  const tz = f.tz ?? 'UTC';
  if (!IANAZone.isValidZone(tz)) throw invalid('INVALID_TIME_ZONE', `Unknown time zone "${tz}" (use an IANA name like Europe/Dublin)`);
  const parse = (s: string, end: boolean) => {
    const day = /^\d{4}-\d{2}-\d{2}$/.test(s);
    const dt = day ? DateTime.fromISO(s, { zone: tz }) : DateTime.fromISO(s, { setZone: true });
    if (!dt.isValid) throw invalid('INVALID_RANGE', `"${s}" is not a date (YYYY-MM-DD) or an ISO timestamp`);
    return (day && end ? dt.plus({ days: 1 }) : dt).toJSDate();
  };
  const from = parse(f.from, false);
  const to = parse(f.to, true);
  if (to <= from) throw invalid('INVALID_RANGE', '"to" must be after "from"');
  if (to.getTime() - from.getTime() > MAX_DAYS * 86_400_000) throw invalid('RANGE_TOO_LARGE', `At most ${MAX_DAYS} days per report; export raw facts for longer periods`);
  const conds: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    conds.push(sql.replace('?', `$${paramOffset + params.length}`));
  };
  if (f.brand_id) add('brand_id = ?', f.brand_id);
  if (actor.brandIds.length) add('brand_id = ANY(?::text[])', actor.brandIds);
  if (f.team_id) add(f.team_id === 'none' ? "COALESCE(team_id, '') = ?" : 'team_id = ?', f.team_id === 'none' ? '' : f.team_id);
  if (f.channel) add('channel = ?', f.channel);
  return { from, to, tz, where: conds.length ? ` AND ${conds.join(' AND ')}` : '', params };
}
