import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderRefusal, REFUSAL_TEMPLATES } from '../../src/domain/compliance/index.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { expectProblem, newTicket } from '../helpers/api-helpers.js';

let t: TestApp;
let sink: SMTPServer;
const mails: Array<{ to: string[]; raw: string }> = [];

beforeAll(async () => {
  sink = new SMTPServer({
    authOptional: true, disabledCommands: ['STARTTLS'],
    onData(stream, session, cb) {
      let raw = '';
      stream.on('data', (c: Buffer) => { raw += c.toString(); });
      stream.on('end', () => { mails.push({ to: session.envelope.rcptTo.map((r) => r.address), raw }); cb(); });
    },
  });
  await new Promise<void>((r) => sink.listen(0, '127.0.0.1', r));
  t = await createTestApp({ SMTP_OUTBOUND_URL: `smtp://127.0.0.1:${(sink.server.address() as AddressInfo).port}` });
});
afterAll(async () => {
  await t.close();
  await new Promise<void>((r) => sink.close(() => r()));
});

async function request(kind: string, email: string): Promise<{ id: string; customer_id: string }> {
  const tk = await newTicket(t, { requester: { email, name: 'Pat Person' } });
  const r = await t.api('POST', '/api/v1/compliance/requests', { kind, customer_id: tk.requester_id, authenticated: true });
  expect(r.statusCode, r.body).toBe(201);
  return r.json();
}

describe('G3/G4: refusal letter and fee justification', () => {
  it('has a refusal template per language with the reasons, the SA link and the judicial remedy', () => {
    for (const language of Object.keys(REFUSAL_TEMPLATES)) {
      const l = renderRefusal({ language, ground: 'excessive', reasons: 'Fifth identical request this month', supervisory_authority: { name: 'Data Protection Commission', url: 'https://www.dataprotection.ie' } });
      expect(l.language).toBe(language);
      expect(l.body).toContain('Fifth identical request this month');
      expect(l.body).toContain('https://www.dataprotection.ie');
      expect(l.body).toMatch(/judicial remedy|gerichtlichen Rechtsbehelf|recours juridictionnel/);
      expect(l.body).toContain(language === 'en' ? 'supervisory authority' : language === 'de' ? 'Aufsichtsbehörde' : 'autorité de contrôle');
    }
    expect(renderRefusal({ language: 'pt', ground: 'exemption', reasons: 'x' }).language).toBe('en');
  });

  it('locks the fee unless justified, refuses "excessive" without a justification, and sends the letter on refusal', async () => {
    const r = await request('access', 'fee.person@example.org');
    expect((await t.api('GET', `/api/v1/compliance/requests/${r.id}/fee`)).json()).toMatchObject({ fee_minor: null, fee_locked: true });
    expectProblem(await t.api('PUT', `/api/v1/compliance/requests/${r.id}/fee`, { fee_minor: 1500, currency: 'EUR' }), 422, 'FEE_JUSTIFICATION_REQUIRED');
    expectProblem(await t.api('PUT', `/api/v1/compliance/requests/${r.id}/fee`, { fee_minor: 1500, currency: 'EUR', justification: 'too short' }), 422, 'FEE_JUSTIFICATION_REQUIRED');
    // the database refuses an unjustified fee too
    await expect(t.db.query('UPDATE compliance_requests SET fee_minor = 100 WHERE id = $1', [r.id])).rejects.toThrow();
    const fee = await t.api('PUT', `/api/v1/compliance/requests/${r.id}/fee`, { fee_minor: 1500, currency: 'EUR', justification: 'Third copy of the same 40 GB archive within two weeks' });
    expect(fee.statusCode, fee.body).toBe(200);
    expect(fee.json()).toMatchObject({ fee_minor: 1500, fee_currency: 'EUR', fee_locked: false });

    expectProblem(await t.api('POST', `/api/v1/compliance/requests/${r.id}/refuse`, { ground: 'excessive', reasons: 'Repeated requests' }), 422, 'JUSTIFICATION_REQUIRED');
    expectProblem(await t.api('POST', `/api/v1/compliance/requests/${r.id}/refuse`, { ground: 'exemption', reasons: '  ' }), 422, 'REASON_REQUIRED');
    const ref = await t.api('POST', `/api/v1/compliance/requests/${r.id}/refuse`, {
      ground: 'excessive', reasons: 'Fifth identical request in a month', justification: 'Requests on 1, 5, 9, 14 and 20 March with the same content', language: 'de',
    });
    expect(ref.statusCode, ref.body).toBe(200);
    expect(ref.json().status).toBe('rejected');
    expect(ref.json().refusal.language).toBe('de');
    expect(ref.json().refusal.body).toContain('edpb.europa.eu');
    expect(ref.json().refusal.body).toContain('Fifth identical request in a month');
    const cs = (await t.api('GET', `/api/v1/compliance/cases/${ref.json().case_id}`)).json();
    expect(cs).toMatchObject({ status: 'responded', outcome: 'refused', reason_code: 'excessive' });
    expectProblem(await t.api('POST', `/api/v1/compliance/requests/${r.id}/refuse`, { ground: 'exemption', reasons: 'again' }), 409, 'REQUEST_CLOSED');
  });
});

