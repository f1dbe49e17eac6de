/**
 * Intent examples and model versions per workspace: import labelled examples, start a training (a new
 * version row), run it (the background job's work), activate / roll back a version.
 */
import type { Clock } from '../../../platform/clock.js';
import type { Db, Queryable } from '../../../platform/db/index.js';
import { invalid, notFound } from '../../../platform/errors.js';
import { newId } from '../../../platform/ids.js';
import { authorize, recordChange, systemActor, type Ctx } from '../../kernel/index.js';
import { serializeModel, trainIntentModel, type LabelledExample } from '../../intents/index.js';
import { NOT_RESTRICTED_SQL } from '../../compliance/index.js';
import { forgetModel } from '../model-cache.js';

export const MAX_IMPORT_EXAMPLES = 200_000;

export async function importExamples(ctx: Ctx, examples: LabelledExample[], source: 'import' | 'editor' = 'import'): Promise<{ inserted: number; skipped: number }> {
  authorize(ctx.actor, 'assistant.manage');
  if (examples.length > MAX_IMPORT_EXAMPLES) throw invalid('TOO_MANY_EXAMPLES', `At most ${MAX_IMPORT_EXAMPLES} examples per import`);
  const clean = examples
    .map((e) => ({ text: String(e.text ?? '').trim().slice(0, 2000), label: String(e.label ?? '').trim().slice(0, 120) }))
    .filter((e) => e.text && e.label);
  if (clean.length === 0) throw invalid('NO_EXAMPLES', 'No labelled examples (each needs text and label)');
  const now = ctx.clock.now();
  let inserted = 0;
  for (let i = 0; i < clean.length; i += 1000) {
    const chunk = clean.slice(i, i + 1000);
    const rows = await ctx.tx.query<{ id: string }>(
      `INSERT INTO assistant_examples (id, workspace_id, text, label, source, created_at)
       SELECT x.id, $1, x.text, x.label, $2, $3 FROM jsonb_to_recordset($4::jsonb) AS x(id text, text text, label text)
       ON CONFLICT (workspace_id, label, text) DO NOTHING RETURNING id`,
      [ctx.actor.workspaceId, source, now, JSON.stringify(chunk.map((c) => ({ id: newId('aex', now), ...c })))],
    );
    inserted += rows.length;
  }
  await recordChange(ctx, { event: 'assistant.examples_imported', aggregateType: 'assistant_model', aggregateId: ctx.actor.workspaceId, payload: { inserted, skipped: clean.length - inserted, source } });
  return { inserted, skipped: clean.length - inserted };
}

/**
 * The examples a training may use: imported and editor examples, and agent-confirmed ticket examples unless
 * the ticket's customer has a processing restriction (GDPR Art. 18) — also when it was set after the example
 * was stored.
 */
const USABLE_EXAMPLES = `FROM assistant_examples e LEFT JOIN tickets t ON t.id = e.ticket_id
  WHERE e.workspace_id = $1 AND (t.requester_id IS NULL OR ${NOT_RESTRICTED_SQL('t.requester_id')})`;

export async function loadExamples(q: Queryable, workspaceId: string): Promise<LabelledExample[]> {
  return q.query<LabelledExample>(`SELECT e.text, e.label ${USABLE_EXAMPLES} ORDER BY e.label, e.text`, [workspaceId]);
}

export interface ModelVersion {
  id: string;
  version: number;
  status: 'training' | 'ready' | 'failed';
  is_active: boolean;
  progress: number;
  examples: number;
  intents: number;
  metrics: Record<string, unknown>;
  error: string | null;
  created_at: Date;
  finished_at: Date | null;
}

export const MODEL_COLUMNS = 'id, version, status, is_active, progress, examples, intents, metrics, error, created_at, finished_at';

/** A new version row in state "training"; the caller (job or CLI) then runs {@link runTraining}. */
/** `background`: nobody runs it now; the worker's catch-up job trains it on its next pass (demo seed). */
export async function startTraining(ctx: Ctx, opts: { seed?: number; background?: boolean } = {}): Promise<ModelVersion> {
  authorize(ctx.actor, 'assistant.manage');
  const ws = ctx.actor.workspaceId;
  const stats = await ctx.tx.one<{ n: number; labels: number }>(`SELECT count(*)::int AS n, count(DISTINCT e.label)::int AS labels ${USABLE_EXAMPLES}`, [ws]);
  if (stats.labels < 2) throw invalid('NOT_ENOUGH_EXAMPLES', 'Import labelled examples for at least two intents first');
  const running = await ctx.tx.maybeOne("SELECT id FROM assistant_models WHERE workspace_id = $1 AND status = 'training'", [ws]);
  if (running) throw invalid('TRAINING_RUNNING', 'A training is already running for this workspace');
  const now = ctx.clock.now();
  const row = await ctx.tx.one<ModelVersion>(
    `INSERT INTO assistant_models (id, workspace_id, version, status, examples, intents, seed, created_by, created_at, metrics)
     VALUES ($1, $2, (SELECT coalesce(max(version), 0) + 1 FROM assistant_models WHERE workspace_id = $2), 'training', $3, $4, $5, $6, $7, $8)
     RETURNING ${MODEL_COLUMNS}`,
    [newId('amd', now), ws, stats.n, stats.labels, opts.seed ?? 42, ctx.actor.id, now, JSON.stringify(opts.background ? { queued: 'background' } : {})],
  );
  await recordChange(ctx, { event: 'assistant.model_training_started', aggregateType: 'assistant_model', aggregateId: row.id, payload: { version: row.version, examples: stats.n, intents: stats.labels } });
  return row;
}

