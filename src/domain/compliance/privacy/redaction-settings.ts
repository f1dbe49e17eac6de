import { invalid } from '../../../platform/errors.js';
import { BUILTIN_PATTERNS, DEFAULT_PATTERNS, validatePattern, type PatternSpec } from '../../../platform/redaction/index.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';

export interface BrandRedactionSettings {
  brand_id: string;
  enabled: boolean;
  patterns: PatternSpec[];
}

/** Per-process cache of brand settings (cleared on every change in this process; 30 s for other processes). */
const cache = new Map<string, { at: number; value: BrandRedactionSettings }>();
const TTL_MS = 30_000;

export function clearRedactionSettingsCache(): void {
  cache.clear();
}

/** The patterns inbound messages of this brand are redacted with (defaults when the brand has no settings). */
export async function getBrandRedactionSettings(ctx: Ctx, brandId: string): Promise<BrandRedactionSettings> {
  const hit = cache.get(brandId);
  const nowMs = performance.now();
  if (hit && nowMs - hit.at < TTL_MS) return hit.value;
  const row = await ctx.tx.maybeOne<{ enabled: boolean; patterns: PatternSpec[] }>(
    'SELECT enabled, patterns FROM compliance_redaction_settings WHERE brand_id = $1 AND workspace_id = $2',
    [brandId, ctx.actor.workspaceId],
  );
  const value = { brand_id: brandId, enabled: row?.enabled ?? true, patterns: row?.patterns ?? [...DEFAULT_PATTERNS] };
  cache.set(brandId, { at: nowMs, value });
  return value;
}

export function checkPatterns(patterns: unknown[]): PatternSpec[] {
  return patterns.map((p, i) => {
    if (typeof p === 'string' && !BUILTIN_PATTERNS.includes(p as never)) {
      throw invalid('UNKNOWN_PATTERN', `Pattern ${i}: "${p}" is not one of ${BUILTIN_PATTERNS.join(', ')}`);
    }
    try {
      validatePattern(p as PatternSpec);
    } catch (e) {
      throw invalid('INVALID_PATTERN', `Pattern ${i}: ${(e as Error).message}`);
    }
    return p as PatternSpec;
  });
}

export async function setBrandRedactionSettings(ctx: Ctx, brandId: string, input: { enabled: boolean; patterns: unknown[] }): Promise<BrandRedactionSettings> {
  authorize(ctx.actor, 'compliance.manage');
  const brand = await ctx.tx.maybeOne('SELECT 1 FROM brands WHERE id = $1 AND workspace_id = $2', [brandId, ctx.actor.workspaceId]);
  if (!brand) throw invalid('BRAND_NOT_FOUND', 'Brand not found');
  const patterns = checkPatterns(input.patterns);
  await ctx.tx.query(
    `INSERT INTO compliance_redaction_settings (brand_id, workspace_id, enabled, patterns, updated_at) VALUES ($1, $2, $3, $4::jsonb, $5)
     ON CONFLICT (brand_id) DO UPDATE SET enabled = EXCLUDED.enabled, patterns = EXCLUDED.patterns, updated_at = EXCLUDED.updated_at`,
    [brandId, ctx.actor.workspaceId, input.enabled, JSON.stringify(patterns), ctx.clock.now()],
  );
  await recordChange(ctx, {
    event: 'compliance.redaction_settings_updated', aggregateType: 'brand', aggregateId: brandId,
    payload: { enabled: input.enabled, patterns: patterns.map((p) => (typeof p === 'string' ? p : p.name)) },
  });
  clearRedactionSettingsCache();
  return { brand_id: brandId, enabled: input.enabled, patterns };
}
