/**
 * Agent-confirmed ticket intents become training examples: when a user (not the assistant) sets or keeps the
 * ticket's custom field "intent", the ticket's subject and first message (redacted) are stored as an example
 * of that intent (source "ticket"); the next training uses them. Idempotent. Tickets of a customer whose
 * processing is restricted (GDPR Art. 18, compliance module) never become examples.
 */
import { isProcessingRestricted } from '../../compliance/index.js';
import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/db/index.js';
import { newId } from '../../../platform/ids.js';
import { redactSensitive } from '../guardrails.js';

export async function learnFromTicket(deps: { db: Db; clock: Clock }, workspaceId: string, ticketId: string): Promise<boolean> {
  const t = await deps.db.maybeOne<{ intent: string | null; subject: string; body: string | null; requester_id: string | null }>(
    `SELECT t.custom_fields->>'intent' AS intent, t.subject, t.requester_id,
            (SELECT m.body_text FROM messages m WHERE m.ticket_id = t.id ORDER BY m.created_at, m.id LIMIT 1) AS body
       FROM tickets t WHERE t.id = $1 AND t.workspace_id = $2`,
    [ticketId, workspaceId],
  );
  if (!t?.intent || t.intent.length > 120) return false;
  if (t.requester_id && (await isProcessingRestricted(deps.db, t.requester_id))) return false;
  const text = redactSensitive(`${t.subject}\n${(t.body ?? '').slice(0, 1500)}`.trim()).text;
  if (!text) return false;
  const now = deps.clock.now();
  const rows = await deps.db.query(
    `INSERT INTO assistant_examples (id, workspace_id, text, label, source, ticket_id, created_at) VALUES ($1, $2, $3, $4, 'ticket', $5, $6)
     ON CONFLICT (workspace_id, label, text) DO NOTHING RETURNING id`,
    [newId('aex', now), workspaceId, text, t.intent, ticketId, now],
  );
  return rows.length > 0;
}
