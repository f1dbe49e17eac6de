import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { emailHarness, inboundRow, messagesOf, type EmailHarness } from './channels-harness.js';
import { newCustomer } from '../helpers/api-helpers.js';

let h: EmailHarness;
beforeAll(async () => {
  h = await emailHarness(4125);
});
afterAll(async () => {
  await h?.close();
});

let n = 0;
const uniq = (s: string) => `${s} ${++n}`;

async function ticketOf(messageId: string): Promise<string> {
  const row = await inboundRow(h.t, messageId);
  expect(row?.ticket_id, `no ticket for ${messageId}`).toBeTruthy();
  return row!.ticket_id!;
}

describe('inbound email over SMTP: new tickets and threading', () => {
  it('a new mail becomes an email ticket of the brand it was sent to, with the original .eml kept', async () => {
    const subject = uniq('My order never arrived');
    const { messageId } = await h.send({ from: 'Olivia Buyer <olivia@shop.example>', to: 'help@market.test', subject, text: 'Order 4411 is three weeks late.' });
    const id = await ticketOf(messageId);
    const t = (await h.t.api('GET', `/api/v1/tickets/${id}`)).json();
    expect(t).toMatchObject({ subject, channel: 'email', brand_id: h.t.brandB.id, status: 'new' });
    const msgs = await messagesOf(h.t, id);
    expect(msgs).toHaveLength(1);
    expect(msgs[0]).toMatchObject({ author_type: 'customer', channel: 'email', public: true });
    expect(msgs[0].body).toContain('Order 4411 is three weeks late.');
    const emails = (await h.t.api('GET', `/api/v1/tickets/${id}/emails`)).json().data;
    expect(emails).toHaveLength(1);
    expect(emails[0]).toMatchObject({ direction: 'inbound', rfc_message_id: messageId, thread_match: 'new', from_address: 'olivia@shop.example' });
    const raw = await h.t.api('GET', emails[0].raw_url);
    expect(raw.statusCode).toBe(200);
    expect(raw.headers['content-type']).toContain('message/rfc822');
    expect(raw.body).toContain(`Message-ID: <${messageId}>`);
  });

  it('a reply with In-Reply-To joins the ticket, with the quoted history stripped from the stored text', async () => {
    const subject = uniq('Refund question');
    const first = await h.send({ from: 'ben@cust.example', to: 'support@clipster.test', subject, text: 'Can I get a refund for the annual plan?' });
    const id = await ticketOf(first.messageId);
    const reply = await h.send({
      from: 'ben@cust.example', to: 'support@clipster.test', subject: `Re: ${subject}`, inReplyTo: `<${first.messageId}>`,
      text: 'Also, the invoice number is INV-77.\n\nOn Mon, 2 Mar 2026 at 09:00, Clipster <support@clipster.test> wrote:\n> Can I get a refund for the annual plan?\n> thanks',
    });
    expect(await ticketOf(reply.messageId)).toBe(id);
    const msgs = await messagesOf(h.t, id);
    expect(msgs).toHaveLength(2);
    expect(msgs[1].body).toBe('Also, the invoice number is INV-77.');
    expect((await inboundRow(h.t, reply.messageId))!.thread_match).toBe('in_reply_to');
  });

  it('a reply without In-Reply-To joins by References, by our reply token, or by the [#number] in the subject', async () => {
    const subject = uniq('Cannot log in');
    const first = await h.send({ from: 'cara@cust.example', to: 'support@clipster.test', subject, text: 'Password reset mail never comes.' });
    const id = await ticketOf(first.messageId);
    const byRefs = await h.send({ from: 'cara@cust.example', to: 'support@clipster.test', subject: 'still broken', references: [`<${first.messageId}>`], text: 'Still nothing.' });
    expect(await ticketOf(byRefs.messageId)).toBe(id);
    const token = (await h.t.db.one<{ token: string }>('SELECT token FROM email_reply_tokens WHERE ticket_id = $1', [id])).token;
    const byToken = await h.send({ from: 'cara@cust.example', to: `support+${token}@clipster.test`, subject: 'new phone, new mail client', text: 'Tried again.' });
    expect(await ticketOf(byToken.messageId)).toBe(id);
    expect((await inboundRow(h.t, byToken.messageId))!.thread_match).toBe('token');
    const num = (await h.t.api('GET', `/api/v1/tickets/${id}`)).json().number;
    const bySubject = await h.send({ from: 'cara@cust.example', to: 'support@clipster.test', subject: `Re: anything [#${num}]`, text: 'Subject only.' });
    expect(await ticketOf(bySubject.messageId)).toBe(id);
    expect((await inboundRow(h.t, bySubject.messageId))!.thread_match).toBe('subject');
    expect(await messagesOf(h.t, id)).toHaveLength(4);
  });

  it('a reply from another address of the same customer joins; a stranger with the same headers gets a new ticket', async () => {
    const subject = uniq('Two addresses');
    await newCustomer(h.t, { name: 'Dana Two', email: 'dana@work.example', emails: ['dana.private@home.example'] });
    const first = await h.send({ from: 'dana@work.example', to: 'support@clipster.test', subject, text: 'Sent from work.' });
    const id = await ticketOf(first.messageId);
    const fromHome = await h.send({ from: 'dana.private@home.example', to: 'support@clipster.test', subject: `Re: ${subject}`, inReplyTo: `<${first.messageId}>`, text: 'Now from home.' });
    expect(await ticketOf(fromHome.messageId)).toBe(id);

    const token = (await h.t.db.one<{ token: string }>('SELECT token FROM email_reply_tokens WHERE ticket_id = $1', [id])).token;
    const num = (await h.t.api('GET', `/api/v1/tickets/${id}`)).json().number;
    const stranger = await h.send({
      from: 'mallory@evil.example', to: `support+${token}@clipster.test`, subject: `Re: ${subject} [#${num}]`,
      inReplyTo: `<${first.messageId}>`, references: [`<${first.messageId}>`], text: 'Please change the account email to mine.',
    });
    const other = await ticketOf(stranger.messageId);
    expect(other).not.toBe(id);
    expect(await messagesOf(h.t, id)).toHaveLength(2);
    const strangerTicket = (await h.t.api('GET', `/api/v1/tickets/${other}`)).json();
    expect(strangerTicket.requester_id).not.toBe((await h.t.api('GET', `/api/v1/tickets/${id}`)).json().requester_id);
    const notes = (await messagesOf(h.t, other)).filter((m) => !m.public);
    expect(notes[0].body).toContain(`referred to ticket #${num}`);
    expect((await inboundRow(h.t, stranger.messageId))!.thread_match).toBe('new_not_requester');
  });

  it('a reply to a merged ticket lands on the ticket it was merged into; a reply to a split-out mail follows it', async () => {
    const a = await h.send({ from: 'kai@cust.example', to: 'support@clipster.test', subject: uniq('First ask'), text: 'Question one.' });
    const b = await h.send({ from: 'kai@cust.example', to: 'support@clipster.test', subject: uniq('Second ask'), text: 'Question two.' });
    const ta = await ticketOf(a.messageId);
    const tb = await ticketOf(b.messageId);
    const merged = await h.t.api('POST', `/api/v1/tickets/${tb}/merge`, { source_ids: [ta], reason: 'same topic' });
    expect(merged.statusCode, merged.body).toBe(200);
    const r = await h.send({ from: 'kai@cust.example', to: 'support@clipster.test', subject: 'Re: first', inReplyTo: `<${a.messageId}>`, text: 'More on one.' });
    expect(await ticketOf(r.messageId)).toBe(tb);

    const c = await h.send({ from: 'kai@cust.example', to: 'support@clipster.test', subject: 'Re: second', inReplyTo: `<${b.messageId}>`, text: 'Unrelated: my invoice address is wrong.' });
    expect(await ticketOf(c.messageId)).toBe(tb);
    const cMsg = (await inboundRow(h.t, c.messageId))!.message_id!;
    const split = await h.t.api('POST', `/api/v1/tickets/${tb}/messages/${cMsg}/split`, { reason: 'invoice is its own case' });
    expect(split.statusCode, split.body).toBe(201);
    const d = await h.send({ from: 'kai@cust.example', to: 'support@clipster.test', subject: 'Re: invoice', inReplyTo: `<${c.messageId}>`, text: 'The street is Main St 5.' });
    expect(await ticketOf(d.messageId)).toBe(split.json().id);
  });

  it('a forwarded mail opens a ticket and keeps the forwarded content', async () => {
    const subject = uniq('Fwd: Invoice problem');
    const { messageId } = await h.send({
      from: 'eve@cust.example', to: 'support@clipster.test', subject,
      text: 'See below, please help.\n\n---------- Forwarded message ---------\nFrom: Billing <billing@vendor.example>\nDate: Mon, 2 Mar 2026\nSubject: Invoice\n\nYour invoice 991 is overdue.',
    });
    const id = await ticketOf(messageId);
    const body = (await messagesOf(h.t, id))[0].body;
    expect(body).toContain('See below, please help.');
    expect(body).toContain('Your invoice 991 is overdue.');
  });

  it('the same Message-ID delivered twice is stored once', async () => {
    const subject = uniq('Duplicate delivery');
    const mail = { from: 'fred@cust.example', to: 'support@clipster.test', subject, text: 'Once only.', messageId: `<dup-${n}@cust.example>` };
    await h.send(mail);
    await h.send(mail);
    const rows = await h.t.db.query<{ ticket_id: string }>(`SELECT ticket_id FROM email_messages WHERE rfc_message_id = $1`, [`dup-${n}@cust.example`]);
    expect(rows).toHaveLength(1);
    expect(await messagesOf(h.t, rows[0].ticket_id)).toHaveLength(1);
    const dupEvents = await h.t.db.query(`SELECT 1 FROM events WHERE name = 'email.duplicate_ignored' AND ticket_id = $1`, [rows[0].ticket_id]);
    expect(dupEvents).toHaveLength(1);
  });

  it('a reply to a closed ticket opens a follow-up linked to it', async () => {
    const subject = uniq('Closed case');
    const first = await h.send({ from: 'gina@cust.example', to: 'support@clipster.test', subject, text: 'Help.' });
    const id = await ticketOf(first.messageId);
    for (const status of ['solved', 'closed']) {
      const r = await h.t.api('PATCH', `/api/v1/tickets/${id}`, { status });
      expect(r.statusCode, r.body).toBe(200);
    }
    const reply = await h.send({ from: 'gina@cust.example', to: 'support@clipster.test', subject: `Re: ${subject}`, inReplyTo: `<${first.messageId}>`, text: 'It broke again.' });
    const follow = await ticketOf(reply.messageId);
    expect(follow).not.toBe(id);
    const ft = (await h.t.api('GET', `/api/v1/tickets/${follow}`)).json();
    expect(ft).toMatchObject({ follow_up_of_id: id, channel: 'email', status: 'new' });
    expect((await messagesOf(h.t, follow))[0]).toMatchObject({ author_type: 'customer', body: 'It broke again.' });
    expect(await messagesOf(h.t, id)).toHaveLength(1);
    expect((await inboundRow(h.t, reply.messageId))!.thread_match).toBe('follow_up:in_reply_to');
  });

  it('auto-replies on a thread become internal notes (no status change); a new auto-reply is tagged', async () => {
    const subject = uniq('Pending answer');
    const first = await h.send({ from: 'hank@cust.example', to: 'support@clipster.test', subject, text: 'Question.' });
    const id = await ticketOf(first.messageId);
    await h.t.api('PATCH', `/api/v1/tickets/${id}`, { status: 'pending' });
    const ooo = await h.send({
      from: 'hank@cust.example', to: 'support@clipster.test', subject: `Out of office: ${subject}`, inReplyTo: `<${first.messageId}>`,
      headers: { 'Auto-Submitted': 'auto-replied' }, text: 'I am away until Monday.',
    });
    expect(await ticketOf(ooo.messageId)).toBe(id);
    const msgs = await messagesOf(h.t, id);
    expect(msgs.at(-1)).toMatchObject({ public: false, author_type: 'system' });
    expect(msgs.at(-1).body).toContain('Auto-Submitted: auto-replied');
    expect((await h.t.api('GET', `/api/v1/tickets/${id}`)).json().status).toBe('pending');
    const lone = await h.send({ from: 'robot@vendor.example', to: 'support@clipster.test', subject: uniq('Automatic reply'), headers: { 'X-Autoreply': 'yes' }, text: 'Thanks for your mail.' });
    const lt = (await h.t.api('GET', `/api/v1/tickets/${await ticketOf(lone.messageId)}`)).json();
    expect(lt.tags).toContain('auto-reply');
    const list = await h.send({ from: 'news@list.example', to: 'support@clipster.test', subject: uniq('Weekly digest'), headers: { 'List-Id': '<weekly.list.example>' }, text: 'News.' });
    expect((await inboundRow(h.t, list.messageId))!.classification).toBe('list');
  });

  it('a bounce (DSN, null sender) is classified and never treated as a customer reply', async () => {
    const dsn = [
      'From: Mail Delivery System <MAILER-DAEMON@mx.example>', 'To: support@clipster.test', 'Subject: Undelivered Mail Returned to Sender',
      'Message-ID: <dsn-1@mx.example>', 'MIME-Version: 1.0', 'Content-Type: multipart/report; report-type=delivery-status; boundary="b1"', '',
      '--b1', 'Content-Type: text/plain', '', 'Delivery to nobody@gone.example failed permanently.', '',
      '--b1', 'Content-Type: message/delivery-status', '', 'Reporting-MTA: dns; mx.example', '', 'Final-Recipient: rfc822; nobody@gone.example', 'Action: failed', 'Status: 5.1.1', '',
      '--b1--', '',
    ].join('\n');
    await h.sendRaw(dsn, { from: '', to: ['support@clipster.test'] });
    const row = await inboundRow(h.t, 'dsn-1@mx.example');
    expect(row?.classification).toBe('bounce');
    const t = (await h.t.api('GET', `/api/v1/tickets/${row!.ticket_id}`)).json();
    expect(t.tags).toContain('bounce');
  });
});

