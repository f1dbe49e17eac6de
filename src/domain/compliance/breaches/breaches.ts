import { conflict, invalid, notFound } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';
import { openCase } from '../cases/open-case.js';

export const BREACH_RISKS = ['unlikely', 'risk', 'high'] as const;
export type BreachRisk = (typeof BREACH_RISKS)[number];

export interface Breach {
  id: string;
  case_id: string | null;
  title: string;
  description: string;
  aware_at: Date;
  occurred_at: Date | null;
  data_categories: string[];
  approx_subjects: number | null;
  risk: BreachRisk;
  consequences: string;
  measures: string;
  sa_notification_required: boolean;
  created_at: Date;
}

export interface BreachInput {
  title: string;
  description: string;
  aware_at: string;
  occurred_at?: string | null;
  data_categories?: string[];
  approx_subjects?: number | null;
  risk: BreachRisk;
  consequences?: string;
  measures?: string;
}

export interface BreachTemplate {
  id: string;
  breach_id: string;
  language: string;
  subject: string;
  body: string;
  status: 'draft' | 'reviewed';
  written_by: string | null;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  updated_at: Date;
}

const COLS = `id, case_id, title, description, aware_at, occurred_at, data_categories, approx_subjects, risk, consequences, measures,
  sa_notification_required, created_at`;
const TCOLS = 'id, breach_id, language, subject, body, status, written_by, reviewed_by, reviewed_at, updated_at';

function date(value: string | null | undefined, field: string): Date | null {
  if (value == null || value === '') return null;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) throw invalid('INVALID_DATE', `${field} is not a date-time`);
  return d;
}

/**
 * Art. 33(5): every breach goes in the register — facts, effects, remedial action. Unless it is unlikely to
 * result in a risk, it also opens the 72-hour SA notification clock (rule `gdpr.breach`) from awareness.
 */
export async function recordBreach(ctx: Ctx, input: BreachInput): Promise<Breach> {
  authorize(ctx.actor, 'compliance.manage');
  if (!input.title?.trim() || !input.description?.trim()) throw invalid('DESCRIPTION_REQUIRED', 'Describe the breach (title and facts)');
  if (!BREACH_RISKS.includes(input.risk)) throw invalid('INVALID_RISK', `risk must be one of ${BREACH_RISKS.join(', ')}`);
  const aware = date(input.aware_at, 'aware_at');
  if (!aware) throw invalid('AWARE_AT_REQUIRED', 'When did you become aware of the breach (aware_at)?');
  const now = ctx.clock.now();
  if (aware > now) throw invalid('AWARE_IN_FUTURE', 'aware_at lies in the future');
  const notify = input.risk !== 'unlikely';
  const c = notify ? await openCase(ctx, { type: 'gdpr_breach', received_at: aware, channel: 'internal', details: { title: input.title.trim() } }) : null;
  const id = newId('brc', now);
  const row = await ctx.tx.one<Breach>(
    `INSERT INTO compliance_breaches (id, workspace_id, case_id, title, description, aware_at, occurred_at, data_categories, approx_subjects, risk, consequences,
        measures, sa_notification_required, created_by, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15) RETURNING ${COLS}`,
    [id, ctx.actor.workspaceId, c?.id ?? null, input.title.trim(), input.description.trim(), aware, date(input.occurred_at, 'occurred_at'),
      [...new Set(input.data_categories ?? [])], input.approx_subjects ?? null, input.risk, input.consequences?.trim() ?? '', input.measures?.trim() ?? '', notify, ctx.actor.id, now],
  );
  await recordChange(ctx, {
    event: 'compliance.breach_recorded', aggregateType: 'compliance_breach', aggregateId: id,
    payload: { risk: row.risk, case_id: row.case_id, sa_notification_required: notify, approx_subjects: row.approx_subjects },
  });
  return row;
}

