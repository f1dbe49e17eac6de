import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runAutomations } from '../../src/domain/automations/index.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { expectProblem, newTicket, patchTicket } from '../helpers/api-helpers.js';
import { automationsDispatcher } from './automations-helpers.js';

let t: TestApp;
let settle: () => Promise<number>;
beforeAll(async () => {
  t = await createTestApp();
  settle = (await automationsDispatcher(t)).settle;
});
afterAll(() => t?.close());

const restrict = async (customerId: string) =>
  expect((await t.api('POST', `/api/v1/compliance/customers/${customerId}/restriction`, { reason: 'accuracy contested (Art. 18(1)(a))' })).statusCode).toBe(204);
const tagsOf = async (id: string) => (await t.api('GET', `/api/v1/tickets/${id}`)).json().tags as string[];

describe('GDPR Art. 18: restricted customers are excluded from automations', () => {
  it('triggers skip tickets of a restricted requester, and run again once the restriction is lifted', async () => {
    const r = await t.api('POST', '/api/v1/triggers', {
      name: 'Tag every new ticket', on_events: ['ticket.created', 'ticket.status_changed'], conditions: { all: [], any: [] }, actions: [{ type: 'add_tags', value: ['triaged'] }],
    });
    expect(r.statusCode, r.body).toBe(201);
    const first = await newTicket(t, { requester: { email: 'restricted.trigger@example.com' } });
    const free = await newTicket(t, { requester: { email: 'free.trigger@example.com' } });
    await settle();
    expect(await tagsOf(first.id)).toContain('triaged');
    await restrict(first.requester_id);
    const second = await newTicket(t, { requester: { email: 'restricted.trigger@example.com' } });
    const free2 = await newTicket(t, { requester: { email: 'free.trigger@example.com' } });
    await settle();
    expect(second.requester_id).toBe(first.requester_id);
    expect(await tagsOf(second.id)).not.toContain('triaged');
    expect(await tagsOf(free2.id)).toContain('triaged');
    expect(await tagsOf(free.id)).toContain('triaged');
    const firings = await t.db.query('SELECT 1 FROM automation_firings WHERE ticket_id = $1', [second.id]);
    expect(firings).toHaveLength(0);

    expect((await t.api('POST', `/api/v1/compliance/customers/${first.requester_id}/restriction/lift`, { notice_sent: true })).statusCode).toBe(204);
    await patchTicket(t, second.id, { status: 'open' });
    await settle();
    expect(await tagsOf(second.id)).toContain('triaged');
    await t.api('DELETE', `/api/v1/triggers/${r.json().id}`);
  });

  it('time-based automations leave a restricted requester\'s tickets alone', async () => {
    const r = await t.api('POST', '/api/v1/automations', {
      name: 'Nudge after 48 h pending', conditions: { all: [{ field: 'status', op: 'is', value: 'pending' }, { field: 'hours_in_status', op: 'gte', value: 48 }], any: [] },
      actions: [{ type: 'add_tags', value: ['nudged'] }],
    });
    expect(r.statusCode, r.body).toBe(201);
    const kept = await newTicket(t, { requester: { email: 'restricted.time@example.com' } });
    const other = await newTicket(t, { requester: { email: 'free.time@example.com' } });
    await patchTicket(t, kept.id, { status: 'pending' });
    await patchTicket(t, other.id, { status: 'pending' });
    await restrict(kept.requester_id);
    t.clock.advance(49 * 3600_000);
    await runAutomations(t.db, t.clock);
    expect(await tagsOf(other.id)).toContain('nudged');
    expect(await tagsOf(kept.id)).not.toContain('nudged');
    await t.api('DELETE', `/api/v1/automations/${r.json().id}`);
  });

  it('macros are refused for a restricted requester with a stable code', async () => {
    const m = await t.api('POST', '/api/v1/macros', { name: 'Close politely', actions: [{ type: 'add_tags', value: ['macro_used'] }] });
    expect(m.statusCode, m.body).toBe(201);
    const tk = await newTicket(t, { requester: { email: 'restricted.macro@example.com' } });
    await restrict(tk.requester_id);
    expectProblem(await t.api('POST', `/api/v1/tickets/${tk.id}/macros/${m.json().id}/apply`, {}), 409, 'PROCESSING_RESTRICTED');
    expect(await tagsOf(tk.id)).not.toContain('macro_used');
    const ok = await newTicket(t, { requester: { email: 'free.macro@example.com' } });
    expect((await t.api('POST', `/api/v1/tickets/${ok.id}/macros/${m.json().id}/apply`, {})).statusCode).toBe(200);
    expect(await tagsOf(ok.id)).toContain('macro_used');
  });
});
