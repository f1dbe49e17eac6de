import { randomInt } from 'node:crypto';
import { AppError, conflict, invalid, notFound } from '../../../platform/errors.js';
import { newId, sha256 } from '../../../platform/ids.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';
import { openCase } from '../cases/open-case.js';
import type { CaseType } from '../regulatory/builtin-rules.js';

export const REQUEST_KINDS = ['access', 'rectification', 'erasure', 'restriction', 'portability', 'objection'] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];

export interface DsrRequest {
  id: string;
  case_id: string;
  kind: RequestKind;
  customer_id: string | null;
  brand_id: string | null;
  channel: string;
  verification: 'none' | 'code';
  verification_status: 'verified' | 'pending' | 'failed';
  code_expires_at: Date | null;
  code_attempts: number;
  verified_at: Date | null;
  id_document_purged_at: Date | null;
  status: 'open' | 'completed' | 'rejected';
  created_at: Date;
}

const COLS = `id, case_id, kind, customer_id, brand_id, channel, verification, verification_status, code_expires_at, code_attempts, verified_at,
  id_document_purged_at, status, created_at`;
const CODE_TTL_MS = 30 * 60_000;
const MAX_ATTEMPTS = 5;

/** Delivers a verification code to the person's KNOWN address (never the address typed in the request). */
export type VerificationSender = (msg: { workspaceId: string; to: string; code: string; requestId: string }) => Promise<void>;
let sender: VerificationSender = async () => undefined;
export function setVerificationSender(s: VerificationSender): void {
  sender = s;
}

const codeHash = (id: string, code: string) => sha256(`${id}:${code}`);

export interface SubmitRequestInput {
  kind: RequestKind;
  customer_id?: string;
  email?: string;
  brand_id?: string;
  /** The person is signed in (in-app session / authenticated channel): no extra identity step (EDPB 01/2022 §69). */
  authenticated?: boolean;
  message?: string;
  channel?: string;
}

/**
 * Intake of a data-subject request (API, web form, email): finds the person, refuses duplicates, opens the
 * GDPR clock, and — unless the person is already authenticated — sends a one-time code to a known address.
 */
export async function submitRequest(ctx: Ctx, input: SubmitRequestInput): Promise<DsrRequest> {
  authorize(ctx.actor, 'tickets.write');
  if (!REQUEST_KINDS.includes(input.kind)) throw invalid('UNKNOWN_REQUEST_KIND', `kind must be one of ${REQUEST_KINDS.join(', ')}`);
  const ws = ctx.actor.workspaceId;
  let customerId = input.customer_id ?? null;
  if (!customerId && input.email) {
    const row = await ctx.tx.maybeOne<{ customer_id: string }>(
      `SELECT customer_id FROM customer_identities WHERE workspace_id = $1 AND kind = 'email' AND value = lower($2)`, [ws, input.email.trim()],
    );
    customerId = row?.customer_id ?? null;
  }
  if (!customerId) throw notFound('SUBJECT_NOT_FOUND', 'No customer with this email or id; nothing is held about them');
  const known = await ctx.tx.maybeOne<{ email: string | null; erased: boolean }>(
    `SELECT (SELECT value FROM customer_identities WHERE customer_id = c.id AND kind = 'email' ORDER BY is_primary DESC, created_at LIMIT 1) AS email,
            EXISTS (SELECT 1 FROM compliance_erasures e WHERE e.customer_id = c.id) AS erased
       FROM customers c WHERE c.id = $1 AND c.workspace_id = $2`,
    [customerId, ws],
  );
  if (!known) throw notFound('SUBJECT_NOT_FOUND', 'Customer');
  if (known.erased) throw conflict('SUBJECT_ERASED', 'This person was erased; nothing is held about them');
  const dup = await ctx.tx.maybeOne<{ id: string }>(
    `SELECT id FROM compliance_requests WHERE customer_id = $1 AND kind = $2 AND status = 'open'`, [customerId, input.kind],
  );
  if (dup) throw conflict('DUPLICATE_REQUEST', `An ${input.kind} request of this person is already open`, { request_id: dup.id });
  const now = ctx.clock.now();
  const channel = input.channel ?? ctx.meta.channel ?? 'api';
  const c = await openCase(ctx, { type: `gdpr_${input.kind}` as CaseType, customer_id: customerId, channel });
  const id = newId('dsr', now);
  const needsCode = !input.authenticated;
  if (needsCode && !known.email) throw new AppError('NO_KNOWN_ADDRESS', 'No known email to verify this person; verify through the in-app session', 'unprocessable');
  const code = needsCode ? String(randomInt(0, 1_000_000)).padStart(6, '0') : null;
  const row = await ctx.tx.one<DsrRequest>(
    `INSERT INTO compliance_requests (id, workspace_id, case_id, kind, customer_id, brand_id, channel, verification, verification_status,
        code_hash, code_expires_at, verified_at, status, message, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'open', $13, $14, $14) RETURNING ${COLS}`,
    [id, ws, c.id, input.kind, customerId, input.brand_id ?? null, channel, needsCode ? 'code' : 'none', needsCode ? 'pending' : 'verified',
      code ? codeHash(id, code) : null, code ? new Date(now.getTime() + CODE_TTL_MS) : null, needsCode ? null : now, input.message ?? '', now],
  );
  await recordChange(ctx, { event: 'compliance.dsr_received', aggregateType: 'compliance_request', aggregateId: id, payload: { kind: input.kind, channel, case_id: c.id, verification: row.verification } });
  if (code && known.email) {
    await sender({ workspaceId: ws, to: known.email, code, requestId: id });
    await recordChange(ctx, { event: 'compliance.dsr_verification_sent', aggregateType: 'compliance_request', aggregateId: id, payload: { method: 'code_to_known_email' }, audit: false });
  }
  return row;
}

