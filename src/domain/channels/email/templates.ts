import { invalid } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import type { Queryable } from '../../../platform/db/index.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';

export type TemplateKey = 'acknowledgement' | 'agent_reply';

export interface EmailTemplate {
  id: string | null;
  brand_id: string | null;
  key: TemplateKey;
  language: string | null;
  subject: string;
  body_text: string;
}

/** Built-in templates per language; a brand/workspace may override any of them (email_templates). */
const DEFAULTS: Record<string, Record<TemplateKey, { subject: string; body_text: string }>> = {
  en: {
    acknowledgement: {
      subject: 'We received your request: {{ticket.subject}} [#{{ticket.number}}]',
      body_text: 'Hello {{customer.name}},\n\nthank you for contacting {{brand.name}}. Your request has the number #{{ticket.number}}; we will reply as soon as we can.\nJust reply to this email to add anything.\n\n{{brand.name}} Support',
    },
    agent_reply: {
      subject: 'Re: {{ticket.subject}} [#{{ticket.number}}]',
      body_text: '{{message.body}}\n\n--\n{{agent.name}}, {{brand.name}} Support\nRequest #{{ticket.number}} — reply to this email to answer.',
    },
  },
  de: {
    acknowledgement: {
      subject: 'Ihre Anfrage ist eingegangen: {{ticket.subject}} [#{{ticket.number}}]',
      body_text: 'Hallo {{customer.name}},\n\nvielen Dank für Ihre Nachricht an {{brand.name}}. Ihre Anfrage hat die Nummer #{{ticket.number}}; wir antworten so schnell wie möglich.\nAntworten Sie einfach auf diese E-Mail, um etwas zu ergänzen.\n\n{{brand.name}} Support',
    },
    agent_reply: {
      subject: 'Re: {{ticket.subject}} [#{{ticket.number}}]',
      body_text: '{{message.body}}\n\n--\n{{agent.name}}, {{brand.name}} Support\nAnfrage #{{ticket.number}} — antworten Sie einfach auf diese E-Mail.',
    },
  },
};

export const TEMPLATE_VARIABLES = ['ticket.number', 'ticket.subject', 'brand.name', 'customer.name', 'agent.name', 'message.body'] as const;

/** Replace {{name}} placeholders; unknown names are left visible so a typo shows in a preview. */
export function renderTemplate(tpl: string, vars: Record<string, string>): string {
  return tpl.replace(/\{\{\s*([a-z_.]+)\s*\}\}/g, (whole, name: string) => (name in vars ? vars[name] : whole));
}

function baseLanguage(lang: string | null | undefined): string | null {
  return lang ? lang.toLowerCase().split(/[-_]/)[0] : null;
}

/** The template to use: brand+language → brand → workspace+language → workspace → built-in language → English. */
export async function resolveTemplate(db: Queryable, workspaceId: string, brandId: string, key: TemplateKey, language: string | null): Promise<EmailTemplate> {
  const lang = baseLanguage(language);
  const rows = await db.query<EmailTemplate>(
    `SELECT id, brand_id, key, language, subject, body_text FROM email_templates
      WHERE workspace_id = $1 AND key = $2 AND (brand_id = $3 OR brand_id IS NULL) AND (language = $4 OR language IS NULL)
      ORDER BY (brand_id IS NULL), (language IS NULL) LIMIT 1`,
    [workspaceId, key, brandId, lang],
  );
  if (rows[0]) return rows[0];
  const d = DEFAULTS[lang ?? 'en']?.[key] ?? DEFAULTS.en[key];
  return { id: null, brand_id: null, key, language: lang && DEFAULTS[lang] ? lang : 'en', ...d };
}

export async function listTemplates(ctx: Ctx): Promise<{ custom: EmailTemplate[]; defaults: EmailTemplate[] }> {
  authorize(ctx.actor, 'channels.manage');
  const custom = await ctx.tx.query<EmailTemplate>(
    'SELECT id, brand_id, key, language, subject, body_text FROM email_templates WHERE workspace_id = $1 ORDER BY key, brand_id NULLS FIRST, language NULLS FIRST',
    [ctx.actor.workspaceId],
  );
  const defaults = Object.entries(DEFAULTS).flatMap(([language, t]) =>
    (Object.keys(t) as TemplateKey[]).map((key) => ({ id: null, brand_id: null, key, language, ...t[key] })));
  return { custom, defaults };
}

export interface SaveTemplateInput {
  brand_id: string | null;
  key: TemplateKey;
  language: string | null;
  subject: string;
  body_text: string;
}

/** Create or replace the template for (brand, key, language). */
export async function saveTemplate(ctx: Ctx, input: SaveTemplateInput): Promise<EmailTemplate> {
  authorize(ctx.actor, 'channels.manage');
  if (input.key === 'agent_reply' && !input.body_text.includes('{{message.body}}')) {
    throw invalid('TEMPLATE_NEEDS_BODY', 'The agent_reply template must contain {{message.body}}');
  }
  if (input.brand_id) {
    const b = await ctx.tx.maybeOne('SELECT 1 FROM brands WHERE id = $1 AND workspace_id = $2', [input.brand_id, ctx.actor.workspaceId]);
    if (!b) throw invalid('BRAND_NOT_FOUND', 'No such brand');
  }
  const now = ctx.clock.now();
  const lang = baseLanguage(input.language);
  await ctx.tx.query(
    `DELETE FROM email_templates WHERE workspace_id = $1 AND coalesce(brand_id, '') = coalesce($2::text, '') AND key = $3 AND coalesce(language, '') = coalesce($4::text, '')`,
    [ctx.actor.workspaceId, input.brand_id, input.key, lang],
  );
  const row = await ctx.tx.one<EmailTemplate>(
    `INSERT INTO email_templates (id, workspace_id, brand_id, key, language, subject, body_text, updated_at) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)
     RETURNING id, brand_id, key, language, subject, body_text`,
    [newId('etp', now), ctx.actor.workspaceId, input.brand_id, input.key, lang, input.subject, input.body_text, now],
  );
  await recordChange(ctx, { event: 'email.template_saved', aggregateType: 'email_template', aggregateId: row.id!, payload: { key: row.key, brand_id: row.brand_id, language: row.language } });
  return row;
}
