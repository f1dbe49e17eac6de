import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('POST /api/v1/tickets', () => {
  it('creates a ticket with its first message and requester', async () => {
    const res = await t.api('POST', '/api/v1/tickets', {
      subject: 'My payout has not arrived', body: 'It has been 5 days.', requester: { email: 'Jo@Example.com', name: 'Jo' }, tags: ['Payout', 'payout'],
    });
    expect(res.statusCode).toBe(201);
    const tk = res.json();
    expect(tk.id).toMatch(/^tkt_/);
    expect(tk.status).toBe('new');
    expect(tk.priority).toBe('normal');
    expect(tk.requester_id).toMatch(/^cus_/);
    expect(tk.tags).toEqual(['payout']);
    expect(res.headers.location).toBe(`/api/v1/tickets/${tk.id}`);
    const msgs = await t.api('GET', `/api/v1/tickets/${tk.id}/messages`);
    expect(msgs.json().data).toHaveLength(1);
    expect(msgs.json().data[0]).toMatchObject({ body: 'It has been 5 days.', public: true, author_type: 'customer' });
    // same email (different case) → same requester
    const again = await t.api('POST', '/api/v1/tickets', { subject: 'Another', body: 'x', requester: { email: 'jo@example.com' } });
    expect(again.json().requester_id).toBe(tk.requester_id);
  });

  it('answers bad input with problem+json and writes nothing', async () => {
    const before = (await t.api('GET', '/api/v1/tickets?limit=100')).json().data.length;
    const cases: Array<[unknown, number, string]> = [
      ['{not json', 400, 'INVALID_JSON'],
      [{ subject: 'x', body: 'y', requester: { email: 'a@b.co' }, bogus: 1 }, 400, 'VALIDATION_FAILED'],
      [{ subject: 'x', body: 'y', requester: { email: 'a@b.co' }, priority: 'asap' }, 400, 'VALIDATION_FAILED'],
      [{ subject: 'x', body: 'y', requester: { email: 'not-an-email' } }, 422, 'INVALID_EMAIL'],
      [{ subject: 'x', body: 'y', requester: { email: 'a@b.co' }, team_id: 'team_nope' }, 404, 'TEAM_NOT_FOUND'],
      [{ subject: 'x', body: '   ', requester: { email: 'a@b.co' } }, 422, 'BODY_REQUIRED'],
    ];
    for (const [body, status, code] of cases) {
      const res = await t.api('POST', '/api/v1/tickets', body, { headers: { 'content-type': 'application/json' } });
      expect(res.statusCode, JSON.stringify(body)).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      expect(res.json().code).toBe(code);
    }
    expect((await t.api('GET', '/api/v1/tickets?limit=100')).json().data.length).toBe(before);
  });
});
