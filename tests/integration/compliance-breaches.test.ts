import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/platform/logger.js';
import { deliverBreachNotices } from '../../src/domain/compliance/index.js';
import { COMPLIANCE_JOBS } from '../../src/worker/jobs/compliance.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { expectProblem, newTicket } from '../helpers/api-helpers.js';

let t: TestApp;
let sink: SMTPServer;
const mails: Array<{ to: string[]; raw: string }> = [];
let refuseBounce = true;
let smtpUrl = '';

beforeAll(async () => {
  sink = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'],
    onRcptTo(addr, _s, cb) {
      cb(refuseBounce && addr.address.startsWith('bounce') ? new Error('550 mailbox unavailable') : undefined);
    },
    onData(stream, session, cb) {
      let raw = '';
      stream.on('data', (c: Buffer) => { raw += c.toString(); });
      stream.on('end', () => { mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw }); cb(); });
    },
  });
  await new Promise<void>((r) => sink.listen(0, '127.0.0.1', r));
  smtpUrl = `smtp://127.0.0.1:${(sink.server.address() as AddressInfo).port}`;
  t = await createTestApp({ SMTP_OUTBOUND_URL: smtpUrl });
});
afterAll(async () => {
  await t.close();
  await new Promise<void>((r) => sink.close(() => r()));
});

