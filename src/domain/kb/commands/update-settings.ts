import { invalid } from '../../../platform/errors.js';
import { recordChange, type Ctx } from '../../kernel/index.js';
import { assertBrand, authorizeManage, settingsOf, type HelpCenterSettings } from '../kb.js';
import { normaliseLocale } from '../locales.js';

export interface SettingsInput {
  default_locale?: string;
  locales?: string[];
  title?: string;
  tagline?: string;
  primary_color?: string;
  accent_color?: string;
  logo_file_id?: string | null;
  is_enabled?: boolean;
}

const COLOR = /^#[0-9a-f]{6}$/i;

/** Relative luminance contrast (WCAG 2.x) of a colour against white. */
export function contrastWithWhite(hex: string): number {
  const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  const l = 0.2126 * c[0] + 0.7152 * c[1] + 0.0722 * c[2];
  return 1.05 / (l + 0.05);
}

/** Theme and locales of a brand's Help Center. Brand colours carry white text, so they must reach 4.5:1 (WCAG AA). */
export async function updateHelpCenterSettings(ctx: Ctx, brandId: string, input: SettingsInput): Promise<HelpCenterSettings> {
  authorizeManage(ctx.actor);
  await assertBrand(ctx, brandId);
  const cur = await settingsOf(ctx.tx, brandId);
  const next = { ...cur, ...Object.fromEntries(Object.entries(input).filter(([, v]) => v !== undefined)) } as HelpCenterSettings;
  next.default_locale = normaliseLocale(next.default_locale);
  next.locales = [...new Set([next.default_locale, ...next.locales.map(normaliseLocale)])];
  for (const k of ['primary_color', 'accent_color'] as const) {
    if (!COLOR.test(next[k])) throw invalid('KB_THEME_INVALID', `${k} must be a #rrggbb colour`);
    if (contrastWithWhite(next[k]) < 4.5) {
      throw invalid('KB_THEME_LOW_CONTRAST', `${k} ${next[k]} has contrast ${contrastWithWhite(next[k]).toFixed(2)}:1 with white text; WCAG AA needs 4.5:1 — pick a darker colour`);
    }
  }
  if (next.logo_file_id) {
    const f = await ctx.tx.maybeOne<{ content_type: string }>('SELECT content_type FROM kb_files WHERE id = $1 AND brand_id = $2', [next.logo_file_id, brandId]);
    if (!f || !f.content_type.startsWith('image/')) throw invalid('KB_LOGO_INVALID', 'logo_file_id must be an image uploaded to this brand');
  }
  await ctx.tx.query(
    `INSERT INTO kb_brand_settings (brand_id, workspace_id, default_locale, locales, title, tagline, primary_color, accent_color, logo_file_id, is_enabled, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)
     ON CONFLICT (brand_id) DO UPDATE SET default_locale = EXCLUDED.default_locale, locales = EXCLUDED.locales, title = EXCLUDED.title,
       tagline = EXCLUDED.tagline, primary_color = EXCLUDED.primary_color, accent_color = EXCLUDED.accent_color,
       logo_file_id = EXCLUDED.logo_file_id, is_enabled = EXCLUDED.is_enabled, updated_at = EXCLUDED.updated_at`,
    [brandId, ctx.actor.workspaceId, next.default_locale, next.locales, next.title.slice(0, 120), next.tagline.slice(0, 300), next.primary_color.toLowerCase(),
      next.accent_color.toLowerCase(), next.logo_file_id, next.is_enabled, ctx.clock.now()]);
  await recordChange(ctx, { event: 'kb.settings_updated', aggregateType: 'brand', aggregateId: brandId, payload: { ...input } });
  return settingsOf(ctx.tx, brandId);
}
