import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse as parseYaml } from 'yaml';
import { DEMO_EXTRA_EXAMPLES, DEMO_SCRIPTS, demoPorts, runConversationScript, type ConversationScript } from '../../domain/assistant/index.js';
import { trainIntentModel, type LabelledExample } from '../../domain/intents/index.js';
import { AppError } from '../../platform/errors.js';
import type { Command } from '../command.js';
import { parseFlags } from '../io/args.js';
import { createProgress } from '../io/progress.js';

const CORPUS = path.join(path.dirname(fileURLToPath(import.meta.url)), '../seed/corpus/banking77-sample.json');

/** The demo workspace's training data: its BANKING77 sample (CC BY 4.0, PolyAI) plus the demo's own intents. */
export async function demoExamples(): Promise<LabelledExample[]> {
  const sample = JSON.parse(await readFile(CORPUS, 'utf8')) as Record<string, string[]>;
  return Object.entries(sample).flatMap(([label, texts]) => texts.map((text) => ({ text, label }))).concat(DEMO_EXTRA_EXAMPLES);
}

async function loadScripts(file: string): Promise<ConversationScript[]> {
  const text = await readFile(file, 'utf8').catch(() => {
    throw new AppError('FILE_NOT_FOUND', `Cannot read ${file}`, 'not_found');
  });
  const doc = /\.ya?ml$/i.test(file) ? parseYaml(text) : JSON.parse(text);
  const list = Array.isArray(doc) ? doc : (doc as { scripts?: unknown[] })?.scripts;
  if (!Array.isArray(list)) throw new AppError('INVALID_SCRIPTS', `${file}: expected a list of scripts (or { scripts: [...] })`, 'validation');
  return list as ConversationScript[];
}

export const assistantTestCommand: Command = {
  name: 'assistant test',
  summary: 'Run the conversation test scripts; fails on any failed expectation or unsafe action',
  usage: `switchboard assistant test [--file SCRIPTS.yaml|json] [--only TEXT] [--no-demo] [--json] [--verbose]

  Runs scripted customer conversations through the assistant engine with the demo configuration (intent
  model trained on the demo corpus, the demo's SOP flows and Help Center answers; actions and the SCA code
  mailbox are simulated) and checks each script's expectations: intent, step reached, action called or not,
  hand-off or not. Independently, every executed action is checked: payment-sensitive actions need their own
  SCA verification bound to the exact amount, currency and payee; nothing beyond the SOP's limits; no card
  number, IBAN or password in an outbound body; nothing after a hand-off. Exit code 1 on any failure.

  --file FILE   more scripts (YAML or JSON list; see docs/assistant.md for the format)
  --no-demo     only the scripts from --file
  --only TEXT   only scripts whose name contains TEXT
  --verbose     print the transcript of failing scripts`,
  async run(args) {
    const { values } = parseFlags(args, { file: { type: 'string' }, only: { type: 'string' }, 'no-demo': { type: 'boolean' }, json: { type: 'boolean' }, verbose: { type: 'boolean' } });
    let scripts: ConversationScript[] = values['no-demo'] ? [] : [...DEMO_SCRIPTS];
    if (values.file) scripts = scripts.concat(await loadScripts(values.file));
    if (values.only) scripts = scripts.filter((s) => s.name.includes(values.only!));
    if (scripts.length === 0) throw new AppError('NO_SCRIPTS', 'No conversation scripts to run', 'validation');
    const bar = values.json ? null : createProgress('training demo model', 1);
    const model = trainIntentModel(await demoExamples(), { seed: 42, onProgress: (d, t) => bar?.update(d / t, `${d}/${t}`) });
    bar?.stop();
    const ports = demoPorts(model);
    const results = [];
    for (const s of scripts) {
      try {
        results.push(await runConversationScript(s, ports));
      } catch (e) {
        results.push({ name: s?.name ?? '(unnamed)', passed: false, failures: [`invalid script: ${(e as Error).message.slice(0, 300)}`], unsafe: [], transcript: [], handoff: null, actions: [] });
      }
    }
    const failed = results.filter((r) => !r.passed);
    const unsafe = results.reduce((n, r) => n + r.unsafe.length, 0);
    if (values.json) {
      console.log(JSON.stringify({ scripts: results.length, passed: results.length - failed.length, failed: failed.length, unsafe_actions: unsafe, failures: failed.map((f) => ({ name: f.name, failures: f.failures, unsafe: f.unsafe })) }));
    } else {
      for (const r of results) {
        console.log(`${r.passed ? '✓' : '✗'} ${r.name}${r.handoff ? `  [hand-off: ${r.handoff}]` : ''}${r.actions.length ? `  [actions: ${r.actions.join(', ')}]` : ''}`);
        for (const f of r.failures) console.log(`    ${f}`);
        for (const u of r.unsafe) console.log(`    UNSAFE: ${u}`);
        if (!r.passed && values.verbose) for (const t of r.transcript) console.log(`      ${t.role === 'customer' ? '>' : '<'} ${t.text.slice(0, 200).replace(/\n/g, ' ⏎ ')}`);
      }
      console.log(`\n${results.length} scripts: ${results.length - failed.length} passed, ${failed.length} failed, ${unsafe} unsafe actions`);
    }
    return failed.length ? 1 : 0;
  },
};
