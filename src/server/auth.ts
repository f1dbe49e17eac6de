import type { FastifyInstance, FastifyRequest } from 'fastify';
import { timingSafeEqual } from 'node:crypto';
import { resolveApiToken, resolveSession, type User } from '../domain/users/index.js';
import type { Actor } from '../domain/kernel/index.js';
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

export function bearerOf(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (!h) return null;
  const m = /^Bearer\s+(\S+)$/i.exec(h);
  return m ? m[1] : '';
}

/** Who is calling: a bearer API token, or a session cookie (then unsafe methods need the CSRF header). */
export function registerAuth(app: FastifyInstance, deps: ServerDeps): void {
  app.addHook('onRequest', async (req, reply) => {
    const path = req.url.split('?')[0];
    if (!path.startsWith('/api/v1/') || PUBLIC.has(path)) return;
    const now = deps.clock.now();
    const bearer = bearerOf(req);
    if (bearer !== null) {
      const hit = bearer ? await resolveApiToken(deps.db, bearer, now) : null;
      if (!hit) return sendProblem(reply, problem(401, 'INVALID_TOKEN', 'The API token is unknown or revoked'));
      req.actor = actorFromUser(hit.user);
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
}
