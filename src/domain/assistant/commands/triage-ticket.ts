/**
 * Triage of a new email/web ticket: detected intent (active model) and language, written to the ticket as
 * custom field "intent" (+ "intent_confidence") and tag "intent:<name>" — what the SOP module, routing and
 * analytics read — and the ticket's language when it has none. Out-of-scope tickets get no intent.
 */
import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/db/index.js';
import { detectLanguage } from '../../intents/index.js';
import { recordChange, systemActor } from '../../kernel/index.js';
import { activeModel } from '../model-cache.js';

export const TRIAGED_CHANNELS = ['email', 'web', 'api', 'social', 'app'];

export async function triageTicket(deps: { db: Db; clock: Clock }, workspaceId: string, ticketId: string): Promise<{ intent: string | null; confidence: number; language: string } | null> {
  const t = await deps.db.maybeOne<{ channel: string; subject: string; body: string | null; language: string | null }>(
    `SELECT t.channel, t.subject, (SELECT m.body_text FROM messages m WHERE m.ticket_id = t.id ORDER BY m.created_at, m.id LIMIT 1) AS body, t.language
       FROM tickets t WHERE t.id = $1 AND t.workspace_id = $2`,
    [ticketId, workspaceId],
  );
  if (!t || !TRIAGED_CHANNELS.includes(t.channel)) return null;
  const model = await activeModel(deps.db, workspaceId);
  const text = `${t.subject}\n${(t.body ?? '').slice(0, 2000)}`;
  const language = detectLanguage(text);
  const c = model ? model.model.classify(text) : null;
  const intent = c && c.decision === 'intent' ? c.intent : null;
  const confidence = c?.confidence ?? 0;
  await deps.db.transaction(async (tx) => {
    const fields = intent ? { intent, intent_confidence: Math.round(confidence * 1000) / 1000 } : {};
    await tx.query(
      `UPDATE tickets SET custom_fields = custom_fields || $3::jsonb,
         tags = CASE WHEN $4::text IS NULL OR $4 = ANY(tags) THEN tags ELSE array_append(tags, $4) END,
         language = coalesce(language, $5)
       WHERE id = $1 AND workspace_id = $2`,
      [ticketId, workspaceId, JSON.stringify(fields), intent ? `intent:${intent}` : null, language === 'und' ? null : language],
    );
    await recordChange({ actor: systemActor(workspaceId), tx, clock: deps.clock, meta: { channel: 'system' } }, {
      event: 'assistant.ticket_triaged', aggregateType: 'ticket', aggregateId: ticketId, ticketId,
      payload: { intent, confidence, language, decision: c?.decision ?? 'no_model', model_id: model?.id ?? null },
    });
  });
  return { intent, confidence, language };
}
