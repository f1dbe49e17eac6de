import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendDueSurveys } from '../../src/domain/analytics/index.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { expectProblem, newTicket, patchTicket } from '../helpers/api-helpers.js';
import { analyticsDispatcher } from './analytics-helpers.js';

let t: TestApp;
let settle: () => Promise<number>;
const MIN = 60_000;

beforeAll(async () => {
  t = await createTestApp();
  settle = (await analyticsDispatcher(t)).settle;
});
afterAll(async () => t?.close());

async function solvedTicket(over: Record<string, unknown> = {}) {
  const tk = await newTicket(t, over);
  await t.api('POST', `/api/v1/tickets/${tk.id}/messages`, { body: 'Here is the fix', public: true });
  await patchTicket(t, tk.id, { status: 'solved' });
  await settle();
  return tk;
}
const linkOf = async (ticketId: string) => {
  const msgs = (await t.api('GET', `/api/v1/tickets/${ticketId}/messages`)).json().data as Array<{ body: string }>;
  const m = msgs.map((x) => /\/csat\/(csv_[0-9a-z]+\.[A-Za-z0-9_-]+)/.exec(x.body)).find(Boolean);
  return m?.[1];
};

describe('CSAT', () => {
  it('surveys a solved ticket once, after the brand delay, with a link on the ticket', async () => {
    const tk = await solvedTicket();
    expect(await sendDueSurveys(t.db, t.clock, 'https://support.example')).toBe(0); // delay not passed
    t.clock.advance(61 * MIN);
    expect(await sendDueSurveys(t.db, t.clock, 'https://support.example')).toBe(1);
    expect(await sendDueSurveys(t.db, t.clock, 'https://support.example')).toBe(0);
    const token = await linkOf(tk.id);
    expect(token).toBeTruthy();
    // solving again does not survey twice
    await patchTicket(t, tk.id, { status: 'open' });
    await patchTicket(t, tk.id, { status: 'solved' });
    await settle();
    t.clock.advance(61 * MIN);
    expect(await sendDueSurveys(t.db, t.clock, 'https://support.example')).toBe(0);
  });

  it('the public page works without JS: GET shows, POST records, a forged token is a 404', async () => {
    const tk = await solvedTicket({ language: 'es' });
    t.clock.advance(61 * MIN);
    await sendDueSurveys(t.db, t.clock, 'https://support.example');
    const token = (await linkOf(tk.id))!;
    const page = await t.api('GET', `/csat/${token}?score=2`, undefined, { token: null });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Valora nuestra atención');
    expect(page.body).toMatch(/value="2" required checked/);
    // GET never records (mail scanners prefetch links)
    expect((await t.db.query('SELECT score FROM csat_surveys WHERE ticket_id = $1', [tk.id]))[0].score).toBeNull();
    const post = await t.api('POST', `/csat/${token}`, 'score=2&reason=slow&comment=Too+long', { token: null, headers: { 'content-type': 'application/x-www-form-urlencoded' } });
    expect(post.statusCode, post.body).toBe(200);
    expect(post.body).toContain('Gracias');
    const row = (await t.db.query<{ score: number; reason: string; comment: string }>('SELECT score, reason, comment FROM csat_surveys WHERE ticket_id = $1', [tk.id]))[0];
    expect(row).toMatchObject({ score: 2, reason: 'slow', comment: 'Too long' });
    // changeable within the window, JSON for the widget
    const again = await t.api('POST', `/csat/${token}`, { score: 5, channel: 'widget' }, { token: null });
    expect(again.json()).toMatchObject({ score: 5, changeable: true });
    const forged = token.slice(0, -3) + (token.endsWith('AAA') ? 'BBB' : 'AAA');
    expect((await t.api('GET', `/csat/${forged}`, undefined, { token: null })).statusCode).toBe(404);
    expect((await t.api('GET', '/csat/nonsense', undefined, { token: null })).statusCode).toBe(404);
    expectProblem(await t.api('POST', `/csat/${forged}`, { score: 5 }, { token: null }), 404, 'SURVEY_NOT_FOUND');
    expect((await t.api('POST', `/csat/${token}`, { score: 9 }, { token: null })).statusCode).toBe(400);
    // after the change window closes the answer is final
    t.clock.advance(8 * 24 * 60 * MIN);
    expectProblem(await t.api('POST', `/csat/${token}`, { score: 1 }, { token: null }), 409, 'SURVEY_CLOSED');
    // the rating flows into the facts and the dashboard
    await settle();
    const d = (await t.api('GET', '/api/v1/analytics/dashboard?from=2026-03-01&to=2026-03-31')).json();
    expect(d.kpis.csat_responses).toBe(1);
    expect(d.kpis.csat_satisfied_pct).toBe(100);
    const resp = (await t.api('GET', '/api/v1/csat/responses?from=2026-03-01&to=2026-03-31')).json();
    expect(resp.data).toHaveLength(1);
    expect(resp.sent).toBe(2);
    expect(resp.response_rate_pct).toBe(50);
  });

  it('no survey for merged or spam tickets, or when the brand switched CSAT off', async () => {
    const spam = await solvedTicket({ tags: ['spam'] });
    expectProblem(await t.api('PUT', `/api/v1/csat/settings/${t.brandB.id}`, { delay_minutes: -5 }), 400, 'VALIDATION_FAILED');
    expect((await t.api('PUT', `/api/v1/csat/settings/${t.brandB.id}`, { enabled: false })).statusCode).toBe(200);
    const off = await solvedTicket({ brand_id: t.brandB.id });
    const rows = await t.db.query('SELECT ticket_id FROM csat_surveys WHERE ticket_id = ANY($1::text[])', [[spam.id, off.id]]);
    expect(rows).toHaveLength(0);
  });
});

