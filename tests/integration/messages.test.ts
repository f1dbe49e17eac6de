import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { eventsOf, expectProblem, newTicket, pngBytes } from '../helpers/api-helpers.js';
import type { Wire } from '../helpers/api-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ MAX_ATTACHMENT_BYTES: '2048' });
});
afterAll(async () => t?.close());

const msgs = async (id: string, token?: string) => {
  const res = await t.api('GET', `/api/v1/tickets/${id}/messages`, undefined, token ? { token } : {});
  expect(res.statusCode, res.body).toBe(200);
  return res.json().data as Wire[];
};

const upload = (filename: string, bytes: Buffer, type = 'application/octet-stream', token?: string) =>
  t.api('POST', `/api/v1/uploads?filename=${encodeURIComponent(filename)}`, bytes, { headers: { 'content-type': type }, ...(token ? { token } : {}) });

describe('replies and notes', () => {
  it('adds a public reply (new → open) and an internal note (status kept)', async () => {
    const tk = await newTicket(t);
    const note = await t.api('POST', `/api/v1/tickets/${tk.id}/messages`, { body: 'Checking with payments', public: false });
    expect(note.statusCode, note.body).toBe(201);
    expect(note.json()).toMatchObject({ public: false, author_type: 'user', author_user_id: t.admin.id, body: 'Checking with payments', channel: 'api' });
    expect((await t.api('GET', `/api/v1/tickets/${tk.id}`)).json().status).toBe('new');
    const reply = await t.api('POST', `/api/v1/tickets/${tk.id}/messages`, { body: 'We are on it.', public: true });
    expect(reply.statusCode).toBe(201);
    expect(reply.json()).toMatchObject({ public: true, author_type: 'user', body: 'We are on it.' });
    expect((await t.api('GET', `/api/v1/tickets/${tk.id}`)).json().status).toBe('open');
    const all = await msgs(tk.id);
    expect(all.map((m) => [m.public, m.body])).toEqual([[true, tk.subject.replace('Ticket', 'Body of ticket')], [false, 'Checking with payments'], [true, 'We are on it.']]);
    const names = (await eventsOf(t, tk.id)).map((e) => e.name);
    expect(names).toEqual(['ticket.created', 'message.added', 'message.added', 'message.added', 'ticket.status_changed']);
  });

  it('submits as pending together with the reply', async () => {
    const tk = await newTicket(t);
    const res = await t.api('POST', `/api/v1/tickets/${tk.id}/messages`, { body: 'Can you send a screenshot?', public: true, status: 'pending' });
    expect(res.statusCode).toBe(201);
    expect((await t.api('GET', `/api/v1/tickets/${tk.id}`)).json().status).toBe('pending');
    expect((await eventsOf(t, tk.id)).at(-1)).toMatchObject({ name: 'ticket.status_changed', payload: { from: 'new', to: 'pending' } });
    expectProblem(await t.api('POST', `/api/v1/tickets/${tk.id}/messages`, { body: 'x', public: true, status: 'new' }), 409, 'INVALID_STATUS_TRANSITION');
    expect(await msgs(tk.id)).toHaveLength(2); // the refused reply was not stored
  });

  it('refuses empty messages and bad input', async () => {
    const tk = await newTicket(t);
    expectProblem(await t.api('POST', `/api/v1/tickets/${tk.id}/messages`, { body: '  ', public: true }), 422, 'BODY_REQUIRED');
    expectProblem(await t.api('POST', `/api/v1/tickets/${tk.id}/messages`, { body: 'x' }), 400, 'VALIDATION_FAILED');
    expectProblem(await t.api('POST', `/api/v1/tickets/${tk.id}/messages`, { body: 'x', public: 'yes' }), 400, 'VALIDATION_FAILED');
    expectProblem(await t.api('POST', '/api/v1/tickets/tkt_00000000000000000000000000/messages', { body: 'x', public: true }), 404, 'TICKET_NOT_FOUND');
  });

  it('sanitises html_body before storing it', async () => {
    const tk = await newTicket(t);
    const html = '<p>Hi <b>there</b></p><script>alert(1)</script><img src="https://x.test/a.png" onerror="alert(2)"><a href="javascript:alert(3)">x</a><a href="https://ok.test/">ok</a>';
    const res = await t.api('POST', `/api/v1/tickets/${tk.id}/messages`, { html_body: html, public: true });
    expect(res.statusCode, res.body).toBe(201);
    const m = res.json();
    expect(m.html_body).not.toMatch(/script|onerror|javascript:|alert/i);
    expect(m.html_body).toContain('<b>there</b>');
    expect(m.html_body).toMatch(/<a href="https:\/\/ok.test\/"[^>]*rel="noopener noreferrer nofollow"/);
    expect(m.body).toBe('Hi there\nxok');
    expect((await msgs(tk.id)).at(-1)!.html_body).toBe(m.html_body);
    // editors send an empty text next to the HTML: the text is derived from the HTML
    const both = await t.api('POST', `/api/v1/tickets/${tk.id}/messages`, { body: '', html_body: '<p>Only <i>HTML</i></p>', public: false });
    expect(both.statusCode, both.body).toBe(201);
    expect(both.json().body).toBe('Only HTML');
  });
});

