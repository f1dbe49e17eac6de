import type { FastifyInstance, FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { resolveApiToken, resolveSession, type User } from '../domain/users/index.js';
import type { Actor } from '../domain/kernel/index.js';
import { sha256 } from '../platform/ids.js';
import { problem, sendProblem } from './problem.js';
import type { ServerDeps } from './deps.js';

export const SESSION_COOKIE = 'sb_session';
const PUBLIC = new Set(['/api/v1/auth/login', '/api/v1/auth/logout']);
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export function actorFromUser(u: User): Actor {
  return { type: 'user', id: u.id, workspaceId: u.workspace_id, role: u.role, brandIds: u.brand_ids, name: u.name };
}

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Bearer tokens resolved in the last {@link TOKEN_CACHE_MS} are trusted again without a query (token
 * lookup was one of the few statements left on the ticket API's hot path). Consistency:
 * - this process forgets every cached token as soon as a request that may revoke a token or change a user
 *   (any non-GET under /api/v1/users or /api/v1/api_tokens) has finished — after its commit — and a lookup
 *   that was already running then is not cached (generation check), so here the change is immediate;
 * - OTHER processes (a second server node, the CLI writing to PostgreSQL directly) are not told: there a
 *   revoked token, a deactivated user or a changed role / brand list takes effect after at most
 *   TOKEN_CACHE_MS. Unknown tokens are never cached (a new token works at once everywhere).
 * Entries are keyed by the token's SHA-256, never by the secret itself.
 */
export const TOKEN_CACHE_MS = 5_000;
const TOKEN_CACHE_MAX = 1_000;
const CREDENTIAL_PATHS = /^\/api\/v1\/(users|api_tokens)(\/|$)/;

export class TokenCache {
  private readonly entries = new Map<string, { user: User; until: number }>();
  /** Bumped by clear(): a lookup started before it must not fill the cache. */
  generation = 0;
  constructor(private readonly ttlMs = TOKEN_CACHE_MS) {}

  get(key: string, now: number): User | undefined {
    const e = this.entries.get(key);
    if (e && e.until > now) return e.user;
    if (e) this.entries.delete(key);
    return undefined;
  }

  /** Cache a lookup's result unless clear() ran since the lookup started (`generation` read before it). */
  set(key: string, user: User, now: number, startedAt: number): void {
    if (startedAt !== this.generation) return;
    if (this.entries.size >= TOKEN_CACHE_MAX) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(key, { user, until: now + this.ttlMs });
  }

  clear(): void {
    this.generation++;
    this.entries.clear();
  }
}

export function bearerOf(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (!h) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  return m ? m[1] : '';
}

/** Who is calling: a bearer API token, or a session cookie (then unsafe methods need the CSRF header). */
export function registerAuth(app: FastifyInstance, deps: ServerDeps, tokens = new TokenCache()): void {
  app.addHook('onRequest', async (req, reply) => {
    const path = req.url.split('?')[0];
    if (!path.startsWith('/api/v1/') || PUBLIC.has(path)) return;
    const now = deps.clock.now();
    const bearer = bearerOf(req);
    if (bearer !== null) {
      // The cache's clock is the process's own (TTL is real time, also under a test's manual clock).
      const key = bearer ? sha256(bearer) : '';
      let user = bearer ? tokens.get(key, Date.now()) : undefined;
      if (!user && bearer) {
        const generation = tokens.generation;
        user = (await resolveApiToken(deps.db, bearer, now))?.user;
        if (user) tokens.set(key, user, Date.now(), generation);
      }
      if (!user) return sendProblem(reply, problem(401, 'INVALID_TOKEN', 'The API token is unknown or revoked'));
      req.actor = actorFromUser(user);
      req.authKind = 'token';
      return;
    }
    const cookie = req.cookies[SESSION_COOKIE];
    const session = cookie ? await resolveSession(deps.db, cookie, now) : null;
    // A WebSocket upgrade cannot carry a problem body; its handler closes it with code 4401 instead.
    if (!session && req.headers.upgrade?.toLowerCase() === 'websocket') return;
    if (!session) return sendProblem(reply, problem(401, 'UNAUTHENTICATED', 'Sign in, or send Authorization: Bearer <api token>'));
    if (!SAFE.has(req.method)) {
      const sent = req.headers['x-csrf-token'];
      if (typeof sent !== 'string' || !sameSecret(sent, session.csrfToken)) {
        return sendProblem(reply, problem(403, 'CSRF_FAILED', 'Missing or wrong X-CSRF-Token header'));
      }
    }
    req.actor = actorFromUser(session.user);
    req.authKind = 'session';
    req.csrfToken = session.csrfToken;
  });
  // After the response (so after the command's commit): a token may have been revoked or a user changed.
  app.addHook('onResponse', async (req) => {
    if (!SAFE.has(req.method) && CREDENTIAL_PATHS.test(req.url.split('?')[0])) tokens.clear();
  });
}
