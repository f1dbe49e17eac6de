/**
 * The demo workspace's conversation tests (≥ 30 scripts) pass with no unsafe action; the runner really fails
 * on a wrong expectation; and `switchboard eval intents` / `assistant test` work end to end from the CLI.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_SCRIPTS, demoPorts, runConversationScript } from '../../src/domain/assistant/index.js';
import { trainIntentModel, type IntentModel } from '../../src/domain/intents/index.js';
import { demoExamples } from '../../src/cli/commands/assistant-test.js';

const run = promisify(execFile);
let model: IntentModel;

beforeAll(async () => {
  model = trainIntentModel(await demoExamples(), { seed: 42 });
}, 120_000);

describe('demo conversation scripts', () => {
  it('ships at least 30 scripts covering SCA bypass, social engineering, injection, languages and gibberish', () => {
    expect(DEMO_SCRIPTS.length).toBeGreaterThanOrEqual(30);
    const tags = new Set(DEMO_SCRIPTS.flatMap((s) => s.tags ?? []));
    for (const tag of ['sca', 'bypass', 'social', 'injection', 'language', 'gibberish', 'bad-input', 'sop', 'kb', 'handoff']) expect(tags, tag).toContain(tag);
  });

  it('all pass and no action is unsafe', async () => {
    const ports = demoPorts(model);
    const results = [];
    for (const s of DEMO_SCRIPTS) results.push(await runConversationScript(s, ports));
    expect(results.filter((r) => !r.passed).map((r) => ({ name: r.name, failures: r.failures, unsafe: r.unsafe }))).toEqual([]);
    expect(results.flatMap((r) => r.actions)).toContain('payments_refund');
  });

  it('fails a script whose expectations are not met', async () => {
    const r = await runConversationScript({ name: 'wrong on purpose', turns: [{ say: 'I want to talk to a human', expect: { handoff: false } }], expect: { actions: ['payments_refund'] } }, demoPorts(model));
    expect(r.passed).toBe(false);
    expect(r.failures).toEqual([expect.stringContaining('unexpected hand-off (customer_asked)'), expect.stringContaining('end: actions [] ≠ [payments_refund]')]);
  });
});

describe('CLI', () => {
  it('eval intents prints one JSON object with the documented keys (CSV with quoted newlines, OOS label)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sb-eval-'));
    const rows = (intent: string, words: string[]) => words.map((w, i) => `"${w} ${i}, please\nhelp",${intent}`);
    const train = ['text,label', ...rows('refund', Array(12).fill('refund my money back')), ...rows('card', Array(12).fill('my card has not arrived')), ...rows('oos', Array(6).fill('what is the weather tomorrow'))].join('\n');
    const test = ['text,category', '"I want my money back, refund",refund', '"where is my card",card', '"tell me the weather",oos'].join('\n');
    await writeFile(path.join(dir, 'train.csv'), train);
    await writeFile(path.join(dir, 'test.csv'), test);
    const { stdout } = await run(process.execPath, ['bin/switchboard.js', 'eval', 'intents', '--train', path.join(dir, 'train.csv'), '--test', path.join(dir, 'test.csv'), '--oos-label', 'oos', '--json'], { cwd: process.cwd(), env: { ...process.env, LOG_LEVEL: 'silent' } });
    const out = JSON.parse(stdout.trim());
    expect(Object.keys(out).sort()).toEqual(['accuracy', 'in_scope_accuracy', 'macro_f1', 'n_test', 'oos_recall', 'p50_ms', 'p99_ms', 'threshold', 'train_s'].sort());
    expect(out.n_test).toBe(3);
    expect(out.in_scope_accuracy).toBe(1);
  }, 60_000);

  it('eval intents refuses a CSV without text/label columns (exit code 1, clear message)', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'sb-eval-'));
    await writeFile(path.join(dir, 'bad.csv'), 'foo,bar\n1,2\n');
    const err = await run(process.execPath, ['bin/switchboard.js', 'eval', 'intents', '--train', path.join(dir, 'bad.csv'), '--test', path.join(dir, 'bad.csv')], { cwd: process.cwd() }).catch((e: { code: number; stderr: string }) => e);
    expect((err as { code: number }).code).toBe(1);
    expect((err as { stderr: string }).stderr).toContain('INVALID_DATASET');
  }, 60_000);
});
