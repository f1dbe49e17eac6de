import { readFile } from 'node:fs/promises';
import { activateModel, importExamples, listModels, runTraining, startTraining, type ModelVersion } from '../../domain/assistant/index.js';
import { DatasetError, parseExamples } from '../../domain/intents/index.js';
import { AppError } from '../../platform/errors.js';
import type { Command } from '../command.js';
import { REMOTE_HELP, REMOTE_OPTIONS, UsageError, parseFlags } from '../io/args.js';
import { createProgress } from '../io/progress.js';
import { openTarget } from '../io/target.js';

const show = (m: Pick<ModelVersion, 'version' | 'status' | 'is_active' | 'examples' | 'intents' | 'metrics'>) =>
  `v${m.version}  ${m.status}${m.is_active ? ' (active)' : ''}  ${m.examples} examples, ${m.intents} intents` +
  (typeof m.metrics.validation_accuracy === 'number' ? `, validation accuracy ${(m.metrics.validation_accuracy * 100).toFixed(1)}%` : '');

export const assistantImportCommand: Command = {
  name: 'assistant import',
  summary: 'Import labelled intent examples (CSV text,label|category or JSON Lines)',
  usage: `switchboard assistant import FILE

  FILE  .csv with a header (text + label or category columns; quoted newlines are fine) or .jsonl
        ({"text": …, "label": …} per line). Duplicates (same text and label) are skipped.

${REMOTE_HELP}`,
  async run(args) {
    const { values, positionals } = parseFlags(args, { ...REMOTE_OPTIONS }, { min: 1, max: 1, names: 'FILE' });
    const file = positionals[0]!;
    const content = await readFile(file, 'utf8').catch(() => {
      throw new AppError('FILE_NOT_FOUND', `Cannot read ${file}`, 'not_found');
    });
    let examples;
    try {
      examples = parseExamples(content, /\.(jsonl|ndjson)$/i.test(file) ? 'jsonl' : 'csv');
    } catch (e) {
      if (e instanceof DatasetError) throw new AppError('INVALID_DATASET', `${file}: ${e.message}`, 'validation');
      throw e;
    }
    const target = await openTarget(values);
    try {
      const r = target.kind === 'http'
        ? (await target.api.request<{ inserted: number; skipped: number }>('POST', '/api/v1/assistant/examples', { examples })).body
        : await target.run((ctx) => importExamples(ctx, examples));
      console.log(`${r.inserted} examples imported, ${r.skipped} already there`);
      return 0;
    } finally {
      await target.close();
    }
  },
};

export const assistantTrainCommand: Command = {
  name: 'assistant train',
  summary: 'Train a new intent model version from the workspace examples (progress bar; becomes active)',
  usage: `switchboard assistant train [--seed N]

  Directly on the database: trains in this process with a progress bar. Through a server (--url/--token):
  the server trains in the background (job "assistant.train-model"); this command waits for it.

${REMOTE_HELP}`,
  async run(args) {
    const { values } = parseFlags(args, { seed: { type: 'string' }, ...REMOTE_OPTIONS });
    const seed = values.seed === undefined ? undefined : Number(values.seed);
    if (seed !== undefined && !Number.isInteger(seed)) throw new UsageError('--seed must be an integer');
    const target = await openTarget(values);
    try {
      let done: ModelVersion;
      if (target.kind === 'http') {
        const started = (await target.api.request<ModelVersion>('POST', '/api/v1/assistant/models', { seed })).body;
        const bar = createProgress(`training v${started.version}`, null);
        for (;;) {
          const list = await target.api.get<{ data: ModelVersion[] }>('/api/v1/assistant/models');
          done = list.data.find((m) => m.id === started.id) ?? started;
          if (done.status !== 'training') break;
          bar.update(0, 'waiting for the server');
          await new Promise((r) => setTimeout(r, 1000));
        }
        bar.stop();
      } else {
        const row = await target.run((ctx) => startTraining(ctx, { seed }));
        const bar = createProgress(`training v${row.version}`, 100);
        done = await runTraining({ db: target.db, clock: { now: () => new Date() } }, row.id, (f) => bar.update(Math.round(f * 100), `${Math.round(f * 100)}%`));
        bar.stop();
      }
      console.log(show(done));
      if (done.status === 'failed') console.error(`training failed: ${done.error}`);
      return done.status === 'ready' ? 0 : 1;
    } finally {
      await target.close();
    }
  },
};

export const assistantModelsCommand: Command = {
  name: 'assistant models',
  summary: 'List intent model versions; --activate N rolls back (or forward) to version N',
  usage: `switchboard assistant models [--activate N]

${REMOTE_HELP}`,
  async run(args) {
    const { values } = parseFlags(args, { activate: { type: 'string' }, ...REMOTE_OPTIONS });
    const version = values.activate === undefined ? undefined : Number(values.activate);
    if (version !== undefined && !(Number.isInteger(version) && version > 0)) throw new UsageError('--activate needs a version number');
    const target = await openTarget(values);
    try {
      if (version !== undefined) {
        const m = target.kind === 'http'
          ? (await target.api.request<ModelVersion>('POST', `/api/v1/assistant/models/${version}/activate`, {})).body
          : await target.run((ctx) => activateModel(ctx, { version }));
        console.log(`active: ${show(m)}`);
        return 0;
      }
      const list = target.kind === 'http' ? (await target.api.get<{ data: ModelVersion[] }>('/api/v1/assistant/models')).data : await target.run((ctx) => listModels(ctx));
      if (list.length === 0) console.log('No model versions yet: "switchboard assistant import FILE" then "switchboard assistant train".');
      for (const m of list) console.log(show(m));
      return 0;
    } finally {
      await target.close();
    }
  },
};
