import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureSink, emailHarness, inboundRow, messagesOf, type EmailHarness } from './channels-harness.js';
import { expectProblem, pngBytes } from '../helpers/api-helpers.js';
import { systemActor } from '../../src/domain/kernel/index.js';
import { createTicket } from '../../src/domain/tickets/index.js';

let h: EmailHarness;
let sink: Awaited<ReturnType<typeof captureSink>>;
beforeAll(async () => {
  h = await emailHarness(4135);
  sink = await captureSink(4136);
  h.setRelay(sink.url);
});
afterAll(async () => {
  await sink?.close();
  await h?.close();
});

async function drain(): Promise<void> {
  for (let i = 0; i < 10 && (await h.dispatch()) > 0; i++);
}

async function emailsOf(ticketId: string) {
  return (await h.t.api('GET', `/api/v1/tickets/${ticketId}/emails`)).json().data as Array<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

describe('outbound email', () => {
  let ticketId: string;
  let firstId: string;

  it('a new email ticket gets the brand acknowledgement (Auto-Submitted, brand From, plus-address Reply-To, [#n] subject)', async () => {
    const first = await h.send({ from: 'Lena <lena@cust.example>', to: 'support@clipster.test', subject: 'Export fails', text: 'The CSV export shows an error.' });
    firstId = first.messageId;
    ticketId = (await inboundRow(h.t, firstId))!.ticket_id!;
    await drain();
    expect(sink.mails).toHaveLength(1);
    const ack = sink.mails[0];
    const num = (await h.t.api('GET', `/api/v1/tickets/${ticketId}`)).json().number;
    expect(ack.envelope.to).toEqual(['lena@cust.example']);
    expect(ack.parsed.from?.value[0]).toMatchObject({ address: 'support@clipster.test', name: 'Clipster' });
    expect(ack.parsed.replyTo?.value[0].address).toMatch(/^support\+t[0-9a-f]{20}@clipster\.test$/);
    expect(ack.parsed.subject).toBe(`We received your request: Export fails [#${num}]`);
    expect(ack.parsed.headers.get('auto-submitted')).toBe('auto-replied');
    expect(ack.parsed.inReplyTo).toBe(`<${firstId}>`);
    expect(ack.parsed.text).toContain(`#${num}`);
    const rows = await emailsOf(ticketId);
    expect(rows.find((r) => r.kind === 'acknowledgement')).toMatchObject({ status: 'sent', attempts: 1, direction: 'outbound' });
  });

  it("an agent's public reply goes out with threading headers, text + HTML parts and attachments; notes don't", async () => {
    const up = await h.t.api('POST', '/api/v1/uploads?filename=diagram.png', pngBytes(3), { headers: { 'content-type': 'image/png' } });
    expect(up.statusCode, up.body).toBe(201);
    const note = await h.t.api('POST', `/api/v1/tickets/${ticketId}/messages`, { body: 'internal: check logs', public: false });
    expect(note.statusCode).toBe(201);
    const reply = await h.t.api('POST', `/api/v1/tickets/${ticketId}/messages`, {
      html_body: '<p>Please try <b>again</b> now.</p>', public: true, attachment_ids: [up.json().id],
    });
    expect(reply.statusCode, reply.body).toBe(201);
    await drain();
    expect(sink.mails).toHaveLength(2);
    const out = sink.mails[1].parsed;
    expect(out.inReplyTo).toBe(`<${firstId}>`);
    const refs = Array.isArray(out.references) ? out.references : [out.references];
    expect(refs[0]).toBe(`<${firstId}>`);
    expect(out.text).toContain('Please try again now.');
    expect(out.text).toContain('Ada Admin, Clipster Support');
    expect(out.html).toContain('<b>again</b>');
    expect(out.attachments.map((a) => a.filename)).toEqual(['diagram.png']);
    expect(out.headers.get('auto-submitted')).toBeUndefined();
    const row = (await emailsOf(ticketId)).find((r) => r.kind === 'reply')!;
    expect(row).toMatchObject({ status: 'sent', message_id: reply.json().id });
    expect(out.messageId).toBe(`<${row.rfc_message_id}>`);
  });

  it("the customer's reply to our mail (In-Reply-To our Message-ID, to the Reply-To address) joins the ticket", async () => {
    const ours = sink.mails[1].parsed;
    const back = await h.send({
      from: 'lena@cust.example', to: ours.replyTo!.value[0].address, subject: `Re: ${ours.subject}`, inReplyTo: ours.messageId, references: [ours.messageId!],
      text: `Works now, thanks!\n\nOn Tue, Clipster wrote:\n> Please try again now.`,
    });
    expect((await inboundRow(h.t, back.messageId))!.ticket_id).toBe(ticketId);
    const msgs = await messagesOf(h.t, ticketId);
    expect(msgs.at(-1)).toMatchObject({ author_type: 'customer', body: 'Works now, thanks!' });
    await drain();
    expect(sink.mails).toHaveLength(2); // a reply on an existing ticket is not acknowledged again
  });

  it('a relay failure is retried with backoff and shown on the mail; it is sent once the relay is back', async () => {
    h.setRelay('smtp://127.0.0.1:1'); // nothing listens there
    const reply = await h.t.api('POST', `/api/v1/tickets/${ticketId}/messages`, { body: 'Second answer.', public: true });
    await drain();
    let row = (await emailsOf(ticketId)).find((r) => r.message_id === reply.json().id)!;
    expect(row).toMatchObject({ status: 'retrying', attempts: 1 });
    expect(row.last_error).toMatch(/ECONNREFUSED|connect/i);
    expect(new Date(row.next_attempt_at).getTime()).toBe(h.t.clock.now().getTime() + 2000);
    const failedEvents = await h.t.db.query(`SELECT payload FROM events WHERE name = 'email.send_failed' AND ticket_id = $1`, [ticketId]);
    expect(failedEvents).toHaveLength(1);
    // Not due yet: nothing happens.
    expect(await h.dispatch()).toBe(0);
    h.setRelay(sink.url);
    (h.t.clock as unknown as { advance(ms: number): void }).advance(2500);
    await drain();
    row = (await emailsOf(ticketId)).find((r) => r.message_id === reply.json().id)!;
    expect(row).toMatchObject({ status: 'sent', attempts: 2, last_error: null });
    expect(sink.mails.at(-1)!.parsed.text).toContain('Second answer.');
  });

  it('without any relay the mail is marked failed with the reason, and can be resent by hand', async () => {
    h.setRelay(null);
    const reply = await h.t.api('POST', `/api/v1/tickets/${ticketId}/messages`, { body: 'Third answer.', public: true });
    await drain();
    const row = (await emailsOf(ticketId)).find((r) => r.message_id === reply.json().id)!;
    expect(row.status).toBe('failed');
    expect(row.last_error).toContain('No outbound SMTP server');
    // The brand gets its own relay: the manual resend uses it.
    const patch = await h.t.api('PATCH', `/api/v1/channels/email/settings/${h.t.brandA.id}`, { smtp_url: sink.url, from_name: 'Clipster Help' });
    expect(patch.json()).toMatchObject({ smtp_url_set: true, smtp_host: new URL(sink.url).host, from_name: 'Clipster Help' });
    expect(JSON.stringify(patch.json())).not.toContain('smtp://');
    const resent = await h.t.api('POST', `/api/v1/emails/${row.id}/resend`);
    expect(resent.statusCode, resent.body).toBe(200);
    expect(resent.json()).toMatchObject({ status: 'sent', attempts: 1 });
    expect(sink.mails.at(-1)!.parsed.from?.value[0].name).toBe('Clipster Help');
    expect((await h.t.api('POST', `/api/v1/emails/${row.id}/resend`)).statusCode).toBe(409);
  });

  it('a bounce of our mail marks it failed and lands on the ticket as a note', async () => {
    const ours = (await emailsOf(ticketId)).filter((r) => r.direction === 'outbound').at(-1)!;
    const dsn = [
      'From: MAILER-DAEMON@mx.cust.example', 'To: support@clipster.test', 'Subject: Delivery Status Notification (Failure)', 'Message-ID: <dsn-out@mx.cust.example>',
      'MIME-Version: 1.0', 'Content-Type: multipart/report; report-type=delivery-status; boundary="r"', '',
      '--r', 'Content-Type: text/plain', '', 'Mailbox full.', '--r', 'Content-Type: text/rfc822-headers', '',
      `Message-ID: <${ours.rfc_message_id}>`, 'Subject: whatever', '--r--', '',
    ].join('\n');
    await h.sendRaw(dsn, { from: '', to: ['support@clipster.test'] });
    expect((await inboundRow(h.t, 'dsn-out@mx.cust.example'))!.ticket_id).toBe(ticketId);
    const row = (await emailsOf(ticketId)).find((r) => r.id === ours.id)!;
    expect(row.status).toBe('failed');
    expect(row.last_error).toContain('Bounced');
    const last = (await messagesOf(h.t, ticketId)).at(-1);
    expect(last).toMatchObject({ public: false });
    expect(last.body).toContain('Mailbox full.');
    const before = sink.mails.length;
    await drain();
    expect(sink.mails.length).toBe(before); // never answered
  });

  it('auto-replies and repeated mail from one address get no acknowledgement storm', async () => {
    h.setRelay(sink.url);
    const before = sink.mails.length;
    await h.send({ from: 'bot@auto.example', to: 'support@clipster.test', subject: 'Auto: received', headers: { 'Auto-Submitted': 'auto-generated' }, text: 'ok' });
    for (let i = 0; i < 5; i++) await h.send({ from: 'loop@cust.example', to: 'support@clipster.test', subject: `Loop ${i}`, text: `message ${i}` });
    await drain();
    const acks = sink.mails.slice(before);
    expect(acks.every((m) => m.envelope.to[0] === 'loop@cust.example')).toBe(true);
    expect(acks).toHaveLength(3);
    const suppressed = await h.t.db.query(`SELECT last_error FROM email_messages WHERE status = 'suppressed' AND 'loop@cust.example' = ANY(to_addresses)`);
    expect(suppressed).toHaveLength(2);
  });

  it('replies on tickets that never saw email (chat, API) send no mail', async () => {
    h.setRelay(sink.url);
    const chat = await h.t.api('POST', '/api/v1/tickets', { subject: 'Chat only', body: 'hi', channel: 'chat', requester: { email: 'chatter@cust.example' } });
    expect(chat.statusCode, chat.body).toBe(201);
    const before = sink.mails.length;
    await h.t.api('POST', `/api/v1/tickets/${chat.json().id}/messages`, { body: 'Answer in chat.', public: true });
    await drain();
    expect(sink.mails.length).toBe(before);
    expect(await emailsOf(chat.json().id)).toEqual([]);
    // A ticket an agent opened in the web app (channel web) is not mailed either…
    const byAgent = await h.t.api('POST', '/api/v1/tickets', { subject: 'Agent-made', body: 'noted on a call', channel: 'web', requester: { email: 'caller@cust.example' } });
    await h.t.api('POST', `/api/v1/tickets/${byAgent.json().id}/messages`, { body: 'Answer.', public: true });
    await drain();
    expect(await emailsOf(byAgent.json().id)).toEqual([]);
  });

  it('a web-form request (channel web, created by the customer) gets the agent reply by email', async () => {
    h.setRelay(sink.url);
    const form = await h.t.as(systemActor(h.t.workspaceId), (ctx) => createTicket({ ...ctx, meta: { channel: 'web' } }, {
      subject: 'Form request', body: 'Sent through the support form.', channel: 'web', requester: { email: 'former@cust.example', name: 'Form User' }, brand_id: h.t.brandA.id,
    }));
    const before = sink.mails.length;
    await h.t.api('POST', `/api/v1/tickets/${form.ticket.id}/messages`, { body: 'Thanks for the form, here is the answer.', public: true });
    await drain();
    expect(sink.mails.length).toBe(before + 1);
    expect(sink.mails.at(-1)!.envelope.to).toEqual(['former@cust.example']);
    expect(sink.mails.at(-1)!.parsed.text).toContain('here is the answer');
  });

  it('templates per brand and language: an override is used, German falls back to the built-in German text', async () => {
    const saved = await h.t.api('PUT', '/api/v1/channels/email/templates', {
      brand_id: h.t.brandB.id, key: 'acknowledgement', language: null, subject: 'Market got it: {{ticket.subject}}', body_text: 'Hi {{customer.name}}, ticket {{ticket.number}}.',
    });
    expect(saved.statusCode, saved.body).toBe(200);
    const bad = await h.t.api('PUT', '/api/v1/channels/email/templates', { key: 'agent_reply', subject: 'x', body_text: 'no body placeholder' });
    expectProblem(bad, 422, 'TEMPLATE_NEEDS_BODY');
    const before = sink.mails.length;
    await h.send({ from: 'Max <max@cust.example>', to: 'help@market.test', subject: 'Payout', text: 'Where is my payout?' });
    await drain();
    const m = sink.mails[before].parsed;
    expect(m.subject).toMatch(/^Market got it: Payout \[#\d+\]$/);
    expect(m.text).toMatch(/^Hi Max, ticket \d+\./);
    const { resolveTemplate } = await import('../../src/domain/channels/index.js');
    const de = await resolveTemplate(h.t.db, h.t.workspaceId, h.t.brandA.id, 'acknowledgement', 'de-AT');
    expect(de.subject).toContain('Ihre Anfrage ist eingegangen');
  });
});
