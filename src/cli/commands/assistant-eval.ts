import { readFile } from 'node:fs/promises';
import { AppError } from '../../platform/errors.js';
import { DatasetError, evaluateIntents, parseExamples, type LabelledExample } from '../../domain/intents/index.js';
import type { Command } from '../command.js';
import { UsageError, parseFlags, required } from '../io/args.js';
import { createProgress } from '../io/progress.js';

async function loadExamples(file: string): Promise<LabelledExample[]> {
  const content = await readFile(file, 'utf8').catch(() => {
    throw new AppError('FILE_NOT_FOUND', `Cannot read ${file}`, 'not_found');
  });
  try {
    return parseExamples(content, /\.(jsonl|ndjson)$/i.test(file) ? 'jsonl' : 'csv');
  } catch (e) {
    if (e instanceof DatasetError) throw new AppError('INVALID_DATASET', `${file}: ${e.message}`, 'validation');
    throw e;
  }
}

const pct = (x: number) => `${(x * 100).toFixed(2)}%`;

export const evalIntentsCommand: Command = {
  name: 'eval intents',
  summary: 'Train the intent model on one labelled file and evaluate it on another',
  usage: `switchboard eval intents --train FILE --test FILE [--oos-label LABEL] [--seed N] [--json]

  --train FILE       CSV with a header row: a "text" column and a "label" (or "category") column;
                     .jsonl files with {"text","label"} objects also work
  --test FILE        same format
  --oos-label LABEL  label of out-of-scope queries: the model learns a confidence threshold on a validation
                     split carved from --train (never from --test); below it a query counts as LABEL
  --seed N           training seed (default 42; same seed, same data → same model)
  --json             print one JSON object: accuracy, macro_f1, train_s, p50_ms, p99_ms, n_test
                     (+ in_scope_accuracy, oos_recall, threshold with --oos-label)

Prints accuracy, macro-F1, the most confused intent pairs, the worst intents, training seconds and the
p50/p99 latency of one classification.`,
  async run(args) {
    const { values } = parseFlags(args, { train: { type: 'string' }, test: { type: 'string' }, 'oos-label': { type: 'string' }, seed: { type: 'string' }, json: { type: 'boolean' } });
    const trainFile = required(values.train, '--train');
    const testFile = required(values.test, '--test');
    const seed = values.seed === undefined ? 42 : Number(values.seed);
    if (!Number.isInteger(seed)) throw new UsageError('--seed must be an integer');
    const [train, test] = await Promise.all([loadExamples(trainFile), loadExamples(testFile)]);
    if (train.length === 0 || test.length === 0) throw new AppError('INVALID_DATASET', 'train and test files need at least one labelled row each', 'validation');
    const oosLabel = values['oos-label'];
    const bar = values.json ? null : createProgress('training', 1);
    const r = evaluateIntents(train, test, { seed, oosLabel, onProgress: (d, t, phase) => bar?.update(d / t, `${phase} ${d}/${t}`) });
    bar?.stop();
    const out: Record<string, number> = {
      accuracy: r.accuracy,
      macro_f1: r.macro_f1,
      train_s: Math.round(r.train_s * 100) / 100,
      p50_ms: Math.round(r.p50_ms * 1000) / 1000,
      p99_ms: Math.round(r.p99_ms * 1000) / 1000,
      n_test: r.n_test,
    };
    if (oosLabel) Object.assign(out, { in_scope_accuracy: r.in_scope_accuracy, oos_recall: r.oos_recall, threshold: r.threshold });
    if (values.json) {
      console.log(JSON.stringify(out));
      return 0;
    }
    const m = r.model.state;
    console.log(`train: ${train.length} examples, ${m.labels.length} intents; test: ${test.length} examples`);
    console.log(`accuracy        ${pct(r.accuracy)}`);
    console.log(`macro-F1        ${pct(r.macro_f1)}`);
    if (oosLabel) {
      console.log(`in-scope acc.   ${pct(r.in_scope_accuracy ?? 0)}`);
      console.log(`OOS recall      ${pct(r.oos_recall ?? 0)}  (threshold ${r.threshold?.toFixed(3)}, chosen on a ${m.stats.validation}-example validation split of --train)`);
    }
    console.log(`training        ${out.train_s} s   (temperature ${m.temperature.toFixed(3)}, validation accuracy ${pct(m.stats.validationAccuracy)})`);
    console.log(`classify        p50 ${out.p50_ms} ms, p99 ${out.p99_ms} ms`);
    console.log('\nmost confused (gold → predicted: count):');
    for (const c of r.report.confused.slice(0, 10)) console.log(`  ${c.gold} → ${c.predicted}: ${c.count}`);
    console.log('\nlowest F1 intents (F1 / precision / recall, support):');
    for (const l of [...r.report.perLabel].sort((a, b) => a.f1 - b.f1).slice(0, 10)) {
      console.log(`  ${l.label.padEnd(40)} ${pct(l.f1)} / ${pct(l.precision)} / ${pct(l.recall)}  (${l.support})`);
    }
    return 0;
  },
};