export async function listBreaches(ctx: Ctx): Promise<Breach[]> {
  authorize(ctx.actor, 'compliance.manage');
  return ctx.tx.query<Breach>(`SELECT ${COLS} FROM compliance_breaches WHERE workspace_id = $1 ORDER BY aware_at DESC, id DESC`, [ctx.actor.workspaceId]);
}

export async function loadBreach(ctx: Ctx, id: string): Promise<Breach> {
  authorize(ctx.actor, 'compliance.manage');
  const b = await ctx.tx.maybeOne<Breach>(`SELECT ${COLS} FROM compliance_breaches WHERE id = $1 AND workspace_id = $2`, [id, ctx.actor.workspaceId]);
  if (!b) throw notFound('BREACH_NOT_FOUND', 'Breach');
  return b;
}

/** Write (or rewrite) the data-subject notice of a breach in one language: any change puts it back to draft. */
export async function saveBreachTemplate(ctx: Ctx, breachId: string, input: { language: string; subject: string; body: string }): Promise<BreachTemplate> {
  await loadBreach(ctx, breachId);
  const language = input.language?.trim().toLowerCase();
  if (!/^[a-z]{2}(-[a-z]{2})?$/.test(language ?? '')) throw invalid('INVALID_LANGUAGE', 'language is a code like en, de, fr');
  if (!input.subject?.trim() || !input.body?.trim()) throw invalid('TEMPLATE_REQUIRED', 'The notice needs a subject and a body');
  const now = ctx.clock.now();
  const row = await ctx.tx.one<BreachTemplate>(
    `INSERT INTO compliance_breach_templates (id, workspace_id, breach_id, language, subject, body, status, written_by, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, 'draft', $7, $8, $8)
     ON CONFLICT (breach_id, language) DO UPDATE SET subject = EXCLUDED.subject, body = EXCLUDED.body, status = 'draft', written_by = EXCLUDED.written_by,
       reviewed_by = NULL, reviewed_at = NULL, updated_at = EXCLUDED.updated_at
     RETURNING ${TCOLS}`,
    [newId('btp', now), ctx.actor.workspaceId, breachId, language, input.subject.trim(), input.body.trim(), ctx.actor.id, now],
  );
  return row;
}

/** Mark a notice as reviewed (required before it can be sent). */
export async function reviewBreachTemplate(ctx: Ctx, templateId: string): Promise<BreachTemplate> {
  authorize(ctx.actor, 'compliance.manage');
  const now = ctx.clock.now();
  const row = await ctx.tx.maybeOne<BreachTemplate>(
    `UPDATE compliance_breach_templates SET status = 'reviewed', reviewed_by = $3, reviewed_at = $4, updated_at = $4
      WHERE id = $1 AND workspace_id = $2 RETURNING ${TCOLS}`, [templateId, ctx.actor.workspaceId, ctx.actor.id, now]);
  if (!row) throw notFound('TEMPLATE_NOT_FOUND', 'Breach notice template');
  await recordChange(ctx, { event: 'compliance.breach_template_reviewed', aggregateType: 'compliance_breach', aggregateId: row.breach_id, payload: { template_id: row.id, language: row.language } });
  return row;
}

export async function listBreachTemplates(ctx: Ctx, breachId: string): Promise<BreachTemplate[]> {
  await loadBreach(ctx, breachId);
  return ctx.tx.query<BreachTemplate>(`SELECT ${TCOLS} FROM compliance_breach_templates WHERE breach_id = $1 ORDER BY language`, [breachId]);
}

export async function reviewedTemplate(ctx: Ctx, breachId: string, templateId: string): Promise<BreachTemplate> {
  const t = await ctx.tx.maybeOne<BreachTemplate>(`SELECT ${TCOLS} FROM compliance_breach_templates WHERE id = $1 AND breach_id = $2`, [templateId, breachId]);
  if (!t) throw notFound('TEMPLATE_NOT_FOUND', 'Breach notice template');
  if (t.status !== 'reviewed') throw conflict('TEMPLATE_NOT_REVIEWED', 'The notice must be reviewed before it is sent (status reviewed)');
  return t;
}
