import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../platform/errors.js';
import { sha256 } from '../platform/ids.js';
import type { Ctx } from '../domain/kernel/index.js';
import { actorOf, inTx, type ServerDeps } from './deps.js';

const TTL_MS = 24 * 3_600_000;

/**
 * Run a POST command at most once per `Idempotency-Key`: the key, the request's fingerprint and the
 * response are stored in the command's own transaction. A replay with the same body returns the
 * stored response (header `Idempotent-Replayed: true`); the same key with another body is refused.
 */
export async function idempotent(
  deps: ServerDeps,
  req: FastifyRequest,
  reply: FastifyReply,
  fn: (ctx: Ctx) => Promise<{ status: number; body: unknown }>,
): Promise<unknown> {
  const key = req.headers['idempotency-key'];
  if (key === undefined) {
    const out = await inTx(deps, req, fn);
    reply.code(out.status);
    return out.body;
  }
  if (typeof key !== 'string' || key.length < 1 || key.length > 255) {
    throw new AppError('INVALID_IDEMPOTENCY_KEY', 'Idempotency-Key must be 1–255 characters', 'validation');
  }
  const scope = actorOf(req).id ?? 'system';
  const fingerprint = sha256(`${req.method} ${req.url} ${JSON.stringify(req.body ?? null)}`);
  const out = await inTx(deps, req, async (ctx) => {
    const now = ctx.clock.now();
    const fresh = await ctx.tx.maybeOne(
      `INSERT INTO idempotency_keys (scope, key, method, path, request_hash, status_code, created_at) VALUES ($1,$2,$3,$4,$5,0,$6)
       ON CONFLICT (scope, key) DO UPDATE SET request_hash = EXCLUDED.request_hash, status_code = 0, response = NULL, created_at = EXCLUDED.created_at
         WHERE idempotency_keys.created_at < $7
       RETURNING 1`,
      [scope, key, req.method, req.url, fingerprint, now, new Date(now.getTime() - TTL_MS)],
    );
    if (!fresh) {
      const prev = await ctx.tx.one<{ request_hash: string; status_code: number; response: unknown }>(
        'SELECT request_hash, status_code, response FROM idempotency_keys WHERE scope = $1 AND key = $2',
        [scope, key],
      );
      if (prev.request_hash !== fingerprint) {
        throw new AppError('IDEMPOTENCY_KEY_REUSED', 'This Idempotency-Key was used with a different request', 'unprocessable');
      }
      return { status: prev.status_code, body: prev.response, replayed: true };
    }
    const res = await fn(ctx);
    await ctx.tx.query('UPDATE idempotency_keys SET status_code = $3, response = $4 WHERE scope = $1 AND key = $2', [
      scope, key, res.status, JSON.stringify(res.body),
    ]);
    return { ...res, replayed: false };
  });
  if (out.replayed) reply.header('idempotent-replayed', 'true');
  reply.code(out.status);
  return out.body;
}
