/**
 * `npm run bench -- intents [--data DIR] [--no-peer]`: trains and tests our intent model and NLP.js
 * (node-nlp, defaults) on BANKING77 (train → test) in the same run. BANKING77 © PolyAI, CC BY 4.0
 * (Casanueva et al. 2020, https://github.com/PolyAI-LDN/task-specific-datasets).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { evaluateIntents, parseCsvExamples, percentile } from '../src/domain/intents/index.js';
import { emitResult, note, parseArgs, round } from './lib/cli.js';

const args = parseArgs(process.argv.slice(2));
const dir = typeof args.data === 'string' ? args.data : process.env.BANKING77_DIR ?? '/work/shared/datasets/banking77';
const train = parseCsvExamples(readFileSync(path.join(dir, 'train.csv'), 'utf8'));
const test = parseCsvExamples(readFileSync(path.join(dir, 'test.csv'), 'utf8'));
note(`BANKING77: ${train.length} train, ${test.length} test`);

const cpu0 = process.cpuUsage();
const ours = evaluateIntents(train, test, { seed: 42 });
const cpu = process.cpuUsage(cpu0);
// CPU time of training + testing, for machines where wall time is dominated by other load
const oursCpuS = (cpu.user + cpu.system) / 1e6;
note(`ours: accuracy ${(ours.accuracy * 100).toFixed(2)}%, macro-F1 ${(ours.macro_f1 * 100).toFixed(2)}%, train ${ours.train_s.toFixed(2)} s, p50 ${ours.p50_ms.toFixed(3)} ms, p99 ${ours.p99_ms.toFixed(3)} ms`);

let peerAccuracy: number | null = null;
let peerTrain: number | null = null;
let peerP50: number | null = null;
if (args.peer !== false) {
  const { NlpManager } = (await import('node-nlp')) as unknown as { NlpManager: new (o: Record<string, unknown>) => PeerManager };
  interface PeerManager {
    addDocument(lang: string, text: string, intent: string): void;
    train(): Promise<void>;
    process(lang: string, text: string): Promise<{ intent: string }>;
  }
  const manager = new NlpManager({ languages: ['en'], nlu: { log: false }, autoSave: false });
  for (const ex of train) manager.addDocument('en', ex.text, ex.label);
  const t0 = performance.now();
  await manager.train();
  peerTrain = (performance.now() - t0) / 1000;
  let ok = 0;
  const lat: number[] = [];
  for (const ex of test) {
    const s = performance.now();
    const r = await manager.process('en', ex.text);
    lat.push(performance.now() - s);
    if (r.intent === ex.label) ok++;
  }
  peerAccuracy = ok / test.length;
  peerP50 = percentile(lat, 50);
  note(`NLP.js (node-nlp defaults): accuracy ${(peerAccuracy * 100).toFixed(2)}%, train ${peerTrain.toFixed(1)} s, p50 ${peerP50.toFixed(3)} ms`);
}

emitResult({
  bench: 'intents.banking77',
  ours_accuracy: round(ours.accuracy * 100, 2),
  peer_accuracy: peerAccuracy === null ? null : round(peerAccuracy * 100, 2),
  ours_train_s: round(ours.train_s, 2),
  ours_cpu_s: round(oursCpuS, 2),
  peer_train_s: peerTrain === null ? null : round(peerTrain, 1),
  ours_p50_ms: round(ours.p50_ms, 3),
  ours_p99_ms: round(ours.p99_ms, 3),
  ours_macro_f1: round(ours.macro_f1 * 100, 2),
  peer_p50_ms: peerP50 === null ? null : round(peerP50, 3),
  n_test: test.length,
});
