import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actOnSopStep, DEMO_SOP_YAML, startSopRun } from '../../src/domain/sops/index.js';
import { addMessage, createTicket, updateTicket } from '../../src/domain/tickets/index.js';
import { createTeam } from '../../src/domain/workspace/index.js';
import { recordChanges } from '../../src/domain/kernel/index.js';
import { auditActions, expectProblem, type Wire } from '../helpers/api-helpers.js';
import { createTestApp, type TestApp } from '../helpers/test-app.js';

const V1 = `key: coins
name: Coin refund
owner: Payments Ops
purpose: Refund coins
applies_when:
  tags_any: [coins]
steps:
  - { id: verify, type: checklist, title: Verify, required: true, items: [Buyer verified] }
  - id: tell
    type: reply
    title: Tell
    templates: { en: "Hi {{customer.name}}, we are on it." }
tests:
  - name: replies
    ticket: { tags: [coins] }
    inputs: { verify: done }
    expect: { steps: [verify, tell], messages: ["we are on it"], status: completed }
`;
// Version 2 adds a step and escalates; its test case is wrong at first.
const V2_BROKEN = V1.replace('  - id: tell\n', '  - { id: escalate, type: action, title: Escalate, auto: true, actions: [{ route: { team: Payments, escalation: true } }] }\n  - id: tell\n')
  .replace('expect: { steps: [verify, tell],', 'expect: { steps: [verify, escalate, tell, extra],');
const V2 = V2_BROKEN.replace('steps: [verify, escalate, tell, extra]', 'steps: [verify, escalate, tell]');

let t: TestApp;
let legal: { user: Wire; token: string };
let ops: { user: Wire; token: string };
beforeAll(async () => {
  t = await createTestApp();
  legal = await t.addUser('legal', 'supervisor');
  ops = await t.addUser('ops', 'supervisor');
});
afterAll(async () => t?.close());

const tr = (versionId: string, body: Record<string, unknown>, token?: string) => t.api('POST', `/api/v1/sop_versions/${versionId}/transitions`, body, token ? { token } : {});

describe('SOP validation over the API', () => {
  it('refuses invalid YAML with every issue, its line and its path', async () => {
    const res = await t.api('POST', '/api/v1/sops', { yaml: V1.replace('goto', 'x').replace('{{customer.name}}', '{{customer.nickname}}').replace('title: Verify,', 'title: Verify, next: nowhere,') });
    const p = expectProblem(res, 422, 'SOP_INVALID');
    expect(p.errors).toEqual([
      { path: 'steps[0].next', line: 8, column: 57, message: expect.stringContaining('unknown step "nowhere"') },
      { path: 'steps[1].templates.en', line: 12, column: 22, message: expect.stringContaining('unknown placeholder {{customer.nickname}}') },
    ]);
    expect(p.detail).toMatch(/^2 problems in the SOP; first: line 8, steps\[0\]\.next/);
    const v = await t.api('POST', '/api/v1/sops/validate', { yaml: 'key: [' });
    expect(v.statusCode).toBe(200);
    expect(v.json()).toMatchObject({ ok: false, issues: [{ path: '(yaml)', line: 1 }] });
  });
});

