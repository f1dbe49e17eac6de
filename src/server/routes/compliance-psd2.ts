import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import {
  assessPayerLiability, closePaymentComplaint, consumeScaChallenge, createScaChallenge, getDisputeEvidence, listPaymentComplaints, quarterlyComplaintReport,
  recordPaymentComplaint, recordRefund, verifyScaChallenge, withholdRefund,
} from '../../domain/compliance/index.js';
import { authorize } from '../../domain/kernel/index.js';
import { ZId, ZProblem } from '../../shared/contracts/common.js';
import { ZCreateSca, ZQuarterQuery, ZRecordComplaint, ZScaChallenge, ZVerifySca } from '../../shared/contracts/compliance.js';
import {
  ZCloseComplaintWithLiability, ZComplaintFull as ZComplaint, ZComplaintQuery, ZLiability, ZLiabilityFacts, ZRecordRefund, ZWithholdRefund,
} from '../../shared/contracts/compliance-psd2-dsa.js';
import { list } from '../../shared/contracts/common.js';
import { inTx, type ServerDeps } from '../deps.js';
import { toWire } from '../present.js';

const errors = { 400: ZProblem, 401: ZProblem, 403: ZProblem, 404: ZProblem, 409: ZProblem, 422: ZProblem };
const Params = z.object({ id: ZId });
const w = (x: unknown) => toWire(x) as never;

export function registerCompliancePsd2Routes(root: FastifyInstance, deps: ServerDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Compliance: PSD2'];

  app.post('/api/v1/compliance/sca/challenges', {
    schema: { tags, summary: 'Start an SCA step-up: one-time code to the customer, bound to amount and payee', body: ZCreateSca, response: { 201: z.object({ challenge: ZScaChallenge, expires_at: z.string() }), ...errors } },
  }, async (req, reply) => {
    const out = await inTx(deps, req, (ctx) => createScaChallenge(ctx, req.body));
    reply.code(201);
    return w(out);
  });

  app.post('/api/v1/compliance/sca/challenges/:id/verify', {
    schema: { tags, summary: 'Verify the code for exactly this amount and payee (≤ 5 failures, 5-minute inactivity expiry)', params: Params, body: ZVerifySca, response: { 200: ZScaChallenge, ...errors } },
  }, async (req) => {
    const r = await inTx(deps, req, (ctx) => verifyScaChallenge(ctx, req.params.id, req.body));
    if (!r.ok) throw r.error;
    return w(r.challenge);
  });

  app.post('/api/v1/compliance/sca/challenges/:id/consume', {
    schema: { tags, summary: 'Use a verified authentication for the change it was bound to (single use)', params: Params, body: ZCreateSca.omit({ ticket_id: true, device: true, channel: true }), response: { 200: ZScaChallenge, ...errors } },
  }, async (req) => w(await inTx(deps, req, (ctx) => consumeScaChallenge(ctx, req.params.id, req.body))));

  app.post('/api/v1/compliance/payment-complaints', {
    schema: { tags, summary: 'Register a payment complaint / unauthorised-payment claim and start its clock', body: ZRecordComplaint, response: { 201: ZComplaint, ...errors } },
  }, async (req, reply) => {
    const b = req.body;
    const out = await inTx(deps, req, (ctx) => recordPaymentComplaint(ctx, { ...b, received_at: b.received_at ? new Date(b.received_at) : undefined }));
    reply.code(201);
    return w(out);
  });

  app.post('/api/v1/compliance/payment-complaints/:id/close', {
    schema: {
      tags, summary: 'Close with outcome and root cause (ADR information when not fully upheld; unauthorised payments through the Art. 74 liability calculator)',
      params: Params, body: ZCloseComplaintWithLiability, response: { 200: ZComplaint, ...errors },
    },
  }, async (req) => w(await inTx(deps, req, (ctx) => closePaymentComplaint(ctx, req.params.id, req.body))));

  app.get('/api/v1/compliance/payment-complaints/:id/evidence', {
    schema: { tags, summary: 'Dispute view: complaint, timeline and authentication evidence (SCA factors, device, auth ids)', params: Params },
  }, async (req) => w(await inTx(deps, req, (ctx) => getDisputeEvidence(ctx, req.params.id))));

  app.get('/api/v1/compliance/payment-complaints/quarterly', {
    schema: { tags, summary: 'Quarterly complaints report by category and product (JSON or CSV)', querystring: ZQuarterQuery },
  }, async (req, reply) => {
    const r = await inTx(deps, req, (ctx) => quarterlyComplaintReport(ctx, req.query.year, req.query.quarter));
    if (req.query.format === 'csv') {
      reply.header('content-type', 'text/csv; charset=utf-8').header('content-disposition', `attachment; filename="complaints-${req.query.year}-Q${req.query.quarter}.csv"`);
      return stringify(r.rows, { header: true, columns: ['category', 'product', 'received', 'closed', 'upheld', 'partially_upheld', 'rejected', 'withdrawn', 'open_at_end'] });
    }
    return r;
  });

  app.get('/api/v1/compliance/payment-complaints', {
    schema: { tags, summary: 'The complaints register, newest first', querystring: ZComplaintQuery, response: { 200: list(ZComplaint), ...errors } },
  }, async (req) => w({ data: await inTx(deps, req, (ctx) => listPaymentComplaints(ctx, req.query)) }));

  app.post('/api/v1/compliance/payment-complaints/liability', {
    schema: { tags, summary: 'PSD2 Art. 74 liability calculator: payer share (≤ €50 cap only when its conditions are met) and refund, with the rule applied', body: ZLiabilityFacts.required({ amount_minor: true }), response: { 200: ZLiability, ...errors } },
  }, async (req) => {
    await inTx(deps, req, async (ctx) => authorize(ctx.actor, 'tickets.read'));
    return assessPayerLiability(req.body);
  });

  app.post('/api/v1/compliance/payment-complaints/:id/withhold-refund', {
    schema: { tags, summary: 'Withhold the D+1 refund on fraud suspicion: needs the written NCA report attached (attachment id + reported date)', params: Params, body: ZWithholdRefund, response: { 200: ZComplaint, ...errors } },
  }, async (req) => w(await inTx(deps, req, (ctx) => withholdRefund(ctx, req.params.id, req.body))));

  app.post('/api/v1/compliance/payment-complaints/:id/refund', {
    schema: { tags, summary: 'Record the refund of an unauthorised payment (refund id; value date no later than the debit date)', params: Params, body: ZRecordRefund, response: { 200: ZComplaint, ...errors } },
  }, async (req) => w(await inTx(deps, req, (ctx) => recordRefund(ctx, req.params.id, req.body))));
}
