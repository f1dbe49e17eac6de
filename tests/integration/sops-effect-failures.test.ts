import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventsOf, expectProblem, newTicket, patchTicket, type Wire } from '../helpers/api-helpers.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';
import { deliverTicketCreated, launchSop, sopRunOf } from './sops-helpers.js';

/**
 * Bad input at run time: an effect the tickets module refuses (a value the ticket's custom field no longer
 * accepts — its options changed after the SOP was validated and launched) is a visible failed step — never a
 * silent skip, never a lost run, never a stuck ticket. (What is wrong when the SOP is saved is refused then.)
 */
let t: TestApp;
const fieldIds: Record<string, string> = {};
beforeAll(async () => {
  t = await createTestApp();
  for (const f of [
    { key: 'goodwill', label: 'Goodwill level', type: 'dropdown', options: ['gold', 'silver'] },
    { key: 'region', label: 'Region', type: 'dropdown', options: ['eu', 'us'] },
  ]) {
    const r = await t.api('POST', '/api/v1/custom_fields', f);
    expect(r.statusCode, r.body).toBe(201);
    fieldIds[f.key] = r.json().id;
  }
});
const changeOptions = async (key: string, options: string[]) => {
  const r = await t.api('PATCH', `/api/v1/custom_fields/${fieldIds[key]}`, { options });
  expect(r.statusCode, r.body).toBe(200);
};
afterAll(async () => t?.close());

const launch = (yaml: string) => launchSop(t, yaml);
const ticketCreated = (ticketId: string) => deliverTicketCreated(t, ticketId);
const runOf = (ticketId: string) => sopRunOf(t, ticketId);

