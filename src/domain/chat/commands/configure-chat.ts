import { invalid, notFound } from '../../../platform/errors.js';
import { newSecret } from '../../../platform/ids.js';
import { authorize, canSeeBrand, recordChange, type Ctx } from '../../kernel/index.js';
import { SETTINGS_COLUMNS, type ChatSettings } from '../chat.js';
import { loadSettings } from '../chat.repo.js';

export interface ConfigureChatInput {
  enabled?: boolean;
  require_identity?: boolean;
  greeting?: string;
  allowed_origins?: string[];
  form_categories?: string[];
}

async function assertBrand(ctx: Ctx, brandId: string): Promise<void> {
  const b = await ctx.tx.maybeOne('SELECT 1 FROM brands WHERE id = $1 AND workspace_id = $2', [brandId, ctx.actor.workspaceId]);
  if (!b || !canSeeBrand(ctx.actor, brandId)) throw notFound('BRAND_NOT_FOUND', 'Brand');
}

function normaliseOrigins(origins: string[]): string[] {
  return [...new Set(origins.map((o) => {
    let u: URL;
    try {
      u = new URL(o);
    } catch {
      throw invalid('ORIGIN_INVALID', `Not an origin: ${o}`);
    }
    if (!/^https?:$/.test(u.protocol)) throw invalid('ORIGIN_INVALID', `Origins are http(s): ${o}`);
    return u.origin;
  }))];
}

/** Chat and web-form settings of a brand; created (with a fresh identity secret) on first use. */
export async function getOrCreateChatSettings(ctx: Ctx, brandId: string): Promise<ChatSettings> {
  authorize(ctx.actor, 'channels.manage');
  await assertBrand(ctx, brandId);
  const cur = await loadSettings(ctx.tx, brandId);
  if (cur) return cur;
  return configureChat(ctx, brandId, {});
}

export async function configureChat(ctx: Ctx, brandId: string, input: ConfigureChatInput): Promise<ChatSettings> {
  authorize(ctx.actor, 'channels.manage');
  await assertBrand(ctx, brandId);
  const now = ctx.clock.now();
  const greeting = input.greeting?.trim();
  if (greeting !== undefined && (greeting.length === 0 || greeting.length > 500)) throw invalid('GREETING_INVALID', 'The greeting is 1–500 characters');
  const origins = input.allowed_origins ? normaliseOrigins(input.allowed_origins) : undefined;
  const categories = input.form_categories?.map((c) => c.trim()).filter(Boolean);
  if (categories && (categories.length > 50 || categories.some((c) => c.length > 80))) throw invalid('CATEGORIES_INVALID', 'At most 50 categories of up to 80 characters');
  const row = await ctx.tx.one<ChatSettings>(
    `INSERT INTO chat_settings (brand_id, workspace_id, enabled, identity_secret, require_identity, greeting, allowed_origins, form_categories, created_at, updated_at)
     VALUES ($1,$2,coalesce($3,true),$4,coalesce($5,false),coalesce($6,'Hi! How can we help?'),coalesce($7,'{}'::text[]),coalesce($8,'{}'::text[]),$9,$9)
     ON CONFLICT (brand_id) DO UPDATE SET
       enabled = coalesce($3, chat_settings.enabled), require_identity = coalesce($5, chat_settings.require_identity),
       greeting = coalesce($6, chat_settings.greeting), allowed_origins = coalesce($7, chat_settings.allowed_origins),
       form_categories = coalesce($8, chat_settings.form_categories), updated_at = $9
     RETURNING ${SETTINGS_COLUMNS}`,
    [brandId, ctx.actor.workspaceId, input.enabled ?? null, newSecret(32), input.require_identity ?? null, greeting ?? null, origins ?? null, categories ?? null, now],
  );
  const payload = Object.fromEntries(Object.entries({ ...input, greeting, allowed_origins: origins, form_categories: categories }).filter(([, v]) => v !== undefined));
  await recordChange(ctx, { event: 'chat.settings_updated', aggregateType: 'brand', aggregateId: brandId, payload });
  return row;
}

/** A new identity secret: tokens signed with the old one stop working at once. */
export async function rotateIdentitySecret(ctx: Ctx, brandId: string): Promise<ChatSettings> {
  await getOrCreateChatSettings(ctx, brandId);
  const row = await ctx.tx.one<ChatSettings>(
    `UPDATE chat_settings SET identity_secret = $2, updated_at = $3 WHERE brand_id = $1 RETURNING ${SETTINGS_COLUMNS}`,
    [brandId, newSecret(32), ctx.clock.now()],
  );
  await recordChange(ctx, { event: 'chat.identity_secret_rotated', aggregateType: 'brand', aggregateId: brandId, payload: {} });
  return row;
}
