import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { abilitiesOf } from '../../domain/kernel/index.js';
import { getUser, logIn, logOut } from '../../domain/users/index.js';
import { AppError } from '../../platform/errors.js';
import { ZProblem } from '../../shared/contracts/common.js';
import { SESSION_COOKIE } from '../auth.js';
import { actorOf, inTx, metaOf, type ServerDeps } from '../deps.js';
import { toWire } from '../present.js';

const ZMe = z.object({
  user: z.object({ id: z.string(), email: z.string(), name: z.string(), role: z.string(), brand_ids: z.array(z.string()), team_ids: z.array(z.string()) }),
  abilities: z.array(z.string()),
  csrf_token: z.string().nullable(),
});

export function registerAuthRoutes(root: FastifyInstance, deps: ServerDeps): void {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const tags = ['Auth'];

  app.post('/api/v1/auth/login', {
    config: { rateLimit: { max: 20, timeWindow: '1 minute' } },
    schema: {
      tags, summary: 'Sign in with email and password (sets an httpOnly session cookie)',
      body: z.strictObject({ email: z.string().min(3).max(254), password: z.string().min(1).max(200) }),
      response: { 200: ZMe, 400: ZProblem, 401: ZProblem },
    },
  }, async (req, reply) => {
    const res = await deps.db.transaction((tx) =>
      logIn(
        { tx, clock: deps.clock, meta: { ...metaOf(req), channel: 'web' }, maxFailures: deps.config.LOGIN_MAX_FAILURES, lockMinutes: deps.config.LOGIN_LOCK_MINUTES, sessionTtlHours: deps.config.SESSION_TTL_HOURS },
        req.body.email,
        req.body.password,
      ),
    );
    if (!res.ok) {
      if (res.reason === 'locked') {
        throw new AppError('ACCOUNT_LOCKED', `Too many failed sign-ins; try again after ${res.lockedUntil?.toISOString()}`, 'unauthenticated', { locked_until: res.lockedUntil?.toISOString() });
      }
      throw new AppError('INVALID_CREDENTIALS', 'Wrong email or password', 'unauthenticated');
    }
    reply.setCookie(SESSION_COOKIE, res.sessionToken, {
      httpOnly: true, sameSite: 'strict', secure: deps.config.COOKIE_SECURE, path: '/', expires: res.expiresAt,
    });
    const actor = { type: 'user' as const, id: res.user.id, workspaceId: res.user.workspace_id, role: res.user.role, brandIds: res.user.brand_ids };
    const user = await deps.db.transaction((tx) => getUser({ actor, tx, clock: deps.clock, meta: {} }, res.user.id));
    return { user: toWire(user), abilities: abilitiesOf(actor), csrf_token: res.csrfToken } as never;
  });

  app.post('/api/v1/auth/logout', { schema: { tags, summary: 'Sign out', response: { 204: z.null() } } }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) await deps.db.transaction((tx) => logOut(tx, token));
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send(null);
  });

  app.get('/api/v1/me', {
    schema: { tags, summary: 'The signed-in user, their abilities and CSRF token', response: { 200: ZMe, 401: ZProblem } },
  }, async (req) => {
    const actor = actorOf(req);
    const user = await inTx(deps, req, (ctx) => getUser(ctx, actor.id!));
    return { user: toWire(user), abilities: abilitiesOf(actor), csrf_token: req.csrfToken ?? null } as never;
  });
}
