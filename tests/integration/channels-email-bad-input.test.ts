import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import nodemailer from 'nodemailer';
import { emailHarness, inboundRow, messagesOf, type EmailHarness } from './channels-harness.js';
import { expectProblem } from '../helpers/api-helpers.js';

let h: EmailHarness;
beforeAll(async () => {
  h = await emailHarness(4127);
});
afterAll(async () => {
  await h?.close();
});

const RCPT = { from: 'x@cust.example', to: ['support@clipster.test'] };

async function failures(status = 'failed') {
  const res = await h.t.api('GET', `/api/v1/channels/email/failures?status=${status}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json().data as Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe('bad input never crashes and is never dropped silently', () => {
  it('a header block over the limit lands on the failed-import list with its reason and raw .eml; retry and dismiss work', async () => {
    const big = `X-Junk: ${'a'.repeat(600 * 1024)}`;
    await h.sendRaw(`From: x@cust.example\nTo: support@clipster.test\nSubject: huge headers\nMessage-ID: <huge@cust.example>\n${big}\n\nbody\n`, RCPT);
    const list = await failures();
    const f = list.find((x) => x.subject === null && x.reason_code === 'HEADERS_TOO_LARGE');
    expect(f, JSON.stringify(list)).toBeTruthy();
    expect(f!.reason).toContain('header block');
    expect(f!.envelope_to).toEqual(['support@clipster.test']);
    const raw = await h.t.api('GET', f!.raw_url);
    expect(raw.statusCode).toBe(200);
    expect(raw.body.length).toBeGreaterThan(600 * 1024);
    const again = await h.t.api('POST', `/api/v1/channels/email/failures/${f!.id}/retry`);
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json().result.outcome).toBe('failed');
    expect(again.json().failure).toMatchObject({ status: 'failed', attempts: 2 });
    const dismissed = await h.t.api('POST', `/api/v1/channels/email/failures/${f!.id}/dismiss`);
    expect(dismissed.json().status).toBe('dismissed');
    expect((await failures()).find((x) => x.id === f!.id)).toBeUndefined();
    expectProblem(await h.t.api('POST', `/api/v1/channels/email/failures/${f!.id}/dismiss`), 409, 'IMPORT_FAILURE_NOT_OPEN');
  });

  it('a mail to an address that is no brand mailbox yet fails over HTTP, and imports on retry once the alias exists', async () => {
    const raw = 'From: kim@cust.example\r\nTo: sales@clipster.test\r\nSubject: To an alias\r\nMessage-ID: <alias@cust.example>\r\n\r\nHello sales.\r\n';
    const res = await h.t.api('POST', '/api/v1/channels/email/inbound', raw, { headers: { 'content-type': 'message/rfc822' } });
    expect(res.statusCode, res.body).toBe(202);
    expect(res.json()).toMatchObject({ outcome: 'failed' });
    const f = (await failures()).find((x) => x.id === res.json().failure_id)!;
    expect(f).toMatchObject({ reason_code: 'NO_MAILBOX', subject: 'To an alias' });
    const patch = await h.t.api('PATCH', `/api/v1/channels/email/settings/${h.t.brandA.id}`, { aliases: ['Sales@Clipster.test'] });
    expect(patch.statusCode, patch.body).toBe(200);
    expect(patch.json().aliases).toEqual(['sales@clipster.test']);
    const retry = await h.t.api('POST', `/api/v1/channels/email/failures/${f.id}/retry`);
    expect(retry.json().result.outcome).toBe('created');
    expect(retry.json().failure).toMatchObject({ status: 'imported', ticket_id: retry.json().result.ticket_id });
    expect((await messagesOf(h.t, retry.json().result.ticket_id))[0].body).toBe('Hello sales.');
    // Over SMTP, the alias is now accepted too.
    await h.sendRaw('From: kim@cust.example\nTo: sales@clipster.test\nSubject: via smtp\nMessage-ID: <alias2@cust.example>\n\nhi\n', { from: 'kim@cust.example', to: ['sales@clipster.test'] });
    expect((await inboundRow(h.t, 'alias2@cust.example'))?.ticket_id).toBeTruthy();
  });

  it('missing Message-ID, malformed MIME (no closing boundary) and deep-but-allowed nesting are accepted', async () => {
    await h.sendRaw('From: noid@cust.example\nTo: support@clipster.test\nSubject: no id\n\nNo message id here.\n', RCPT);
    const noid = await h.t.db.one<{ ticket_id: string; rfc_message_id: string }>(`SELECT ticket_id, rfc_message_id FROM email_messages WHERE from_address = 'noid@cust.example'`);
    expect(noid.rfc_message_id).toMatch(/^missing\.[0-9a-f]{40}@switchboard\.invalid$/);
    const notes = (await messagesOf(h.t, noid.ticket_id)).filter((m) => !m.public);
    expect(notes[0].body).toContain('no Message-ID');
    // The identical bytes again: deduplicated by the derived id.
    await h.sendRaw('From: noid@cust.example\nTo: support@clipster.test\nSubject: no id\n\nNo message id here.\n', RCPT);
    expect(await h.t.db.query(`SELECT 1 FROM email_messages WHERE from_address = 'noid@cust.example'`)).toHaveLength(1);

    await h.sendRaw('From: mime@cust.example\nTo: support@clipster.test\nSubject: broken mime\nMessage-ID: <broken@cust.example>\nContent-Type: multipart/mixed; boundary="zz"\n\n--zz\nContent-Type: text/plain\n\nPart one survives.\n--zz\nContent-Type: application/octet-stream\nContent-Transfer-Encoding: base64\n\n!!!not base64###\n', RCPT);
    const broken = await inboundRow(h.t, 'broken@cust.example');
    expect((await messagesOf(h.t, broken!.ticket_id!))[0].body).toContain('Part one survives.');

    let nested = 'Content-Type: text/plain\n\nDeep inside.\n';
    for (let i = 0; i < 10; i++) nested = `Content-Type: multipart/mixed; boundary="b${i}"\n\n--b${i}\n${nested}--b${i}--\n`;
    await h.sendRaw(`From: deep@cust.example\nTo: support@clipster.test\nSubject: nested\nMessage-ID: <nested@cust.example>\n${nested}`, RCPT);
    const deep = await inboundRow(h.t, 'nested@cust.example');
    expect((await messagesOf(h.t, deep!.ticket_id!))[0].body).toContain('Deep inside.');
  });

  it('absurd nesting is refused into the failed list; an empty body and a forged From still make a ticket', async () => {
    let nested = 'Content-Type: text/plain\n\nx\n';
    for (let i = 0; i < 60; i++) nested = `Content-Type: multipart/mixed; boundary="b${i}"\n\n--b${i}\n${nested}--b${i}--\n`;
    await h.sendRaw(`From: deeper@cust.example\nTo: support@clipster.test\nSubject: too nested\nMessage-ID: <toodeep@cust.example>\n${nested}`, RCPT);
    expect((await failures()).some((f) => f.reason_code === 'MIME_TOO_DEEP')).toBe(true);

    await h.sendRaw('From: empty@cust.example\nTo: support@clipster.test\nSubject: \nMessage-ID: <empty@cust.example>\n\n', RCPT);
    const e = await inboundRow(h.t, 'empty@cust.example');
    const et = (await h.t.api('GET', `/api/v1/tickets/${e!.ticket_id}`)).json();
    expect(et.subject).toBe('(no subject)');
    expect((await messagesOf(h.t, e!.ticket_id!))[0].body).toBe('(empty message)');

    // A From header with no usable address falls back to the envelope sender.
    await h.sendRaw('From: "CEO" <not an address>\nTo: support@clipster.test\nSubject: forged\nMessage-ID: <forged@cust.example>\n\nwire money\n', { from: 'real@sender.example', to: ['support@clipster.test'] });
    const fg = await h.t.db.one<{ from_address: string }>(`SELECT from_address FROM email_messages WHERE rfc_message_id = 'forged@cust.example'`);
    expect(fg.from_address).toBe('real@sender.example');
  });

  it('SMTP refuses unknown recipients (no open relay) and oversize messages, so the sender learns of it', async () => {
    const client = nodemailer.createTransport({ host: '127.0.0.1', port: h.smtp.port, secure: false, ignoreTLS: true });
    await expect(client.sendMail({ from: 'a@cust.example', to: 'someone@elsewhere.example', subject: 'relay?', text: 'x' })).rejects.toThrow(/550/);
    await expect(client.sendMail({ from: 'a@cust.example', to: 'support@clipster.test', subject: 'big', text: 'x'.repeat(3 * 1024 * 1024) })).rejects.toThrow(/552/);
    client.close();
  });

  it('the HTTP inbound endpoint needs a token with channels.manage', async () => {
    const raw = 'From: a@cust.example\r\nTo: support@clipster.test\r\nSubject: http\r\n\r\nx\r\n';
    expectProblem(await h.t.api('POST', '/api/v1/channels/email/inbound', raw, { token: null, headers: { 'content-type': 'message/rfc822' } }), 401, 'UNAUTHENTICATED');
    const agent = await h.t.addUser('agent1', 'agent');
    expectProblem(await h.t.api('POST', '/api/v1/channels/email/inbound', raw, { token: agent.token, headers: { 'content-type': 'message/rfc822' } }), 403, 'FORBIDDEN');
    expectProblem(await h.t.api('GET', '/api/v1/channels/email/failures', undefined, { token: agent.token }), 403, 'FORBIDDEN');
    const empty = await h.t.api('POST', '/api/v1/channels/email/inbound', '', { headers: { 'content-type': 'message/rfc822' } });
    expect(empty.json()).toMatchObject({ outcome: 'failed' });
  });
});
