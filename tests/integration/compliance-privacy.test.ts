import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMessage } from '../../src/domain/tickets/index.js';
import { sealAuditChain, verifyAuditChain } from '../../src/domain/compliance/index.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { expectProblem, newTicket } from '../helpers/api-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(() => t.close());

describe('automatic redaction before storage', () => {
  it('redacts a card number, IBAN and password in a new ticket and a customer reply; agent replies untouched', async () => {
    const tk = await newTicket(t, { body: 'Card 4111 1111 1111 1111 was charged twice, my password: s3cret!' });
    const first = await t.db.one<{ body_text: string }>('SELECT body_text FROM messages WHERE ticket_id = $1', [tk.id]);
    expect(first.body_text).toBe('Card [redacted:card] was charged twice, my password: [redacted:password]');
    await t.as(t.actorOf(t.admin), (ctx) => addMessage(ctx, tk.id, { body: 'Refund to DE89 3704 0044 0532 0130 00 please', public: true, from_customer_id: tk.requester_id }));
    await t.as(t.actorOf(t.admin), (ctx) => addMessage(ctx, tk.id, { body: 'Test card 4111111111111111 is fine', public: false }));
    const rows = await t.db.query<{ body_text: string }>('SELECT body_text FROM messages WHERE ticket_id = $1 ORDER BY created_at, id', [tk.id]);
    expect(rows.map((r) => r.body_text)).toContain('Refund to [redacted:iban] please');
    expect(rows.map((r) => r.body_text)).toContain('Test card 4111111111111111 is fine');
    const ev = await t.db.query<{ payload: { kinds: string[] } }>(`SELECT payload FROM events WHERE name = 'compliance.message_auto_redacted' AND ticket_id = $1 ORDER BY seq`, [tk.id]);
    expect(ev.map((e) => e.payload.kinds)).toEqual([['card', 'password'], ['iban']]);
    expect(JSON.stringify(ev)).not.toContain('4111');
  });

  it('uses the brand’s configured patterns (custom pattern, card disabled)', async () => {
    const res = await t.api('PUT', `/api/v1/compliance/redaction/brands/${t.brandB.id}`, { enabled: true, patterns: ['iban', { name: 'member_id', regex: 'M-\\d{6}' }] });
    expect(res.statusCode, res.body).toBe(200);
    const tk = await newTicket(t, { brand_id: t.brandB.id, body: 'member M-123456 card 4111111111111111' });
    const m = await t.db.one<{ body_text: string }>('SELECT body_text FROM messages WHERE ticket_id = $1', [tk.id]);
    expect(m.body_text).toBe('member [redacted:member_id] card 4111111111111111');
    expectProblem(await t.api('PUT', `/api/v1/compliance/redaction/brands/${t.brandB.id}`, { enabled: true, patterns: ['nope'] }), 422, 'UNKNOWN_PATTERN');
    expectProblem(await t.api('PUT', `/api/v1/compliance/redaction/brands/${t.brandB.id}`, { enabled: true, patterns: [{ name: 'x', regex: '(' }] }), 422, 'INVALID_PATTERN');
  });
});

describe('manual redaction', () => {
  it('an admin redacts a passage irreversibly (audited); an agent cannot', async () => {
    const tk = await newTicket(t, { body: 'My address is 12 Main Street, Dublin' });
    const msg = await t.db.one<{ id: string }>('SELECT id FROM messages WHERE ticket_id = $1', [tk.id]);
    const agent = await t.addUser('redact-agent', 'agent');
    expectProblem(await t.api('POST', `/api/v1/compliance/messages/${msg.id}/redact`, { reason: 'x', passages: ['12 Main Street'] }, { token: agent.token }), 403, 'FORBIDDEN');
    expectProblem(await t.api('POST', `/api/v1/compliance/messages/${msg.id}/redact`, { passages: ['12 Main Street'] }), 400, 'VALIDATION_FAILED');
    expectProblem(await t.api('POST', `/api/v1/compliance/messages/${msg.id}/redact`, { reason: 'x', passages: ['not there'] }), 422, 'PASSAGE_NOT_FOUND');
    const res = await t.api('POST', `/api/v1/compliance/messages/${msg.id}/redact`, { reason: 'customer asked', passages: ['12 Main Street'] });
    expect(res.statusCode, res.body).toBe(200);
    const after = await t.db.one<{ body_text: string }>('SELECT body_text FROM messages WHERE id = $1', [msg.id]);
    expect(after.body_text).toBe('My address is [redacted:manual], Dublin');
    const audit = await t.db.query(`SELECT 1 FROM audit_log WHERE action = 'compliance.message_redacted' AND entity_id = $1`, [tk.id]);
    expect(audit).toHaveLength(1);
    expectProblem(await t.api('POST', '/api/v1/compliance/messages/msg_unknown1/redact', { reason: 'x', whole: true }), 404, 'MESSAGE_NOT_FOUND');
  });
});