/**
 * Train the version's model from the workspace's examples (outside any transaction: CPU work), store it and
 * make it the active version. Progress is written to the row so `assistant train` can draw a bar.
 */
export async function runTraining(deps: { db: Db; clock: Clock }, modelId: string, onProgress?: (fraction: number) => void): Promise<ModelVersion> {
  const head = await deps.db.maybeOne<{ workspace_id: string; seed: number; status: string }>('SELECT workspace_id, seed, status FROM assistant_models WHERE id = $1', [modelId]);
  if (!head) throw notFound('MODEL_NOT_FOUND', 'Model version');
  if (head.status !== 'training') return deps.db.one<ModelVersion>(`SELECT ${MODEL_COLUMNS} FROM assistant_models WHERE id = $1`, [modelId]);
  const examples = await loadExamples(deps.db, head.workspace_id);
  const ctxOf = (tx: Queryable): Ctx => ({ actor: systemActor(head.workspace_id), tx, clock: deps.clock, meta: { channel: 'system' } });
  try {
    const model = trainIntentModel(examples, {
      seed: head.seed,
      onProgress: (d, t) => onProgress?.(d / t),
    });
    const bytes = serializeModel(model);
    const s = model.state.stats;
    const metrics = { validation_accuracy: s.validationAccuracy, validation_examples: s.validation, train_s: s.trainSeconds, temperature: model.state.temperature, threshold: model.state.threshold, bytes: bytes.length };
    return await deps.db.transaction(async (tx) => {
      const ctx = ctxOf(tx);
      await tx.query('UPDATE assistant_models SET is_active = false WHERE workspace_id = $1 AND is_active', [head.workspace_id]);
      const row = await tx.one<ModelVersion>(
        `UPDATE assistant_models SET status = 'ready', is_active = true, progress = 1, model = $2, metrics = $3, examples = $4, intents = $5, finished_at = $6
         WHERE id = $1 RETURNING ${MODEL_COLUMNS}`,
        [modelId, bytes, JSON.stringify(metrics), s.examples, model.labels.length, deps.clock.now()],
      );
      await recordChange(ctx, { event: 'assistant.model_trained', aggregateType: 'assistant_model', aggregateId: modelId, payload: { version: row.version, ...metrics } });
      forgetModel(head.workspace_id);
      return row;
    });
  } catch (e) {
    return deps.db.transaction(async (tx) => {
      const row = await tx.one<ModelVersion>(`UPDATE assistant_models SET status = 'failed', error = $2, finished_at = $3 WHERE id = $1 RETURNING ${MODEL_COLUMNS}`, [modelId, (e as Error).message.slice(0, 500), deps.clock.now()]);
      await recordChange(ctxOf(tx), { event: 'assistant.model_training_failed', aggregateType: 'assistant_model', aggregateId: modelId, payload: { error: row.error } });
      return row;
    });
  }
}

/** Make a ready version the active one (also the rollback). */
export async function activateModel(ctx: Ctx, target: { id?: string; version?: number }): Promise<ModelVersion> {
  authorize(ctx.actor, 'assistant.manage');
  const ws = ctx.actor.workspaceId;
  const row = await ctx.tx.maybeOne<ModelVersion>(`SELECT ${MODEL_COLUMNS} FROM assistant_models WHERE workspace_id = $1 AND (id = $2 OR version = $3)`, [ws, target.id ?? null, target.version ?? null]);
  if (!row) throw notFound('MODEL_NOT_FOUND', 'Model version');
  if (row.status !== 'ready') throw invalid('MODEL_NOT_READY', `Version ${row.version} is ${row.status}`);
  const before = await ctx.tx.maybeOne<{ version: number }>('SELECT version FROM assistant_models WHERE workspace_id = $1 AND is_active', [ws]);
  await ctx.tx.query('UPDATE assistant_models SET is_active = false WHERE workspace_id = $1 AND is_active', [ws]);
  const out = await ctx.tx.one<ModelVersion>(`UPDATE assistant_models SET is_active = true WHERE id = $1 RETURNING ${MODEL_COLUMNS}`, [row.id]);
  await recordChange(ctx, { event: 'assistant.model_activated', aggregateType: 'assistant_model', aggregateId: row.id, payload: { version: row.version, previous_version: before?.version ?? null } });
  forgetModel(ws);
  return out;
}

export async function listModels(ctx: Ctx): Promise<ModelVersion[]> {
  authorize(ctx.actor, 'assistant.manage');
  return ctx.tx.query<ModelVersion>(`SELECT ${MODEL_COLUMNS} FROM assistant_models WHERE workspace_id = $1 ORDER BY version DESC`, [ctx.actor.workspaceId]);
}

/**
 * Catch-up for trainings nobody is running: versions queued for the background (demo seed) and versions still
 * in "training" more than 2 minutes after they were created (a crashed process) are trained now.
 */
export async function resumePendingTrainings(deps: { db: Db; clock: Clock }): Promise<number> {
  const cutoff = new Date(deps.clock.now().getTime() - 2 * 60_000);
  const rows = await deps.db.query<{ id: string }>("SELECT id FROM assistant_models WHERE status = 'training' AND (created_at <= $1 OR metrics->>'queued' = 'background') ORDER BY created_at LIMIT 3", [cutoff]);
  for (const r of rows) await runTraining(deps, r.id);
  return rows.length;
}