describe('SOP lifecycle', () => {
  let sop: Wire;
  let v1: Wire;
  let v2: Wire;

  it('reviews with named approvers by role; an edit re-opens review; every transition is an event with who and why', async () => {
    const created = await t.api('POST', '/api/v1/sops', { yaml: V1, approvers: [{ role: 'Legal', user_id: legal.user.id }, { role: 'Support Ops', user_id: ops.user.id }] });
    expect(created.statusCode, created.body).toBe(201);
    ({ sop, version: v1 } = created.json());
    expect(v1).toMatchObject({ number: 1, status: 'draft' });
    expectProblem(await tr(v1.id, { action: 'launch', rollout: { percent: 100 } }), 409, 'SOP_INVALID_TRANSITION');
    expect((await tr(v1.id, { action: 'submit', reason: 'ready' })).json().status).toBe('in_review');
    const stranger = await t.addUser('stranger', 'supervisor');
    expectProblem(await tr(v1.id, { action: 'approve' }, stranger.token), 403, 'SOP_NOT_AN_APPROVER');
    expect((await tr(v1.id, { action: 'approve', reason: 'wording ok' }, legal.token)).json().status).toBe('in_review');
    // A change during review re-opens it: Legal's approval no longer counts.
    const edited = await t.api('PATCH', `/api/v1/sop_versions/${v1.id}`, { yaml: V1.replace('we are on it', 'we are on it now'), reason: 'tone' });
    expect(edited.json()).toMatchObject({ status: 'in_review', review_round: 2 });
    expect((await tr(v1.id, { action: 'approve' }, ops.token)).json().status).toBe('in_review');
    expect((await t.api('POST', `/api/v1/sop_versions/${v1.id}/comments`, { body: 'Looks fine' }, { token: legal.token })).statusCode).toBe(201);
    expect((await tr(v1.id, { action: 'approve' }, legal.token)).json().status).toBe('approved');
    expect((await tr(v1.id, { action: 'launch', rollout: { percent: 100 } })).json().status).toBe('launched');
    expect((await tr(v1.id, { action: 'promote', reason: 'good' })).json()).toMatchObject({ status: 'promoted', rollout: { percent: 100 } });
    const detail = (await t.api('GET', `/api/v1/sop_versions/${v1.id}`)).json();
    expect(detail.history.map((h: Wire) => `${h.name}:${h.actor_name}`)).toEqual([
      'sop_version.created:Ada Admin', 'sop_version.submitted:Ada Admin', 'sop_version.approved:legal', 'sop_version.edited:Ada Admin',
      'sop_version.approved:ops', 'sop_version.commented:legal', 'sop_version.approved:legal', 'sop_version.launched:Ada Admin', 'sop_version.promoted:Ada Admin',
    ]);
    expect(detail.history[1].payload).toMatchObject({ from: 'draft', to: 'in_review', reason: 'ready' });
    expect(detail.reviews.map((r: Wire) => `${r.kind}:${r.role ?? ''}:${r.review_round}`)).toEqual(['approval:Legal:1', 'approval:Support Ops:2', 'comment::2', 'approval:Legal:2']);
    expectProblem(await t.api('PATCH', `/api/v1/sop_versions/${v1.id}`, { yaml: V1 }), 409, 'SOP_VERSION_FROZEN');
    // Every change also has its audit row.
    expect(await auditActions(t, v1.id)).toEqual(expect.arrayContaining(['sop_version.submitted', 'sop_version.approved', 'sop_version.edited', 'sop_version.launched', 'sop_version.promoted']));
  });

  it('launch is blocked while test cases fail; the diff lists the changed steps', async () => {
    await t.api('PATCH', `/api/v1/sops/${sop.id}`, { approvers: [] });
    const res = await t.api('POST', `/api/v1/sops/${sop.id}/versions`, { yaml: V2_BROKEN });
    expect(res.statusCode, res.body).toBe(201);
    v2 = res.json();
    expect(v2).toMatchObject({ number: 2, status: 'draft' });
    const tests = (await t.api('POST', `/api/v1/sop_versions/${v2.id}/test`)).json();
    expect(tests).toMatchObject({ passed: 0, failed: 1 });
    expect(tests.results[0].failures[0]).toBe('steps: expected verify → escalate → tell → extra, got verify → escalate → tell');
    await tr(v2.id, { action: 'submit' });
    expect((await tr(v2.id, { action: 'approve' }, ops.token)).json().status).toBe('approved');
    const blocked = expectProblem(await tr(v2.id, { action: 'launch', rollout: { percent: 50, ab_test: true } }), 409, 'SOP_TESTS_FAILING');
    expect(blocked.tests.failed).toBe(1);
    // Fixing the test re-opens review; approve again and launch as an A/B test.
    expect((await t.api('PATCH', `/api/v1/sop_versions/${v2.id}`, { yaml: V2 })).json().status).toBe('in_review');
    await tr(v2.id, { action: 'approve' }, ops.token);
    expect((await tr(v2.id, { action: 'launch', rollout: { percent: 50, ab_test: true } })).json()).toMatchObject({ status: 'launched', rollout: { percent: 50, ab_test: true } });
    const diff = (await t.api('GET', `/api/v1/sop_versions/${v2.id}/diff?against=${v1.id}`)).json();
    expect(diff).toMatchObject({ from: 1, to: 2, steps: { added: ['escalate'], removed: [], changed: [{ id: 'tell', changes: ['templates'] }] }, other: ['tests'] }); // v1 was edited in review
  });

  it('an A/B test over generated traffic: stable proportional arms, per-arm metrics, a named test and a recommendation', async () => {
    const admin = t.actorOf(t.admin);
    const runs: Array<{ ticketId: string; arm: string | null; version: string; verified: boolean }> = [];
    for (let i = 0; i < 120; i++) {
      await t.as(admin, async (ctx) => {
        const { ticket } = await createTicket(ctx, { subject: `Coins ${i}`, body: 'Refund my coins', requester: { email: `c${i}@example.com`, name: `C ${i}` }, tags: ['coins'] });
        const run = (await startSopRun(ctx, ticket.id))!;
        runs.push({ ticketId: ticket.id, arm: run.arm, version: run.version_id, verified: i % 4 !== 0 });
        if (i % 4 !== 0) await actOnSopStep(ctx, run.id, { action: 'complete', step: 'verify' });
        t.clock.advance(60_000);
        await actOnSopStep(ctx, run.id, { action: 'complete', step: 'tell' }).catch(() => undefined);
        if (i % 3 === 0) await updateTicket(ctx, ticket.id, { status: 'solved', ...(i % 4 === 0 ? { solve_override_reason: 'no verification needed' } : {}) });
        if (i % 9 === 0) await addMessage(ctx, ticket.id, { body: 'still broken', public: true, from_customer_id: ticket.requester_id });
        // What the SLA and CSAT modules publish (their events are the contract SOP metrics read).
        const ev = (event: 'sla.applied' | 'sla.breached' | 'csat.rated', payload: Record<string, unknown>) => ({ event, aggregateType: 'ticket', aggregateId: ticket.id, ticketId: ticket.id, payload });
        await recordChanges(ctx, [ev('sla.applied', {}), ...(i % 5 === 0 ? [ev('sla.breached', {})] : []), ...(i % 2 === 0 ? [ev('csat.rated', { score: i % 6 === 0 ? 2 : 5 })] : [])]);
      });
    }
    const a = runs.filter((r) => r.arm === 'A');
    const b = runs.filter((r) => r.arm === 'B');
    expect(a.length + b.length).toBe(120);
    expect(b.length).toBeGreaterThan(40);
    expect(b.length).toBeLessThan(80);
    expect(new Set(a.map((r) => r.version))).toEqual(new Set([v1.id]));
    expect(new Set(b.map((r) => r.version))).toEqual(new Set([v2.id]));
    // Starting again changes nothing: a ticket keeps its run and arm.
    await t.as(admin, async (ctx) => expect((await startSopRun(ctx, runs[0].ticketId))?.arm).toBe(runs[0].arm));

    const m = (await t.api('GET', `/api/v1/sops/${sop.id}/metrics`)).json();
    const arms = Object.fromEntries(m.groups.map((g: Wire) => [g.arm, g]));
    expect(arms.A.tickets).toBe(a.length);
    expect(arms.B.tickets).toBe(b.length);
    // B escalates every verified ticket (its auto step after verify); A never escalates.
    expect(arms.B.metrics.escalation_rate).toMatchObject({ kind: 'rate', n: b.length, x: b.filter((r) => r.verified).length });
    expect(arms.A.metrics.escalation_rate.x).toBe(0);
    expect(arms.A.metrics.first_reply_time.n).toBeGreaterThan(0);
    expect(arms.A.steps.verify.overridden).toBeGreaterThan(0);
    const esc = m.ab.comparisons.find((c: Wire) => c.metric === 'escalation_rate');
    expect(esc.result.test).toBe('two-proportion z-test');
    expect(esc.result.p_value).toBeLessThan(0.001);
    expect(esc.better).toBe('A');
    expect(m.ab.comparisons.find((c: Wire) => c.metric === 'first_reply_time').result?.test ?? "Welch's t-test").toBe("Welch's t-test");
    expect(m.ab.recommendation).toMatch(/^Roll back or revise: B is worse on escalation rate, p=<0.001/);
    expect(m.unavailable).toEqual({});
    const aIdx = runs.map((r, i) => ({ ...r, i })).filter((r) => r.arm === 'A');
    expect(arms.A.metrics.sla_attainment).toMatchObject({ n: a.length, x: aIdx.filter((r) => r.i % 5 !== 0).length });
    expect(arms.A.metrics.csat).toMatchObject({ n: aIdx.filter((r) => r.i % 2 === 0).length, x: aIdx.filter((r) => r.i % 2 === 0 && r.i % 6 !== 0).length });
    expect(m.ab.comparisons.map((c: Wire) => c.metric)).toEqual(['adherence', 'first_reply_time', 'handle_time', 'resolution_time', 'reopen_rate', 'escalation_rate', 'sla_attainment', 'csat']);
  }, 240_000); // 120 tickets, each through the real commands: over a minute on a loaded 2-core machine

  it('promote makes B current; a ticket stays on the version it started with; rollback sends new tickets to the current version', async () => {
    const admin = t.actorOf(t.admin);
    const before = await t.as(admin, async (ctx) => {
      const { ticket } = await createTicket(ctx, { subject: 'Old', body: 'x', requester: { email: 'old@example.com' }, tags: ['coins'] });
      return (await startSopRun(ctx, ticket.id))!;
    });
    expect((await tr(v2.id, { action: 'promote', reason: 'B wins' })).json().status).toBe('promoted');
    expect((await t.api('GET', `/api/v1/sop_versions/${v1.id}`)).json()).toMatchObject({ status: 'retired', history: expect.arrayContaining([expect.objectContaining({ name: 'sop_version.retired', payload: expect.objectContaining({ reason: 'replaced by version 2' }) })]) });
    const v3 = (await t.api('POST', `/api/v1/sops/${sop.id}/versions`, {})).json();
    await tr(v3.id, { action: 'submit' });
    await tr(v3.id, { action: 'approve' }, ops.token);
    await tr(v3.id, { action: 'launch', rollout: { percent: 100 } });
    expectProblem(await tr(v3.id, { action: 'rollback' }), 422, 'SOP_REASON_REQUIRED');
    expect((await tr(v3.id, { action: 'rollback', reason: 'agents confused' })).json().status).toBe('rolled_back');
    const after = await t.as(admin, async (ctx) => {
      const { ticket } = await createTicket(ctx, { subject: 'New', body: 'x', requester: { email: 'new@example.com' }, tags: ['coins'] });
      return (await startSopRun(ctx, ticket.id))!;
    });
    expect(after.version_id).toBe(v2.id);
    const still = (await t.api('GET', `/api/v1/tickets/${before.ticket_id}/sop_runs`)).json().data[0];
    expect(still.version_id).toBe(before.version_id);
  });

  it('a dry run replays recent matching tickets through a version and reports differences', async () => {
    const draft = (await t.api('POST', `/api/v1/sops/${sop.id}/versions`, { yaml: V1 })).json();
    const dry = await t.api('POST', `/api/v1/sop_versions/${draft.id}/dry_run`, { limit: 20 });
    expect(dry.statusCode, dry.body).toBe(200);
    const out = dry.json();
    expect(out.matched).toBe(20);
    const onV2 = out.tickets.filter((x: Wire) => x.baseline_version === 2 && x.steps_before.includes('escalate'));
    expect(onV2.length).toBeGreaterThan(0);
    expect(onV2[0].differences).toContain('would not take escalate');
  });
});

describe('demo SOPs', () => {
  it('all ten are accepted by the API and pass their own test cases', async () => {
    for (const name of ['Trust & Safety', 'Creators', 'Account & Security']) await t.as(t.actorOf(t.admin), (ctx) => createTeam(ctx, { name }));
    await t.api('PUT', '/api/v1/sop_http_actions/payments_refund', { url: 'https://payments.example/refunds', auth_type: 'bearer', auth_secret: 'x' });
    await t.api('PUT', '/api/v1/sop_http_actions/pay', { url: 'https://payments.example/refunds' });
    for (const yaml of DEMO_SOP_YAML) {
      const res = await t.api('POST', '/api/v1/sops', { yaml: yaml.replace('brand: [clipster]', 'brand: [clipster]') });
      expect(res.statusCode, res.body).toBe(201);
      const tested = (await t.api('POST', `/api/v1/sop_versions/${res.json().version.id}/test`)).json();
      expect(tested.failed, JSON.stringify(tested.results)).toBe(0);
      expect(tested.passed).toBeGreaterThan(0);
    }
  });
});