describe('G7/G12: rectification and objection reach every recorded recipient', () => {
  it('logs one notification per recipient, e-mails those with a contact and records those without', async () => {
    const crm = await t.api('POST', '/api/v1/compliance/processors', {
      name: 'CRM Cloud', purpose: 'Customer records', region: 'eu', dpa_signed: true, subproc_authorised: true, notify_email: 'privacy@crm.test', data_categories: ['contact'],
    });
    expect(crm.statusCode, crm.body).toBe(201);
    await t.api('POST', '/api/v1/compliance/processors', { name: 'PayCo', purpose: 'Payments', region: 'IE', dpa_signed: true, subproc_authorised: true, notify_email: 'dpo@payco.test' });
    await t.api('POST', '/api/v1/compliance/processors', { name: 'Mailer ESP', purpose: 'E-mail campaigns', region: 'us', transfer_mechanism: 'dpf' });
    await t.api('POST', '/api/v1/compliance/processors', { name: 'Internal BI', purpose: 'Dashboards', region: 'eu', is_recipient: false, notify_email: 'bi@x.test' });
    expectProblem(await t.api('POST', '/api/v1/compliance/processors', { name: 'crm cloud', purpose: 'dupe', region: 'eu' }), 409, 'DUPLICATE_PROCESSOR');

    const access = await request('access', 'acc.person@example.org');
    expectProblem(await t.api('POST', `/api/v1/compliance/requests/${access.id}/recipients/notify`, {}), 422, 'NO_RECIPIENT_DUTY');

    const rect = await request('rectification', 'old.address@example.org');
    expectProblem(await t.api('POST', `/api/v1/compliance/requests/${rect.id}/recipients/notify`, {}), 422, 'CHANGES_REQUIRED');
    const sent = await t.api('POST', `/api/v1/compliance/requests/${rect.id}/recipients/notify`, { changes: { email: 'new.address@example.org' } });
    expect(sent.statusCode, sent.body).toBe(200);
    const log = sent.json().data as Array<{ processor_name: string; status: string; address: string | null }>;
    expect(log.map((n) => [n.processor_name, n.status])).toEqual([['CRM Cloud', 'sent'], ['Mailer ESP', 'no_contact'], ['PayCo', 'sent']]);
    const toCrm = mails.find((m) => m.to.includes('privacy@crm.test'));
    expect(toCrm?.raw).toContain('new.address@example.org');
    expect(mails.some((m) => m.to.includes('bi@x.test'))).toBe(false);
    // re-running adds only recipients registered since
    await t.api('POST', '/api/v1/compliance/processors', { name: 'Late Vendor', purpose: 'Support tooling', region: 'eu', notify_email: 'late@vendor.test' });
    const again = (await t.api('POST', `/api/v1/compliance/requests/${rect.id}/recipients/notify`, { changes: { email: 'new.address@example.org' } })).json().data;
    expect(again).toHaveLength(4);
    expect(mails.filter((m) => m.to.includes('privacy@crm.test'))).toHaveLength(1);

    const obj = await request('objection', 'objector@example.org');
    const o = (await t.api('POST', `/api/v1/compliance/requests/${obj.id}/recipients/notify`, {})).json().data as Array<{ kind: string }>;
    expect(o).toHaveLength(4);
    expect(o.every((n) => n.kind === 'objection')).toBe(true);
    expect(mails.find((m) => m.to.includes('dpo@payco.test') && m.raw.includes('suppression'))).toBeTruthy();
    const ev = await t.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM events WHERE name = 'compliance.recipients_notified'`);
    expect(Number(ev[0].n)).toBe(3);
  });
});
