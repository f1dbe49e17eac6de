import { expect } from 'vitest';
import { subscriberDispatcher } from '../helpers/dispatcher.js';
import { ROUTING_SUBSCRIBERS } from '../../src/worker/subscribers/routing.js';
import type { TestApp } from '../helpers/test-app.js';
import type { Wire } from '../helpers/api-helpers.js';

/** A dispatcher with the routing subscriber only; `settle()` delivers until nothing is pending. */
export const routingDispatcher = (t: TestApp) => subscriberDispatcher(t, ROUTING_SUBSCRIBERS);

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
