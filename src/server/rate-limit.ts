import type { FastifyInstance, FastifyRequest } from 'fastify';
import rateLimit from '@fastify/rate-limit';
import { sha256 } from '../platform/ids.js';
import { bearerOf, SESSION_COOKIE } from './auth.js';
import type { ServerDeps } from './deps.js';

/** Per-credential key without a database hit: the token (or session) hash, else the client IP. */
function keyOf(req: FastifyRequest): string {
  const bearer = bearerOf(req);
  if (bearer) return `t:${sha256(bearer).slice(0, 24)}`;
  const cookie = req.cookies?.[SESSION_COOKIE];
  if (cookie) return `s:${sha256(cookie).slice(0, 24)}`;
  return `ip:${req.ip}`;
}

export async function registerRateLimit(app: FastifyInstance, deps: ServerDeps): Promise<void> {
  await app.register(rateLimit, {
    global: true,
    max: deps.config.API_RATE_LIMIT_PER_MIN,
    timeWindow: '1 minute',
    keyGenerator: keyOf,
    enableDraftSpec: true, // RateLimit-Limit / RateLimit-Remaining / RateLimit-Reset headers
    allowList: (req) => !req.url.startsWith('/api/'),
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      code: 'RATE_LIMITED',
      message: `Rate limit of ${ctx.max} requests per ${ctx.after} exceeded; retry after ${Math.ceil(ctx.ttl / 1000)} s`,
    }),
  });
}