export async function loadRequest(ctx: Ctx, id: string, forUpdate = false): Promise<DsrRequest> {
  const r = await ctx.tx.maybeOne<DsrRequest>(`SELECT ${COLS} FROM compliance_requests WHERE id = $1 AND workspace_id = $2${forUpdate ? ' FOR UPDATE' : ''}`, [id, ctx.actor.workspaceId]);
  if (!r) throw notFound('REQUEST_NOT_FOUND', 'Request');
  return r;
}

/**
 * Check the one-time code (≤ 5 attempts, 30 minutes). An ID document uploaded for the check (attachment) is
 * purged right after it, whatever the result (G5: no routine ID copies).
 */
/** A wrong code does not throw (its attempt count must be committed): `error` is set for the caller to raise after commit. */
export async function verifyRequest(ctx: Ctx, id: string, input: { code: string; id_document_attachment_id?: string }): Promise<DsrRequest & { purge_file?: string; error?: AppError }> {
  const r = await loadRequest(ctx, id, true);
  let purge: string | undefined;
  if (input.id_document_attachment_id) {
    const a = await ctx.tx.maybeOne<{ sha256: string }>(
      `WITH old AS (SELECT id, sha256 FROM attachments WHERE id = $1 AND workspace_id = $2),
            u AS (UPDATE attachments a SET filename = 'purged-id-document', size_bytes = 0, sha256 = $3 FROM old WHERE a.id = old.id RETURNING old.sha256)
       SELECT sha256 FROM u`,
      [input.id_document_attachment_id, ctx.actor.workspaceId, sha256(Buffer.alloc(0))],
    );
    if (a) {
      purge = a.sha256;
      await ctx.tx.query('UPDATE compliance_requests SET id_document_purged_at = $2 WHERE id = $1', [id, ctx.clock.now()]);
    }
  }
  if (r.verification_status === 'verified') return { ...r, purge_file: purge };
  if (r.verification_status === 'failed') throw new AppError('VERIFICATION_BLOCKED', 'Too many wrong codes; start a new request', 'conflict');
  const now = ctx.clock.now();
  if (!r.code_expires_at || now >= r.code_expires_at) throw new AppError('CODE_EXPIRED', 'The code expired; start a new request', 'unprocessable');
  const stored = await ctx.tx.one<{ code_hash: string }>('SELECT code_hash FROM compliance_requests WHERE id = $1', [id]);
  if (codeHash(id, String(input.code ?? '').trim()) !== stored.code_hash) {
    const attempts = r.code_attempts + 1;
    const failed = await ctx.tx.one<DsrRequest>(`UPDATE compliance_requests SET code_attempts = $2, verification_status = $3, updated_at = $4 WHERE id = $1 RETURNING ${COLS}`,
      [id, attempts, attempts >= MAX_ATTEMPTS ? 'failed' : 'pending', now]);
    const error = new AppError('WRONG_CODE', `Wrong code (${Math.max(MAX_ATTEMPTS - attempts, 0)} attempts left)`, 'unprocessable', { attempts_left: Math.max(MAX_ATTEMPTS - attempts, 0) });
    return { ...failed, purge_file: purge, error };
  }
  const row = await ctx.tx.one<DsrRequest>(
    `UPDATE compliance_requests SET verification_status = 'verified', verified_at = $2, code_hash = NULL, updated_at = $2 WHERE id = $1 RETURNING ${COLS}`, [id, now],
  );
  await recordChange(ctx, { event: 'compliance.dsr_verified', aggregateType: 'compliance_request', aggregateId: id, payload: { method: 'code' } });
  return { ...row, purge_file: purge };
}

export function assertVerified(r: DsrRequest): void {
  if (r.verification_status !== 'verified') throw new AppError('NOT_VERIFIED', 'Verify the person’s identity first', 'conflict');
  if (r.status !== 'open') throw conflict('REQUEST_CLOSED', 'The request is already completed');
}

export async function completeRequest(ctx: Ctx, id: string): Promise<void> {
  await ctx.tx.query(`UPDATE compliance_requests SET status = 'completed', updated_at = $2 WHERE id = $1`, [id, ctx.clock.now()]);
}
