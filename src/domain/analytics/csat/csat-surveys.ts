import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { Clock } from '../../../platform/clock.js';
import type { Db, Tx } from '../../../platform/db/index.js';
import { conflict, invalid, notFound } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { recordChange, systemActor, type Ctx } from '../../kernel/index.js';
import { addMessage } from '../../tickets/index.js';
import { DEFAULT_QUESTIONS, REASONS, settingsFor } from './csat-settings.js';

const sha = (s: string) => createHash('sha256').update(s).digest('hex');

/**
 * On solve: schedule one survey per ticket (a ticket solved twice is not surveyed twice), unless CSAT is
 * off for the brand or the ticket was merged away or marked as spam.
 */
export async function scheduleSurvey(tx: Tx, clock: Clock, ticketId: string): Promise<boolean> {
  const t = await tx.maybeOne<{ workspace_id: string; brand_id: string; merged_into_id: string | null; tags: string[]; status: string }>(
    'SELECT workspace_id, brand_id, merged_into_id, tags, status FROM tickets WHERE id = $1', [ticketId]);
  if (!t || t.merged_into_id || t.tags.includes('spam') || t.status !== 'solved') return false;
  const s = await settingsFor(tx, t.brand_id);
  if (!s.enabled) return false;
  const now = clock.now();
  const row = await tx.maybeOne<{ id: string }>(
    `INSERT INTO csat_surveys (id, workspace_id, ticket_id, brand_id, token_hash, due_at, created_at) VALUES ($1,$2,$3,$4,'',$5,$6)
     ON CONFLICT (ticket_id) DO NOTHING RETURNING id`,
    [newId('csv', now), t.workspace_id, ticketId, t.brand_id, new Date(now.getTime() + s.delay_minutes * 60_000), now],
  );
  if (!row) return false;
  const ctx: Ctx = { actor: systemActor(t.workspace_id), tx, clock, meta: { channel: 'system' } };
  await recordChange(ctx, { event: 'csat.survey_scheduled', aggregateType: 'csat_survey', aggregateId: row.id, ticketId, payload: { delay_minutes: s.delay_minutes }, audit: false });
  return true;
}

/**
 * Send due surveys: a public message on the ticket with the rating link (so it reaches the customer by the
 * ticket's own channel — email, chat widget), and `csat.survey_sent`. Surveys for tickets reopened in
 * the meantime are postponed until the next solve (they stay unsent).
 */
export async function sendDueSurveys(db: Db, clock: Clock, publicUrl: string, limit = 100): Promise<number> {
  const now = clock.now();
  const due = await db.query<{ id: string; ticket_id: string; workspace_id: string }>(
    'SELECT id, ticket_id, workspace_id FROM csat_surveys WHERE sent_at IS NULL AND due_at <= $1 ORDER BY due_at LIMIT $2', [now, limit]);
  let sent = 0;
  for (const d of due) {
    await db.transaction(async (tx) => {
      const t = await tx.maybeOne<{ status: string; language: string | null; merged_into_id: string | null }>(
        'SELECT status, language, merged_into_id FROM tickets WHERE id = $1 FOR UPDATE', [d.ticket_id]);
      const s = await tx.maybeOne('SELECT 1 FROM csat_surveys WHERE id = $1 AND sent_at IS NULL FOR UPDATE SKIP LOCKED', [d.id]);
      if (!t || !s || t.merged_into_id || !['solved', 'closed'].includes(t.status)) return;
      const token = randomBytes(24).toString('base64url');
      await tx.query('UPDATE csat_surveys SET sent_at = $2, token_hash = $3 WHERE id = $1', [d.id, now, sha(token)]);
      const url = `${publicUrl.replace(/\/$/, '')}/csat/${d.id}.${token}`;
      const lang = (t.language ?? 'en').split('-')[0];
      const ctx: Ctx = { actor: systemActor(d.workspace_id), tx, clock, meta: { channel: 'system' } };
      const question = DEFAULT_QUESTIONS[lang] ?? DEFAULT_QUESTIONS.en;
      if (t.status === 'solved') await addMessage(ctx, d.ticket_id, { body: `${question}\n${url}`, public: true });
      await recordChange(ctx, { event: 'csat.survey_sent', aggregateType: 'csat_survey', aggregateId: d.id, ticketId: d.ticket_id, payload: { url_path: `/csat/${d.id}` }, audit: false });
      sent++;
    });
  }
  return sent;
}

