import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe('saved views', () => {
  it('saves, lists and deletes a personal view; others do not see it', async () => {
    const other = await t.addUser('viewer', 'agent');
    const res = await t.api('POST', '/api/v1/views', { name: 'Urgent payments', filters: { priority: 'urgent,high', team_id: t.payments.id } });
    expect(res.statusCode).toBe(201);
    const view = res.json();
    expect(view).toMatchObject({ name: 'Urgent payments', filters: { priority: 'urgent,high' } });
    expect((await t.api('GET', '/api/v1/views')).json().data.map((v: { id: string }) => v.id)).toEqual([view.id]);
    expect((await t.api('GET', '/api/v1/views', undefined, { token: other.token })).json().data).toEqual([]);
    expect((await t.api('DELETE', `/api/v1/views/${view.id}`, undefined, { token: other.token })).statusCode).toBe(404);
    expect((await t.api('DELETE', `/api/v1/views/${view.id}`)).statusCode).toBe(204);
    expect((await t.api('GET', '/api/v1/views')).json().data).toEqual([]);
  });

  it('rejects filters the ticket list would reject', async () => {
    const res = await t.api('POST', '/api/v1/views', { name: 'Bad', filters: { priority: 'asap' } });
    expect(res.statusCode).toBe(400);
    expect(res.json().code).toBe('VALIDATION_FAILED');
    const unknown = await t.api('POST', '/api/v1/views', { name: 'Bad', filters: { colour: 'red' } });
    expect(unknown.statusCode).toBe(400);
  });
});
