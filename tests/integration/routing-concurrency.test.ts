import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { newTicket } from '../helpers/api-helpers.js';
import { DB_KIND } from '../helpers/test-db.js';
import { drainTeams, routeForAgent, routeTicket } from '../../src/domain/routing/index.js';
import { ok, setPresence, teamWithAgents } from './routing-helpers.js';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => t?.close());

describe(`fair and safe under load (${DB_KIND})`, () => {
  it('concurrent drains of two teams sharing agents: nobody over capacity, no ticket assigned twice, load spread evenly', async () => {
    const keys = ['c1', 'c2', 'c3', 'c4'];
    const a = await teamWithAgents(t, 'Conc A', keys);
    const b = await ok(await t.api('POST', '/api/v1/teams', { name: 'Conc B', member_ids: a.agents.map((x) => x.id) }), 201);
    const teams = [a.teamId, b.id];
    await ok(await t.api('PATCH', `/api/v1/routing/teams/${a.teamId}`, { method: 'least_loaded' }));
    await ok(await t.api('PATCH', `/api/v1/routing/teams/${b.id}`, { method: 'round_robin' }));
    for (const ag of a.agents) await ok(await t.api('PATCH', `/api/v1/routing/agents/${ag.id}`, { capacity: { chat: 3, email: 5 } }));
    // Queue the tickets while nobody is online (no subscriber runs in this file: we drive routing directly).
    const tickets: string[] = [];
    for (let i = 0; i < 40; i++) {
      const tk = await newTicket(t, { team_id: teams[i % 2], channel: i % 4 === 0 ? 'email' : 'chat' });
      tickets.push(tk.id);
    }
    // enqueue them (what the subscriber does on ticket.created)
    for (const id of tickets) await routeTicket(t.db, t.clock, t.workspaceId, id);
    expect((await ok(await t.api('GET', '/api/v1/routing/queue'))).data).toHaveLength(40);
    for (const ag of a.agents) await setPresence(t, ag.token, 'online');
    // 8 drains at once (4 per team) plus 4 agent-triggered drains, all racing.
    const runs = [
      ...Array.from({ length: 8 }, (_, i) => drainTeams(t.db, t.clock, t.workspaceId, [teams[i % 2]])),
      ...a.agents.map((ag) => routeForAgent(t.db, t.clock, t.workspaceId, ag.id)),
    ];
    const results = (await Promise.all(runs)).flat();
    // every ticket routed at most once, by exactly one drain
    const routedIds = results.map((r) => r.ticket_id);
    expect(new Set(routedIds).size).toBe(routedIds.length);
    // 4 agents × (3 chat + 5 email); the load is 30 chat + 10 email → 12 chat + 10 email can be placed
    const rows = await t.db.query<{ assignee_id: string; channel: string; n: number }>(
      `SELECT assignee_id, channel, count(*)::int AS n FROM tickets WHERE id = ANY($1::text[]) AND assignee_id IS NOT NULL GROUP BY 1, 2`,
      [tickets],
    );
    for (const r of rows) expect(r.n).toBeLessThanOrEqual(r.channel === 'chat' ? 3 : 5);
    const chat = rows.filter((r) => r.channel === 'chat');
    expect(chat.reduce((s, r) => s + r.n, 0)).toBe(12);
    expect(chat.map((r) => r.n)).toEqual([3, 3, 3, 3]); // fair: every agent filled, none over
    expect(rows.filter((r) => r.channel === 'email').reduce((s, r) => s + r.n, 0)).toBe(10);
    expect(routedIds.length).toBe(22);
    // one ticket.assigned event per routed ticket, never two
    const assigned = await t.db.query<{ ticket_id: string; n: number }>(
      "SELECT ticket_id, count(*)::int AS n FROM events WHERE name = 'ticket.assigned' AND ticket_id = ANY($1::text[]) GROUP BY 1",
      [tickets],
    );
    expect(assigned.every((r) => r.n === 1)).toBe(true);
    expect(assigned).toHaveLength(22);
    // the rest still wait, nothing lost
    expect((await ok(await t.api('GET', '/api/v1/routing/queue'))).data).toHaveLength(18);
  });

  it('spreads a burst evenly by round-robin (each agent within one of the others)', async () => {
    const r = await teamWithAgents(t, 'Burst', ['b1', 'b2', 'b3']);
    await ok(await t.api('PATCH', `/api/v1/routing/teams/${r.teamId}`, { method: 'round_robin' }));
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) ids.push((await newTicket(t, { team_id: r.teamId, channel: 'email' })).id);
    for (const id of ids) await routeTicket(t.db, t.clock, t.workspaceId, id);
    for (const ag of r.agents) await setPresence(t, ag.token, 'online');
    await Promise.all([1, 2, 3].map(() => drainTeams(t.db, t.clock, t.workspaceId, [r.teamId])));
    const rows = await t.db.query<{ n: number }>('SELECT count(*)::int AS n FROM tickets WHERE id = ANY($1::text[]) GROUP BY assignee_id', [ids]);
    const counts = rows.map((x) => x.n).sort();
    expect(counts).toEqual([6, 7, 7]);
  });
});