export interface SurveyView {
  id: string;
  ticket_id: string;
  ticket_number: number;
  brand_name: string;
  language: string;
  scale: 'binary' | 'five';
  question: string;
  ask_reason: boolean;
  ask_effort: boolean;
  score: number | null;
  comment: string | null;
  reason: string | null;
  changeable: boolean;
}

/** Resolve a link token `<surveyId>.<secret>`; anything forged or unknown is a plain 404. */
export async function openSurvey(tx: Tx, clock: Clock, token: string): Promise<SurveyView> {
  const [id, secret] = token.split('.');
  if (!id || !secret || !/^csv_[0-9a-z]+$/.test(id)) throw notFound('SURVEY_NOT_FOUND', 'Survey');
  const s = await tx.maybeOne<{ id: string; ticket_id: string; token_hash: string; brand_id: string; sent_at: Date | null; responded_at: Date | null; score: number | null; comment: string | null; reason: string | null; number: number; language: string | null; brand: string }>(
    `SELECT s.id, s.ticket_id, s.token_hash, s.brand_id, s.sent_at, s.responded_at, s.score, s.comment, s.reason, t.number, t.language, b.name AS brand
       FROM csat_surveys s JOIN tickets t ON t.id = s.ticket_id JOIN brands b ON b.id = s.brand_id WHERE s.id = $1`, [id]);
  const a = Buffer.from(sha(secret));
  if (!s || !s.sent_at || s.token_hash.length !== a.length || !timingSafeEqual(a, Buffer.from(s.token_hash))) throw notFound('SURVEY_NOT_FOUND', 'Survey');
  const settings = await settingsFor(tx, s.brand_id);
  const lang = (s.language ?? 'en').split('-')[0];
  const changeable = !s.responded_at || clock.now().getTime() - new Date(s.responded_at).getTime() <= settings.change_window_hours * 3_600_000;
  return {
    id: s.id, ticket_id: s.ticket_id, ticket_number: s.number, brand_name: s.brand, language: lang, scale: settings.scale,
    question: settings.questions[lang] ?? DEFAULT_QUESTIONS[lang] ?? DEFAULT_QUESTIONS.en,
    ask_reason: settings.ask_reason, ask_effort: settings.ask_effort, score: s.score, comment: s.comment, reason: s.reason, changeable,
  };
}

/** Record (or, within the change window, change) the answer. Binary scale: good = 5, bad = 1. */
export async function rateSurvey(db: Db, clock: Clock, token: string, input: { score: number; comment?: string; reason?: string; effort?: number; channel?: string }): Promise<SurveyView> {
  return db.transaction(async (tx) => {
    const v = await openSurvey(tx, clock, token);
    if (!v.changeable) throw conflict('SURVEY_CLOSED', 'This rating can no longer be changed');
    const score = v.scale === 'binary' ? (input.score >= 3 ? 5 : 1) : input.score;
    if (!Number.isInteger(score) || score < 1 || score > 5) throw invalid('INVALID_SCORE', 'Score must be a whole number from 1 to 5');
    if (input.reason && !(REASONS as readonly string[]).includes(input.reason)) throw invalid('INVALID_REASON', `reason must be one of ${REASONS.join(', ')}`);
    if (input.effort !== undefined && !(Number.isInteger(input.effort) && input.effort >= 1 && input.effort <= 7)) throw invalid('INVALID_EFFORT', 'Effort (CES) is 1–7');
    const comment = input.comment?.slice(0, 2000) ?? null;
    const ws = (await tx.one<{ workspace_id: string }>('SELECT workspace_id FROM csat_surveys WHERE id = $1', [v.id])).workspace_id;
    await tx.query('UPDATE csat_surveys SET score = $2, comment = $3, reason = $4, effort = $5, channel = $6, responded_at = $7 WHERE id = $1',
      [v.id, score, comment, input.reason ?? null, input.effort ?? null, input.channel ?? 'link', clock.now()]);
    const ctx: Ctx = { actor: { type: 'customer', id: null, workspaceId: ws, role: 'system', brandIds: [] }, tx, clock, meta: { channel: input.channel ?? 'link' } };
    await recordChange(ctx, { event: 'csat.rated', aggregateType: 'csat_survey', aggregateId: v.id, ticketId: v.ticket_id, payload: { score, reason: input.reason ?? null, changed: v.score !== null } });
    return { ...v, score, comment, reason: input.reason ?? null };
  });
}
