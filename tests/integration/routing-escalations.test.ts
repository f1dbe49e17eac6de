import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { eventsOf, expectProblem, newTicket } from '../helpers/api-helpers.js';
import { ok, routingDispatcher } from './routing-helpers.js';
import { recordChange, systemActor } from '../../src/domain/kernel/index.js';
import { fireOverdueEscalations } from '../../src/domain/escalations/index.js';

let t: TestApp;
let settle: () => Promise<number>;
let engTeam: string;
let legalTeam: string;
let eng: { id: string; token: string };
let eng2: { id: string; token: string };
let agent: { id: string; token: string };
beforeAll(async () => {
  t = await createTestApp();
  settle = (await routingDispatcher(t)).settle;
  const e1 = await t.addUser('eng1', 'collaborator');
  const e2 = await t.addUser('eng2', 'collaborator');
  const a = await t.addUser('owner1', 'agent');
  eng = { id: e1.user.id, token: e1.token };
  eng2 = { id: e2.user.id, token: e2.token };
  agent = { id: a.user.id, token: a.token };
  engTeam = (await ok(await t.api('POST', '/api/v1/teams', { name: 'Engineering', member_ids: [eng.id, eng2.id] }), 201)).id;
  legalTeam = (await ok(await t.api('POST', '/api/v1/teams', { name: 'Legal' }), 201)).id;
  await ok(await t.api('PUT', `/api/v1/escalation_targets/${engTeam}`, {
    kind: 'engineering', response_minutes: 120, resolution_minutes: 2880,
    required_fields: [
      { key: 'steps', label: 'Steps to reproduce', type: 'text' },
      { key: 'app_version', label: 'App version', type: 'text' },
      { key: 'severity', label: 'Severity', type: 'select', options: ['s1', 's2', 's3'] },
    ],
  }));
  await ok(await t.api('PUT', `/api/v1/escalation_targets/${legalTeam}`, { kind: 'legal', required_fields: [{ key: 'matter_url', label: 'Matter', type: 'url' }] }));
});
afterAll(async () => t?.close());

