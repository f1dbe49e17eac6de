import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { eventsOf, expectProblem, newTicket, patchTicket } from '../helpers/api-helpers.js';
import { ok, routingDispatcher, setPresence, teamWithAgents } from './routing-helpers.js';
import { sweepRoutingQueues } from '../../src/domain/routing/index.js';

let t: TestApp;
let settle: () => Promise<number>;
beforeAll(async () => {
  t = await createTestApp();
  settle = (await routingDispatcher(t)).settle;
});
afterAll(async () => t?.close());

const assigneeOf = async (id: string) => (await ok(await t.api('GET', `/api/v1/tickets/${id}`))).assignee_id;

describe('round-robin', () => {
  it('hands new tickets to online agents in turn and writes ticket.assigned + routing.ticket_routed', async () => {
    const { teamId, agents } = await teamWithAgents(t, 'RR team', ['rr1', 'rr2', 'rr3']);
    await ok(await t.api('PATCH', `/api/v1/routing/teams/${teamId}`, { method: 'round_robin' }));
    for (const a of agents) await setPresence(t, a.token, 'online');
    await settle();
    const ids: string[] = [];
    for (let i = 0; i < 7; i++) {
      ids.push((await newTicket(t, { team_id: teamId, channel: 'email' })).id);
      await settle();
    }
    const got = await Promise.all(ids.map(assigneeOf));
    const order = agents.map((a) => a.id);
    expect(got).toEqual([0, 1, 2, 0, 1, 2, 0].map((i) => order[i]));
    const ev = await eventsOf(t, ids[0]);
    expect(ev.map((e) => e.name)).toEqual(expect.arrayContaining(['ticket.assigned', 'routing.ticket_routed']));
    const routed = ev.find((e) => e.name === 'routing.ticket_routed')!;
    expect(routed.payload).toMatchObject({ method: 'round_robin', assignee_id: order[0], fallback: false });
    // assignment opened the ticket (tickets module rule)
    expect((await ok(await t.api('GET', `/api/v1/tickets/${ids[0]}`))).status).toBe('open');
  });

  it('skips away/offline agents and never routes on a manual team', async () => {
    const { teamId, agents } = await teamWithAgents(t, 'RR presence', ['rp1', 'rp2']);
    await ok(await t.api('PATCH', `/api/v1/routing/teams/${teamId}`, { method: 'round_robin' }));
    await setPresence(t, agents[0].token, 'online');
    await setPresence(t, agents[1].token, 'away');
    const a = await newTicket(t, { team_id: teamId });
    const b = await newTicket(t, { team_id: teamId });
    await settle();
    expect(await assigneeOf(a.id)).toBe(agents[0].id);
    expect(await assigneeOf(b.id)).toBe(agents[0].id);
    await ok(await t.api('PATCH', `/api/v1/routing/teams/${teamId}`, { method: 'manual' }));
    const c = await newTicket(t, { team_id: teamId });
    await settle();
    expect(await assigneeOf(c.id)).toBeNull();
    expect((await ok(await t.api('GET', `/api/v1/routing/queue?team_id=${teamId}`))).data).toEqual([]);
  });
});

describe('least-loaded with capacity per channel', () => {
  it('prefers the agent with the lowest share of the channel capacity; chat and email are counted apart', async () => {
    const { teamId, agents } = await teamWithAgents(t, 'LL team', ['ll1', 'll2']);
    const [a, b] = agents;
    await ok(await t.api('PATCH', `/api/v1/routing/agents/${a.id}`, { capacity: { chat: 2, email: 10 } }));
    await ok(await t.api('PATCH', `/api/v1/routing/agents/${b.id}`, { capacity: { chat: 1, email: 10 } }));
    await ok(await t.api('PATCH', `/api/v1/routing/teams/${teamId}`, { method: 'least_loaded' }));
    await setPresence(t, a.token, 'online');
    await setPresence(t, b.token, 'online');
    await settle();
    const chats = [];
    for (let i = 0; i < 4; i++) chats.push((await newTicket(t, { team_id: teamId, channel: 'chat' })).id);
    await settle();
    const got = await Promise.all(chats.map(assigneeOf));
    // 3 chat slots in all: a gets 2, b gets 1, the 4th waits in the queue
    expect(got.filter((x) => x === a.id)).toHaveLength(2);
    expect(got.filter((x) => x === b.id)).toHaveLength(1);
    expect(got.filter((x) => x === null)).toHaveLength(1);
    const queue = (await ok(await t.api('GET', `/api/v1/routing/queue?team_id=${teamId}`))).data;
    expect(queue.map((q: { ticket_id: string }) => q.ticket_id)).toEqual([chats[got.indexOf(null)]]);
    // email is a separate capacity: both still take email
    const mail = await newTicket(t, { team_id: teamId, channel: 'email' });
    await settle();
    expect([a.id, b.id]).toContain(await assigneeOf(mail.id));
    // solving a chat frees a slot → the waiting chat goes to that agent
    const freed = chats[got.indexOf(b.id)];
    await patchTicket(t, freed, { status: 'solved' });
    await settle();
    expect(await assigneeOf(chats[got.indexOf(null)])).toBe(b.id);
    const agentsNow = (await ok(await t.api('GET', `/api/v1/routing/agents?team_id=${teamId}`))).data;
    for (const row of agentsNow) expect(row.load.chat ?? 0).toBeLessThanOrEqual(row.capacity.chat);
  });

  it('validates capacity and settings with problems', async () => {
    const u = await t.addUser('llbad', 'agent');
    expectProblem(await t.api('PATCH', `/api/v1/routing/agents/${u.user.id}`, { capacity: { fax: 2 } }), 400, 'VALIDATION_FAILED');
    expectProblem(await t.api('PATCH', `/api/v1/routing/agents/${u.user.id}`, { capacity: { chat: -1 } }), 400, 'VALIDATION_FAILED');
    expectProblem(await t.api('PATCH', `/api/v1/routing/agents/${u.user.id}`, { skills: ['shoe-size:9'] }), 422, 'INVALID_SKILL');
    expectProblem(await t.api('PATCH', `/api/v1/routing/teams/${t.payments.id}`, { method: 'random' }), 400, 'VALIDATION_FAILED');
    expectProblem(await t.api('PATCH', '/api/v1/routing/teams/team_nope', { method: 'round_robin' }), 404, 'TEAM_NOT_FOUND');
    expectProblem(await t.api('PATCH', `/api/v1/routing/agents/${u.user.id}`, { skills: ['language:de'] }, { token: u.token }), 403, 'FORBIDDEN');
    expectProblem(await t.api('PUT', '/api/v1/routing/presence', { status: 'busy' }, { token: u.token }), 400, 'VALIDATION_FAILED');
    expectProblem(await t.api('PUT', '/api/v1/routing/presence', { status: 'online', user_id: t.admin.id }, { token: u.token }), 403, 'FORBIDDEN');
  });
});

