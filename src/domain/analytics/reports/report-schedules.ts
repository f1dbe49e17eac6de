import { randomUUID } from 'node:crypto';
import { DateTime, IANAZone } from 'luxon';
import type { Clock } from '../../../platform/clock.js';
import type { Db } from '../../../platform/db/index.js';
import { invalid, notFound } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import type { OutgoingMail } from '../../../platform/mail/smtp-outbound.js';
import { authorize, recordChange, systemActor, type Ctx } from '../../kernel/index.js';
import { getDashboard } from '../queries/get-dashboard.js';
import { renderReportMail } from './render-report.js';

export interface ReportSchedule {
  id: string;
  name: string;
  frequency: 'daily' | 'weekly';
  hour: number;
  weekday: number | null;
  tz: string;
  recipients: string[];
  filters: { brand_id?: string; team_id?: string; channel?: string };
  active: boolean;
  next_run_at: Date;
  last_run_at: Date | null;
  last_status: string | null;
  last_error: string | null;
}
const COLS = 'id, name, frequency, hour, weekday, tz, recipients, filters, active, next_run_at, last_run_at, last_status, last_error';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The first run time strictly after `after`: the hour (and weekday) in the schedule's zone. */
export function nextRun(s: Pick<ReportSchedule, 'frequency' | 'hour' | 'weekday' | 'tz'>, after: Date): Date {
  let t = DateTime.fromJSDate(after, { zone: s.tz }).set({ minute: 0, second: 0, millisecond: 0 }).set({ hour: s.hour });
  if (t.toMillis() <= after.getTime()) t = t.plus({ days: 1 });
  if (s.frequency === 'weekly') while (t.weekday !== (s.weekday ?? 1)) t = t.plus({ days: 1 });
  return t.toJSDate();
}

export async function createReportSchedule(ctx: Ctx, input: { name: string; frequency: 'daily' | 'weekly'; hour: number; weekday?: number; tz: string; recipients: string[]; filters?: ReportSchedule['filters'] }): Promise<ReportSchedule> {
  authorize(ctx.actor, 'reports.read');
  if (!IANAZone.isValidZone(input.tz)) throw invalid('INVALID_TIME_ZONE', `Unknown time zone "${input.tz}"`);
  const bad = input.recipients.filter((r) => !EMAIL.test(r));
  if (!input.recipients.length || bad.length) throw invalid('INVALID_RECIPIENTS', bad.length ? `Not e-mail addresses: ${bad.join(', ')}` : 'Add at least one recipient');
  if (input.frequency === 'weekly' && !input.weekday) throw invalid('WEEKDAY_REQUIRED', 'A weekly report needs a weekday (1 = Monday … 7 = Sunday)');
  const now = ctx.clock.now();
  const row = await ctx.tx.one<ReportSchedule>(
    `INSERT INTO report_schedules (id, workspace_id, name, frequency, hour, weekday, tz, recipients, filters, created_by, next_run_at, created_at)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12) RETURNING ${COLS}`,
    [newId('rps', now), ctx.actor.workspaceId, input.name.trim(), input.frequency, input.hour, input.frequency === 'weekly' ? input.weekday : null, input.tz,
      input.recipients, JSON.stringify(input.filters ?? {}), ctx.actor.id, nextRun({ ...input, weekday: input.weekday ?? null }, now), now],
  );
  await recordChange(ctx, { event: 'report_schedule.created', aggregateType: 'report_schedule', aggregateId: row.id, payload: { name: row.name, frequency: row.frequency, recipients: row.recipients.length } });
  return row;
}

export async function listReportSchedules(ctx: Ctx): Promise<ReportSchedule[]> {
  authorize(ctx.actor, 'reports.read');
  return ctx.tx.query<ReportSchedule>(`SELECT ${COLS} FROM report_schedules WHERE workspace_id = $1 ORDER BY name`, [ctx.actor.workspaceId]);
}

export async function deleteReportSchedule(ctx: Ctx, id: string): Promise<void> {
  authorize(ctx.actor, 'reports.read');
  const gone = await ctx.tx.maybeOne('DELETE FROM report_schedules WHERE id = $1 AND workspace_id = $2 RETURNING id', [id, ctx.actor.workspaceId]);
  if (!gone) throw notFound('REPORT_SCHEDULE_NOT_FOUND', 'Report schedule');
  await recordChange(ctx, { event: 'report_schedule.deleted', aggregateType: 'report_schedule', aggregateId: id, payload: {} });
}

/**
 * Send every due report: the dashboard for the period since the previous run (a day or a week, in the
 * schedule's zone), as text + HTML mail. A failed send is recorded on the schedule and retried at the
 * next slot; without an outbound mail server the run is recorded as skipped (never silently lost).
 */
export async function runReportSchedules(db: Db, clock: Clock, send: ((mail: OutgoingMail) => Promise<unknown>) | null): Promise<{ sent: number; failed: number; skipped: number }> {
  const now = clock.now();
  const due = await db.query<ReportSchedule & { workspace_id: string }>(`SELECT ${COLS}, workspace_id FROM report_schedules WHERE active AND next_run_at <= $1 ORDER BY next_run_at LIMIT 50`, [now]);
  const out = { sent: 0, failed: 0, skipped: 0 };
  for (const s of due) {
    const days = s.frequency === 'weekly' ? 7 : 1;
    const to = DateTime.fromJSDate(now, { zone: s.tz }).startOf('day');
    const from = to.minus({ days });
    let status = 'sent';
    let error: string | null = null;
    try {
      const d = await db.transaction((tx) => getDashboard({ actor: systemActor(s.workspace_id), tx, clock, meta: { channel: 'system' } }, { from: from.toISO()!, to: to.toISO()!, tz: s.tz, ...s.filters }));
      const mail = renderReportMail(s.name, d);
      if (!send) status = 'skipped: no outbound mail server (SMTP_OUTBOUND_URL)';
      else await send({ from: { name: 'Switchboard reports', address: 'reports@switchboard.local' }, to: s.recipients, messageId: `<report-${randomUUID()}@switchboard.local>`, ...mail });
    } catch (err) {
      status = 'failed';
      error = String((err as Error).message ?? err).slice(0, 500);
    }
    await db.transaction(async (tx) => {
      await tx.query('UPDATE report_schedules SET last_run_at = $2, last_status = $3, last_error = $4, next_run_at = $5 WHERE id = $1', [s.id, now, status, error, nextRun(s, now)]);
      const ctx: Ctx = { actor: systemActor(s.workspace_id), tx, clock, meta: { channel: 'system' } };
      await recordChange(ctx, { event: 'report.sent', aggregateType: 'report_schedule', aggregateId: s.id, payload: { status, error, recipients: s.recipients.length }, audit: false });
    });
    if (status === 'sent') out.sent++;
    else if (status === 'failed') out.failed++;
    else out.skipped++;
  }
  return out;
}