describe('inbound email: charsets, HTML, attachments', () => {
  it('ISO-8859-1, UTF-7 and Shift_JIS bodies and 8-bit headers are decoded', async () => {
    await h.sendRaw(Buffer.concat([
      Buffer.from('From: =?ISO-8859-1?Q?J=FCrgen_M=FCller?= <juergen@cust.example>\r\nTo: support@clipster.test\r\nSubject: =?ISO-8859-1?Q?Gr=FC=DFe_aus_K=F6ln?=\r\nMessage-ID: <latin1@cust.example>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=ISO-8859-1\r\nContent-Transfer-Encoding: 8bit\r\n\r\n', 'latin1'),
      Buffer.from('Die Bestellung für Köln ist beschädigt. Größe: 42 €uro\r\n'.replace('€', 'E'), 'latin1'),
    ]), { from: 'juergen@cust.example', to: ['support@clipster.test'] });
    const latin = await inboundRow(h.t, 'latin1@cust.example');
    const lt = (await h.t.api('GET', `/api/v1/tickets/${latin!.ticket_id}`)).json();
    expect(lt.subject).toBe('Grüße aus Köln');
    expect((await messagesOf(h.t, latin!.ticket_id!))[0].body).toContain('Die Bestellung für Köln ist beschädigt. Größe: 42');

    await h.sendRaw('From: utf7@cust.example\nTo: support@clipster.test\nSubject: utf7 test\nMessage-ID: <utf7@cust.example>\nMIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-7\n\nHi Mom -+Jjo--!  A+ImIDkQ.\n',
      { from: 'utf7@cust.example', to: ['support@clipster.test'] });
    const u7 = await inboundRow(h.t, 'utf7@cust.example');
    expect((await messagesOf(h.t, u7!.ticket_id!))[0].body).toContain('Hi Mom -☺-!  A≢Α.');

    const iconv = (await import('iconv-lite')).default;
    await h.sendRaw(Buffer.concat([
      Buffer.from('From: taro@cust.example\r\nTo: support@clipster.test\r\nSubject: =?Shift_JIS?B?', 'latin1'),
      Buffer.from(iconv.encode('注文について', 'Shift_JIS').toString('base64')),
      Buffer.from('?=\r\nMessage-ID: <sjis@cust.example>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=Shift_JIS\r\nContent-Transfer-Encoding: 8bit\r\n\r\n', 'latin1'),
      iconv.encode('注文した商品がまだ届いていません。', 'Shift_JIS'), Buffer.from('\r\n'),
    ]), { from: 'taro@cust.example', to: ['support@clipster.test'] });
    const sj = await inboundRow(h.t, 'sjis@cust.example');
    expect((await h.t.api('GET', `/api/v1/tickets/${sj!.ticket_id}`)).json().subject).toBe('注文について');
    expect((await messagesOf(h.t, sj!.ticket_id!))[0].body).toContain('注文した商品がまだ届いていません。');

    // Raw UTF-8 in headers (RFC 6532 / sloppy clients), no encoded-words.
    await h.sendRaw(Buffer.from('From: "Zoë" <zoe@cust.example>\r\nTo: support@clipster.test\r\nSubject: Café order ☕\r\nMessage-ID: <8bit@cust.example>\r\n\r\nplain\r\n', 'utf8'),
      { from: 'zoe@cust.example', to: ['support@clipster.test'] });
    const eb = await inboundRow(h.t, '8bit@cust.example');
    expect((await h.t.api('GET', `/api/v1/tickets/${eb!.ticket_id}`)).json().subject).toBe('Café order ☕');
  });

  it('HTML with <script> and onerror= is sanitised; inline cid images point at the stored attachment', async () => {
    const png = Buffer.from('89504e470d0a1a0a0000000d4948445200000001000000010802000000907753de0000000c4944415408d763f8cfc0000003010100c9fe92ef0000000049454e44ae426082', 'hex');
    const { messageId } = await h.send({
      from: 'ivy@cust.example', to: 'support@clipster.test', subject: uniq('HTML attack'),
      html: '<p>Hello<script>alert(1)</script></p><img src="x" onerror="alert(2)"><a href="javascript:alert(3)">click</a><img src="cid:logo@x">',
      attachments: [{ filename: 'logo.png', content: png, cid: 'logo@x', contentType: 'image/png' }],
    });
    const id = await ticketOf(messageId);
    const m = (await messagesOf(h.t, id))[0];
    expect(m.html_body).not.toMatch(/script|onerror|javascript:/i);
    expect(m.html_body).toContain('Hello');
    expect(m.attachments).toHaveLength(1);
    expect(m.html_body).toContain(`/api/v1/attachments/${m.attachments[0].id}/content`);
  });

  it('dangerous attachments and zip bombs are stored but flagged; oversize ones are named, not lost', async () => {
    // A zip whose central directory declares 2 GB of content in a few hundred bytes.
    const name = Buffer.from('bomb.txt');
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt32LE(2_000_000_000, 24);
    central.writeUInt16LE(name.length, 28);
    const eocd = Buffer.alloc(22);
    eocd.writeUInt32LE(0x06054b50, 0);
    eocd.writeUInt16LE(1, 8);
    eocd.writeUInt16LE(1, 10);
    eocd.writeUInt32LE(central.length + name.length, 12);
    eocd.writeUInt32LE(local.length + name.length, 16);
    local.writeUInt16LE(name.length, 26);
    const zip = Buffer.concat([local, name, central, name, eocd]);
    const { messageId } = await h.send({
      from: 'jack@cust.example', to: 'support@clipster.test', subject: uniq('Files'), text: 'Attached.',
      attachments: [
        { filename: 'invoice.exe', content: Buffer.from('MZ fake exe') },
        { filename: 'archive.zip', content: zip, contentType: 'application/zip' },
        { filename: 'huge.bin', content: Buffer.alloc(300 * 1024, 1) },
      ],
    });
    const id = await ticketOf(messageId);
    const msgs = await messagesOf(h.t, id);
    expect(msgs[0].attachments.map((a: { filename: string }) => a.filename).sort()).toEqual(['archive.zip', 'invoice.exe']);
    expect(msgs[0].attachments.find((a: { filename: string }) => a.filename === 'invoice.exe').is_dangerous).toBe(true);
    const note = msgs.find((m) => !m.public).body;
    expect(note).toContain('"invoice.exe" is a potentially dangerous file type');
    expect(note).toContain('"archive.zip" looks like a zip bomb');
    expect(note).toContain('"huge.bin"');
  });
});
