/**
 * Strong customer authentication (SCA) step-up for payment-sensitive actions. The assistant talks to a
 * pluggable verifier through this narrow interface; a challenge is bound to the exact amount, currency and
 * payee, and the engine re-checks the binding right before the action runs.
 */
import { createHash, timingSafeEqual } from 'node:crypto';

export interface ScaBinding {
  amountMinor: number;
  currency: string;
  payee: string;
}

export type ScaResult = 'verified' | 'wrong_code' | 'expired' | 'binding_mismatch' | 'locked' | 'unknown';

export interface ScaVerifier {
  /**
   * Send a one-time code to the customer's verified contact (never to an address given in the chat).
   * `purpose` names the action it authorises (the flow step's action key).
   */
  start(input: { conversationId: string; binding: ScaBinding; purpose: string }): Promise<{ challengeId: string; destinationHint: string }>;
  verify(input: { challengeId: string; code: string; binding: ScaBinding }): Promise<ScaResult>;
  /**
   * Right before the action runs: the challenge must be verified for exactly this binding and purpose, and is
   * used up (one verification, one action). false = do not run the action.
   */
  consume(input: { challengeId: string; binding: ScaBinding; purpose: string }): Promise<boolean>;
}

/** Wrong codes the assistant accepts in one step-up before it hands the conversation to a human. */
export const SCA_MAX_ATTEMPTS = 3;

export function bindingKey(b: ScaBinding): string {
  return `${b.amountMinor}|${b.currency.toUpperCase()}|${b.payee.trim().toLowerCase()}`;
}

export function sameBinding(a: ScaBinding | null | undefined, b: ScaBinding | null | undefined): boolean {
  return !!a && !!b && bindingKey(a) === bindingKey(b);
}

export function toMinor(amount: number): number {
  return Math.round(amount * 100);
}

export function hashCode(challengeId: string, code: string): string {
  return createHash('sha256').update(`${challengeId}:${code.trim()}`).digest('hex');
}

export function codeMatches(challengeId: string, code: string, storedHash: string): boolean {
  const a = Buffer.from(hashCode(challengeId, code), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Extract a 6-digit one-time code from a message ("my code is 123 456" → "123456"). */
export function extractCode(text: string): string | null {
  const m = text.replace(/(\d{3})[ -](\d{3})/, '$1$2').match(/\b\d{6}\b/);
  return m ? m[0] : null;
}

/**
 * In-memory verifier for conversation tests and replays (nothing is sent: codes are readable through
 * `outbox`). Stored conversations use the compliance module's SCA through `ComplianceScaVerifier`.
 */
export class MemoryScaVerifier implements ScaVerifier {
  readonly outbox: Array<{ challengeId: string; code: string; binding: ScaBinding }> = [];
  private readonly challenges = new Map<string, { hash: string; binding: ScaBinding; purpose: string; attempts: number; verified: boolean; used: boolean }>();
  private n = 0;

  constructor(private readonly nextCode: () => string = () => String(100000 + ((this.n * 7919) % 900000))) {}

  async start(input: { conversationId: string; binding: ScaBinding; purpose: string }) {
    this.n++;
    const challengeId = `sca_${input.conversationId}_${this.n}`;
    const code = this.nextCode();
    this.challenges.set(challengeId, { hash: hashCode(challengeId, code), binding: { ...input.binding }, purpose: input.purpose, attempts: 0, verified: false, used: false });
    this.outbox.push({ challengeId, code, binding: { ...input.binding } });
    return { challengeId, destinationHint: 'the email address on file' };
  }

  async verify(input: { challengeId: string; code: string; binding: ScaBinding }): Promise<ScaResult> {
    const c = this.challenges.get(input.challengeId);
    if (!c) return 'unknown';
    if (c.used || c.verified || c.attempts >= SCA_MAX_ATTEMPTS) return 'locked';
    if (!sameBinding(c.binding, input.binding)) return 'binding_mismatch';
    c.attempts++;
    if (!codeMatches(input.challengeId, input.code, c.hash)) return c.attempts >= SCA_MAX_ATTEMPTS ? 'locked' : 'wrong_code';
    c.verified = true;
    return 'verified';
  }

  async consume(input: { challengeId: string; binding: ScaBinding; purpose: string }): Promise<boolean> {
    const c = this.challenges.get(input.challengeId);
    if (!c || !c.verified || c.used || c.purpose !== input.purpose || !sameBinding(c.binding, input.binding)) return false;
    c.used = true;
    return true;
  }
}