describe('G17/G18: breach register and notices to data subjects', () => {
  it('records every breach; low-risk ones without the SA clock, others with the 72 h clock', async () => {
    expectProblem(await t.api('POST', '/api/v1/compliance/breaches', { title: 'x', description: 'y', aware_at: '2099-01-01T00:00:00Z', risk: 'high' }), 422, 'AWARE_IN_FUTURE');
    const low = await t.api('POST', '/api/v1/compliance/breaches', { title: 'Laptop lost (encrypted)', description: 'Full-disk encrypted laptop lost on a train', aware_at: '2026-03-01T08:00:00Z', risk: 'unlikely' });
    expect(low.statusCode, low.body).toBe(201);
    expect(low.json()).toMatchObject({ case_id: null, sa_notification_required: false });
    const high = await t.api('POST', '/api/v1/compliance/breaches', {
      title: 'Misdirected export', description: 'A CSV with 3 customers was e-mailed to the wrong partner', aware_at: '2026-03-02T08:00:00Z', risk: 'high', approx_subjects: 3,
    });
    expect(high.statusCode, high.body).toBe(201);
    const cs = (await t.api('GET', `/api/v1/compliance/cases/${high.json().case_id}`)).json();
    expect(cs.due_at).toBe('2026-03-05T08:00:00.000Z');
    expect((await t.api('GET', '/api/v1/compliance/breaches')).json().data.map((b: { title: string }) => b.title)).toEqual(['Misdirected export', 'Laptop lost (encrypted)']);
  });

  it('sends in-app and e-mail notices only from a reviewed template, and logs the batch', async () => {
    const breach = (await t.api('GET', '/api/v1/compliance/breaches')).json().data[0];
    const people: string[] = [];
    for (const [email, name] of [['ana.affected@example.org', 'Ana'], ['ben.affected@example.org', 'Ben'], ['bounce.affected@example.org', 'Cleo']]) {
      people.push((await newTicket(t, { requester: { email, name } })).requester_id as string);
    }
    const tpl = await t.api('PUT', `/api/v1/compliance/breaches/${breach.id}/templates/en`, {
      subject: 'About your data', body: 'Dear {{name}}, on 2 March a file with your name and e-mail address was sent to a partner by mistake. It was deleted the same day. You do not need to do anything.',
    });
    expect(tpl.statusCode, tpl.body).toBe(200);
    expect(tpl.json().status).toBe('draft');
    const send = () => t.api('POST', `/api/v1/compliance/breaches/${breach.id}/notices`, { template_id: tpl.json().id, customer_ids: people });
    expectProblem(await send(), 409, 'TEMPLATE_NOT_REVIEWED');
    expect((await t.api('POST', `/api/v1/compliance/breach-templates/${tpl.json().id}/review`)).json().status).toBe('reviewed');
    // editing after review needs a new review
    await t.api('PUT', `/api/v1/compliance/breaches/${breach.id}/templates/en`, { subject: 'About your data', body: `${tpl.json().body as string} Questions: privacy@clipster.test` });
    expectProblem(await send(), 409, 'TEMPLATE_NOT_REVIEWED');
    await t.api('POST', `/api/v1/compliance/breach-templates/${tpl.json().id}/review`);
    expectProblem(await t.api('POST', `/api/v1/compliance/breaches/${breach.id}/notices`, { template_id: tpl.json().id, customer_ids: ['cus_unknown'] }), 404, 'CUSTOMER_NOT_FOUND');
    expect(mails).toHaveLength(0);

    const batch = await send();
    expect(batch.statusCode, batch.body).toBe(201);
    expect(batch.json()).toMatchObject({ recipients: 3, sent: 5, failed: 0, by_status: { 'email:pending': 1, 'email:sent': 2, 'in_app:sent': 3 }, finished_at: null });
    expect(mails.map((m) => m.to[0]).sort()).toEqual(['ana.affected@example.org', 'ben.affected@example.org']);
    expect(mails.find((m) => m.to[0] === 'ana.affected@example.org')!.raw).toContain('Dear Ana');
    const inApp = (await t.api('GET', `/api/v1/compliance/customers/${people[1]}/notices`)).json().data;
    expect(inApp).toHaveLength(1);
    expect(inApp[0].body).toContain('Dear Ben');
    const log = (await t.api('GET', `/api/v1/compliance/breach-batches/${batch.json().id}`)).json();
    expect(log.by_status).toEqual({ 'email:pending': 1, 'email:sent': 2, 'in_app:sent': 3 });
    const ev = await t.db.query<{ payload: { recipients: number } }>(`SELECT payload FROM events WHERE name = 'compliance.breach_notice_sent'`);
    expect(ev.map((e) => e.payload.recipients)).toEqual([3]);
    const detail = (await t.api('GET', `/api/v1/compliance/breaches/${breach.id}`)).json();
    expect(detail.batches).toHaveLength(1);
    expect(detail.templates[0]).toMatchObject({ language: 'en', status: 'reviewed' });

    // the relay accepts the refused address later: the background job retries the pending notice and closes the batch
    refuseBounce = false;
    const job = COMPLIANCE_JOBS.find((j) => j.name === 'compliance.deliver-notices')!;
    const saved = process.env.SMTP_OUTBOUND_URL;
    process.env.SMTP_OUTBOUND_URL = smtpUrl;
    try {
      await job.handler({}, { db: t.db, clock: t.clock, log: createLogger('silent'), job: { id: 'j1', name: job.name } });
    } finally {
      if (saved === undefined) delete process.env.SMTP_OUTBOUND_URL;
      else process.env.SMTP_OUTBOUND_URL = saved;
    }
    const done = (await t.api('GET', `/api/v1/compliance/breach-batches/${batch.json().id}`)).json();
    expect(done).toMatchObject({ sent: 6, failed: 0, by_status: { 'email:sent': 3, 'in_app:sent': 3 } });
    expect(done.finished_at).not.toBe(null);
    expect(mails.filter((m) => m.to[0] === 'bounce.affected@example.org')).toHaveLength(1);
  });

  it('an address the relay keeps refusing ends as failed after five attempts, so the batch finishes', async () => {
    const breach = (await t.api('GET', '/api/v1/compliance/breaches')).json().data[0];
    const detail = (await t.api('GET', `/api/v1/compliance/breaches/${breach.id}`)).json();
    const person = (await newTicket(t, { requester: { email: 'bounce.forever@example.org', name: 'Dora' } })).requester_id as string;
    refuseBounce = true;
    const batch = await t.api('POST', `/api/v1/compliance/breaches/${breach.id}/notices`, { template_id: detail.templates[0].id, customer_ids: [person] });
    expect(batch.statusCode, batch.body).toBe(201);
    expect(batch.json().by_status).toMatchObject({ 'email:pending': 1 });
    const mailer = async () => { throw new Error('550 mailbox unavailable'); };
    const attempts = async () => (await t.db.one<{ attempts: number }>(`SELECT attempts FROM compliance_breach_notices WHERE customer_id = $1 AND channel = 'email'`, [person])).attempts;
    const tried = await attempts(); // sending already tried once (the relay refused)
    expect(tried).toBe(1);
    for (let run = tried + 1; run < 5; run++) {
      expect(await deliverBreachNotices(t.db, t.clock, mailer)).toMatchObject({ failed: 1 });
      expect((await t.api('GET', `/api/v1/compliance/breach-batches/${batch.json().id}`)).json().finished_at).toBe(null);
    }
    expect(await deliverBreachNotices(t.db, t.clock, mailer)).toMatchObject({ failed: 1 });
    const log = (await t.api('GET', `/api/v1/compliance/breach-batches/${batch.json().id}`)).json();
    expect(log.by_status).toEqual({ 'email:failed': 1, 'in_app:sent': 1 });
    expect(log.finished_at).not.toBe(null);
    expect(await attempts()).toBe(5);
    // a failed notice is not retried again
    expect(await deliverBreachNotices(t.db, t.clock, mailer)).toEqual({ sent: 0, failed: 0 });
  });
});
