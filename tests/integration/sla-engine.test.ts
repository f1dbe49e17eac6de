import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { newTicket, patchTicket, type Wire } from '../helpers/api-helpers.js';
import { Dispatcher, syncSubscriptions } from '../../src/platform/events/index.js';
import { createLogger } from '../../src/platform/logger.js';
import { slaEngine } from '../../src/worker/subscribers/sla.js';
import { applyTicketEventToSla, fireDueSlaTimers, getSlaStatus } from '../../src/domain/sla/index.js';
import { addMessage } from '../../src/domain/tickets/index.js';
import { systemActor } from '../../src/domain/kernel/index.js';
import { liveUpdates } from '../../src/worker/subscribers/live-updates.js';
import type { Db } from '../../src/platform/db/index.js';

const H = 3_600_000;
const nine2five = [{ start: '09:00', end: '17:00' }];
const week = { mon: nine2five, tue: nine2five, wed: nine2five, thu: nine2five, fri: nine2five };

describe('SLA engine (policy → applied SLA → targets → events)', () => {
  let t: TestApp;
  let dispatcher: Dispatcher;
  const drain = async () => {
    while ((await dispatcher.runOnce(50)) > 0);
  };
  const fire = () => fireDueSlaTimers({ db: t.db, clock: t.clock });
  const sla = async (id: string): Promise<Wire> => {
    const r = await t.api('GET', `/api/v1/tickets/${id}/sla`);
    expect(r.statusCode, r.body).toBe(200);
    return r.json();
  };
  const target = (s: Wire, metric: string, cycle = 1) => s.targets.find((x: Wire) => x.metric === metric && x.cycle === cycle && x.state !== 'stopped');
  const slaEvents = async (id: string) =>
    (await t.db.query<{ name: string; payload: Wire }>("SELECT name, payload FROM events WHERE ticket_id = $1 AND name LIKE 'sla.%' ORDER BY seq", [id]));
  const at = (iso: string) => t.clock.set(iso);
  const customerSays = async (ticket: Wire, body: string) =>
    t.as(systemActor(t.workspaceId), (ctx) => addMessage(ctx, ticket.id, { public: true, body, from_customer_id: ticket.requester_id ?? ticket.requester.id }));

  beforeAll(async () => {
    t = await createTestApp();
    await syncSubscriptions(t.db, [slaEngine]);
    dispatcher = new Dispatcher(t.db, [slaEngine], t.clock, createLogger('silent'));
    const cal = await t.api('POST', '/api/v1/calendars', { name: 'Dublin', time_zone: 'Europe/Dublin', week });
    expect(cal.statusCode, cal.body).toBe(201);
    const mk = async (body: Wire) => {
      const r = await t.api('POST', '/api/v1/sla/policies', body);
      expect(r.statusCode, r.body).toBe(201);
      return r.json();
    };
    await mk({ name: 'VIP', conditions: { tags_any: ['vip'] }, targets: [{ metric: 'first_reply', minutes: 30, business: false }],
      breach_actions: [{ type: 'raise_priority' }, { type: 'notify', notify_assignee: true, user_ids: [t.admin.id] }, { type: 'escalate', team_id: t.payments.id, reason: 'VIP waiting' }] });
    await mk({ name: 'Urgent', conditions: { priorities: ['urgent'] }, targets: [{ metric: 'first_reply', minutes: 30, business: false }, { metric: 'resolution', minutes: 240 }] });
    await mk({ name: 'Standard', targets: [{ metric: 'first_reply', minutes: 60 }, { metric: 'next_reply', minutes: 120 }, { metric: 'periodic_update', minutes: 240 }, { metric: 'resolution', minutes: 480 }] });
  });
  afterAll(() => t.close());

  it('applies the first matching policy with business-time due dates; warns and breaches exactly once', async () => {
    at('2026-03-02T16:30:00Z'); // Monday 16:30 Dublin (GMT)
    const tk = await newTicket(t);
    await drain();
    const s = await sla(tk.id);
    expect(s.policy.name).toBe('Standard');
    expect(s.calendar.time_zone).toBe('Europe/Dublin');
    expect(target(s, 'first_reply').due_at).toBe('2026-03-03T09:30:00.000Z'); // 30 min Monday + 30 min Tuesday
    expect(target(s, 'resolution').due_at).toBe('2026-03-03T16:30:00.000Z');
    expect(target(s, 'first_reply').remaining_ms).toBe(H);
    // the badge on the ticket and in lists: next target, business time left
    const badge = { metric: 'first_reply', due_at: '2026-03-03T09:30:00.000Z', remaining_ms: H, business: true, state: 'ok' };
    expect((await t.api('GET', `/api/v1/tickets/${tk.id}`)).json().sla).toEqual(badge);
    const listed = (await t.api('GET', '/api/v1/tickets?status=new,open')).json().data.find((x: Wire) => x.id === tk.id);
    expect(listed.sla).toEqual(badge);
    expect((await t.api('GET', `/api/v1/sla/badges?ticket_ids=${tk.id}`)).json().data[tk.id]).toEqual(badge);
    at('2026-03-03T09:18:00Z'); // warning at 12 min (20 %) before the target
    expect(await fire()).toMatchObject({ warnings: 1, breaches: 0 });
    expect(await fire()).toMatchObject({ warnings: 0, breaches: 0 });
    at('2026-03-03T09:30:01Z');
    expect(await fire()).toMatchObject({ breaches: 1 });
    at('2026-03-03T12:00:00Z');
    expect(await fire()).toMatchObject({ warnings: 0, breaches: 0 });
    const names = (await slaEvents(tk.id)).map((e) => `${e.name}:${e.payload.metric ?? e.payload.policy_name}`);
    expect(names).toEqual(['sla.applied:Standard', 'sla.warning:first_reply', 'sla.breached:first_reply']);
    const st = (await t.as(systemActor(t.workspaceId), (ctx) => getSlaStatus(ctx, [tk.id]))).get(tk.id)!;
    expect(st).toMatchObject({ metric: 'first_reply', is_breached: true, remaining_ms: -2.5 * H });
  });

  it('pauses while pending and resumes (business time banked across the pause)', async () => {
    at('2026-03-04T09:00:00Z'); // Wednesday
    const tk = await newTicket(t);
    await drain();
    at('2026-03-04T10:00:00Z');
    await patchTicket(t, tk.id, { status: 'pending' });
    await drain();
    let s = await sla(tk.id);
    expect(target(s, 'resolution')).toMatchObject({ state: 'paused', due_at: null, remaining_ms: 7 * H });
    at('2026-03-04T14:00:00Z');
    await patchTicket(t, tk.id, { status: 'open' });
    await drain();
    s = await sla(tk.id);
    // 7 h left from Wed 14:00: 3 h Wednesday + 4 h Thursday
    expect(target(s, 'resolution')).toMatchObject({ state: 'running', due_at: '2026-03-05T13:00:00.000Z', remaining_ms: 7 * H });
    expect(target(s, 'first_reply').due_at).toBe('2026-03-04T14:00:00.000Z'); // 1 h used before the pause, none left
  });

  it('re-evaluates on priority change, keeping the clock and the history', async () => {
    at('2026-03-09T10:00:00Z'); // Monday
    const tk = await newTicket(t, { priority: 'normal' });
    await drain();
    at('2026-03-09T10:10:00Z');
    await patchTicket(t, tk.id, { priority: 'urgent' });
    await drain();
    const s = await sla(tk.id);
    expect(s.policy.name).toBe('Urgent');
    expect(s.history.map((h: Wire) => `${h.policy_name}:${h.reason}:${h.replaced_at ? 'closed' : 'live'}`)).toEqual(['Standard:created:closed', 'Urgent:priority_changed:live']);
    // first reply now 30 calendar minutes from creation (10 already used)
    expect(target(s, 'first_reply')).toMatchObject({ due_at: '2026-03-09T10:30:00.000Z', business: false, remaining_ms: 20 * 60_000 });
    expect(target(s, 'resolution').due_at).toBe('2026-03-09T14:00:00.000Z');
    expect(s.targets.some((x: Wire) => x.metric === 'periodic_update')).toBe(false);
  });

  it('reply achieves, solve achieves resolution, a customer reply reopens with a new cycle', async () => {
    at('2026-03-10T09:00:00Z'); // Tuesday
    const tk = await newTicket(t);
    await drain();
    at('2026-03-10T09:20:00Z');
    expect((await t.api('POST', `/api/v1/tickets/${tk.id}/messages`, { body: 'On it', public: true })).statusCode).toBe(201);
    await drain();
    let s = await sla(tk.id);
    expect(s.targets.find((x: Wire) => x.metric === 'first_reply').state).toBe('achieved');
    expect(target(s, 'periodic_update').due_at).toBe('2026-03-10T13:20:00.000Z');
    at('2026-03-10T11:00:00Z');
    await patchTicket(t, tk.id, { status: 'solved' });
    await drain();
    at('2026-03-10T12:00:00Z');
    await customerSays(tk, 'Still broken');
    await drain();
    s = await sla(tk.id);
    expect(s.history.map((h: Wire) => h.reason)).toEqual(['created', 'reopened']);
    expect(target(s, 'resolution', 2)).toMatchObject({ state: 'running', due_at: '2026-03-11T12:00:00.000Z' });
    expect(target(s, 'next_reply')).toMatchObject({ state: 'running', due_at: '2026-03-10T14:00:00.000Z' });
    const names = (await slaEvents(tk.id)).map((e) => `${e.name}:${e.payload.metric ?? e.payload.reason}`);
    // solving stops the periodic-update clock without achieving it
    expect(names).toEqual(['sla.applied:created', 'sla.achieved:first_reply', 'sla.achieved:resolution', 'sla.applied:reopened']);
    // the dispatcher delivering the same events again changes nothing
    const again = await t.db.query<{ seq: number; name: string; ticket_id: string; payload: Wire; occurred_at: Date }>(
      'SELECT seq::int AS seq, name, ticket_id, payload, occurred_at FROM events WHERE ticket_id = $1 ORDER BY seq', [tk.id]);
    for (const e of again) expect(await t.db.transaction((tx) => applyTicketEventToSla(tx, e))).toBe(false);
    expect((await slaEvents(tk.id)).length).toBe(names.length);
  });

  it('customer messages: covered by first reply until an agent replies, then one next-reply clock; notes change nothing', async () => {
    at('2026-03-12T09:00:00Z'); // Thursday
    const tk = await newTicket(t);
    await drain();
    const lastSeq = async () => Number((await t.db.one<{ s: string }>('SELECT last_seq AS s FROM sla_ticket_state WHERE ticket_id = $1', [tk.id])).s);
    at('2026-03-12T09:05:00Z');
    await customerSays(tk, 'Any news?'); // before the first reply: the first-reply clock covers it
    await drain();
    let s = await sla(tk.id);
    expect(target(s, 'next_reply')).toBeUndefined();
    expect(target(s, 'first_reply').state).toBe('running');
    at('2026-03-12T09:10:00Z');
    expect((await t.api('POST', `/api/v1/tickets/${tk.id}/messages`, { body: 'Checking', public: false })).statusCode).toBe(201);
    await drain();
    expect(target(await sla(tk.id), 'first_reply').state).toBe('running'); // an internal note is not a reply
    at('2026-03-12T09:30:00Z');
    expect((await t.api('POST', `/api/v1/tickets/${tk.id}/messages`, { body: 'Looking into it', public: true })).statusCode).toBe(201);
    await drain();
    at('2026-03-12T10:00:00Z');
    await customerSays(tk, 'Thanks, waiting');
    await drain();
    s = await sla(tk.id);
    expect(target(s, 'next_reply')).toMatchObject({ state: 'running', due_at: '2026-03-12T12:00:00.000Z' });
    at('2026-03-12T11:00:00Z');
    await customerSays(tk, 'Hello?'); // the clock already runs: it keeps its due date, no second cycle
    await drain();
    s = await sla(tk.id);
    expect(target(s, 'next_reply')).toMatchObject({ state: 'running', due_at: '2026-03-12T12:00:00.000Z' });
    expect(target(s, 'next_reply', 2)).toBeUndefined();
    const newest = await t.db.one<{ s: string }>("SELECT max(seq) AS s FROM events WHERE ticket_id = $1 AND name = 'message.added'", [tk.id]);
    expect(await lastSeq()).toBe(Number(newest.s)); // every message was applied (and would be skipped if delivered again)
  });

  it('runs breach actions once: raise priority, internal note naming who is notified, escalation event', async () => {
    at('2026-03-11T09:00:00Z');
    const tk = await newTicket(t, { tags: ['vip'], priority: 'normal', assignee_id: t.admin.id });
    await drain();
    at('2026-03-11T09:31:00Z');
    await Promise.all([fire(), fire()]);
    await drain();
    const after = (await t.api('GET', `/api/v1/tickets/${tk.id}`)).json();
    expect(after.priority).toBe('high');
    const msgs = (await t.api('GET', `/api/v1/tickets/${tk.id}/messages`)).json().data;
    expect(msgs.map((m: Wire) => m.body).join('\n')).toContain('SLA breached: the first reply target (policy "VIP")');
    const names = (await slaEvents(tk.id)).map((e) => e.name);
    expect(names.filter((n) => n === 'sla.breached')).toHaveLength(1);
    expect(names).toContain('sla.escalation_requested');
  });

  it('a ticket no policy matches has no SLA; adding a tag that matches applies one from creation', async () => {
    // deactivate the catch-all temporarily
    const std = (await t.api('GET', '/api/v1/sla/policies')).json().data.find((p: Wire) => p.name === 'Standard');
    await t.api('PATCH', `/api/v1/sla/policies/${std.id}`, { is_active: false });
    at('2026-03-12T09:00:00Z');
    const tk = await newTicket(t);
    await drain();
    expect((await sla(tk.id)).policy).toBeNull();
    at('2026-03-12T09:10:00Z');
    await patchTicket(t, tk.id, { add_tags: ['vip'] });
    await drain();
    const s = await sla(tk.id);
    expect(s.policy.name).toBe('VIP');
    expect(target(s, 'first_reply').due_at).toBe('2026-03-12T09:30:00.000Z');
    await t.api('PATCH', `/api/v1/sla/policies/${std.id}`, { is_active: true });
  });

  it('backfills open tickets created before any policy applied to them (clocks from creation)', async () => {
    const std = (await t.api('GET', '/api/v1/sla/policies')).json().data.find((p: Wire) => p.name === 'Standard');
    await t.api('PATCH', `/api/v1/sla/policies/${std.id}`, { is_active: false });
    at('2026-03-16T09:00:00Z'); // Monday
    const tk = await newTicket(t);
    await drain();
    expect((await sla(tk.id)).policy).toBeNull();
    await t.api('PATCH', `/api/v1/sla/policies/${std.id}`, { is_active: true });
    at('2026-03-16T09:40:00Z');
    const r = await t.api('POST', '/api/v1/sla/backfill', {});
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().applied).toBeGreaterThanOrEqual(1);
    const s = await sla(tk.id);
    expect(s.history.map((h: Wire) => h.reason)).toEqual(['backfill']);
    expect(target(s, 'first_reply')).toMatchObject({ due_at: '2026-03-16T10:00:00.000Z', remaining_ms: 20 * 60_000 });
    // nothing pending for the engine re-applies it
    await drain();
    expect((await sla(tk.id)).history).toHaveLength(1);
  });

  it('a re-evaluation to a policy that does not pause while pending resumes the clocks', async () => {
    const np = await t.api('POST', '/api/v1/sla/policies', { name: 'No pause', position: 0, conditions: { tags_any: ['nopause'] }, pause_statuses: [], targets: [{ metric: 'resolution', minutes: 480 }] });
    expect(np.statusCode, np.body).toBe(201);
    at('2026-03-18T09:00:00Z'); // Wednesday
    const tk = await newTicket(t);
    await drain();
    at('2026-03-18T10:00:00Z');
    await patchTicket(t, tk.id, { status: 'pending' });
    await drain();
    expect(target(await sla(tk.id), 'resolution').state).toBe('paused');
    at('2026-03-18T11:00:00Z');
    await patchTicket(t, tk.id, { add_tags: ['nopause'] });
    await drain();
    const s = await sla(tk.id);
    expect(s.policy.name).toBe('No pause');
    // 1 h consumed before the pause; 7 h left from Wed 11:00 → 6 h Wednesday + 1 h Thursday
    expect(target(s, 'resolution')).toMatchObject({ state: 'running', due_at: '2026-03-19T10:00:00.000Z' });
  });

  it('re-evaluates on reassignment: another assignee keeps the SLA; a team with its own calendar records a new applied SLA', async () => {
    const sg = await t.api('POST', '/api/v1/calendars', { name: 'Payments SG', scope_type: 'team', scope_id: t.payments.id, time_zone: 'Asia/Singapore', week });
    expect(sg.statusCode, sg.body).toBe(201);
    at('2026-03-25T09:00:00Z'); // Wednesday 09:00 Dublin (GMT), 17:00 Singapore
    const tk = await newTicket(t);
    await drain();
    expect(target(await sla(tk.id), 'first_reply').due_at).toBe('2026-03-25T10:00:00.000Z');
    at('2026-03-25T09:10:00Z');
    await patchTicket(t, tk.id, { assignee_id: t.admin.id });
    await drain();
    expect((await sla(tk.id)).history.map((h: Wire) => h.reason)).toEqual(['created']);
    at('2026-03-25T09:30:00Z');
    await patchTicket(t, tk.id, { team_id: t.payments.id });
    await drain();
    const s = await sla(tk.id);
    expect(s.calendar).toMatchObject({ name: 'Payments SG', time_zone: 'Asia/Singapore' });
    expect(s.history.map((h: Wire) => [h.reason, h.replaced_at === null])).toEqual([['created', false], ['team_changed', true]]);
    // 30 business minutes used in Dublin; 30 left in Singapore, which is closed (17:30) → Thu 09:30 SGT
    expect(target(s, 'first_reply')).toMatchObject({ state: 'running', started_at: '2026-03-25T09:00:00.000Z', due_at: '2026-03-26T01:30:00.000Z' });
  });

  it('breach action reassign: the ticket moves to the team and agent once; the re-evaluation it causes does not breach again', async () => {
    const agent = await t.addUser('sla-backup', 'agent');
    const pol = await t.api('POST', '/api/v1/sla/policies', {
      name: 'Reassign on breach', position: 0, conditions: { tags_any: ['reassignme'] }, targets: [{ metric: 'first_reply', minutes: 30, business: false }],
      breach_actions: [{ type: 'reassign', team_id: t.payments.id, assignee_id: agent.user.id }],
    });
    expect(pol.statusCode, pol.body).toBe(201);
    at('2026-03-30T09:00:00Z');
    const tk = await newTicket(t, { tags: ['reassignme'] });
    await drain();
    at('2026-03-30T09:31:00Z');
    await Promise.all([fire(), fire()]);
    await drain();
    await fire();
    await drain();
    expect((await t.api('GET', `/api/v1/tickets/${tk.id}`)).json()).toMatchObject({ team_id: t.payments.id, assignee_id: agent.user.id });
    const names = (await slaEvents(tk.id)).map((e) => e.name);
    expect(names.filter((n) => n === 'sla.breached')).toHaveLength(1);
    const assigned = (await t.db.query<{ n: number }>("SELECT count(*)::int AS n FROM events WHERE ticket_id = $1 AND name = 'ticket.assigned'", [tk.id]))[0]!.n;
    expect(assigned).toBe(1);
  });

  it('sla.* events push live updates to open browsers (one ticket.changed notification each)', async () => {
    const sent: Wire[] = [];
    // the live-updates subscriber's pg_notify calls, observed on the way to the database
    const spy = new Proxy(t.db, {
      get(target, prop, recv) {
        const v = Reflect.get(target, prop, recv);
        if (prop !== 'query') return typeof v === 'function' ? v.bind(target) : v;
        return (sql: string, params?: unknown[]) => {
          if (sql.includes('pg_notify')) for (const m of (params?.[1] as string[]) ?? []) sent.push(JSON.parse(m));
          return target.query(sql, params as never);
        };
      },
    }) as Db;
    await syncSubscriptions(t.db, [slaEngine, liveUpdates]);
    const both = new Dispatcher(spy, [slaEngine, liveUpdates], t.clock, createLogger('silent'));
    const settle = async () => {
      while ((await both.runOnce(50)) > 0);
    };
    at('2026-04-06T08:00:00Z'); // Monday 09:00 Dublin (IST)
    const tk = await newTicket(t);
    await settle();
    at('2026-04-06T08:48:00Z');
    await fire();
    at('2026-04-06T09:00:01Z');
    await fire();
    await settle();
    const mine = sent.filter((m) => m.ticket_id === tk.id && String(m.event).startsWith('sla.'));
    expect(mine.map((m) => m.event)).toEqual(['sla.applied', 'sla.warning', 'sla.breached']);
    expect(mine[2]).toMatchObject({ type: 'ticket.changed', workspace_id: t.workspaceId, brand_id: tk.brand_id });
  });
});
