import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  commentOnSopVersion, createSop, createSopVersion, diffSopVersions, dryRunSopVersion, editSopVersion, getSop, getSopMetrics, getSopVersion,
  knownRefs, listSops, parseSopYaml, testSopVersion, toSopYaml, transitionSopVersion, updateSop, type SopDefinition,
} from '../../domain/sops/index.js';
import { authorize } from '../../domain/kernel/index.js';
import { ZId, ZProblem, list } from '../../shared/contracts/common.js';
import {
  ZComment, ZCreateSop, ZCreateSopVersion, ZDryRun, ZEditSopVersion, ZSop, ZSopDetail, ZSopDiff, ZSopListItem, ZSopMetrics, ZSopVersion, ZSopVersionDetail,
  ZTestResult, ZTransition, ZUpdateSop, ZValidateResult, ZValidateSop,
} from '../../shared/contracts/sops.js';
import { inTx, type ServerDeps } from '../deps.js';
import { idempotent } from '../idempotency.js';
import { toWire } from '../present.js';
import { registerSopRunRoutes } from './sops-runs.js';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem };
const Params = z.object({ id: ZId });

/** HTTP routes of the sops module: SOPs, versions, review and launch; runs on tickets live in sops-runs.ts. */
export function registerSopsRoutes(root: FastifyInstance, deps: ServerDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['SOPs'];
  const w = <T>(v: T) => toWire(v) as never;

  app.get('/api/v1/sops', { schema: { tags, summary: 'List SOPs with their versions', response: { 200: list(ZSopListItem), ...errors } } },
    async (req) => ({ data: w(await inTx(deps, req, (ctx) => listSops(ctx))) }));

  app.post('/api/v1/sops', {
    schema: { tags, summary: 'Create an SOP from YAML (version 1, draft)', body: ZCreateSop, response: { 201: z.object({ sop: ZSop, version: ZSopVersion }), ...errors } },
  }, (req, reply) => idempotent(deps, req, reply, async (ctx) => ({ status: 201, body: w(await createSop(ctx, req.body)) })) as never);

  app.post('/api/v1/sops/validate', {
    schema: { tags, summary: 'Validate SOP YAML (or a structured definition) without saving: every issue with line and path; the canonical YAML', body: ZValidateSop, response: { 200: ZValidateResult, ...errors } },
  }, async (req) => inTx(deps, req, async (ctx) => {
    authorize(ctx.actor, 'sops.manage');
    const text = req.body.yaml ?? (req.body.definition ? toSopYaml(req.body.definition as unknown as SopDefinition) : '');
    const r = parseSopYaml(text, await knownRefs(ctx));
    return { ok: r.ok, issues: r.issues, definition: r.definition as never, yaml: r.ok ? toSopYaml(r.definition) : null };
  }));

  app.get('/api/v1/sops/:id', { schema: { tags, summary: 'An SOP with all its versions', params: Params, response: { 200: ZSopDetail, ...errors } } },
    async (req) => w(await inTx(deps, req, (ctx) => getSop(ctx, req.params.id))));

  app.patch('/api/v1/sops/:id', { schema: { tags, summary: 'Set the named approvers (by role)', params: Params, body: ZUpdateSop, response: { 200: ZSop, ...errors } } },
    async (req) => w(await inTx(deps, req, (ctx) => updateSop(ctx, req.params.id, req.body))));

  app.post('/api/v1/sops/:id/versions', {
    schema: { tags, summary: 'New draft version (from YAML, or a copy of a version; default the latest)', params: Params, body: ZCreateSopVersion, response: { 201: ZSopVersion, ...errors } },
  }, (req, reply) => idempotent(deps, req, reply, async (ctx) => ({ status: 201, body: w(await createSopVersion(ctx, req.params.id, req.body)) })) as never);

  app.get('/api/v1/sops/:id/metrics', {
    schema: { tags, summary: 'Metrics per version and per A/B arm, with confidence intervals, significance tests and a recommendation', params: Params, response: { 200: ZSopMetrics, ...errors } },
  }, async (req) => w(await inTx(deps, req, (ctx) => getSopMetrics(ctx, req.params.id))));

  app.get('/api/v1/sop_versions/:id', { schema: { tags, summary: 'A version with its reviews and lifecycle history', params: Params, response: { 200: ZSopVersionDetail, ...errors } } },
    async (req) => w(await inTx(deps, req, (ctx) => getSopVersion(ctx, req.params.id))));

  app.patch('/api/v1/sop_versions/:id', {
    schema: { tags, summary: 'Edit a version (draft; in review/approved re-opens review)', params: Params, body: ZEditSopVersion, response: { 200: ZSopVersion, ...errors } },
  }, async (req) => w(await inTx(deps, req, (ctx) => editSopVersion(ctx, req.params.id, req.body))));

  app.post('/api/v1/sop_versions/:id/transitions', {
    schema: { tags, summary: 'submit, approve, request_changes, launch (rollout), update_rollout, promote, rollback, retire', params: Params, body: ZTransition, response: { 200: ZSopVersion, ...errors } },
  }, (req, reply) => idempotent(deps, req, reply, async (ctx) => ({ status: 200, body: w(await transitionSopVersion(ctx, req.params.id, req.body)) })) as never);

  app.post('/api/v1/sop_versions/:id/comments', {
    schema: { tags, summary: 'Comment on a version', params: Params, body: ZComment, response: { 201: z.object({ id: z.string() }), ...errors } },
  }, (req, reply) => idempotent(deps, req, reply, async (ctx) => ({ status: 201, body: await commentOnSopVersion(ctx, req.params.id, req.body.body) })) as never);

  app.post('/api/v1/sop_versions/:id/test', {
    schema: { tags, summary: "Run the version's test cases", params: Params, response: { 200: ZTestResult, ...errors } },
  }, async (req) => w(await inTx(deps, req, (ctx) => testSopVersion(ctx, req.params.id))));

  app.post('/api/v1/sop_versions/:id/dry_run', {
    schema: { tags, summary: 'Replay the last N matching tickets through this version; report where it would act differently', params: Params, body: z.strictObject({ limit: z.number().int().min(1).max(500).optional() }).optional(), response: { 200: ZDryRun, ...errors } },
  }, async (req) => w(await inTx(deps, req, (ctx) => dryRunSopVersion(ctx, req.params.id, req.body?.limit ?? 100))));

  app.get('/api/v1/sop_versions/:id/diff', {
    schema: { tags, summary: 'Steps added, removed and changed from another version (against) to this one', params: Params, querystring: z.object({ against: ZId }), response: { 200: ZSopDiff, ...errors } },
  }, async (req) => w(await inTx(deps, req, (ctx) => diffSopVersions(ctx, req.query.against, req.params.id))));

  registerSopRunRoutes(app, deps);
}
