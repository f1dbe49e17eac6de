import { randomInt } from 'node:crypto';
import { AppError, invalid, notFound } from '../../../platform/errors.js';
import { newId, sha256 } from '../../../platform/ids.js';
import { authorize, recordChange, type Ctx } from '../../kernel/index.js';

/**
 * SCA step-up for payment-sensitive actions (PSD2 Art. 97, RTS Art. 4–5): a one-time code (possession:
 * the customer's known email in the demo) bound to the exact amount and payee (dynamic linking), at most
 * 5 failed attempts, expiry after 5 minutes of inactivity, single use.
 */
export const SCA_MAX_FAILURES = 5;
export const SCA_INACTIVITY_MS = 5 * 60_000;

export interface ScaBinding {
  amount_minor: number;
  currency: string;
  payee: string;
}

export interface ScaChallenge {
  id: string;
  customer_id: string;
  purpose: string;
  amount_minor: number;
  currency: string;
  payee: string;
  factors: string[];
  channel: string;
  failed_attempts: number;
  status: 'pending' | 'verified' | 'consumed' | 'blocked' | 'expired' | 'invalidated';
  last_activity_at: Date;
  verified_at: Date | null;
  consumed_at: Date | null;
  ticket_id: string | null;
  device: string | null;
  created_at: Date;
}

const COLS = `id, customer_id, purpose, amount_minor::int8 AS amount_minor, currency, payee, factors, channel, failed_attempts, status,
  last_activity_at, verified_at, consumed_at, ticket_id, device, created_at`;

export type ScaCodeSender = (msg: { workspaceId: string; to: string; code: string; challengeId: string; binding: ScaBinding; purpose: string }) => Promise<void>;
let sender: ScaCodeSender = async () => undefined;
export function setScaCodeSender(s: ScaCodeSender): void {
  sender = s;
}

const normPayee = (p: string) => p.replace(/\s+/g, '').toUpperCase();
export function bindingHash(b: ScaBinding): string {
  return sha256(`${b.amount_minor}|${b.currency.toUpperCase()}|${normPayee(b.payee)}`);
}
const codeHash = (id: string, code: string) => sha256(`sca:${id}:${code}`);

function checkBinding(b: ScaBinding): void {
  if (!Number.isSafeInteger(b.amount_minor) || b.amount_minor < 0) throw invalid('INVALID_AMOUNT', 'amount_minor must be a non-negative integer (minor units)');
  if (!/^[A-Z]{3}$/i.test(b.currency)) throw invalid('INVALID_CURRENCY', 'currency must be an ISO 4217 code');
  if (!b.payee?.trim() || b.payee.length > 200) throw invalid('INVALID_PAYEE', 'payee is required');
}

/** Start a challenge: the code goes to the customer's known email; the code is bound to amount + payee. */
export async function createScaChallenge(
  ctx: Ctx,
  input: ScaBinding & { customer_id: string; purpose: string; channel?: string; ticket_id?: string; device?: string },
): Promise<{ challenge: ScaChallenge; expires_at: Date }> {
  authorize(ctx.actor, 'tickets.write');
  checkBinding(input);
  if (!input.purpose?.trim()) throw invalid('PURPOSE_REQUIRED', 'purpose is required (e.g. "change_payout_iban", "refund")');
  const email = await ctx.tx.maybeOne<{ value: string }>(
    `SELECT i.value FROM customer_identities i JOIN customers c ON c.id = i.customer_id
      WHERE i.customer_id = $1 AND c.workspace_id = $2 AND i.kind = 'email' ORDER BY i.is_primary DESC, i.created_at LIMIT 1`,
    [input.customer_id, ctx.actor.workspaceId],
  );
  if (!email) throw notFound('CUSTOMER_NOT_FOUND', 'Customer with a known email');
  const now = ctx.clock.now();
  const id = newId('sca', now);
  const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
  // Pending challenges for the same customer and purpose are superseded (one live code at a time).
  await ctx.tx.query(`UPDATE compliance_sca_challenges SET status = 'invalidated' WHERE customer_id = $1 AND purpose = $2 AND status = 'pending'`, [input.customer_id, input.purpose]);
  const challenge = await ctx.tx.one<ScaChallenge>(
    `INSERT INTO compliance_sca_challenges (id, workspace_id, customer_id, purpose, amount_minor, currency, payee, binding_hash, code_hash, factors,
        channel, status, last_activity_at, ticket_id, device, created_by, created_at)
     VALUES ($1, $2, $3, $4, $5, upper($6), $7, $8, $9, $10, $11, 'pending', $12, $13, $14, $15, $12) RETURNING ${COLS}`,
    [id, ctx.actor.workspaceId, input.customer_id, input.purpose.trim(), input.amount_minor, input.currency, input.payee.trim(), bindingHash(input),
      codeHash(id, code), ['possession:email_otp', 'knowledge:session'], input.channel ?? ctx.meta.channel ?? 'api', now, input.ticket_id ?? null,
      input.device ?? null, ctx.actor.id],
  );
  await recordChange(ctx, {
    event: 'compliance.sca_challenge_created', aggregateType: 'customer', aggregateId: input.customer_id, ticketId: input.ticket_id ?? null,
    payload: { challenge_id: id, purpose: challenge.purpose, amount_minor: input.amount_minor, currency: challenge.currency, payee_hash: sha256(normPayee(input.payee)).slice(0, 16) },
  });
  await sender({ workspaceId: ctx.actor.workspaceId, to: email.value, code, challengeId: id, binding: input, purpose: challenge.purpose });
  return { challenge, expires_at: new Date(now.getTime() + SCA_INACTIVITY_MS) };
}

