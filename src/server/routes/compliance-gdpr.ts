import { createReadStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  assertVerified, buildExport, completeRequest, eraseCustomer, journalTombstone, liftRestriction, loadRequest, regionOf, releaseLegalHold,
  resolveExportDownload, restrictProcessing, setLegalHold, setRegion, submitRequest, verifyRequest, type DsrRequest,
  refuseRequest, renderRefusal, requestFee, setRequestFee, REFUSAL_GROUNDS,
} from '../../domain/compliance/index.js';
import { systemActor } from '../../domain/kernel/index.js';
import { AppError } from '../../platform/errors.js';
import { removeStoredFile } from '../../platform/storage/regions.js';
import { ZId, ZProblem } from '../../shared/contracts/common.js';
import {
  ZDsrRequest, ZErasureReport, ZExportCreated, ZLegalHold, ZLiftRestriction, ZPublicRequest, ZRegion, ZRestrict, ZSubmitRequest, ZVerifyRequest,
} from '../../shared/contracts/compliance.js';
import { inTx, type ServerDeps } from '../deps.js';
import { toWire } from '../present.js';
import { sendProblem, problem } from '../problem.js';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem };
const Params = z.object({ id: ZId });
const present = (r: DsrRequest) => toWire(r) as never;

export function registerComplianceGdprRoutes(root: FastifyInstance, deps: ServerDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Compliance: GDPR'];
  const storage = { dataDir: deps.config.DATA_DIR, readFile: (h: string) => deps.files.get(h) };

  app.post('/api/v1/compliance/requests', {
    schema: { tags, summary: 'Receive a data-subject request (opens the GDPR clock; code to a known address unless authenticated)', body: ZSubmitRequest, response: { 201: ZDsrRequest, ...errors } },
  }, async (req, reply) => {
    const r = await inTx(deps, req, (ctx) => submitRequest(ctx, req.body));
    reply.code(201);
    return present(r);
  });

  app.get('/api/v1/compliance/requests/:id', {
    schema: { tags, summary: 'A data-subject request', params: Params, response: { 200: ZDsrRequest, ...errors } },
  }, async (req) => present(await inTx(deps, req, (ctx) => loadRequest(ctx, req.params.id))));

  app.post('/api/v1/compliance/requests/:id/verify', {
    schema: { tags, summary: 'Check the one-time code (≤ 5 attempts); an uploaded ID document is purged after the check', params: Params, body: ZVerifyRequest, response: { 200: ZDsrRequest, ...errors } },
  }, async (req) => {
    const r = await inTx(deps, req, (ctx) => verifyRequest(ctx, req.params.id, req.body));
    if (r.purge_file) await removeStoredFile(deps.config.filesDir, r.purge_file).catch(() => false);
    if (r.error) throw r.error;
    const { purge_file: _p, error: _e, ...out } = r;
    return present(out);
  });

  app.post('/api/v1/compliance/requests/:id/export', {
    schema: { tags, summary: 'Build the access/portability ZIP (JSON + CSV + original files; third parties redacted) in the workspace region', params: Params, response: { 201: ZExportCreated, ...errors } },
  }, async (req, reply) => {
    const out = await inTx(deps, req, async (ctx) => {
      const r = await loadRequest(ctx, req.params.id, true);
      assertVerified(r);
      if (r.kind !== 'access' && r.kind !== 'portability') throw new AppError('WRONG_REQUEST_KIND', `An ${r.kind} request has no export`, 'unprocessable');
      const e = await buildExport(ctx, storage, r.customer_id!, { requestId: r.id, brandId: r.brand_id });
      await completeRequest(ctx, r.id);
      return e;
    });
    reply.code(201);
    return { export_id: out.export_id, region: out.region, size_bytes: out.size_bytes, download_url: out.download_url } as never;
  });

  app.post('/api/v1/compliance/requests/:id/erase', {
    schema: { tags, summary: 'Erase the person in every store (Art. 17(3) exceptions kept with reason codes); returns the erasure report', params: Params, response: { 200: ZErasureReport, ...errors } },
  }, async (req) => {
    const { report, region, workspaceId } = await inTx(deps, req, async (ctx) => {
      const r = await loadRequest(ctx, req.params.id, true);
      assertVerified(r);
      if (r.kind !== 'erasure') throw new AppError('WRONG_REQUEST_KIND', `An ${r.kind} request does not erase`, 'unprocessable');
      const rep = await eraseCustomer(ctx, r.customer_id!, { requestId: r.id });
      await completeRequest(ctx, r.id);
      return { report: rep, region: await regionOf(ctx, r.brand_id), workspaceId: ctx.actor.workspaceId };
    });
    await journalTombstone(deps.config.DATA_DIR, region, report, workspaceId);
    for (const f of report.orphaned_files) await removeStoredFile(deps.config.filesDir, f).catch(() => false);
    for (const f of report.export_files) await rm(f, { force: true });
    return report as never;
  });

  const ZRefusal = z.object({ language: z.string(), subject: z.string(), body: z.string() });
  const ZSa = z.strictObject({ name: z.string().min(1).max(200), url: z.string().url().max(500) });
  const ZFee = z.object({ fee_minor: z.number().nullable(), fee_currency: z.string().nullable(), fee_justification: z.string().nullable(), fee_locked: z.boolean() });

  app.get('/api/v1/compliance/refusal-template', {
    schema: {
      tags, summary: 'Preview the refusal letter (reasons, right to complain to the SA with its link, judicial remedy) in en/de/fr',
      querystring: z.object({ language: z.string().max(5).optional(), ground: z.enum(REFUSAL_GROUNDS).default('manifestly_unfounded'), reasons: z.string().max(2000).default('…') }),
      response: { 200: ZRefusal, ...errors },
    },
  }, (req) => renderRefusal(req.query) as never);

  app.post('/api/v1/compliance/requests/:id/refuse', {
    schema: {
      tags, summary: 'Refuse a request with reasons (manifestly unfounded/excessive need a justification); answers the clock and returns the letter',
      params: Params, body: z.strictObject({
        ground: z.enum(REFUSAL_GROUNDS), reasons: z.string().max(5000), justification: z.string().max(5000).optional(), language: z.string().max(5).optional(),
        supervisory_authority: ZSa.optional(), late_reason: z.string().max(2000).optional(),
      }),
      response: { 200: ZDsrRequest.extend({ refusal: ZRefusal }), ...errors },
    },
  }, async (req) => toWire(await inTx(deps, req, (ctx) => refuseRequest(ctx, req.params.id, req.body))) as never);

  app.get('/api/v1/compliance/requests/:id/fee', {
    schema: { tags, summary: 'The fee of a request (locked until a justification is entered)', params: Params, response: { 200: ZFee, ...errors } },
  }, (req) => inTx(deps, req, async (ctx) => {
    await loadRequest(ctx, req.params.id);
    return requestFee(ctx, req.params.id);
  }) as never);

  app.put('/api/v1/compliance/requests/:id/fee', {
    schema: {
      tags, summary: 'Charge a fee (Art. 12(5)): refused with FEE_JUSTIFICATION_REQUIRED unless a justification is given', params: Params,
      body: z.strictObject({ fee_minor: z.number().int(), currency: z.string().max(3), justification: z.string().max(5000).optional() }),
      response: { 200: ZFee, ...errors },
    },
  }, async (req) => {
    const r = await inTx(deps, req, (ctx) => setRequestFee(ctx, req.params.id, req.body));
    return { fee_minor: r.fee_minor, fee_currency: r.fee_currency, fee_justification: r.fee_justification, fee_locked: r.fee_locked } as never;
  });

  app.post('/api/v1/compliance/customers/:id/restriction', {
    schema: { tags, summary: 'Restrict processing (Art. 18): excluded from analytics, model training and automations', params: Params, body: ZRestrict, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await inTx(deps, req, (ctx) => restrictProcessing(ctx, req.params.id, req.body.reason));
    return reply.code(204).send(null);
  });

  app.post('/api/v1/compliance/customers/:id/restriction/lift', {
    schema: { tags, summary: 'Lift a restriction (the person must be told first)', params: Params, body: ZLiftRestriction, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await inTx(deps, req, (ctx) => liftRestriction(ctx, req.params.id, req.body));
    return reply.code(204).send(null);
  });

  app.post('/api/v1/compliance/legal-holds', {
    schema: { tags, summary: 'Put a person (or one of their tickets) under a legal hold with an Art. 17(3) reason code', body: ZLegalHold, response: { 201: z.object({ id: z.string() }), ...errors } },
  }, async (req, reply) => {
    const out = await inTx(deps, req, (ctx) => setLegalHold(ctx, req.body));
    reply.code(201);
    return out as never;
  });

  app.post('/api/v1/compliance/legal-holds/:id/release', {
    schema: { tags, summary: 'Release a legal hold', params: Params, response: { 204: z.null(), ...errors } },
  }, async (req, reply) => {
    await inTx(deps, req, (ctx) => releaseLegalHold(ctx, req.params.id));
    return reply.code(204).send(null);
  });

  app.put('/api/v1/compliance/residency', {
    schema: { tags, summary: 'Declare the storage region of the workspace (or of one brand)', body: ZRegion, response: { 200: z.object({ region: z.string(), brand_id: z.string().nullable() }), ...errors } },
  }, (req) => inTx(deps, req, (ctx) => setRegion(ctx, req.body)) as never);

  // Public (no session): the web form and the export download link.
  app.post('/public/v1/compliance/requests', {
    schema: { tags, summary: 'Web form for data-subject requests (always 202: never reveals whether the person is known)', body: ZPublicRequest, response: { 202: z.object({ status: z.literal('received') }), ...errors } },
  }, async (req, reply) => {
    const brand = await deps.db.maybeOne<{ workspace_id: string }>('SELECT workspace_id FROM brands WHERE id = $1', [req.body.brand_id]);
    if (brand) {
      await deps.db.transaction((tx) => submitRequest(
        { actor: systemActor(brand.workspace_id), tx, clock: deps.clock, meta: { channel: 'web_form', ip: req.ip, requestId: String(req.id) } },
        { kind: req.body.kind, email: req.body.email, brand_id: req.body.brand_id, message: req.body.message, channel: 'web_form' },
      )).catch((e: unknown) => {
        if (!(e instanceof AppError)) throw e;
      });
    }
    return reply.code(202).send({ status: 'received' });
  });

  app.get('/public/v1/compliance/exports/:id', {
    schema: { tags, summary: 'Download an export with its one-time link token', params: z.object({ id: z.string().max(64) }), querystring: z.object({ token: z.string().max(200).optional() }) },
  }, async (req, reply) => {
    const file = await resolveExportDownload(deps.db, req.params.id, req.query.token ?? '', deps.clock.now());
    if (!file) return sendProblem(reply, problem(404, 'EXPORT_NOT_FOUND', 'No export at this link (unknown, expired or wrong token)'));
    await deps.db.query('UPDATE compliance_exports SET downloaded_at = $2 WHERE id = $1', [req.params.id, deps.clock.now()]);
    reply.header('content-type', 'application/zip').header('content-disposition', `attachment; filename="${req.params.id}.zip"`).header('cache-control', 'no-store');
    return reply.send(createReadStream(file));
  });
}
