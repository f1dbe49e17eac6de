import { AppError, invalid, notFound } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { redactText } from '../../../platform/redaction/index.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';
import { openCase } from '../cases/open-case.js';
import { respondCase } from '../cases/change-case-clock.js';
import { computeDeadlines } from '../regulatory/compute-deadlines.js';
import { resolveRule, workspaceCalendar } from '../regulatory/rule-sets.js';
import { publishedTerms, termsPath } from './terms.js';

export const REDRESS_TEXT = 'You can appeal this decision free of charge through our internal complaint system within 6 months, refer it to a certified out-of-court dispute settlement body (Art. 21 DSA), or go to court.';
export const ODS_INFO = 'If you disagree with this decision you may refer the dispute to a certified out-of-court dispute settlement body: https://digital-strategy.ec.europa.eu/en/policies/dsa-out-court-dispute-settlement';

export interface NoticeInput {
  url: string;
  reasons: string;
  notifier_name?: string;
  notifier_email?: string;
  good_faith: boolean;
  category: string;
}

/** Art. 16 notice: exact URL, reasons, notifier (not for CSAM), good-faith statement; receipt confirmed. */
export async function receiveNotice(ctx: Ctx, input: NoticeInput): Promise<{ id: string; case_id: string; receipt_sent_at: Date }> {
  const url = URL.canParse(input.url) ? new URL(input.url) : null;
  if (!url || !['http:', 'https:'].includes(url.protocol)) throw invalid('NOTICE_URL_REQUIRED', 'The exact URL of the content is required');
  if (!input.reasons?.trim()) throw invalid('NOTICE_REASONS_REQUIRED', 'Explain why the content is illegal');
  if (!input.good_faith) throw invalid('GOOD_FAITH_REQUIRED', 'The notifier must confirm the notice is accurate and complete (good faith)');
  const csam = input.category === 'child_sexual_abuse';
  if (!csam && (!input.notifier_name?.trim() || !input.notifier_email?.trim())) throw invalid('NOTIFIER_REQUIRED', 'Name and email of the notifier are required (except for child sexual abuse material)');
  const now = ctx.clock.now();
  const c = await openCase(ctx, { type: 'dsa_notice', channel: ctx.meta.channel ?? 'web_form', details: { category: input.category } });
  const id = newId('dsn', now);
  await ctx.tx.query(
    `INSERT INTO compliance_dsa_notices (id, workspace_id, case_id, url, reasons, notifier_name, notifier_email, good_faith, category, received_at, receipt_sent_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)`,
    [id, ctx.actor.workspaceId, c.id, url.toString(), input.reasons.trim(), input.notifier_name ?? null, input.notifier_email ?? null, true, input.category, now],
  );
  await recordChange(ctx, { event: 'compliance.dsa_notice_received', aggregateType: 'dsa_notice', aggregateId: id, payload: { case_id: c.id, category: input.category, receipt_sent: true } });
  return { id, case_id: c.id, receipt_sent_at: now };
}

export interface StatementInput {
  notice_id?: string;
  customer_id?: string;
  content_ref: string;
  measure: 'visibility_restriction' | 'removal' | 'demonetisation' | 'payment_restriction' | 'service_suspension' | 'account_suspension';
  scope: string;
  duration?: string;
  facts: string;
  automated_detection: boolean;
  automated_decision: boolean;
  ground_type: 'illegal_content' | 'incompatible_with_terms';
  ground: string;
}

