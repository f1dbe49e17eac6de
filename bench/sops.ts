/**
 * `npm run bench -- sops [--tickets 10000] [--sops 200] [--seed 7]`
 *
 * Applies-when matching + the step engine, in process (no database): S active SOPs (generated: applies-when
 * over brand, channel, country, language, tags, intent, tier; 8 steps each with a rule-decided branch,
 * collected fields, a templated reply with a max-amount guardrail, tag and route actions, an HTTP action
 * through a recording port), then T tickets with random attributes. Per ticket: pick the most specific
 * matching SOP and its version (stable A/B assignment), run the engine unattended from a new run until it
 * completes or needs a human. Prints ONE line:
 *   {"bench":"sops.match_and_step","tickets_per_s":…,"p99_ms":…, …}
 * Baseline in the same run: matching alone (no engine), to show what the engine adds. cpu_ms_per_ticket (process
 * CPU time / tickets) is printed too: on a shared, loaded machine the wall-clock figures include waiting for a core.
 */
import { performance } from 'node:perf_hooks';
import { advance, newRun, parseSopYaml, pickSop, RecordingPort, type ActiveSop, type SopDefinition, type TicketFacts } from '../src/domain/sops/index.js';
import { mulberry32 } from '../src/platform/prng.js';
import { emitResult, note, numberArg, parseArgs, round } from './lib/cli.js';

const args = parseArgs(process.argv.slice(2));
const T = numberArg(args, 'tickets', 10_000, 1);
const S = numberArg(args, 'sops', 200, 1);
const rand = mulberry32(numberArg(args, 'seed', 7, 0));
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)];

const BRANDS = ['clipster', 'creator-market'];
const CHANNELS = ['email', 'chat', 'web', 'api'];
const COUNTRIES = ['IE', 'DE', 'FR', 'GB', 'US', 'BR', 'SG', 'ES'];
const LANGS = ['en', 'de', 'fr', 'pt', 'es'];
const TAGS = Array.from({ length: 40 }, (_, i) => `topic_${i}`);
const INTENTS = Array.from({ length: 25 }, (_, i) => `intent_${i}`);
const TIERS = ['standard', 'gold', 'vip'];

function sopYaml(i: number): string {
  const when: string[] = [`  tags_any: [${pick(TAGS)}, ${pick(TAGS)}]`];
  if (rand() < 0.5) when.push(`  brand: [${pick(BRANDS)}]`);
  if (rand() < 0.3) when.push(`  channel: [${pick(CHANNELS)}, ${pick(CHANNELS)}]`);
  if (rand() < 0.3) when.push(`  country: [${pick(COUNTRIES)}, ${pick(COUNTRIES)}, ${pick(COUNTRIES)}]`);
  if (rand() < 0.2) when.push(`  intent: [${pick(INTENTS)}]`);
  if (rand() < 0.1) when.push(`  customer_tier: [${pick(TIERS)}]`);
  return `key: sop-${i}
name: SOP ${i}
owner: Ops
purpose: Generated for the benchmark
applies_when:
${when.join('\n')}
fields:
  - { key: amount, label: Amount, type: number, ticket_field: amount }
  - { key: order_id, label: Order, type: text, ticket_field: order_id }
  - { key: ref, label: Ref, type: text }
steps:
  - { id: verify, type: checklist, title: Verify, auto: true, required: true, items: [Identity checked] }
  - { id: collect, type: collect, title: Collect, fields: [amount, order_id] }
  - id: size
    type: decision
    title: Size
    question: Big?
    branches:
      - { label: big, when: { all: [{ field: fields.amount, op: gt, value: 50 }, { field: ticket.channel, op: ne, value: api }] }, goto: escalate }
      - { label: small, goto: refund }
  - { id: escalate, type: action, title: Escalate, actions: [{ route: { team: Payments, escalation: true } }], next: tell }
  - { id: refund, type: action, title: Refund, actions: [{ http: { action: pay, body: { order: "{{fields.order_id}}" }, save: { ref: id } } }, { add_tags: [refunded] }] }
  - id: tell
    type: reply
    title: Tell
    templates:
      en: "Hi {{customer.name}}, order {{fields.order_id}}: €{{fields.amount}} is on its way (ticket {{ticket.number}})."
      de: "Hallo {{customer.name}}, Bestellung {{fields.order_id}}: {{fields.amount}} EUR."
  - { id: tag, type: action, title: Tag, actions: [{ add_tags: [sop_done] }] }
  - { id: wait, type: wait, title: Wait, for: { event: customer_reply, timeout: 48h } }
guardrails:
  - { id: cap, kind: max_amount, max: 90, message: Never promise more than €90 }
  - { id: vip, kind: handoff, when: { field: customer.tier, op: eq, value: vip }, team: Payments, message: VIPs go to a human }
tests:
  - { name: t, ticket: {}, expect: {} }
`;
}

