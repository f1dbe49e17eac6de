import { hash, verify } from '@node-rs/argon2';
import { invalid } from '../../platform/errors.js';

// argon2id with OWASP's minimum (19 MiB, t=2).
const OPTS = { memoryCost: 19456, timeCost: 2, parallelism: 1 };

export function checkPasswordStrength(pw: string): void {
  if (pw.length < 10) throw invalid('WEAK_PASSWORD', 'Passwords need at least 10 characters');
  if (pw.length > 200) throw invalid('WEAK_PASSWORD', 'Passwords are limited to 200 characters');
}

export const hashPassword = (pw: string) => hash(pw, OPTS);

/** A fixed hash to verify against when the user does not exist, so timing does not reveal accounts. */
let dummy: string | null = null;
export async function verifyPassword(stored: string | null, pw: string): Promise<boolean> {
  if (!stored) {
    dummy ??= await hashPassword('not-a-real-password-0');
    await verify(dummy, pw).catch(() => false);
    return false;
  }
  return verify(stored, pw).catch(() => false);
}
