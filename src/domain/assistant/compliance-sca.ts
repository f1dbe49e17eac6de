/**
 * The assistant's SCA step-up through the compliance module's one SCA implementation (createScaChallenge /
 * verifyScaChallenge / consumeScaChallenge): a one-time code to the customer's e-mail on file, bound to amount,
 * currency and payee, blocked after 5 wrong codes, expired after 5 minutes of inactivity, single use. This
 * adapter only maps the assistant's narrow `ScaVerifier` interface onto it; it runs in the conversation's
 * transaction, so the challenge rows and events commit with the turn.
 */
import { consumeScaChallenge, createScaChallenge, verifyScaChallenge } from '../compliance/index.js';
import { AppError } from '../../platform/errors.js';
import type { Ctx } from '../kernel/index.js';
import type { ScaBinding, ScaResult, ScaVerifier } from './sca.js';

export interface ScaSubject {
  /** The conversation's customer (a customer with a known e-mail); null = nobody to send a code to. */
  customerId: string | null;
  email: string | null;
  ticketId: string | null;
  channel: string;
}

const wire = (b: ScaBinding) => ({ amount_minor: b.amountMinor, currency: b.currency, payee: b.payee });

const RESULT_OF: Record<string, ScaResult> = {
  SCA_WRONG_CODE: 'wrong_code',
  SCA_BLOCKED: 'locked',
  SCA_NOT_PENDING: 'locked',
  SCA_EXPIRED: 'expired',
  SCA_BINDING_MISMATCH: 'binding_mismatch',
};

function maskEmail(email: string | null): string {
  if (!email?.includes('@')) return 'the email address on file';
  const [user, domain] = email.split('@');
  return `${user.slice(0, 1)}…@${domain}`;
}

export class ComplianceScaVerifier implements ScaVerifier {
  constructor(
    private readonly ctx: Ctx,
    private readonly subject: ScaSubject,
  ) {}

  async start(input: { binding: ScaBinding; purpose: string }): Promise<{ challengeId: string; destinationHint: string }> {
    if (!this.subject.customerId) throw new AppError('SCA_NO_CUSTOMER', 'No known customer to send a code to', 'unprocessable');
    const { challenge } = await createScaChallenge(this.ctx, {
      ...wire(input.binding), customer_id: this.subject.customerId, purpose: input.purpose, channel: this.subject.channel,
      ticket_id: this.subject.ticketId ?? undefined,
    });
    return { challengeId: challenge.id, destinationHint: maskEmail(this.subject.email) };
  }

  async verify(input: { challengeId: string; code: string; binding: ScaBinding }): Promise<ScaResult> {
    try {
      const r = await verifyScaChallenge(this.ctx, input.challengeId, { ...wire(input.binding), code: input.code });
      if (r.ok) return 'verified';
      return RESULT_OF[r.error.code] ?? 'locked';
    } catch (e) {
      if (e instanceof AppError && e.code === 'SCA_CHALLENGE_NOT_FOUND') return 'unknown';
      if (e instanceof AppError && e.code.startsWith('INVALID_')) return 'binding_mismatch';
      throw e;
    }
  }

  async consume(input: { challengeId: string; binding: ScaBinding; purpose: string }): Promise<boolean> {
    if (!this.subject.customerId) return false;
    try {
      await consumeScaChallenge(this.ctx, input.challengeId, { ...wire(input.binding), customer_id: this.subject.customerId, purpose: input.purpose });
      return true;
    } catch (e) {
      // not verified, another binding / purpose / customer, expired: the action does not run
      if (e instanceof AppError) return false;
      throw e;
    }
  }
}