describe('QA reviews', () => {
  it('weighted scores, one review per reviewer, calibration spread between reviewers, automatic flags', async () => {
    const rubric = (await t.api('POST', '/api/v1/qa/rubrics', { name: 'Default', criteria: [{ key: 'accuracy', label: 'Accuracy', weight: 3 }, { key: 'tone', label: 'Tone', weight: 1 }] })).json();
    const tk = await newTicket(t);
    await t.api('POST', `/api/v1/tickets/${tk.id}/messages`, { body: 'Calm down, AS I SAID THIS WILL NOT WORK', public: true });
    const r1 = await t.api('POST', '/api/v1/qa/reviews', { rubric_id: rubric.id, ticket_id: tk.id, scores: { accuracy: 4, tone: 0 } });
    expect(r1.statusCode, r1.body).toBe(201);
    expect(r1.json().score_pct).toBe(75);
    expect(r1.json().auto_flags).toEqual(expect.arrayContaining(['tone:dismissive_phrase', 'tone:shouting']));
    expectProblem(await t.api('POST', '/api/v1/qa/reviews', { rubric_id: rubric.id, ticket_id: tk.id, scores: { accuracy: 4, tone: 0 } }), 409, 'ALREADY_REVIEWED');
    expectProblem(await t.api('POST', '/api/v1/qa/reviews', { rubric_id: rubric.id, ticket_id: tk.id, scores: { accuracy: 7, tone: 0 } }), 422, 'INVALID_SCORE');
    const sup = await t.addUser('sup-qa', 'supervisor');
    await t.api('POST', '/api/v1/qa/reviews', { rubric_id: rubric.id, ticket_id: tk.id, scores: { accuracy: 2, tone: 2 } }, { token: sup.token });
    const list = (await t.api('GET', `/api/v1/tickets/${tk.id}/qa`)).json();
    expect(list.data).toHaveLength(2);
    expect(list.calibration_spread).toBe(25);
    const agent = await t.addUser('agent-qa', 'agent');
    expectProblem(await t.api('POST', '/api/v1/qa/reviews', { rubric_id: rubric.id, ticket_id: tk.id, scores: { accuracy: 1, tone: 1 } }, { token: agent.token }), 403, 'FORBIDDEN');
  });
});

describe('staffing endpoints', () => {
  it('Erlang C answers the textbook example; infeasible or silly input is a 4xx', async () => {
    const r = (await t.api('POST', '/api/v1/analytics/erlang', { contacts: 100, interval_sec: 1800, aht_sec: 180, target_sec: 20, service_level: 0.8, shrinkage: 0.3 })).json();
    expect(r).toMatchObject({ model: 'erlang_c', agents: 14, scheduled: 20 });
    expect(r.serviceLevel).toBeCloseTo(0.888, 3);
    const chat = (await t.api('POST', '/api/v1/analytics/erlang', { contacts: 100, interval_sec: 1800, aht_sec: 180, target_sec: 20, service_level: 0.8, patience_sec: 90 })).json();
    expect(chat.model).toBe('erlang_a');
    expect(chat.agents).toBeLessThanOrEqual(14);
    expect((await t.api('POST', '/api/v1/analytics/erlang', { contacts: 100, aht_sec: 180, target_sec: 20, service_level: 1.5 })).statusCode).toBe(400);
  });

  it('forecast needs history; what-if replays a period next to what happened', async () => {
    expectProblem(await t.api('GET', '/api/v1/analytics/forecast?channel=fax'), 422, 'NO_HISTORY');
    const w = await t.api('POST', '/api/v1/analytics/what-if', { from: '2026-03-01', to: '2026-03-31', agents: 2, aht_sec: 600, target_sec: 3600, runs: 5 });
    expect(w.statusCode, w.body).toBe(200);
    const body = w.json();
    expect(body.period.arrivals).toBeGreaterThan(0);
    expect(body.predicted.service_level.mean).toBeGreaterThan(0);
    expect(body.actual).toHaveProperty('median_first_reply_sec');
    expectProblem(await t.api('POST', '/api/v1/analytics/what-if', { from: '2026-03-01', to: '2026-03-31', agents: [1, 2, 3], aht_sec: 600, target_sec: 60 }), 400, 'VALIDATION_FAILED');
  });
});
