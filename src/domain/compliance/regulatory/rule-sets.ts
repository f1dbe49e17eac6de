import { invalid, notFound } from '../../../platform/errors.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';
import { BUILTIN_RULES, builtinRule } from './builtin-rules.js';
import { countryCalendar, SUPPORTED_COUNTRIES, type HolidayOverride } from './country-calendars.js';
import { ZRuleDef } from './rule-schema.js';
import type { RuleDef } from './rule-types.js';
import { isValidLocalDate, type BusinessCalendar } from '../../../platform/time/index.js';

/** The rule in force for a key: the workspace's newest published version, else the builtin version 1. */
export async function resolveRule(ctx: Ctx, key: string): Promise<RuleDef> {
  const row = await ctx.tx.maybeOne<{ definition: RuleDef }>(
    'SELECT definition FROM compliance_rule_sets WHERE workspace_id = $1 AND key = $2 ORDER BY version DESC LIMIT 1',
    [ctx.actor.workspaceId, key],
  );
  const rule = row?.definition ?? builtinRule(key);
  if (!rule) throw notFound('RULE_NOT_FOUND', `Rule ${key}`);
  return rule;
}

export async function listRules(ctx: Ctx): Promise<Array<RuleDef & { source: 'builtin' | 'published' }>> {
  const out: Array<RuleDef & { source: 'builtin' | 'published' }> = [];
  for (const b of BUILTIN_RULES) {
    const r = await resolveRule(ctx, b.key);
    out.push({ ...r, source: r.version === b.version ? 'builtin' : 'published' });
  }
  return out;
}

/** Publish a new version of a rule (counsel's change); open cases keep the version they were opened with. */
export async function publishRule(ctx: Ctx, key: string, input: { definition: unknown; note?: string }): Promise<RuleDef> {
  authorize(ctx.actor, 'compliance.manage');
  const current = await resolveRule(ctx, key);
  const parsed = ZRuleDef.safeParse({ ...(input.definition as object), key, version: current.version + 1 });
  if (!parsed.success) {
    throw invalid('INVALID_RULE', 'The rule definition is invalid', parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })));
  }
  const def = parsed.data as RuleDef;
  if (!SUPPORTED_COUNTRIES.includes(def.default_country)) throw invalid('UNKNOWN_COUNTRY', `No calendar for ${def.default_country}`);
  await ctx.tx.query(
    `INSERT INTO compliance_rule_sets (workspace_id, key, version, definition, note, published_by, created_at) VALUES ($1, $2, $3, $4::jsonb, $5, $6, $7)`,
    [ctx.actor.workspaceId, key, def.version, JSON.stringify(def), input.note ?? '', ctx.actor.id, ctx.clock.now()],
  );
  await recordChange(ctx, { event: 'compliance.rule_set_published', aggregateType: 'compliance_rule', aggregateId: key, payload: { key, version: def.version, note: input.note ?? '' } });
  return def;
}

export async function loadHolidayOverrides(ctx: Ctx, country?: string): Promise<HolidayOverride[]> {
  return ctx.tx.query<HolidayOverride>(
    `SELECT country, to_char(date, 'YYYY-MM-DD') AS date, name, kind FROM compliance_holiday_overrides
      WHERE workspace_id = $1 AND ($2::text IS NULL OR country = $2) ORDER BY country, date`,
    [ctx.actor.workspaceId, country ?? null],
  );
}

/** The workspace's business-day calendar for a country (shipped holidays + its overrides). */
export async function workspaceCalendar(ctx: Ctx, country: string): Promise<BusinessCalendar> {
  if (!SUPPORTED_COUNTRIES.includes(country)) throw invalid('UNKNOWN_COUNTRY', `No business calendar for "${country}" (have ${SUPPORTED_COUNTRIES.join(', ')})`);
  return countryCalendar(country, { overrides: await loadHolidayOverrides(ctx, country) });
}

export async function setHolidayOverride(ctx: Ctx, input: HolidayOverride): Promise<HolidayOverride> {
  authorize(ctx.actor, 'compliance.manage');
  if (!SUPPORTED_COUNTRIES.includes(input.country)) throw invalid('UNKNOWN_COUNTRY', `No business calendar for "${input.country}"`);
  if (!isValidLocalDate(input.date)) throw invalid('INVALID_DATE', `"${input.date}" is not an existing date (YYYY-MM-DD)`);
  await ctx.tx.query(
    `INSERT INTO compliance_holiday_overrides (workspace_id, country, date, name, kind) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (workspace_id, country, date) DO UPDATE SET name = EXCLUDED.name, kind = EXCLUDED.kind`,
    [ctx.actor.workspaceId, input.country, input.date, input.name, input.kind],
  );
  await recordChange(ctx, { event: 'compliance.holiday_set', aggregateType: 'compliance_calendar', aggregateId: input.country, payload: { ...input } });
  return input;
}
