import type { Tx } from '../../../platform/db/index.js';
import { notFound } from '../../../platform/errors.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';

export interface CsatSettings {
  brand_id: string;
  enabled: boolean;
  delay_minutes: number;
  scale: 'binary' | 'five';
  ask_reason: boolean;
  ask_effort: boolean;
  questions: Record<string, string>;
  change_window_hours: number;
}

export const DEFAULT_QUESTIONS: Record<string, string> = {
  en: 'How would you rate the support you received?',
  es: '¿Cómo valorarías la atención que recibiste?',
  de: 'Wie bewerten Sie die erhaltene Unterstützung?',
  fr: 'Comment évaluez-vous l’aide reçue ?',
  pt: 'Como você avalia o atendimento que recebeu?',
};
export const REASONS = ['slow', 'not_solved', 'unfriendly', 'policy', 'other'] as const;

const DEFAULTS: Omit<CsatSettings, 'brand_id'> = { enabled: true, delay_minutes: 60, scale: 'five', ask_reason: true, ask_effort: false, questions: {}, change_window_hours: 168 };
const COLS = 'brand_id, enabled, delay_minutes, scale, ask_reason, ask_effort, questions, change_window_hours';

export async function settingsFor(tx: Tx, brandId: string): Promise<CsatSettings> {
  const s = await tx.maybeOne<CsatSettings>(`SELECT ${COLS} FROM csat_settings WHERE brand_id = $1`, [brandId]);
  return s ?? { brand_id: brandId, ...DEFAULTS };
}

export async function getCsatSettings(ctx: Ctx, brandId: string): Promise<CsatSettings> {
  authorize(ctx.actor, 'reports.read');
  if (!(await ctx.tx.maybeOne('SELECT 1 FROM brands WHERE id = $1 AND workspace_id = $2', [brandId, ctx.actor.workspaceId]))) throw notFound('BRAND_NOT_FOUND', 'Brand');
  return settingsFor(ctx.tx, brandId);
}

export async function updateCsatSettings(ctx: Ctx, brandId: string, input: Partial<Omit<CsatSettings, 'brand_id'>>): Promise<CsatSettings> {
  authorize(ctx.actor, 'brands.manage');
  const cur = await getCsatSettings(ctx, brandId);
  const next = { ...cur, ...input };
  const s = await ctx.tx.one<CsatSettings>(
    `INSERT INTO csat_settings (${COLS}, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9)
     ON CONFLICT (brand_id) DO UPDATE SET enabled = $2, delay_minutes = $3, scale = $4, ask_reason = $5, ask_effort = $6, questions = $7, change_window_hours = $8, updated_at = $9
     RETURNING ${COLS}`,
    [brandId, next.enabled, next.delay_minutes, next.scale, next.ask_reason, next.ask_effort, JSON.stringify(next.questions), next.change_window_hours, ctx.clock.now()],
  );
  await recordChange(ctx, { event: 'csat.settings_updated', aggregateType: 'brand', aggregateId: brandId, payload: { ...input } });
  return s;
}