describe('collaborators', () => {
  it('see only shared tickets, may add internal notes, may not reply publicly or change the ticket', async () => {
    const legal = await t.addUser('legal', 'collaborator');
    const tk = await newTicket(t, { subject: 'Chargeback dispute' });
    const other = await newTicket(t, { subject: 'Not shared' });
    expectProblem(await t.api('GET', `/api/v1/tickets/${tk.id}`, undefined, { token: legal.token }), 404, 'TICKET_NOT_FOUND');
    expect((await t.api('GET', '/api/v1/tickets?limit=100', undefined, { token: legal.token })).json().data).toEqual([]);
    expectProblem(await t.api('POST', `/api/v1/tickets/${tk.id}/messages`, { body: 'x', public: false }, { token: legal.token }), 404, 'TICKET_NOT_FOUND');

    const share = await t.api('POST', `/api/v1/tickets/${tk.id}/shares`, { user_id: legal.user.id });
    expect(share.statusCode, share.body).toBe(204);
    expect((await eventsOf(t, tk.id)).at(-1)).toMatchObject({ name: 'ticket.shared', payload: { user_id: legal.user.id } });

    expect((await t.api('GET', `/api/v1/tickets/${tk.id}`, undefined, { token: legal.token })).statusCode).toBe(200);
    const list = (await t.api('GET', '/api/v1/tickets?limit=100', undefined, { token: legal.token })).json().data;
    expect(list.map((x: { id: string }) => x.id)).toEqual([tk.id]);
    expectProblem(await t.api('GET', `/api/v1/tickets/${other.id}`, undefined, { token: legal.token }), 404, 'TICKET_NOT_FOUND');

    const note = await t.api('POST', `/api/v1/tickets/${tk.id}/messages`, { body: 'Legal view: refund.', public: false }, { token: legal.token });
    expect(note.statusCode, note.body).toBe(201);
    expect(note.json()).toMatchObject({ public: false, author_user_id: legal.user.id });
    expectProblem(await t.api('POST', `/api/v1/tickets/${tk.id}/messages`, { body: 'Dear customer', public: true }, { token: legal.token }), 403, 'PUBLIC_REPLY_FORBIDDEN');
    expectProblem(await t.api('PATCH', `/api/v1/tickets/${tk.id}`, { priority: 'high' }, { token: legal.token }), 403, 'FORBIDDEN');
    expect((await msgs(tk.id)).map((m) => m.body)).toEqual([expect.any(String), 'Legal view: refund.']);
  });

  it('analysts cannot write notes; shares go to collaborators only', async () => {
    const analyst = await t.addUser('analyst', 'analyst');
    const agent = await t.addUser('agent-x', 'agent');
    const tk = await newTicket(t);
    expectProblem(await t.api('POST', `/api/v1/tickets/${tk.id}/messages`, { body: 'x', public: false }, { token: analyst.token }), 403, 'FORBIDDEN');
    expectProblem(await t.api('POST', `/api/v1/tickets/${tk.id}/messages`, { body: 'x', public: true }, { token: analyst.token }), 403, 'FORBIDDEN');
    expectProblem(await t.api('POST', `/api/v1/tickets/${tk.id}/shares`, { user_id: agent.user.id }), 422, 'NOT_A_COLLABORATOR');
    expectProblem(await t.api('POST', `/api/v1/tickets/${tk.id}/shares`, { user_id: 'usr_00000000000000000000000000' }), 404, 'USER_NOT_FOUND');
  });
});