describe('skills with fall-back after the wait', () => {
  it('waits for a skilled agent, then falls back to any online agent once the wait is over', async () => {
    const { teamId, agents } = await teamWithAgents(t, 'Skills team', ['sk1', 'sk2']);
    const [de, en] = agents;
    await ok(await t.api('PATCH', `/api/v1/routing/agents/${de.id}`, { skills: ['Language:DE', 'market:de'] }));
    await ok(await t.api('PATCH', `/api/v1/routing/agents/${en.id}`, { skills: ['language:en'] }));
    await ok(await t.api('PATCH', `/api/v1/routing/teams/${teamId}`, { method: 'round_robin', skill_fallback_seconds: 600 }));
    await setPresence(t, en.token, 'online'); // the German speaker is offline
    await settle();
    const german = await newTicket(t, { team_id: teamId, language: 'de-AT', country: 'DE' });
    const english = await newTicket(t, { team_id: teamId, language: 'en' });
    await settle();
    expect(await assigneeOf(english.id)).toBe(en.id);
    expect(await assigneeOf(german.id)).toBeNull();
    const q = (await ok(await t.api('GET', `/api/v1/routing/queue?team_id=${teamId}`))).data;
    expect(q[0]).toMatchObject({ ticket_id: german.id, skills: ['language:de', 'market:DE'] });
    // the queue respects brand scope: an agent limited to the other brand does not see it
    const other = await t.addUser('sk_brandB', 'agent', { brandIds: [t.brandB.id] });
    expect((await ok(await t.api('GET', `/api/v1/routing/queue?team_id=${teamId}`, undefined, { token: other.token }))).data).toEqual([]);
    // before the wait ends, the sweep changes nothing
    t.clock.advance(599_000);
    expect(await sweepRoutingQueues(t.db, t.clock)).toEqual([]);
    t.clock.advance(1_000);
    const routed = await sweepRoutingQueues(t.db, t.clock);
    expect(routed).toEqual([{ ticket_id: german.id, assignee_id: en.id, fallback: true }]);
    await settle();
    const ev = (await eventsOf(t, german.id)).find((e) => e.name === 'routing.ticket_routed')!;
    expect(ev.payload).toMatchObject({ fallback: true, waited_seconds: 600 });
  });

  it('gives the skilled agent the ticket when they come online within the wait', async () => {
    const { teamId, agents } = await teamWithAgents(t, 'Skills team 2', ['sk3', 'sk4']);
    const [fr, other] = agents;
    await ok(await t.api('PATCH', `/api/v1/routing/agents/${fr.id}`, { skills: ['language:fr', 'product:payouts'] }));
    await ok(await t.api('PATCH', `/api/v1/routing/teams/${teamId}`, { method: 'least_loaded', skill_fallback_seconds: 300 }));
    await setPresence(t, other.token, 'online');
    const tk = await newTicket(t, { team_id: teamId, language: 'fr', tags: ['product:payouts'] });
    await settle();
    expect(await assigneeOf(tk.id)).toBeNull();
    t.clock.advance(60_000);
    await setPresence(t, fr.token, 'online');
    await settle();
    expect(await assigneeOf(tk.id)).toBe(fr.id);
  });
});

