import { AppError } from '../../../platform/errors.js';
import { newId, newSecret, sha256 } from '../../../platform/ids.js';
import { recordChange, type Ctx } from '../../kernel/index.js';
import { CHAT_LIMITS, SESSION_COLUMNS, type ChatSession, type ChatSettings } from '../chat.js';
import { findBrand, loadSessionByTokenHash, loadSettings, type BrandRow } from '../chat.repo.js';
import { verifyIdentityToken, type IdentityClaims } from '../identity-token.js';
import { agentsOnline } from '../presence.js';

export interface StartChatSessionInput {
  /** Brand id or slug. */
  brand: string;
  /** The token the widget got last time (kept in the visitor's browser): resumes that session. */
  visitor_token?: string;
  /** Signed by the host site: identifies the visitor (see identity-token.ts). */
  identity_token?: string;
  page_url?: string;
  origin?: string | null;
}

export interface StartedChatSession {
  session: ChatSession;
  /** Only when a new session was created (the widget stores it); a resumed session keeps its token. */
  visitor_token: string;
  resumed: boolean;
  agents_online: number;
  greeting: string;
  brand: BrandRow;
}

export const DEFAULT_GREETING = 'Hi! How can we help?';

/** Settings of a brand as the public widget/form sees them (defaults when the brand never configured chat). */
export async function publicSettings(ctx: Pick<Ctx, 'tx'>, brandIdOrSlug: string): Promise<{ brand: BrandRow; settings: ChatSettings | undefined }> {
  const brand = await findBrand(ctx.tx, brandIdOrSlug);
  const settings = await loadSettings(ctx.tx, brand.id);
  if (settings && !settings.enabled) throw new AppError('CHAT_DISABLED', 'Chat is turned off for this brand', 'not_found');
  return { brand, settings };
}

export function assertOrigin(settings: ChatSettings | undefined, origin: string | null | undefined): void {
  if (!settings?.allowed_origins.length || !origin) return;
  if (!settings.allowed_origins.includes(origin)) throw new AppError('ORIGIN_NOT_ALLOWED', `The widget is not allowed on ${origin}`, 'forbidden');
}

function identify(settings: ChatSettings | undefined, token: string | undefined, now: Date): IdentityClaims | null {
  if (!token) {
    if (settings?.require_identity) throw new AppError('IDENTITY_REQUIRED', 'This brand only chats with signed-in visitors (identity token required)', 'unauthenticated');
    return null;
  }
  if (!settings) throw new AppError('IDENTITY_NOT_CONFIGURED', 'This brand has no chat identity secret yet (an admin creates it in chat settings)', 'unauthenticated');
  return verifyIdentityToken(settings.identity_secret, token, now);
}

/** Open (or resume) a visitor's chat session. Runs as the system actor on behalf of an anonymous visitor. */
export async function startChatSession(ctx: Ctx, input: StartChatSessionInput): Promise<StartedChatSession> {
  const now = ctx.clock.now();
  const { brand, settings } = await publicSettings(ctx, input.brand);
  assertOrigin(settings, input.origin);
  const claims = identify(settings, input.identity_token, now);
  const pageUrl = input.page_url?.slice(0, 2000) ?? null;
  const base = { brand, greeting: settings?.greeting ?? DEFAULT_GREETING, agents_online: await agentsOnline(ctx.tx, brand.workspace_id, brand.id, now) };

  if (input.visitor_token) {
    const found = await loadSessionByTokenHash(ctx.tx, sha256(input.visitor_token));
    // Another person signed in on this browser: they get their own conversation, not the previous visitor's.
    const samePerson = found && (!claims || !found.external_user_id || found.external_user_id === claims.sub);
    if (found && found.brand_id === brand.id && samePerson) {
      let session = found;
      if (claims && !found.external_user_id) {
        session = await ctx.tx.one<ChatSession>(
          `UPDATE chat_sessions SET external_user_id = $2, email = coalesce($3, email), name = coalesce($4, name), updated_at = $5 WHERE id = $1 RETURNING ${SESSION_COLUMNS}`,
          [found.id, claims.sub, claims.email?.toLowerCase() ?? null, claims.name ?? null, now],
        );
        await recordChange(ctx, { event: 'chat.visitor_identified', aggregateType: 'chat_session', aggregateId: found.id, ticketId: found.ticket_id, payload: { brand_id: brand.id }, audit: false });
      }
      return { ...base, session, visitor_token: input.visitor_token, resumed: true };
    }
  }

  const token = newSecret(32);
  const session = await ctx.tx.one<ChatSession>(
    `INSERT INTO chat_sessions (id, workspace_id, brand_id, token_hash, external_user_id, email, name, page_url, created_at, updated_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$9) RETURNING ${SESSION_COLUMNS}`,
    [newId('chs', now), brand.workspace_id, brand.id, sha256(token), claims?.sub ?? null, claims?.email?.toLowerCase() ?? null,
      claims?.name?.slice(0, CHAT_LIMITS.name) ?? null, pageUrl, now],
  );
  await recordChange(ctx, {
    event: 'chat.session_started', aggregateType: 'chat_session', aggregateId: session.id,
    payload: { brand_id: brand.id, identified: !!claims }, audit: false,
  });
  return { ...base, session, visitor_token: token, resumed: false };
}

/** The session a visitor token opens (or VISITOR_TOKEN_INVALID). */
export async function sessionOfVisitorToken(ctx: Pick<Ctx, 'tx'>, token: unknown): Promise<ChatSession> {
  if (typeof token !== 'string' || token.length < 20 || token.length > 200) throw new AppError('VISITOR_TOKEN_INVALID', 'Unknown or malformed visitor token', 'unauthenticated');
  const s = await loadSessionByTokenHash(ctx.tx, sha256(token));
  if (!s) throw new AppError('VISITOR_TOKEN_INVALID', 'Unknown or malformed visitor token', 'unauthenticated');
  return s;
}