describe('attachments', () => {
  it('sniffs the content type from the bytes, not the declared type', async () => {
    const res = await upload('screenshot.png', pngBytes(1), 'text/plain');
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ filename: 'screenshot.png', content_type: 'image/png', size_bytes: pngBytes(1).length, is_dangerous: false });
    const txt = await upload('notes.txt', Buffer.from('plain words'), 'image/png');
    expect(txt.json().content_type).toBe('text/plain');
    const bin = await upload('blob.bin', Buffer.from([0, 1, 2, 3, 0, 255]), 'image/png');
    expect(bin.json().content_type).toBe('application/octet-stream');
  });

  it('stores the same content once (same sha256) but gives each upload its own id', async () => {
    const a = (await upload('a.png', pngBytes(2))).json();
    const b = (await upload('b.png', pngBytes(2))).json();
    const c = (await upload('c.png', pngBytes(3))).json();
    expect(a.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(b.sha256).toBe(a.sha256);
    expect(c.sha256).not.toBe(a.sha256);
    expect(b.id).not.toBe(a.id);
  });

  it('refuses oversize (413), empty (422) and unnamed uploads', async () => {
    expectProblem(await upload('big.bin', Buffer.alloc(4096, 1)), 413, 'BODY_TOO_LARGE');
    expectProblem(await upload('empty.txt', Buffer.alloc(0)), 422, 'EMPTY_FILE');
    expectProblem(await t.api('POST', '/api/v1/uploads', Buffer.from('x'), { headers: { 'content-type': 'text/plain' } }), 400, 'VALIDATION_FAILED');
    expect((await upload('edge.bin', Buffer.alloc(2048, 1))).statusCode).toBe(201);
  });

  it('flags dangerous files and serves them as downloads', async () => {
    const exe = (await upload('setup.exe', Buffer.from('MZ\x90\x00 not really a program'))).json();
    expect(exe.is_dangerous).toBe(true);
    const script = (await upload('run.sh', Buffer.from('#!/bin/sh\necho hi\n'))).json();
    expect(script.is_dangerous).toBe(true);
    const tk = await newTicket(t);
    await t.api('POST', `/api/v1/tickets/${tk.id}/messages`, { body: 'see file', public: false, attachment_ids: [exe.id] });
    const dl = await t.api('GET', exe.url);
    expect(dl.statusCode).toBe(200);
    expect(String(dl.headers['content-disposition'])).toMatch(/^attachment;/);
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
  });

  it('attaches uploads to a message and serves the same bytes back', async () => {
    const tk = await newTicket(t);
    const png = pngBytes(4);
    const up = (await upload('proof.png', png, 'image/png')).json();
    const res = await t.api('POST', `/api/v1/tickets/${tk.id}/messages`, { body: 'Here is the proof', public: true, attachment_ids: [up.id] });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().attachments).toEqual([expect.objectContaining({ id: up.id, content_type: 'image/png', url: `/api/v1/attachments/${up.id}/content` })]);
    expect((await msgs(tk.id)).at(-1)!.attachments.map((a: { id: string }) => a.id)).toEqual([up.id]);
    const dl = await t.api('GET', up.url);
    expect(dl.statusCode).toBe(200);
    expect(dl.rawPayload.equals(png)).toBe(true);
    expect(dl.headers['content-type']).toBe('image/png');
    expect(dl.headers['x-content-type-options']).toBe('nosniff');
    expect(dl.headers['content-disposition']).toBe("inline; filename*=UTF-8''proof.png");
    // an attachment belongs to one message only
    const again = await t.api('POST', `/api/v1/tickets/${tk.id}/messages`, { body: 'again', public: true, attachment_ids: [up.id] });
    expectProblem(again, 404, 'ATTACHMENT_NOT_FOUND');
    expect(await msgs(tk.id)).toHaveLength(2);
    expectProblem(await t.api('GET', '/api/v1/attachments/att_00000000000000000000000000/content'), 404, 'ATTACHMENT_NOT_FOUND');
  });

  it("keeps uploads private: nobody else can attach or download another user's unattached upload", async () => {
    const other = await t.addUser('uploader', 'agent');
    const tk = await newTicket(t);
    const mine = (await upload('mine.png', pngBytes(5), 'image/png', other.token)).json();
    expectProblem(await t.api('POST', `/api/v1/tickets/${tk.id}/messages`, { body: 'steal', public: false, attachment_ids: [mine.id] }), 404, 'ATTACHMENT_NOT_FOUND');
    expectProblem(await t.api('GET', mine.url), 404, 'ATTACHMENT_NOT_FOUND');
    expect((await t.api('GET', mine.url, undefined, { token: other.token })).statusCode).toBe(200);
    // once attached, it has the ticket's visibility
    expect((await t.api('POST', `/api/v1/tickets/${tk.id}/messages`, { body: 'mine', public: false, attachment_ids: [mine.id] }, { token: other.token })).statusCode).toBe(201);
    expect((await t.api('GET', mine.url)).statusCode).toBe(200);
    const limited = await t.addUser('market-only', 'agent', { brandIds: [t.brandB.id] });
    expectProblem(await t.api('GET', mine.url, undefined, { token: limited.token }), 404, 'TICKET_NOT_FOUND');
  });
});