describe('presence and manual override', () => {
  it('reports presence and answers "is any agent online" per brand/team/channel', async () => {
    const { teamId, agents } = await teamWithAgents(t, 'Presence team', ['pr1']);
    const u = await t.addUser('brandonly', 'agent', { brandIds: [t.brandB.id] });
    await ok(await t.api('PATCH', `/api/v1/teams/${teamId}`, { member_ids: [agents[0].id, u.user.id] }));
    expect((await ok(await t.api('GET', `/api/v1/routing/online?team_id=${teamId}`))).online).toBe(false);
    await setPresence(t, u.token, 'online');
    expect((await ok(await t.api('GET', '/api/v1/routing/presence', undefined, { token: u.token }))).status).toBe('online');
    expect((await ok(await t.api('GET', `/api/v1/routing/online?team_id=${teamId}&brand_id=${t.brandB.id}`))).online).toBe(true);
    expect((await ok(await t.api('GET', `/api/v1/routing/online?team_id=${teamId}&brand_id=${t.brandA.id}`))).online).toBe(false);
    await ok(await t.api('PATCH', `/api/v1/routing/agents/${u.user.id}`, { capacity: { chat: 0 } }));
    expect((await ok(await t.api('GET', `/api/v1/routing/online?team_id=${teamId}&channel=chat`))).online).toBe(false);
    expect((await ok(await t.api('GET', `/api/v1/routing/online?team_id=${teamId}&channel=email`))).online).toBe(true);
    // a supervisor can set someone else's presence; the change is an event with from/to
    await ok(await t.api('PUT', '/api/v1/routing/presence', { status: 'offline', user_id: u.user.id }));
    const ev = await t.db.query<{ payload: { from: string; to: string } }>("SELECT payload FROM events WHERE name = 'routing.presence_changed' AND aggregate_id = $1 ORDER BY seq", [u.user.id]);
    expect(ev.map((e) => `${e.payload.from}>${e.payload.to}`)).toEqual(['offline>online', 'online>offline']);
  });

  it('a manual assignment takes the ticket out of the queue, even to an offline agent over capacity', async () => {
    const { teamId, agents } = await teamWithAgents(t, 'Override team', ['ov1']);
    await ok(await t.api('PATCH', `/api/v1/routing/agents/${agents[0].id}`, { capacity: { '*': 0 } }));
    await ok(await t.api('PATCH', `/api/v1/routing/teams/${teamId}`, { method: 'round_robin' }));
    await setPresence(t, agents[0].token, 'online');
    const tk = await newTicket(t, { team_id: teamId });
    await settle();
    expect(await assigneeOf(tk.id)).toBeNull(); // no capacity
    expect((await ok(await t.api('GET', `/api/v1/routing/queue?team_id=${teamId}`))).data).toHaveLength(1);
    await patchTicket(t, tk.id, { assignee_id: agents[0].id });
    await settle();
    expect(await assigneeOf(tk.id)).toBe(agents[0].id);
    expect((await ok(await t.api('GET', `/api/v1/routing/queue?team_id=${teamId}`))).data).toEqual([]);
    // unassigning puts it back in the queue
    await patchTicket(t, tk.id, { assignee_id: null });
    await settle();
    expect((await ok(await t.api('GET', `/api/v1/routing/queue?team_id=${teamId}`))).data).toHaveLength(1);
  });

  it('moving a ticket to an auto-routed team routes it there', async () => {
    const { teamId, agents } = await teamWithAgents(t, 'Move target', ['mv1']);
    await ok(await t.api('PATCH', `/api/v1/routing/teams/${teamId}`, { method: 'round_robin' }));
    await setPresence(t, agents[0].token, 'online');
    const tk = await newTicket(t, {});
    await settle();
    expect(await assigneeOf(tk.id)).toBeNull();
    await patchTicket(t, tk.id, { team_id: teamId });
    await settle();
    expect(await assigneeOf(tk.id)).toBe(agents[0].id);
  });

  it('the sweep queues auto-routed tickets that missed their event (self-healing)', async () => {
    const { teamId, agents } = await teamWithAgents(t, 'Heal team', ['hl1']);
    const tk = await newTicket(t, { team_id: teamId }); // team still manual: not queued
    await settle();
    // switch the team to round-robin behind the subscriber's back (no event delivered)
    await t.db.query("INSERT INTO team_routing (team_id, workspace_id, method, updated_at) VALUES ($1, $2, 'round_robin', now())", [teamId, t.workspaceId]);
    await t.db.query("INSERT INTO agent_presence (user_id, workspace_id, status, changed_at) VALUES ($1, $2, 'online', now())", [agents[0].id, t.workspaceId]);
    expect(await assigneeOf(tk.id)).toBeNull();
    const routed = await sweepRoutingQueues(t.db, t.clock);
    expect(routed).toEqual([{ ticket_id: tk.id, assignee_id: agents[0].id, fallback: false }]);
    expect(await assigneeOf(tk.id)).toBe(agents[0].id);
  });
});