/** Art. 17 statement of reasons, with a unique, never reused PUID. */
export async function issueStatement(ctx: Ctx, input: StatementInput): Promise<{ id: string; puid: string; redress: string; terms_url: string | null }> {
  authorize(ctx.actor, 'tickets.write');
  for (const k of ['content_ref', 'scope', 'facts', 'ground'] as const) if (!input[k]?.trim()) throw invalid('SOR_INCOMPLETE', `${k} is required in a statement of reasons`);
  const now = ctx.clock.now();
  const id = newId('sor', now);
  const puid = newId('puid', now);
  // the appeal-procedure rules in force are linked from the statement (DSA Art. 14 / 17(3)(f))
  const rules = await publishedTerms(ctx.tx, ctx.actor.workspaceId, 'appeal-procedure');
  const termsUrl = rules ? termsPath(ctx.actor.workspaceId, rules.slug, rules.version) : null;
  await ctx.tx.query(
    `INSERT INTO compliance_dsa_statements (id, puid, workspace_id, notice_id, customer_id, content_ref, measure, scope, duration, facts, automated_detection,
        automated_decision, ground_type, ground, redress, notified_at, created_at, terms_version_id)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $16, $17)`,
    [id, puid, ctx.actor.workspaceId, input.notice_id ?? null, input.customer_id ?? null, input.content_ref, input.measure, input.scope, input.duration ?? null,
      input.facts, input.automated_detection, input.automated_decision, input.ground_type, input.ground, termsUrl ? `${REDRESS_TEXT} Appeal rules: ${termsUrl}` : REDRESS_TEXT, now, rules?.id ?? null],
  );
  if (input.notice_id) await ctx.tx.query('UPDATE compliance_dsa_notices SET decision = $2, decided_at = $3, automated = $4 WHERE id = $1', [input.notice_id, input.measure, now, input.automated_decision]);
  await recordChange(ctx, {
    event: 'compliance.dsa_statement_issued', aggregateType: 'dsa_statement', aggregateId: id,
    payload: { puid, measure: input.measure, ground_type: input.ground_type, automated_detection: input.automated_detection, automated_decision: input.automated_decision, notice_id: input.notice_id ?? null, terms_version: rules?.version ?? null },
  });
  return { id, puid, redress: REDRESS_TEXT, terms_url: termsUrl };
}

const EMAIL = /[A-Z0-9._%+-]+@[A-Z0-9.-]+\.[A-Z]{2,}/gi;
const PHONE = /\+?\d[\d ()-]{7,}\d/g;
/** Free text for the Transparency Database: no personal data (emails, phones, cards, IBANs, ids, the person's name). */
function stripPii(text: string, names: string[]): string {
  let out = redactText(text).text.replace(EMAIL, '[email]').replace(PHONE, '[phone]');
  for (const n of names) if (n.trim().length >= 3) out = out.split(n).join('[name]');
  return out;
}

/** Statements of reasons in the Transparency Database shape, stripped of personal data. */
export async function exportStatementsForTransparencyDb(ctx: Ctx, range: { from: Date; to: Date }) {
  authorize(ctx.actor, 'compliance.manage');
  const rows = await ctx.tx.query<{ puid: string; measure: string; scope: string; duration: string | null; facts: string; automated_detection: boolean; automated_decision: boolean; ground_type: string; ground: string; notified_at: Date; name: string | null }>(
    `SELECT s.puid, s.measure, s.scope, s.duration, s.facts, s.automated_detection, s.automated_decision, s.ground_type, s.ground, s.notified_at, c.name
       FROM compliance_dsa_statements s LEFT JOIN customers c ON c.id = s.customer_id
      WHERE s.workspace_id = $1 AND s.notified_at >= $2 AND s.notified_at < $3 ORDER BY s.notified_at, s.id`,
    [ctx.actor.workspaceId, range.from, range.to],
  );
  return rows.map((r) => ({
    puid: r.puid, decision: r.measure, territorial_scope: r.scope, duration: r.duration, decision_facts: stripPii(r.facts, r.name ? [r.name] : []),
    automated_detection: r.automated_detection ? 'Yes' : 'No', automated_decision: r.automated_decision ? 'Fully automated' : 'Not automated',
    decision_ground: r.ground_type === 'illegal_content' ? 'DECISION_GROUND_ILLEGAL_CONTENT' : 'DECISION_GROUND_INCOMPATIBLE_CONTENT',
    ground_explanation: stripPii(r.ground, r.name ? [r.name] : []), application_date: r.notified_at.toISOString().slice(0, 10),
  }));
}

