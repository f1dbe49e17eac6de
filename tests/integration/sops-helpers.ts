import { expect } from 'vitest';
import { createLogger } from '../../src/platform/logger.js';
import type { DeliveredEvent } from '../../src/platform/events/index.js';
import { SOPS_SUBSCRIBERS } from '../../src/worker/subscribers/sops.js';
import type { Wire } from '../helpers/api-helpers.js';
import type { TestApp } from '../helpers/test-app.js';

/** Create an SOP from YAML and take its first version through submit → approve → launch (100%) → promote. */
export async function launchSop(t: TestApp, yaml: string): Promise<void> {
  const created = await t.api('POST', '/api/v1/sops', { yaml });
  expect(created.statusCode, created.body).toBe(201);
  const { version } = created.json();
  for (const action of ['submit', 'approve', 'launch', 'promote']) {
    const r = await t.api('POST', `/api/v1/sop_versions/${version.id}/transitions`, { action, ...(action === 'launch' ? { rollout: { percent: 100 } } : {}) });
    expect(r.statusCode, `${action}: ${r.body}`).toBe(200);
  }
}

/** Deliver `ticket.created` to the worker's `sops.start-runs` subscriber, as the dispatcher would (unattended runs). */
export async function deliverTicketCreated(t: TestApp, ticketId: string): Promise<void> {
  const sub = SOPS_SUBSCRIBERS.find((s) => s.name === 'sops.start-runs')!;
  const e: DeliveredEvent = {
    seq: 1, id: `evt_${ticketId}`, name: 'ticket.created', workspace_id: t.workspaceId, aggregate_type: 'ticket', aggregate_id: ticketId, ticket_id: ticketId,
    actor_type: 'user', actor_id: null, payload: {}, occurred_at: t.clock.now(),
  };
  await sub.handle(e, t.db, { clock: t.clock, log: createLogger('silent') });
}

/** The ticket's (first) SOP run, as the API shows it. */
export async function sopRunOf(t: TestApp, ticketId: string): Promise<Wire> {
  return (await t.api('GET', `/api/v1/tickets/${ticketId}/sop_runs`)).json().data[0];
}
