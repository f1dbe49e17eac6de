import { expect } from 'vitest';
import { Dispatcher, syncSubscriptions } from '../../src/platform/events/index.js';
import { createLogger } from '../../src/platform/logger.js';
import { ROUTING_SUBSCRIBERS } from '../../src/worker/subscribers/routing.js';
import type { TestApp } from '../helpers/test-app.js';
import type { Wire } from '../helpers/api-helpers.js';

/** A dispatcher with the routing subscriber only; `settle()` delivers until nothing is pending. */
export async function routingDispatcher(t: TestApp): Promise<{ settle(): Promise<number> }> {
  await syncSubscriptions(t.db, ROUTING_SUBSCRIBERS);
  const d = new Dispatcher(t.db, ROUTING_SUBSCRIBERS, t.clock, createLogger('silent'));
  return {
    async settle() {
      let total = 0;
      for (let i = 0; i < 50; i++) {
        const n = await d.runOnce(200);
        total += n;
        if (n === 0) break;
      }
      const dead = await t.db.query("SELECT last_error FROM event_deliveries WHERE subscriber = 'routing' AND (status = 'dead' OR last_error IS NOT NULL)");
      expect(dead, JSON.stringify(dead)).toEqual([]);
      return total;
    },
  };
}

export async function ok(res: { statusCode: number; body: string; json(): Wire }, status = 200): Promise<Wire> {
  expect(res.statusCode, res.body).toBe(status);
  return res.json();
}

/** Create n agents (keys prefix1..n), a team with them, and return their ids in id order. */
export async function teamWithAgents(t: TestApp, name: string, keys: string[]): Promise<{ teamId: string; agents: Array<{ id: string; token: string; key: string }> }> {
  const agents = [];
  for (const k of keys) {
    const u = t.users[k] ?? (await t.addUser(k, 'agent'));
    agents.push({ id: u.user.id, token: u.token, key: k });
  }
  const team = await ok(await t.api('POST', '/api/v1/teams', { name, member_ids: agents.map((a) => a.id) }), 201);
  agents.sort((a, b) => (a.id < b.id ? -1 : 1));
  return { teamId: team.id, agents };
}

export async function setPresence(t: TestApp, token: string, status: string): Promise<void> {
  await ok(await t.api('PUT', '/api/v1/routing/presence', { status }, { token }));
}