/** Art. 20 appeal: accepted within the window (≥ 6 months from the day the user was informed). */
export async function fileAppeal(ctx: Ctx, input: { statement_id: string; appellant_type: 'recipient' | 'notifier'; reasons: string }): Promise<{ id: string; case_id: string }> {
  if (!input.reasons?.trim()) throw invalid('APPEAL_REASONS_REQUIRED', 'Explain why the decision should change');
  const s = await ctx.tx.maybeOne<{ notified_at: Date; ground_type: string; customer_id: string | null }>(
    'SELECT notified_at, ground_type, customer_id FROM compliance_dsa_statements WHERE id = $1 AND workspace_id = $2', [input.statement_id, ctx.actor.workspaceId]);
  if (!s) throw notFound('STATEMENT_NOT_FOUND', 'Statement of reasons');
  const now = ctx.clock.now();
  const rule = await resolveRule(ctx, 'dsa.appeal_window');
  const window = computeDeadlines(rule, { receivedAt: s.notified_at, startAt: s.notified_at }, await workspaceCalendar(ctx, rule.default_country));
  if (now >= window.due_at) throw new AppError('APPEAL_WINDOW_CLOSED', `The appeal window closed on ${window.due_at.toISOString()}`, 'unprocessable');
  const c = await openCase(ctx, { type: 'dsa_appeal', customer_id: s.customer_id ?? undefined, details: { statement_id: input.statement_id } });
  const id = newId('apl', now);
  await ctx.tx.query(
    `INSERT INTO compliance_dsa_appeals (id, workspace_id, statement_id, case_id, appellant_type, reasons, received_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
    [id, ctx.actor.workspaceId, input.statement_id, c.id, input.appellant_type, input.reasons.trim(), now]);
  await recordChange(ctx, { event: 'compliance.dsa_appeal_received', aggregateType: 'dsa_appeal', aggregateId: id, payload: { statement_id: input.statement_id, ground_type: s.ground_type, received_at: now.toISOString(), appellant_type: input.appellant_type } });
  return { id, case_id: c.id };
}

/** Decide an appeal: a human reviewer is required (never solely automated); the reply carries the ODS information. */
export async function decideAppeal(ctx: Ctx, id: string, input: { decision: 'upheld' | 'reversed' | 'partially_reversed'; reasons: string }): Promise<{ id: string; reviewer_id: string; reversed: boolean; reply: string; terms_url: string | null }> {
  authorize(ctx.actor, 'tickets.write');
  if (ctx.actor.type !== 'user' || !ctx.actor.id) throw new AppError('HUMAN_REVIEW_REQUIRED', 'An appeal decision needs a human reviewer', 'forbidden');
  if (!input.reasons?.trim()) throw invalid('DECISION_REASONS_REQUIRED', 'A reasoned decision is required');
  const a = await ctx.tx.maybeOne<{ case_id: string; received_at: Date; decided_at: Date | null; statement_id: string }>(
    'SELECT case_id, received_at, decided_at, statement_id FROM compliance_dsa_appeals WHERE id = $1 AND workspace_id = $2 FOR UPDATE', [id, ctx.actor.workspaceId]);
  if (!a) throw notFound('APPEAL_NOT_FOUND', 'Appeal');
  if (a.decided_at) throw new AppError('APPEAL_DECIDED', 'The appeal is already decided', 'conflict');
  const now = ctx.clock.now();
  await ctx.tx.query('UPDATE compliance_dsa_appeals SET reviewer_id = $2, decision = $3, decision_reasons = $4, decided_at = $5 WHERE id = $1', [id, ctx.actor.id, input.decision, input.reasons.trim(), now]);
  await respondCase(ctx, a.case_id, { outcome: input.decision, reason_code: input.decision === 'upheld' ? 'decision_upheld' : 'decision_reversed', late_reason: 'internal SLO exceeded' });
  const reversed = input.decision !== 'upheld';
  const rules = await publishedTerms(ctx.tx, ctx.actor.workspaceId, 'appeal-procedure');
  const termsUrl = rules ? termsPath(ctx.actor.workspaceId, rules.slug, rules.version) : null;
  await recordChange(ctx, {
    event: 'compliance.dsa_appeal_decided', aggregateType: 'dsa_appeal', aggregateId: id,
    payload: { statement_id: a.statement_id, decision: input.decision, reversed, reviewer_id: ctx.actor.id, received_at: new Date(a.received_at).toISOString(), decided_at: now.toISOString() },
  });
  return { id, reviewer_id: ctx.actor.id, reversed, terms_url: termsUrl, reply: `${input.reasons.trim()}\n\n${ODS_INFO}${termsUrl ? `\n\nAppeal procedure rules: ${termsUrl}` : ''}` };
}

export async function recordOdsDispute(ctx: Ctx, input: { statement_id: string; appeal_id?: string; body: string; referred_at: Date; decided_at?: Date; outcome?: string; implemented?: boolean }): Promise<{ id: string }> {
  authorize(ctx.actor, 'compliance.manage');
  if (!input.body?.trim()) throw invalid('ODS_BODY_REQUIRED', 'The certified body is required');
  const s = await ctx.tx.maybeOne('SELECT 1 FROM compliance_dsa_statements WHERE id = $1 AND workspace_id = $2', [input.statement_id, ctx.actor.workspaceId]);
  if (!s) throw notFound('STATEMENT_NOT_FOUND', 'Statement of reasons');
  const id = newId('ods', ctx.clock.now());
  await ctx.tx.query(
    `INSERT INTO compliance_dsa_ods (id, workspace_id, appeal_id, statement_id, body, referred_at, decided_at, outcome, implemented) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [id, ctx.actor.workspaceId, input.appeal_id ?? null, input.statement_id, input.body.trim(), input.referred_at, input.decided_at ?? null, input.outcome ?? null, !!input.implemented]);
  await recordChange(ctx, { event: 'compliance.dsa_ods_recorded', aggregateType: 'dsa_statement', aggregateId: input.statement_id, payload: { ods_id: id, body: input.body.trim(), outcome: input.outcome ?? null, implemented: !!input.implemented } });
  return { id };
}

