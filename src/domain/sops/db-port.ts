import type { Queryable } from '../../platform/db/index.js';
import { checkOutboundTransfer, type OutboundVerdict } from '../compliance/index.js';
import { listFields } from '../fields/index.js';
import type { Ctx } from '../kernel/index.js';
import { addMessage, updateTicket } from '../tickets/index.js';
import { listTeams } from '../workspace/index.js';
import { StepFailure, type Effect, type EffectPort } from './engine.js';

/** How an HTTP action is sent (see sop_http_actions). */
export interface HttpActionConfig {
  key: string;
  url: string;
  method: string;
  auth_type: 'none' | 'bearer' | 'basic' | 'header';
  auth_header: string | null;
  auth_secret: string | null;
  timeout_ms: number;
}

/** Where an HTTP action is called from: the workspace whose processor registry gates the call. */
export interface HttpActionScope {
  q: Queryable;
  workspaceId: string;
}

/** The GDPR processor gate refused the call: nothing was sent (not retryable until the processor entry is complete). */
export class HttpActionBlocked extends StepFailure {
  constructor(key: string, readonly verdict: OutboundVerdict) {
    super(`HTTP action "${key}" is blocked: ${verdict.message}`, false);
  }
}

/**
 * Call a configured HTTP action. Every call goes through the GDPR Art. 28 gate first: personal data leaves only
 * for a vendor whose processor entry is complete, otherwise {@link HttpActionBlocked} and nothing is sent.
 * Timeouts, non-2xx answers and non-JSON bodies are step failures (retryable).
 */
export async function callHttpAction(scope: HttpActionScope, cfg: HttpActionConfig, body: Record<string, unknown>, idempotencyKey: string): Promise<unknown> {
  const gate = await checkOutboundTransfer(scope.q, scope.workspaceId, cfg.url);
  if (!gate.allowed) throw new HttpActionBlocked(cfg.key, gate);
  const headers: Record<string, string> = { 'content-type': 'application/json', accept: 'application/json', 'idempotency-key': idempotencyKey };
  if (cfg.auth_type === 'bearer' && cfg.auth_secret) headers.authorization = `Bearer ${cfg.auth_secret}`;
  if (cfg.auth_type === 'basic' && cfg.auth_secret) headers.authorization = `Basic ${Buffer.from(cfg.auth_secret).toString('base64')}`;
  if (cfg.auth_type === 'header' && cfg.auth_header && cfg.auth_secret) headers[cfg.auth_header.toLowerCase()] = cfg.auth_secret;
  let res: Response;
  try {
    res = await fetch(cfg.url, { method: cfg.method, headers, body: cfg.method === 'GET' ? undefined : JSON.stringify(body), signal: AbortSignal.timeout(cfg.timeout_ms) });
  } catch (e) {
    const name = (e as Error).name;
    throw new StepFailure(name === 'TimeoutError' || name === 'AbortError' ? `HTTP action "${cfg.key}" timed out after ${cfg.timeout_ms} ms` : `HTTP action "${cfg.key}" could not connect: ${(e as Error).message}`);
  }
  const text = await res.text().catch(() => '');
  if (!res.ok) throw new StepFailure(`HTTP action "${cfg.key}" answered ${res.status}${text ? `: ${text.slice(0, 200)}` : ''}`);
  if (!text.trim()) return {};
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new StepFailure(`HTTP action "${cfg.key}" answered with something that is not JSON: ${JSON.stringify(text.slice(0, 80))}`);
  }
}

/**
 * Applies effects to the ticket through the tickets module (so every change writes its own ticket event and
 * audit row, authorised as the acting user). Collected values go to the ticket custom field of the same key
 * when the workspace has one; otherwise they stay with the run.
 */
export class TicketEffectPort implements EffectPort {
  escalated = false;
  constructor(private readonly ctx: Ctx, private readonly ticketId: string, private readonly runId: string) {}

  async apply(effect: Effect, key: string): Promise<unknown> {
    const { ctx, ticketId } = this;
    switch (effect.kind) {
      case 'set_fields': {
        const defs = new Set((await listFields(ctx.tx, ctx.actor.workspaceId, { activeOnly: true })).map((f) => f.key));
        const known = Object.fromEntries(Object.entries(effect.fields).filter(([k]) => defs.has(k)));
        if (!effect.collected && Object.keys(known).length !== Object.keys(effect.fields).length) {
          const missing = Object.keys(effect.fields).filter((k) => !defs.has(k));
          throw new StepFailure(`the ticket has no custom field ${missing.map((m) => `"${m}"`).join(', ')}`, false);
        }
        if (Object.keys(known).length) await updateTicket(ctx, ticketId, { custom_fields: known });
        return known;
      }
      case 'tags':
        await updateTicket(ctx, ticketId, { add_tags: effect.add, remove_tags: effect.remove });
        return undefined;
      case 'route': {
        const team = (await listTeams(ctx)).find((t) => t.name.toLowerCase() === effect.team.toLowerCase());
        if (!team) throw new StepFailure(`no team named "${effect.team}"`, false);
        await updateTicket(ctx, ticketId, { team_id: team.id, ...(effect.priority ? { priority: effect.priority as 'high' } : {}) });
        if (effect.escalation) this.escalated = true;
        return { team_id: team.id };
      }
      case 'reply': {
        const out = await addMessage(ctx, ticketId, { body: effect.text, public: effect.public });
        return { message_id: out.message.id };
      }
      case 'http': {
        const cfg = await ctx.tx.maybeOne<HttpActionConfig>(
          'SELECT key, url, method, auth_type, auth_header, auth_secret, timeout_ms FROM sop_http_actions WHERE workspace_id = $1 AND key = $2',
          [ctx.actor.workspaceId, effect.action],
        );
        if (!cfg) throw new StepFailure(`no HTTP action "${effect.action}" is configured`);
        return callHttpAction({ q: ctx.tx, workspaceId: ctx.actor.workspaceId }, cfg, effect.body, `${this.runId}:${key}`);
      }
    }
  }
}
