/**
 * Ports of a stored conversation: the model version it started with, the Help Center search (kb module) with
 * the intent → article mapping, the intent's flow snapshot, the SOP module's configured HTTP actions, the SCA
 * verifier, and queue state (routing presence + open chat/assistant hand-offs) for the expected wait.
 */
import type { Queryable } from '../../platform/db/index.js';
import { detectLanguage, type IntentModel } from '../intents/index.js';
import type { Ctx } from '../kernel/index.js';
import { checkOutboundTransfer } from '../compliance/index.js';
import { searchArticles } from '../kb/index.js';
import { isAnyAgentOnline, listOnlineAgents } from '../routing/index.js';
import { callHttpAction, HttpActionBlocked, type HttpActionConfig } from '../sops/index.js';
import type { AssistantPorts, IntentGuess, Passage } from './engine-types.js';
import { parseFlow, type AssistantFlow } from './flow.js';
import type { ScaVerifier } from './sca.js';

export interface IntentConfig {
  intent: string;
  title: string;
  article_ids: string[];
  flow: unknown;
  sop_ref: string | null;
  sop_version: number | null;
}

export async function intentConfigs(q: Queryable, workspaceId: string): Promise<Map<string, IntentConfig>> {
  const rows = await q.query<IntentConfig>('SELECT intent, title, article_ids, flow, sop_ref, sop_version FROM assistant_intents WHERE workspace_id = $1', [workspaceId]);
  return new Map(rows.map((r) => [r.intent, r]));
}

export function humanTitle(intent: string): string {
  const t = intent.replace(/[?]/g, '').replace(/_/g, ' ').trim();
  return t.charAt(0).toUpperCase() + t.slice(1).toLowerCase();
}

/** Minutes a customer waits for a human: open hand-offs per online agent × 6 min (rough, from queue state). */
async function queueState(ctx: Ctx, brandId: string | null): Promise<{ agentsOnline: number; expectedWaitMinutes: number | null }> {
  const opts = { workspaceId: ctx.actor.workspaceId, brandId };
  if (!(await isAnyAgentOnline(ctx.tx, opts))) return { agentsOnline: 0, expectedWaitMinutes: null };
  const agents = await listOnlineAgents(ctx.tx, opts);
  const waiting = await ctx.tx.one<{ n: number }>(
    "SELECT count(*)::int AS n FROM assistant_conversations WHERE workspace_id = $1 AND status = 'handed_off' AND ended_at IS NULL",
    [ctx.actor.workspaceId],
  );
  return { agentsOnline: agents.length, expectedWaitMinutes: Math.max(1, Math.round(((waiting.n + 1) / Math.max(1, agents.length)) * 6)) };
}

export interface DbPortsInput {
  ctx: Ctx;
  brandId: string | null;
  model: IntentModel | null;
  sca: ScaVerifier;
  supportedLanguages: string[];
  phrase?: AssistantPorts['phrase'];
  /** Flow snapshots pinned by the conversation (replay) instead of the current configuration. */
  pinnedFlow?: { intent: string; flow: AssistantFlow; ref: string; version: number } | null;
}

export async function dbPorts(input: DbPortsInput): Promise<AssistantPorts> {
  const { ctx, model } = input;
  const configs = await intentConfigs(ctx.tx, ctx.actor.workspaceId);
  const classify = (text: string): IntentGuess => (model ? model.classify(text) : { decision: 'out_of_scope', intent: null, confidence: 0, top: [] });
  return {
    classify,
    detectLanguage,
    intentTitle: (intent) => configs.get(intent)?.title || humanTitle(intent),
    supportedLanguages: input.supportedLanguages,
    // Art. 28: the LLM endpoint gets the question only when its processor entry has a signed DPA (else extractive answer).
    phrase: input.phrase && (async (q, passages, lang) => {
      const url = (input.phrase as { endpoint?: string }).endpoint;
      if (url && !(await checkOutboundTransfer(ctx.tx, ctx.actor.workspaceId, url)).allowed) return null;
      return input.phrase!(q, passages, lang);
    }),
    sca: input.sca,
    queue: () => queueState(ctx, input.brandId),
    async searchKnowledge(q, o): Promise<Passage[]> {
      if (!input.brandId) return [];
      const mapped = new Set(o.intent ? configs.get(o.intent)?.article_ids ?? [] : []);
      const hits = await searchArticles(ctx, { brandId: input.brandId, locale: o.language, q, limit: 5, audience: 'public', mode: 'any' });
      const ranked = [...hits].sort((a, b) => Number(mapped.has(b.articleId)) - Number(mapped.has(a.articleId)) || b.score - a.score);
      return ranked.filter((h) => h.text.trim()).map((h) => ({ articleId: h.articleId, title: h.title, url: h.url, text: h.text, score: h.score }));
    },
    async flowFor(intent) {
      if (input.pinnedFlow !== undefined) return input.pinnedFlow && input.pinnedFlow.intent === intent ? input.pinnedFlow : null;
      const c = configs.get(intent);
      if (!c?.flow) return null;
      try {
        return { flow: parseFlow(c.flow), ref: c.sop_ref ?? `intent:${intent}`, version: c.sop_version ?? 1 };
      } catch {
        return null;
      }
    },
    async callAction(action, body) {
      // the SOP module's configured HTTP actions (URL and credentials live there)
      const cfg = await ctx.tx.maybeOne<HttpActionConfig>(
        'SELECT key, url, method, auth_type, auth_header, auth_secret, timeout_ms FROM sop_http_actions WHERE workspace_id = $1 AND key = $2',
        [ctx.actor.workspaceId, action],
      );
      if (!cfg) return { ok: false, status: 404, data: {} };
      try {
        const data = await callHttpAction({ q: ctx.tx, workspaceId: ctx.actor.workspaceId }, cfg, body, `assistant:${action}:${JSON.stringify(body).length}:${ctx.clock.now().getTime()}`);
        return { ok: true, status: 200, data: data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {} };
      } catch (e) {
        // Art. 28: nothing went to a vendor whose processor entry is incomplete (the step fails and hands off).
        return { ok: false, status: e instanceof HttpActionBlocked ? 451 : 502, data: {} };
      }
    },
  };
}