describe('escalation', () => {
  it('refuses missing or invalid required fields, listing each, and writes nothing', async () => {
    const tk = await newTicket(t, { assignee_id: agent.id });
    const p = expectProblem(await t.api('POST', `/api/v1/tickets/${tk.id}/escalations`, { team_id: engTeam, reason: 'Crash on upload', fields: { steps: 'x', severity: 's9', extra: 1 } }, { token: agent.token }), 422, 'ESCALATION_FIELDS_INVALID');
    expect(p.errors.map((e: { path: string }) => e.path).sort()).toEqual(['fields.app_version', 'fields.extra', 'fields.severity']);
    expectProblem(await t.api('POST', `/api/v1/tickets/${tk.id}/escalations`, { team_id: legalTeam, reason: 'GDPR', fields: { matter_url: 'not a url' } }, { token: agent.token }), 422, 'ESCALATION_FIELDS_INVALID');
    expectProblem(await t.api('POST', `/api/v1/tickets/${tk.id}/escalations`, { team_id: engTeam, reason: ' ', fields: {} }, { token: agent.token }), 422, 'ESCALATION_REASON_REQUIRED');
    expectProblem(await t.api('POST', `/api/v1/tickets/${tk.id}/escalations`, { team_id: t.payments.id, reason: 'money' }, { token: agent.token }), 404, 'ESCALATION_TARGET_NOT_FOUND');
    expectProblem(await t.api('POST', `/api/v1/tickets/${tk.id}/escalations`, { team_id: engTeam, reason: 'x', bogus: 1 }, { token: agent.token }), 400, 'VALIDATION_FAILED');
    expectProblem(await t.api('PUT', `/api/v1/escalation_targets/${legalTeam}`, { kind: 'legal', required_fields: [{ key: 'Bad Key', label: 'x', type: 'text' }] }), 422, 'INVALID_FIELD_KEY');
    expectProblem(await t.api('PUT', `/api/v1/escalation_targets/${legalTeam}`, { kind: 'legal' }, { token: agent.token }), 403, 'FORBIDDEN');
    expect((await ok(await t.api('GET', `/api/v1/escalations?ticket_id=${tk.id}`))).data).toEqual([]);
    // the collaborators got no share
    expectProblem(await t.api('GET', `/api/v1/tickets/${tk.id}`, undefined, { token: eng.token }), 404, 'TICKET_NOT_FOUND');
  });

  it('escalates with the target team\'s SLA; owner keeps the ticket; collaborators see only the shared case and answer with notes', async () => {
    const tk = await newTicket(t, { assignee_id: agent.id, subject: 'Upload crashes' });
    const other = await newTicket(t, { assignee_id: agent.id, subject: 'Unrelated' });
    const esc = await ok(await t.api('POST', `/api/v1/tickets/${tk.id}/escalations`, {
      team_id: engTeam, reason: 'Crash on upload, reproducible', fields: { steps: '1. upload 2GB', app_version: '4.2.0', severity: 's2' }, collaborator_ids: [eng.id],
    }, { token: agent.token }), 201);
    expect(esc).toMatchObject({
      status: 'open', owner_id: agent.id, shared_with: [eng.id], created_by: agent.id,
      response_due_at: '2026-03-02T11:00:00.000Z', resolution_due_at: '2026-03-04T09:00:00.000Z',
    });
    // ownership unchanged
    const after = await ok(await t.api('GET', `/api/v1/tickets/${tk.id}`));
    expect(after).toMatchObject({ assignee_id: agent.id, team_id: null });
    // the event carries the target team's clock for the SLA module
    const ev = (await eventsOf(t, tk.id)).find((e) => e.name === 'escalation.created')!;
    expect(ev.payload).toMatchObject({ team_id: engTeam, kind: 'engineering', sla: { response_minutes: 120, resolution_minutes: 2880 } });
    // eng sees this case, not the other; eng2 (not shared) sees nothing
    await ok(await t.api('GET', `/api/v1/tickets/${tk.id}`, undefined, { token: eng.token }));
    expectProblem(await t.api('GET', `/api/v1/tickets/${other.id}`, undefined, { token: eng.token }), 404, 'TICKET_NOT_FOUND');
    expectProblem(await t.api('GET', `/api/v1/tickets/${tk.id}`, undefined, { token: eng2.token }), 404, 'TICKET_NOT_FOUND');
    const engList = (await ok(await t.api('GET', '/api/v1/escalations', undefined, { token: eng.token }))).data;
    expect(engList.map((e: { id: string }) => e.id)).toEqual([esc.id]);
    expect((await ok(await t.api('GET', '/api/v1/escalations', undefined, { token: eng2.token }))).data).toEqual([]);
    const listed = (await ok(await t.api('GET', '/api/v1/tickets?limit=100', undefined, { token: eng.token }))).data;
    expect(listed.map((x: { id: string }) => x.id)).toEqual([tk.id]);
    // collaborators answer with internal notes only
    expectProblem(await t.api('POST', `/api/v1/tickets/${tk.id}/messages`, { body: 'hi customer', public: true }, { token: eng.token }), 403, 'PUBLIC_REPLY_FORBIDDEN');
    t.clock.advance(90 * 60_000);
    await ok(await t.api('POST', `/api/v1/tickets/${tk.id}/messages`, { body: 'Fixed in 4.2.1', public: false }, { token: eng.token }), 201);
    await settle();
    const answered = (await ok(await t.api('GET', `/api/v1/escalations?ticket_id=${tk.id}`))).data[0];
    expect(answered).toMatchObject({ status: 'answered', answered_at: '2026-03-02T10:30:00.000Z' });
    const ansEv = (await eventsOf(t, tk.id)).find((e) => e.name === 'escalation.answered')!;
    expect(ansEv.payload).toMatchObject({ response_breached: false, by: eng.id });
    // a second open escalation to the same team is refused; resolving closes it
    expectProblem(await t.api('POST', `/api/v1/tickets/${tk.id}/escalations`, { team_id: engTeam, reason: 'again', fields: { steps: 'a', app_version: '1', severity: 's3' } }, { token: agent.token }), 409, 'ALREADY_ESCALATED');
    expectProblem(await t.api('POST', `/api/v1/escalations/${esc.id}/close`, { outcome: 'cancelled' }, { token: eng.token }), 409, 'CANNOT_CANCEL');
    const done = await ok(await t.api('POST', `/api/v1/escalations/${esc.id}/close`, { outcome: 'resolved', note: 'shipped' }, { token: eng.token }));
    expect(done).toMatchObject({ status: 'resolved', resolved_at: '2026-03-02T10:30:00.000Z' });
    expectProblem(await t.api('POST', `/api/v1/escalations/${esc.id}/close`, {}, { token: agent.token }), 409, 'ESCALATION_CLOSED');
    // eng2 cannot touch an escalation it cannot see
    expectProblem(await t.api('POST', `/api/v1/escalations/${esc.id}/close`, {}, { token: eng2.token }), 404, 'ESCALATION_NOT_FOUND');
  });

  it('shares with every collaborator of the team by default and refuses outsiders', async () => {
    const tk = await newTicket(t, { assignee_id: agent.id });
    const outsider = await t.addUser('legal1', 'collaborator');
    expectProblem(await t.api('POST', `/api/v1/tickets/${tk.id}/escalations`, {
      team_id: engTeam, reason: 'Bug', fields: { steps: 's', app_version: '1', severity: 's1' }, collaborator_ids: [outsider.user.id],
    }), 422, 'NOT_A_TEAM_COLLABORATOR');
    const esc = await ok(await t.api('POST', `/api/v1/tickets/${tk.id}/escalations`, { team_id: engTeam, reason: 'Bug', fields: { steps: 's', app_version: '1', severity: 's1' } }), 201);
    expect([...esc.shared_with].sort()).toEqual([eng.id, eng2.id].sort());
    await ok(await t.api('GET', `/api/v1/tickets/${tk.id}`, undefined, { token: eng2.token }));
  });

  it('the target team\'s own clocks fire once when missed: escalation.overdue + an internal note for the owner', async () => {
    const tk = await newTicket(t, { assignee_id: agent.id });
    const answered = await newTicket(t, { assignee_id: agent.id });
    const fields = { steps: 's', app_version: '1', severity: 's2' };
    const esc = await ok(await t.api('POST', `/api/v1/tickets/${tk.id}/escalations`, { team_id: engTeam, reason: 'Crash', fields }, { token: agent.token }), 201);
    await ok(await t.api('POST', `/api/v1/tickets/${answered.id}/escalations`, { team_id: engTeam, reason: 'Crash too', fields }, { token: agent.token }), 201);
    t.clock.advance(60 * 60_000);
    await ok(await t.api('POST', `/api/v1/tickets/${answered.id}/messages`, { body: 'Looking', public: false }, { token: eng.token }), 201);
    await settle();
    const overdue = async (id: string) => (await eventsOf(t, id)).filter((e) => e.name === 'escalation.overdue').map((e) => e.payload.clock);
    // 119 min: nothing is due yet
    t.clock.advance(59 * 60_000);
    await fireOverdueEscalations(t.db, t.clock);
    expect(await overdue(tk.id)).toEqual([]);
    // 121 min: the unanswered one misses its response time, once however often the job runs
    t.clock.advance(2 * 60_000);
    await Promise.all([fireOverdueEscalations(t.db, t.clock), fireOverdueEscalations(t.db, t.clock)]);
    await fireOverdueEscalations(t.db, t.clock);
    expect(await overdue(tk.id)).toEqual(['response']);
    expect(await overdue(answered.id)).toEqual([]);
    const ev = (await eventsOf(t, tk.id)).find((e) => e.name === 'escalation.overdue')!;
    expect(ev.payload).toMatchObject({ escalation_id: esc.id, team_id: engTeam, due_at: esc.response_due_at, owner_id: agent.id });
    const notes = (await ok(await t.api('GET', `/api/v1/tickets/${tk.id}/messages`))).data.filter((m: { body: string }) => m.body.startsWith('Escalation to Engineering'));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ public: false });
    expect(notes[0].body).toContain('not answered in time');
    // resolution (2 days): both miss it, once each; a resolved escalation never does
    t.clock.advance(2 * 24 * 60 * 60_000);
    await fireOverdueEscalations(t.db, t.clock);
    await fireOverdueEscalations(t.db, t.clock);
    expect(await overdue(tk.id)).toEqual(['response', 'resolution']);
    expect(await overdue(answered.id)).toEqual(['resolution']);
  });

  it('an SLA breach action (sla.escalation_requested) opens an automatic escalation without the human-only fields', async () => {
    const tk = await newTicket(t, { assignee_id: agent.id });
    const request = () => t.as(systemActor(t.workspaceId), (ctx) => recordChange(ctx, {
      event: 'sla.escalation_requested', aggregateType: 'ticket', aggregateId: tk.id, ticketId: tk.id,
      payload: { team_id: engTeam, reason: 'VIP waiting', metric: 'first_reply' },
    }));
    await request();
    await settle();
    await request(); // delivered again / requested twice: still one escalation
    await settle();
    const list = (await ok(await t.api('GET', `/api/v1/escalations?ticket_id=${tk.id}`))).data;
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ team_id: engTeam, reason: 'VIP waiting', owner_id: agent.id, created_by: null, fields: {} });
    const ev = (await eventsOf(t, tk.id)).find((e) => e.name === 'escalation.created')!;
    expect(ev.payload).toMatchObject({ automatic: true, fields_missing: ['steps', 'app_version', 'severity'] });
    // a team that takes no escalations: nothing happens
    const other = await newTicket(t);
    await t.as(systemActor(t.workspaceId), (ctx) => recordChange(ctx, {
      event: 'sla.escalation_requested', aggregateType: 'ticket', aggregateId: other.id, ticketId: other.id, payload: { team_id: t.payments.id, reason: 'x' },
    }));
    await settle();
    expect((await ok(await t.api('GET', `/api/v1/escalations?ticket_id=${other.id}`))).data).toEqual([]);
  });

  it('counts the target team\'s clock in the business hours of its calendar', async () => {
    const ops = (await ok(await t.api('POST', '/api/v1/teams', { name: 'Ops', member_ids: [] }), 201)).id;
    await ok(await t.api('PUT', `/api/v1/escalation_targets/${ops}`, { kind: 'ops', response_minutes: 120, resolution_minutes: 480 }));
    const nine2five = [{ start: '09:00', end: '17:00' }];
    await ok(await t.api('POST', '/api/v1/calendars', {
      name: 'Ops hours', scope_type: 'team', scope_id: ops, time_zone: 'UTC', week: { mon: nine2five, tue: nine2five, wed: nine2five, thu: nine2five, fri: nine2five },
    }), 201);
    t.clock.set('2026-03-13T16:00:00Z'); // Friday, one hour before closing
    const tk = await newTicket(t, { assignee_id: agent.id });
    const esc = await ok(await t.api('POST', `/api/v1/tickets/${tk.id}/escalations`, { team_id: ops, reason: 'Disk full on payouts host' }, { token: agent.token }), 201);
    // 2 business hours: 1 on Friday, 1 on Monday; 8: 1 on Friday, 7 on Monday
    expect(esc).toMatchObject({ response_due_at: '2026-03-16T10:00:00.000Z', resolution_due_at: '2026-03-16T16:00:00.000Z' });
    const ev = (await eventsOf(t, tk.id)).find((e) => e.name === 'escalation.created')!;
    expect(ev.payload.sla).toMatchObject({ business: true, response_due_at: '2026-03-16T10:00:00.000Z' });
  });
});
