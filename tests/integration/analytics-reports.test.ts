import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextRun, runReportSchedules } from '../../src/domain/analytics/index.js';
import { sendMail } from '../../src/platform/mail/smtp-outbound.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { expectProblem, newTicket } from '../helpers/api-helpers.js';
import { analyticsDispatcher } from './analytics-helpers.js';

let t: TestApp;
let sink: SMTPServer;
let url: string;
const inbox: Array<{ to: string[]; subject: string; text: string; html: string }> = [];

beforeAll(async () => {
  t = await createTestApp();
  sink = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'],
    onData(stream, session, cb) {
      simpleParser(stream).then((m) => {
        inbox.push({ to: session.envelope.rcptTo.map((r) => r.address), subject: m.subject ?? '', text: m.text ?? '', html: String(m.html ?? '') });
        cb();
      }, cb);
    },
  });
  await new Promise<void>((r) => sink.listen(0, '127.0.0.1', r));
  url = `smtp://127.0.0.1:${(sink.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((r) => sink.close(() => r()));
  await t?.close();
});

describe('scheduled e-mailed reports', () => {
  it('computes the next run in the schedule’s time zone, across DST', () => {
    // Dublin switches to summer time on 2026-03-29: 08:00 local is 08:00Z before and 07:00Z after
    expect(nextRun({ frequency: 'daily', hour: 8, weekday: null, tz: 'Europe/Dublin' }, new Date('2026-03-28T09:00:00Z')).toISOString()).toBe('2026-03-29T07:00:00.000Z');
    expect(nextRun({ frequency: 'daily', hour: 8, weekday: null, tz: 'Europe/Dublin' }, new Date('2026-03-27T09:00:00Z')).toISOString()).toBe('2026-03-28T08:00:00.000Z');
    // weekly on Monday (ISO 1) 09:00 in Los Angeles
    expect(nextRun({ frequency: 'weekly', hour: 9, weekday: 1, tz: 'America/Los_Angeles' }, new Date('2026-03-04T00:00:00Z')).toISOString()).toBe('2026-03-09T16:00:00.000Z');
  });

  it('validates schedules and mails the overview over real SMTP when due, once per slot', async () => {
    expectProblem(await t.api('POST', '/api/v1/analytics/report_schedules', { name: 'x', frequency: 'daily', hour: 8, tz: 'Nowhere/City', recipients: ['a@b.co'] }), 422, 'INVALID_TIME_ZONE');
    expectProblem(await t.api('POST', '/api/v1/analytics/report_schedules', { name: 'x', frequency: 'daily', hour: 8, tz: 'UTC', recipients: ['not-an-address'] }), 422, 'INVALID_RECIPIENTS');
    expectProblem(await t.api('POST', '/api/v1/analytics/report_schedules', { name: 'x', frequency: 'weekly', hour: 8, tz: 'UTC', recipients: ['a@b.co'] }), 422, 'WEEKDAY_REQUIRED');
    const settle = (await analyticsDispatcher(t)).settle;
    await newTicket(t, { channel: 'email' });
    await newTicket(t, { channel: 'chat' });
    await settle();
    const s = await t.api('POST', '/api/v1/analytics/report_schedules', { name: 'Daily support digest', frequency: 'daily', hour: 7, tz: 'UTC', recipients: ['lead@clipster.test', 'ops@clipster.test'] });
    expect(s.statusCode, s.body).toBe(201);
    const send = (m: Parameters<typeof sendMail>[1]) => sendMail(url, m);
    expect(await runReportSchedules(t.db, t.clock, send)).toEqual({ sent: 0, failed: 0, skipped: 0 }); // 09:00 now; next run tomorrow 07:00
    t.clock.advance(22 * 3600_000); // 2026-03-03 07:00
    expect((await runReportSchedules(t.db, t.clock, send)).sent).toBe(1);
    expect((await runReportSchedules(t.db, t.clock, send)).sent).toBe(0);
    expect(inbox).toHaveLength(1);
    expect(inbox[0].to.sort()).toEqual(['lead@clipster.test', 'ops@clipster.test']);
    expect(inbox[0].subject).toBe('Daily support digest: 2 created, 0 solved, CSAT —');
    expect(inbox[0].text).toMatch(/By channel:\n {2}(chat|email)/);
    // without an outbound server the run is recorded as skipped, not lost silently
    t.clock.advance(24 * 3600_000);
    expect((await runReportSchedules(t.db, t.clock, null)).skipped).toBe(1);
    const list = (await t.api('GET', '/api/v1/analytics/report_schedules')).json().data;
    expect(list[0].last_status).toMatch(/^skipped/);
    // a refused connection is a recorded failure
    t.clock.advance(24 * 3600_000);
    expect((await runReportSchedules(t.db, t.clock, (m) => sendMail('smtp://127.0.0.1:9', m))).failed).toBe(1);
    expect((await t.api('GET', '/api/v1/analytics/report_schedules')).json().data[0].last_error).toBeTruthy();
    expect((await t.api('DELETE', `/api/v1/analytics/report_schedules/${list[0].id}`)).statusCode).toBe(204);
  });
});