describe('SOP effects the ticket refuses', () => {
  it('an unattended step whose field change the ticket refuses fails visibly; the run and its trace are kept; the ticket is not stuck', async () => {
    await launch(`key: goodwill
name: Goodwill
owner: Ops
purpose: Tag and note goodwill
applies_when: { tags_any: [goodwill] }
steps:
  - { id: tag, type: action, title: Tag it, auto: true, actions: [{ add_tags: [goodwill_seen] }] }
  - { id: amount, type: action, title: Set the level, auto: true, actions: [{ add_tags: [amount_set] }, { set_fields: { goodwill: gold } }] }
  - { id: thanks, type: reply, title: Thank, templates: { en: Thanks } }
tests:
  - { name: tags, ticket: { tags: [goodwill] }, expect: { steps: [tag, amount, thanks], status: completed } }
`);
    await changeOptions('goodwill', ['silver', 'bronze']); // after launch: "gold" is gone
    const ticket = await newTicket(t, { tags: ['goodwill'] });
    await ticketCreated(ticket.id); // the worker: before the fix the whole transaction failed and no run was kept
    const run = await runOf(ticket.id);
    expect(run).toMatchObject({ status: 'failed', state: { cursor: 'amount', done: { tag: 'done' }, error: { step: 'amount', kind: 'effect' } } });
    expect(run.state.error.message).toMatch(/^INVALID_CUSTOM_FIELD: Custom field "goodwill" must be one of: silver, bronze/);
    expect(run.state.trace.map((e: Wire) => [e.step, e.outcome, e.by])).toEqual([['tag', 'done', 'auto'], ['amount', 'failed', 'auto']]);
    // Per effect: the step's first action (the tag) is applied and recorded, the refused one is undone and not
    // recorded — a retry applies only what is missing.
    const tk = (await t.api('GET', `/api/v1/tickets/${ticket.id}`)).json();
    expect(tk.tags).toEqual(expect.arrayContaining(['goodwill', 'goodwill_seen', 'amount_set']));
    expect(tk.custom_fields.goodwill).toBeUndefined();
    expect(run.state.applied).toEqual(['tag:0', 'amount:0']);
    expect((await eventsOf(t, ticket.id)).map((e) => e.name)).toEqual(expect.arrayContaining(['sop_run.started', 'sop_run.step_completed', 'sop_run.step_failed']));
    // Not stuck: an agent skips the (not required) step with a reason and goes on; the ticket can be solved.
    const agent = await t.addUser('agent-goodwill', 'agent');
    const skipped = await t.api('POST', `/api/v1/sop_runs/${run.id}/actions`, { action: 'skip', step: 'amount', reason: 'amount set by hand' }, { token: agent.token });
    expect(skipped.statusCode, skipped.body).toBe(200);
    expect(skipped.json()).toMatchObject({ status: 'needs_input', state: { cursor: 'thanks', done: { amount: 'skipped' }, error: null } });
    await patchTicket(t, ticket.id, { status: 'solved' }, agent.token);
  });

  it('a collected value the ticket field refuses fails the step with the reason; new input for that step retries it', async () => {
    await launch(`key: region
name: Region
owner: Ops
purpose: Collect the region
applies_when: { tags_any: [region] }
fields:
  - { key: region, label: Region, type: choice, options: [eu, us] }
steps:
  - { id: ask, type: collect, title: Which region?, required: true, fields: [region] }
  - { id: done, type: checklist, title: Confirm, items: [Region noted] }
tests:
  - { name: asks, ticket: { tags: [region] }, inputs: { ask: { region: us }, done: done }, expect: { steps: [ask, done], status: completed } }
`);
    // Saved against today's fields, a mismatch is refused up front, with line and path.
    const bad = await t.api('POST', '/api/v1/sops', { yaml: 'key: region-bad\nname: R\nowner: O\npurpose: P\nfields:\n  - { key: region, label: Region, type: text }\nsteps:\n  - { id: ask, type: collect, title: Ask, fields: [region] }\n' });
    expect(expectProblem(bad, 422, 'SOP_INVALID').errors).toEqual([expect.objectContaining({ path: 'fields[0].type', line: 6, message: expect.stringContaining('(dropdown), which does not take text') })]);
    await changeOptions('region', ['us', 'apac']); // after launch: "eu" is gone
    const ticket = await newTicket(t, { tags: ['region'] });
    const agent = await t.addUser('agent-region', 'agent');
    expect((await t.api('POST', `/api/v1/tickets/${ticket.id}/sop_runs`, undefined, { token: agent.token })).statusCode).toBe(200);
    const run = await runOf(ticket.id);
    const act = (body: Record<string, unknown>) => t.api('POST', `/api/v1/sop_runs/${run.id}/actions`, body, { token: agent.token });

    const refused = await act({ action: 'complete', step: 'ask', input: { region: 'eu' } });
    expect(refused.statusCode, refused.body).toBe(200);
    expect(refused.json()).toMatchObject({ status: 'failed', state: { cursor: 'ask', error: { step: 'ask', kind: 'effect', message: expect.stringContaining('INVALID_CUSTOM_FIELD') } } });
    // Still required: solving is blocked, with the step named.
    expectProblem(await t.api('PATCH', `/api/v1/tickets/${ticket.id}`, { status: 'solved' }, { token: agent.token }), 409, 'SOLVE_BLOCKED');
    // Completing without new input is refused with what to do; new input is a retry with it.
    expect(expectProblem(await act({ action: 'complete', step: 'ask' }), 409, 'SOP_STEP_FAILED').detail).toContain('give new input');
    const fixed = await act({ action: 'complete', step: 'ask', input: { region: 'us' } });
    expect(fixed.json()).toMatchObject({ status: 'needs_input', state: { cursor: 'done', fields: { region: 'us' }, error: null } });
    expect(fixed.json().state.trace.filter((e: Wire) => e.step === 'ask').map((e: Wire) => [e.outcome, e.attempt])).toEqual([['failed', 1], ['done', 2]]);
    expect((await t.api('GET', `/api/v1/tickets/${ticket.id}`)).json().custom_fields.region).toBe('us');
    await patchTicket(t, ticket.id, { status: 'solved' }, agent.token);
  });
});
