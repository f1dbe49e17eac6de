/**
 * One customer message in a stored conversation: start it if needed (pinning the active model version),
 * run the engine, store the (redacted) turns, write events for actions / SCA / confirmations / hand-off,
 * and on hand-off give the humans a ticket with the transcript and an internal note with the context.
 */
import type { Queryable } from '../../../platform/db/index.js';
import { invalid, notFound } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { authorize, recordChange, recordChanges, type Change, type Ctx } from '../../kernel/index.js';
import { addMessage, createTicket } from '../../tickets/index.js';
import { dbPorts } from '../db-ports.js';
import { runTurn } from '../engine.js';
import { initialState, type AssistantPorts, type ConversationState, type Handoff, type TurnResult } from '../engine-types.js';
import { activeModel, modelById } from '../model-cache.js';
import { ComplianceScaVerifier } from '../compliance-sca.js';
import { bindingKey } from '../sca.js';
import { CONVERSATION_COLUMNS, type ConversationRow } from '../queries/get-conversation.js';

export interface ConverseInput {
  conversation_id?: string;
  /** Your own id for the conversation (e.g. a chat session id): the same ref continues the same conversation. */
  external_ref?: string;
  brand_id?: string;
  channel?: string;
  customer_email?: string;
  customer_name?: string;
  ticket_id?: string;
  text: unknown;
}

export interface ConverseEnv {
  /** false when SCA codes cannot be delivered (no outbound e-mail): payment steps hand off instead of asking for a code. */
  scaCodesDeliverable?: boolean;
  supportedLanguages: string[];
  phrase?: AssistantPorts['phrase'];
}

export interface ConverseResult {
  conversation: ConversationRow;
  replies: string[];
  handoff: Handoff | null;
  citations: TurnResult['citations'];
  actions: Array<{ action: string; ok: boolean }>;
}

async function loadOrStart(ctx: Ctx, input: ConverseInput): Promise<ConversationRow> {
  const ws = ctx.actor.workspaceId;
  if (input.conversation_id) {
    const row = await ctx.tx.maybeOne<ConversationRow>(`SELECT ${CONVERSATION_COLUMNS} FROM assistant_conversations WHERE workspace_id = $1 AND id = $2 FOR UPDATE`, [ws, input.conversation_id]);
    if (!row) throw notFound('CONVERSATION_NOT_FOUND', 'Conversation');
    return row;
  }
  if (input.external_ref) {
    const row = await ctx.tx.maybeOne<ConversationRow>(`SELECT ${CONVERSATION_COLUMNS} FROM assistant_conversations WHERE workspace_id = $1 AND external_ref = $2 FOR UPDATE`, [ws, input.external_ref]);
    if (row) return row;
  }
  const brand = await ctx.tx.maybeOne<{ id: string }>('SELECT id FROM brands WHERE workspace_id = $1 AND ($2::text IS NULL OR id = $2) ORDER BY created_at, id LIMIT 1', [ws, input.brand_id ?? null]);
  if (!brand) throw invalid('UNKNOWN_BRAND', 'Unknown brand');
  const email = input.customer_email?.trim().toLowerCase() || null;
  if (email && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) throw invalid('INVALID_EMAIL', 'customer_email is not an email address');
  const customer = email ? await ctx.tx.maybeOne<{ id: string }>('SELECT customer_id AS id FROM customer_identities WHERE workspace_id = $1 AND kind = $2 AND value = $3 LIMIT 1', [ws, 'email', email]) : undefined;
  const model = await activeModel(ctx.tx, ws);
  const now = ctx.clock.now();
  const row = await ctx.tx.one<ConversationRow>(
    `INSERT INTO assistant_conversations (id, workspace_id, brand_id, channel, customer_id, customer_email, external_ref, ticket_id, status, model_id, state, started_at, last_activity_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'active', $9, $10, $11, $11) RETURNING ${CONVERSATION_COLUMNS}`,
    [newId('acv', now), ws, brand.id, input.channel ?? 'api', customer?.id ?? null, email, input.external_ref ?? null, input.ticket_id ?? null, model?.id ?? null, JSON.stringify(initialState()), now],
  );
  await recordChange(ctx, { event: 'assistant.conversation_started', aggregateType: 'assistant_conversation', aggregateId: row.id, payload: { channel: row.channel, model_id: row.model_id } });
  return row;
}

async function history(q: Queryable, conversationId: string) {
  return q.query<{ role: 'customer' | 'assistant'; text: string }>('SELECT role, text FROM assistant_turns WHERE conversation_id = $1 ORDER BY seq', [conversationId]);
}

export function handoffNote(h: Handoff): string {
  const data = Object.entries(h.collected).map(([k, v]) => `  - ${k}: ${v ?? '—'}`).join('\n') || '  (none)';
  return [
    `Assistant hand-off (${h.reason.replace(/_/g, ' ')})`,
    `Intent: ${h.intent ?? 'unknown'}${h.confidence !== null ? ` (confidence ${(h.confidence * 100).toFixed(0)}%)` : ''} · language: ${h.language ?? 'unknown'}`,
    `SOP: ${h.sop ? `${h.sop.ref} v${h.sop.version}, step reached: ${h.step}` : 'none'}`,
    `Collected:\n${data}`,
    `Summary: ${h.summary || '—'}`,
    '',
    'Transcript:',
    ...h.transcript.map((t) => `${t.role === 'customer' ? 'Customer' : 'Assistant'}: ${t.text}`),
  ].join('\n');
}