describe('masking and the PII access log', () => {
  it('an analyst (no pii.view) sees masked emails; the admin sees them; both views are logged', async () => {
    const tk = await newTicket(t, { requester: { email: 'jane.doe@example.com', name: 'Jane Doe' } });
    const analyst = await t.addUser('mask-analyst', 'analyst');
    const masked = await t.api('GET', `/api/v1/customers/${tk.requester_id}`, undefined, { token: analyst.token });
    expect(masked.statusCode, masked.body).toBe(200);
    expect(masked.body).not.toContain('jane.doe@example.com');
    expect(masked.json().email).toBe('j***@e***.com');
    const full = await t.api('GET', `/api/v1/customers/${tk.requester_id}`);
    expect(full.json().email).toBe('jane.doe@example.com');
    const list = await t.api('GET', '/api/v1/tickets', undefined, { token: analyst.token });
    expect(list.body).not.toContain('jane.doe@example.com');
    await t.api('GET', `/api/v1/tickets/${tk.id}`, undefined, { token: analyst.token });
    let log: Array<{ user_id: string; access: string }> = [];
    for (let i = 0; i < 50 && log.length < 3; i++) {
      await new Promise((r) => setTimeout(r, 20));
      log = (await t.api('GET', `/api/v1/compliance/pii-access?customer_id=${tk.requester_id}`)).json().data;
    }
    expect(log.map((l) => [l.user_id, l.access.split(':')[0]]).sort()).toEqual(
      [[analyst.user.id, 'masked'], [analyst.user.id, 'masked'], [t.admin.id, 'full']].sort(),
    );
    expectProblem(await t.api('GET', '/api/v1/compliance/pii-access', undefined, { token: analyst.token }), 403, 'FORBIDDEN');
  });
});

describe('audit hash chain', () => {
  it('is intact after normal writes and reports the first tampered entry', async () => {
    await newTicket(t);
    const ok = await t.api('GET', '/api/v1/compliance/audit/verify');
    expect(ok.json()).toMatchObject({ ok: true, first_break: null });
    expect(ok.json().entries).toBeGreaterThan(5);
    // Plain updates and deletes are refused.
    await expect(t.db.query(`UPDATE audit_log SET action = 'x' WHERE seq = (SELECT min(seq) FROM audit_log)`)).rejects.toThrow(/append-only/);
    await expect(t.db.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
    // A privileged tamper (maintenance switch on) is still detected by the chain.
    const victim = await t.db.one<{ seq: number; chain_pos: number }>('SELECT seq, chain_pos FROM audit_log ORDER BY chain_pos OFFSET 3 LIMIT 1');
    await t.db.transaction(async (tx) => {
      await tx.query(`SELECT set_config('switchboard.audit_maintenance', 'on', true)`);
      await tx.query(`UPDATE audit_log SET changes = '{"tampered":true}' WHERE seq = $1`, [victim.seq]);
    });
    const broken = await verifyAuditChain(t.db);
    expect(broken.ok).toBe(false);
    expect(broken.first_break).toMatchObject({ chain_pos: Number(victim.chain_pos), reason: 'content_changed' });
  });

  it('concurrent writers still form one chain', async () => {
    await Promise.all(Array.from({ length: 8 }, () => newTicket(t)));
    await sealAuditChain(t.db);
    const rows = await t.db.query<{ n: number; min: number; max: number }>('SELECT count(*)::int AS n, min(chain_pos)::int AS min, max(chain_pos)::int AS max FROM audit_log');
    expect(rows[0].max - rows[0].min + 1).toBe(rows[0].n);
  });
});
