/**
 * The SCA verifier used by the server until the compliance module ships its own: a 6-digit one-time code
 * sent to the customer's email on file (never to an address typed in the chat), stored only as a hash,
 * bound to amount, currency and payee, valid 10 minutes, 3 attempts.
 */
import { randomInt } from 'node:crypto';
import type { Clock } from '../../platform/clock.js';
import type { Queryable } from '../../platform/db/index.js';
import { newId } from '../../platform/ids.js';
import { codeMatches, hashCode, sameBinding, SCA_MAX_ATTEMPTS, SCA_TTL_MS, type ScaBinding, type ScaResult, type ScaVerifier } from './sca.js';

/** Delivers a code; the server wires e-mail (SMTP_OUTBOUND_URL), tests capture it. */
export type ScaCodeSender = (to: string, code: string, binding: ScaBinding) => Promise<void>;

export class StoredScaVerifier implements ScaVerifier {
  constructor(
    private readonly q: Queryable,
    private readonly clock: Clock,
    private readonly workspaceId: string,
    private readonly conversationId: string,
    private readonly emailOnFile: string | null,
    private readonly send: ScaCodeSender,
  ) {}

  async start(input: { binding: ScaBinding }): Promise<{ challengeId: string; destinationHint: string }> {
    if (!this.emailOnFile) throw new Error('no verified email on file');
    const now = this.clock.now();
    const id = newId('sca', now);
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await this.q.query(
      `INSERT INTO assistant_sca_challenges (id, workspace_id, conversation_id, amount_minor, currency, payee, code_hash, expires_at, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [id, this.workspaceId, this.conversationId, input.binding.amountMinor, input.binding.currency, input.binding.payee, hashCode(id, code), new Date(now.getTime() + SCA_TTL_MS), now],
    );
    await this.send(this.emailOnFile, code, input.binding);
    const [user, domain] = this.emailOnFile.split('@');
    return { challengeId: id, destinationHint: `${user.slice(0, 1)}…@${domain}` };
  }

  async verify(input: { challengeId: string; code: string; binding: ScaBinding }): Promise<ScaResult> {
    const c = await this.q.maybeOne<{ amount_minor: string | number; currency: string; payee: string; code_hash: string; attempts: number; expires_at: Date; verified_at: Date | null }>(
      'SELECT amount_minor, currency, payee, code_hash, attempts, expires_at, verified_at FROM assistant_sca_challenges WHERE id = $1 AND conversation_id = $2 FOR UPDATE',
      [input.challengeId, this.conversationId],
    );
    if (!c) return 'unknown';
    if (c.verified_at || c.attempts >= SCA_MAX_ATTEMPTS) return 'locked';
    if (new Date(c.expires_at).getTime() < this.clock.now().getTime()) return 'expired';
    if (!sameBinding({ amountMinor: Number(c.amount_minor), currency: c.currency, payee: c.payee }, input.binding)) return 'binding_mismatch';
    const ok = codeMatches(input.challengeId, input.code, c.code_hash);
    await this.q.query(`UPDATE assistant_sca_challenges SET attempts = attempts + 1${ok ? ', verified_at = $2' : ''} WHERE id = $1`, ok ? [input.challengeId, this.clock.now()] : [input.challengeId]);
    if (ok) return 'verified';
    return c.attempts + 1 >= SCA_MAX_ATTEMPTS ? 'locked' : 'wrong_code';
  }
}