const median = (xs: number[]) => {
  if (!xs.length) return null;
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** Art. 23 / 24(1)(b): warnings and suspensions, by ground (from the same events). */
function misuseFigures(ev: Array<{ name: string; payload: Record<string, unknown> }>) {
  const count = (name: string) => {
    const list = ev.filter((e) => e.name === name);
    const byGround: Record<string, number> = {};
    for (const e of list) byGround[String(e.payload.ground)] = (byGround[String(e.payload.ground)] ?? 0) + 1;
    return { total: list.length, by_ground: byGround };
  };
  return { warnings: count('compliance.dsa_warning_issued'), suspensions: count('compliance.dsa_suspension_imposed') };
}

/** Art. 15/24 transparency figures, recomputed from the event log only (reproducible). */
export async function transparencyFigures(ctx: Ctx, range: { from: Date; to: Date }) {
  authorize(ctx.actor, 'reports.read');
  const ev = await ctx.tx.query<{ name: string; payload: Record<string, unknown> }>(
    `SELECT name, payload FROM events WHERE workspace_id = $1 AND name LIKE 'compliance.dsa_%' AND occurred_at >= $2 AND occurred_at < $3 ORDER BY seq`,
    [ctx.actor.workspaceId, range.from, range.to]);
  const received = ev.filter((e) => e.name === 'compliance.dsa_appeal_received');
  const decided = ev.filter((e) => e.name === 'compliance.dsa_appeal_decided');
  const byBasis: Record<string, number> = {};
  for (const r of received) byBasis[String(r.payload.ground_type)] = (byBasis[String(r.payload.ground_type)] ?? 0) + 1;
  const byDecision: Record<string, number> = {};
  for (const d of decided) byDecision[String(d.payload.decision)] = (byDecision[String(d.payload.decision)] ?? 0) + 1;
  const hours = decided.map((d) => (Date.parse(String(d.payload.decided_at)) - Date.parse(String(d.payload.received_at))) / 3_600_000);
  const statements = ev.filter((e) => e.name === 'compliance.dsa_statement_issued');
  return {
    from: range.from.toISOString(), to: range.to.toISOString(),
    notices: ev.filter((e) => e.name === 'compliance.dsa_notice_received').length,
    statements: statements.length,
    automated_decisions: statements.filter((s) => s.payload.automated_decision === true).length,
    appeals: { received: received.length, by_basis: byBasis, decided: decided.length, by_decision: byDecision, reversed: decided.filter((d) => d.payload.reversed === true).length, median_handling_hours: median(hours) },
    ods_disputes: ev.filter((e) => e.name === 'compliance.dsa_ods_recorded').length,
    misuse: misuseFigures(ev),
  };
}