const defs = new Map<string, SopDefinition>();
const active: ActiveSop[] = [];
for (let i = 0; i < S; i++) {
  const r = parseSopYaml(sopYaml(i));
  if (!r.ok) throw new Error(`generated SOP ${i} is invalid: ${JSON.stringify(r.issues)}`);
  const v1 = `v${i}a`;
  const v2 = `v${i}b`;
  defs.set(v1, r.definition);
  defs.set(v2, r.definition);
  const w = r.definition.applies_when;
  active.push({ sopId: `sop_${i}`, appliesWhen: w, current: { versionId: v1, appliesWhen: w }, launched: i % 4 === 0 ? { versionId: v2, appliesWhen: w, rollout: { percent: 30, ab_test: true } } : null });
}

const tickets: TicketFacts[] = Array.from({ length: T }, (_, i) => ({
  id: `tkt_${i}`, number: i + 1, subject: `Ticket ${i}`, brand: pick(BRANDS), channel: pick(CHANNELS), country: pick(COUNTRIES), language: pick(LANGS),
  tags: [pick(TAGS), pick(TAGS), pick(TAGS)], custom_fields: { amount: Math.floor(rand() * 120), order_id: `O-${i}`, intent: pick(INTENTS) },
  customer_tier: rand() < 0.05 ? 'vip' : pick(['standard', 'gold']), customer_name: `Customer ${i}`,
}));
const now = new Date('2026-03-01T00:00:00Z');
const env = (t: TicketFacts) => ({ ticket: t, now: () => now, mode: 'auto' as const });

// Warm-up (JIT), then the baseline and the measured run.
for (const t of tickets.slice(0, 200)) pickSop(active, t);
let t0 = performance.now();
let matched = 0;
for (const t of tickets) if (pickSop(active, t)) matched++;
const matchOnlyMs = performance.now() - t0;

const lat: number[] = [];
const status: Record<string, number> = {};
let steps = 0;
const cpu0 = process.cpuUsage();
t0 = performance.now();
for (const t of tickets) {
  const s0 = performance.now();
  const a = pickSop(active, t);
  if (a) {
    const def = defs.get(a.versionId)!;
    const out = await advance(def, newRun(def), env(t), new RecordingPort({ pay: { id: `rf_${t.id}` } }));
    status[out.status] = (status[out.status] ?? 0) + 1;
    steps += out.trace.length;
  }
  lat.push(performance.now() - s0);
}
const totalMs = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
// On a shared machine wall-clock figures include waiting for a core; CPU time per ticket does not.
const cpuMsPerTicket = (cpu.user + cpu.system) / 1000 / T;
lat.sort((x, y) => x - y);
const q = (p: number) => lat[Math.min(lat.length - 1, Math.floor(p * lat.length))];
note(`${matched}/${T} tickets matched an SOP; outcomes ${JSON.stringify(status)}; ${steps} trace entries`);
emitResult({
  bench: 'sops.match_and_step',
  tickets: T,
  active_sops: S,
  tickets_per_s: round(T / (totalMs / 1000), 0),
  p50_ms: round(q(0.5), 3),
  p99_ms: round(q(0.99), 3),
  matched,
  steps_per_ticket: round(steps / Math.max(1, matched), 2),
  cpu_ms_per_ticket: round(cpuMsPerTicket, 3),
  baseline_match_only_tickets_per_s: round(T / (matchOnlyMs / 1000), 0),
});