export async function converse(ctx: Ctx, input: ConverseInput, env: ConverseEnv): Promise<ConverseResult> {
  authorize(ctx.actor, 'tickets.reply_public');
  const conv = await loadOrStart(ctx, input);
  const model = conv.model_id ? await modelById(ctx.tx, conv.model_id) : null;
  // SCA codes go only to a known customer's e-mail on file (compliance module); an e-mail typed in the chat is never used
  const customerId = env.scaCodesDeliverable === false ? null : conv.customer_id ?? (conv.customer_email
    ? (await ctx.tx.maybeOne<{ id: string }>("SELECT customer_id AS id FROM customer_identities WHERE workspace_id = $1 AND kind = 'email' AND value = $2 LIMIT 1", [ctx.actor.workspaceId, conv.customer_email]))?.id ?? null
    : null);
  const sca = new ComplianceScaVerifier(ctx, { customerId, email: conv.customer_email, ticketId: conv.ticket_id, channel: conv.channel });
  const ports = await dbPorts({ ctx, brandId: conv.brand_id, model, sca, supportedLanguages: env.supportedLanguages, phrase: env.phrase });
  const prev = await history(ctx.tx, conv.id);
  const r = await runTurn(conv.state as ConversationState, input.text, ports, prev);
  const now = ctx.clock.now();
  const turns = [{ role: 'customer', text: r.customerText || '(empty message)', meta: { flags: r.flags } }, ...r.replies.map((text, i) => ({ role: 'assistant', text, meta: i === 0 ? { citations: r.citations, actions: r.actions.map((a) => ({ action: a.action, ok: a.ok })) } : {} }))];
  await ctx.tx.query(
    `INSERT INTO assistant_turns (id, workspace_id, conversation_id, seq, role, text, meta, created_at)
     SELECT x.id, $1, $2, $3 + x.i, x.role, x.text, x.meta, $4 FROM jsonb_to_recordset($5::jsonb) AS x(id text, i int, role text, text text, meta jsonb)`,
    [ctx.actor.workspaceId, conv.id, conv.turns, now, JSON.stringify(turns.map((t, i) => ({ id: newId('atn', now), i, ...t })))],
  );
  const st = r.state;
  const changes: Change[] = [];
  const agg = { aggregateType: 'assistant_conversation', aggregateId: conv.id, ticketId: conv.ticket_id };
  for (const a of r.actions) changes.push({ event: 'assistant.action_executed', ...agg, payload: { action: a.action, step: a.step, ok: a.ok, status: a.status, sca: a.sca, binding: a.binding ? bindingKey(a.binding) : null, body: a.body } });
  if (r.flags.includes('sca_started')) changes.push({ event: 'assistant.sca_requested', ...agg, payload: { binding: st.sca ? bindingKey(st.sca.binding) : null } });
  if (r.flags.includes('sca_verified')) changes.push({ event: 'assistant.sca_verified', ...agg, payload: {} });
  if (st.confirmed === true && (conv.state as ConversationState).confirmed !== true) changes.push({ event: 'assistant.answer_confirmed', ...agg, payload: { intent: st.intent } });
  let ticketId = conv.ticket_id;
  if (r.handoff) {
    const note = handoffNote(r.handoff);
    if (!ticketId) {
      const requester = conv.customer_id ? { id: conv.customer_id } : { email: conv.customer_email ?? `assistant+${conv.id.toLowerCase()}@customers.invalid`, name: input.customer_name };
      const t = await createTicket(ctx, {
        subject: `Assistant hand-off: ${r.handoff.intent ? ports.intentTitle(r.handoff.intent) : 'customer question'}`,
        body: r.handoff.transcript.filter((x) => x.role === 'customer').map((x) => x.text).join('\n\n') || '(no text)',
        requester,
        brand_id: conv.brand_id ?? undefined,
        channel: conv.channel === 'chat' ? 'chat' : 'web',
        tags: ['assistant_handoff', ...(r.handoff.intent ? [`intent:${r.handoff.intent}`] : [])],
        language: r.handoff.language ?? undefined,
      });
      ticketId = t.ticket.id;
    }
    await addMessage(ctx, ticketId, { body: note, public: false });
    changes.push({ event: 'assistant.handed_off', ...agg, ticketId, payload: { reason: r.handoff.reason, intent: r.handoff.intent, confidence: r.handoff.confidence, step: r.handoff.step, sop: r.handoff.sop, ticket_id: ticketId } });
  }
  const updated = await ctx.tx.one<ConversationRow>(
    `UPDATE assistant_conversations SET state = $2, intent = $3, confidence = $4, language = $5, answered = $6, confirmed = $7,
       status = $8, sop_ref = $9, sop_version = $10, handoff = coalesce($11, handoff), ticket_id = $12, turns = turns + $13, last_activity_at = $14
     WHERE id = $1 RETURNING ${CONVERSATION_COLUMNS}`,
    [conv.id, JSON.stringify(st), st.intent, st.confidence, st.language, st.answered, st.confirmed, st.phase === 'handed_off' ? 'handed_off' : 'active',
      st.flow?.ref ?? conv.sop_ref, st.flow?.version ?? conv.sop_version, r.handoff ? JSON.stringify({ ...r.handoff, transcript: undefined }) : null, ticketId, turns.length, now],
  );
  if (changes.length) await recordChanges(ctx, changes);
  return { conversation: updated, replies: r.replies, handoff: r.handoff, citations: r.citations, actions: r.actions.map((a) => ({ action: a.action, ok: a.ok })) };
}
