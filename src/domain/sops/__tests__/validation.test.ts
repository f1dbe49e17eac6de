import { describe, expect, it } from 'vitest';
import { DEMO_SOP_YAML } from '../demo/index.js';
import { diffDefinitions } from '../diff.js';
import { advance, newRun, type EffectPort } from '../engine.js';
import { runTestCases } from '../test-runner.js';
import { parseSopYaml, toSopYaml } from '../yaml.js';

const BASE = `key: v
name: V
owner: O
purpose: P
fields:
  - { key: amount, label: Amount, type: number }
steps:
  - id: a
    type: checklist
    title: A
    items: [x]
  - id: b
    type: reply
    title: B
    templates:
      en: "Hello {{customer.name}}, {{fields.amount}}"
`;

const issuesOf = (y: string, known?: Parameters<typeof parseSopYaml>[1]) => {
  const r = parseSopYaml(y, known);
  return r.ok ? [] : r.issues;
};

describe('SOP YAML: schema and semantic validation with line and path', () => {
  it('accepts a valid SOP', () => {
    expect(issuesOf(BASE)).toEqual([]);
  });

  it('reports YAML syntax errors with their line', () => {
    const [i] = issuesOf(`${BASE}  - id: c\n    items: [unclosed\n`);
    expect(i.path).toBe('(yaml)');
    expect(i.line).toBe(19);
    expect(i.message).toBe('Flow sequence in block collection must be sufficiently indented and end with a ]');
  });

  it('reports a schema error at the line of the offending node', () => {
    const y = BASE.replace('type: reply', 'type: replyy');
    const [i] = issuesOf(y);
    expect(i).toMatchObject({ path: 'steps[1].type', line: 13, message: expect.stringContaining('expected one of checklist') });
  });

  it('names a missing key and an unknown key', () => {
    const issues = issuesOf(BASE.replace('purpose: P\n', '').replace('    title: A\n', '    title: A\n    colour: red\n'));
    expect(issues.map((i) => `${i.path}: ${i.message}`)).toEqual(expect.arrayContaining(['purpose: is required (string)', 'steps[0]: unknown key "colour"']));
  });

  it('finds a missing field reference', () => {
    const [i] = issuesOf(BASE.replace('{{fields.amount}}', '{{fields.amout}}'));
    expect(i).toMatchObject({ path: 'steps[1].templates.en', line: 16, message: expect.stringContaining('does not declare') });
    const [c] = issuesOf(`${BASE}  - id: c\n    type: collect\n    title: C\n    fields: [nope]\n`);
    expect(c).toMatchObject({ path: 'steps[2].fields[0]', line: 20, message: expect.stringContaining('missing field reference') });
  });

  it('finds an unknown placeholder', () => {
    const [i] = issuesOf(BASE.replace('{{customer.name}}', '{{customer.shoe_size}}'));
    expect(i.message).toMatch(/unknown placeholder \{\{customer.shoe_size\}\}/);
  });

  it('finds a cycle in branches and an unreachable step', () => {
    const cyc = BASE.replace('    items: [x]\n', '    items: [x]\n    next: c\n') + `  - id: c
    type: decision
    title: C
    question: again?
    branches:
      - { label: again, goto: a }
      - { label: stop, goto: end }
`;
    expect(issuesOf(cyc).map((i) => i.message)).toEqual(expect.arrayContaining([expect.stringContaining('cycle in branches: a → c → a'), 'unreachable step "b": no step leads to it']));
  });

  it('refuses waits that could keep a ticket stuck', () => {
    const y = `${BASE}  - { id: w, type: wait, title: W, required: true, for: { event: customer_reply } }\n`;
    expect(issuesOf(y).map((i) => `${i.path}: ${i.message}`)).toEqual([
      'steps[2].for: a wait for an event needs a timeout (e.g. timeout: 3d), so no ticket waits forever',
      'steps[2].required: a wait cannot be required before solve',
    ]);
  });

  it('finds a branch to a step that does not exist', () => {
    const y = `${BASE}  - id: c\n    type: decision\n    title: C\n    question: q\n    branches:\n      - { label: x, goto: nowhere }\n      - { label: y, goto: end }\n`;
    expect(issuesOf(y)[0]).toMatchObject({ path: 'steps[2].branches[0].goto', message: expect.stringContaining('unknown step "nowhere"') });
  });

  it('checks HTTP actions, teams and ticket fields against the workspace', () => {
    const y = `${BASE}  - id: c\n    type: action\n    title: C\n    actions:\n      - http: { action: refund_api }\n      - route: { team: Nobody }\n      - set_fields: { ghost: 1 }\n`;
    const msgs = issuesOf(y, { httpActions: new Set(['other']), teams: new Set(['payments']), ticketFields: new Map([['order_id', { type: 'text' as const, options: [] }]]) }).map((i) => `${i.path}: ${i.message}`);
    expect(msgs).toEqual([
      expect.stringMatching(/^steps\[2\]\.actions\[0\]\.http\.action: no HTTP action "refund_api"/),
      'steps[2].actions[1].route.team: no team named "Nobody"',
      'steps[2].actions[2].set_fields.ghost: missing field reference: the ticket has no custom field "ghost"',
    ]);
  });

  it('checks what an SOP writes to ticket custom fields against their types and options, with line and path', () => {
    const y = `key: w
name: W
owner: O
purpose: P
fields:
  - { key: amount, label: Amount, type: text }
  - { key: region, label: Region, type: choice, options: [eu, mars] }
  - { key: method, label: Method, type: text, ticket_field: pay_method }
  - { key: order_id, label: Order, type: text }
steps:
  - { id: ask, type: collect, title: Ask, fields: [amount, region, method, order_id] }
  - id: act
    type: action
    title: Act
    actions:
      - set_fields: { amount: lots, chargeback: "yes", region: eu, order_id: null }
`;
    const ticketFieldDefs = new Map([
      ['amount', { type: 'number' as const, options: [] }],
      ['region', { type: 'dropdown' as const, options: ['eu', 'us'] }],
      ['chargeback', { type: 'checkbox' as const, options: [] }],
      ['order_id', { type: 'text' as const, options: [] }],
    ]);
    const issues = issuesOf(y, { ticketFields: ticketFieldDefs });
    expect(issues.map((i) => `${i.line}: ${i.path}: ${i.message}`)).toEqual([
      '6: fields[0].type: "amount" is written to the ticket\'s custom field "amount" (number), which does not take text',
      '7: fields[1].options: the ticket\'s custom field "region" has no option "mars" (it has eu, us)',
      '8: fields[2].ticket_field: missing field reference: the ticket has no custom field "pay_method"',
      '16: steps[1].actions[0].set_fields.amount: the ticket\'s custom field "amount" (number) takes a number, not "lots"',
      '16: steps[1].actions[0].set_fields.chargeback: the ticket\'s custom field "chargeback" (checkbox) takes true or false, not "yes"',
    ]);
    // Fitting values (and null, which clears a field) pass.
    const fixed = y.replace('type: text }\n  - { key: region', 'type: number }\n  - { key: region').replace('[eu, mars]', '[eu]').replace(', ticket_field: pay_method', '')
      .replace('amount: lots, chargeback: "yes"', 'amount: 5, chargeback: true');
    expect(issuesOf(fixed, { ticketFields: ticketFieldDefs })).toEqual([]);
  });

  it('round-trips: parse(toYaml(definition)) equals the definition, for every demo SOP', () => {
    for (const y of DEMO_SOP_YAML) {
      const a = parseSopYaml(y);
      if (!a.ok) throw new Error(JSON.stringify(a.issues));
      const b = parseSopYaml(toSopYaml(a.definition));
      expect(b.ok && b.definition).toEqual(a.definition);
    }
  });

  it('every demo SOP passes its own test cases', async () => {
    expect(DEMO_SOP_YAML.length).toBeGreaterThanOrEqual(10);
    for (const y of DEMO_SOP_YAML) {
      const r = parseSopYaml(y);
      if (!r.ok) throw new Error(JSON.stringify(r.issues));
      const t = await runTestCases(r.definition);
      expect(t.failed, `${r.definition.key}: ${JSON.stringify(t.results.filter((x) => !x.passed))}`).toBe(0);
      expect(t.passed).toBeGreaterThan(0);
    }
  });

  it('a test case with a wrong expectation fails and says why', async () => {
    const r = parseSopYaml(DEMO_SOP_YAML[0].replace('steps: [verify, collect, spent, decline]', 'steps: [verify, collect, spent, sca]'));
    if (!r.ok) throw new Error('invalid');
    const t = await runTestCases(r.definition);
    expect(t.failed).toBe(1);
    expect(t.results.find((x) => !x.passed)?.failures[0]).toBe('steps: expected verify → collect → spent → sca, got verify → collect → spent → decline');
  });

  it('an HTTP action answering garbage fails the step visibly', async () => {
    const r = parseSopYaml(DEMO_SOP_YAML[0]);
    if (!r.ok) throw new Error('invalid');
    const port: EffectPort = { apply: async (e) => (e.kind === 'http' ? '<html>502 Bad Gateway</html>' : undefined) };
    const s = await advance(r.definition, newRun(r.definition), { ticket: { id: 't', brand: 'clipster', channel: 'email', country: null, language: 'en', tags: ['refund'], custom_fields: {}, customer_tier: null }, now: () => new Date(0), mode: 'auto' }, port,
      { verify: true, collect: { order_id: 'X', refund_amount: 5, coins_used: false }, sca: true });
    expect(s.status).toBe('failed');
    expect(s.error?.message).toMatch(/payments_refund.*not a JSON object/);
  });
});

describe('diff between versions', () => {
  it('lists steps added, removed and changed', () => {
    const a = parseSopYaml(BASE);
    const b = parseSopYaml(BASE.replace('title: B', 'title: B2').replace('    items: [x]\n', '    items: [x]\n') + `  - id: c\n    type: checklist\n    title: C\n    items: [y]\n`);
    if (!a.ok || !b.ok) throw new Error('invalid');
    expect(diffDefinitions(a.definition, b.definition)).toEqual({ steps: { added: ['c'], removed: [], changed: [{ id: 'b', changes: ['title'] }], moved: [] }, other: [] });
    expect(diffDefinitions(b.definition, a.definition).steps.removed).toEqual(['c']);
  });
});