export type ScaVerifyResult =
  | { ok: true; challenge: ScaChallenge }
  | { ok: false; error: AppError };

/**
 * Check a code against the challenge AND the amount/payee being authorised now. Never throws for a wrong
 * code (the failure count must be committed): returns `{ ok: false, error }` for the caller to raise after commit.
 */
export async function verifyScaChallenge(ctx: Ctx, id: string, input: ScaBinding & { code: string }): Promise<ScaVerifyResult> {
  const c = await ctx.tx.maybeOne<ScaChallenge & { binding_hash: string; code_hash: string }>(
    `SELECT ${COLS}, binding_hash, code_hash FROM compliance_sca_challenges WHERE id = $1 AND workspace_id = $2 FOR UPDATE`, [id, ctx.actor.workspaceId],
  );
  if (!c) throw notFound('SCA_CHALLENGE_NOT_FOUND', 'SCA challenge');
  const now = ctx.clock.now();
  const fail = async (status: ScaChallenge['status'], error: AppError, failed = c.failed_attempts) => {
    await ctx.tx.query('UPDATE compliance_sca_challenges SET status = $2, failed_attempts = $3, last_activity_at = $4 WHERE id = $1', [id, status, failed, now]);
    await recordChange(ctx, { event: 'compliance.sca_challenge_failed', aggregateType: 'customer', aggregateId: c.customer_id, ticketId: c.ticket_id, payload: { challenge_id: id, reason: error.code, failed_attempts: failed } });
    return { ok: false as const, error };
  };
  if (c.status === 'blocked') return { ok: false, error: new AppError('SCA_BLOCKED', 'Too many wrong codes: this authentication is blocked', 'conflict') };
  if (c.status !== 'pending') return { ok: false, error: new AppError('SCA_NOT_PENDING', `The challenge is ${c.status}; start a new one`, 'conflict') };
  if (now.getTime() - new Date(c.last_activity_at).getTime() > SCA_INACTIVITY_MS) return fail('expired', new AppError('SCA_EXPIRED', 'The code expired after 5 minutes of inactivity', 'unprocessable'));
  checkBinding(input);
  if (bindingHash(input) !== c.binding_hash) return fail('invalidated', new AppError('SCA_BINDING_MISMATCH', 'The amount or payee changed: the code is no longer valid', 'unprocessable'));
  if (codeHash(id, String(input.code ?? '').trim()) !== c.code_hash) {
    const failed = c.failed_attempts + 1;
    const left = SCA_MAX_FAILURES - failed;
    return fail(failed >= SCA_MAX_FAILURES ? 'blocked' : 'pending', new AppError(
      failed >= SCA_MAX_FAILURES ? 'SCA_BLOCKED' : 'SCA_WRONG_CODE',
      failed >= SCA_MAX_FAILURES ? 'Too many wrong codes: this authentication is blocked' : `Wrong code; ${left} attempt${left === 1 ? '' : 's'} left before the block`,
      failed >= SCA_MAX_FAILURES ? 'conflict' : 'unprocessable', { attempts_left: Math.max(left, 0) },
    ), failed);
  }
  const row = await ctx.tx.one<ScaChallenge>(
    `UPDATE compliance_sca_challenges SET status = 'verified', verified_at = $2, last_activity_at = $2 WHERE id = $1 RETURNING ${COLS}`, [id, now],
  );
  await recordChange(ctx, { event: 'compliance.sca_challenge_verified', aggregateType: 'customer', aggregateId: c.customer_id, ticketId: c.ticket_id, payload: { challenge_id: id, purpose: c.purpose } });
  return { ok: true, challenge: row };
}

/**
 * For the code that performs the payment-sensitive change: the challenge must be verified for exactly this
 * customer, purpose, amount and payee, within 5 minutes; it is consumed (single use).
 */
export async function consumeScaChallenge(ctx: Ctx, id: string, expect: ScaBinding & { customer_id: string; purpose: string }): Promise<ScaChallenge> {
  const c = await ctx.tx.maybeOne<ScaChallenge & { binding_hash: string }>(
    `SELECT ${COLS}, binding_hash FROM compliance_sca_challenges WHERE id = $1 AND workspace_id = $2 FOR UPDATE`, [id, ctx.actor.workspaceId],
  );
  if (!c) throw notFound('SCA_CHALLENGE_NOT_FOUND', 'SCA challenge');
  if (c.status !== 'verified') throw new AppError('SCA_REQUIRED', 'Strong customer authentication is required for this change', 'forbidden');
  if (c.customer_id !== expect.customer_id || c.purpose !== expect.purpose || c.binding_hash !== bindingHash(expect)) {
    throw new AppError('SCA_BINDING_MISMATCH', 'The authentication was for another amount, payee or action', 'forbidden');
  }
  const now = ctx.clock.now();
  if (now.getTime() - new Date(c.last_activity_at).getTime() > SCA_INACTIVITY_MS) throw new AppError('SCA_EXPIRED', 'The authentication expired', 'forbidden');
  return ctx.tx.one<ScaChallenge>(`UPDATE compliance_sca_challenges SET status = 'consumed', consumed_at = $2 WHERE id = $1 RETURNING ${COLS}`, [id, now]);
}

export async function listScaChallenges(q: Ctx['tx'], customerId: string): Promise<ScaChallenge[]> {
  return q.query<ScaChallenge>(`SELECT ${COLS} FROM compliance_sca_challenges WHERE customer_id = $1 ORDER BY created_at DESC LIMIT 200`, [customerId]);
}
