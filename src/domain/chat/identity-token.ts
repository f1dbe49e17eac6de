import { createHmac, timingSafeEqual } from 'node:crypto';
import { AppError } from '../../platform/errors.js';
import { CHAT_LIMITS } from './chat.js';

/**
 * Visitor identity tokens: a compact JWT signed with HS256 by the host site's backend, using the brand's
 * chat identity secret. Claims: `sub` (the host's user id, required), `email`, `name`, `iat`, `exp` (required).
 * Any JWT library can produce one; `signIdentityToken` is the reference implementation (tests, docs, CLI).
 */
export interface IdentityClaims {
  sub: string;
  email?: string;
  name?: string;
  iat: number;
  exp: number;
}

const b64 = (v: string | Buffer) => Buffer.from(v).toString('base64url');
const HEADER = b64(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));

export function signIdentityToken(secret: string, claims: IdentityClaims): string {
  const body = `${HEADER}.${b64(JSON.stringify(claims))}`;
  return `${body}.${createHmac('sha256', secret).update(body).digest('base64url')}`;
}

const bad = (msg: string) => new AppError('IDENTITY_TOKEN_INVALID', msg, 'unauthenticated');

/** Verify signature (constant time), algorithm, lifetime and claim types. Throws IDENTITY_TOKEN_INVALID. */
export function verifyIdentityToken(secret: string, token: string, now: Date): IdentityClaims {
  if (typeof token !== 'string' || token.length > 4096) throw bad('The identity token is malformed');
  const parts = token.split('.');
  if (parts.length !== 3) throw bad('The identity token is malformed');
  let header: unknown;
  let claims: Record<string, unknown>;
  try {
    header = JSON.parse(Buffer.from(parts[0], 'base64url').toString('utf8'));
    claims = JSON.parse(Buffer.from(parts[1], 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    throw bad('The identity token is malformed');
  }
  if (!header || typeof header !== 'object' || (header as { alg?: unknown }).alg !== 'HS256') throw bad('The identity token must be signed with HS256');
  const expected = createHmac('sha256', secret).update(`${parts[0]}.${parts[1]}`).digest();
  const given = Buffer.from(parts[2], 'base64url');
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw bad('The identity token signature does not match');
  if (!claims || typeof claims !== 'object') throw bad('The identity token has no claims');
  const { sub, email, name, iat, exp } = claims;
  if (typeof sub !== 'string' || !sub.trim() || sub.length > 200) throw bad('The identity token needs a sub (your user id)');
  if (typeof exp !== 'number' || typeof iat !== 'number') throw bad('The identity token needs iat and exp');
  const t = Math.floor(now.getTime() / 1000);
  if (exp <= t) throw bad('The identity token has expired');
  if (iat > t + 60) throw bad('The identity token is issued in the future');
  if (exp - iat > CHAT_LIMITS.identityMaxAgeSec) throw bad('The identity token lives too long (at most 24 h)');
  if (email !== undefined && (typeof email !== 'string' || !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email) || email.length > 254)) throw bad('The identity token email is invalid');
  if (name !== undefined && (typeof name !== 'string' || name.length > CHAT_LIMITS.name)) throw bad('The identity token name is invalid');
  return { sub: sub.trim(), email: email as string | undefined, name: name as string | undefined, iat, exp };
}
