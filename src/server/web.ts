import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { problem, sendProblem } from './problem.js';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../dist/web');

const CSP = [
  "default-src 'self'", "script-src 'self'", "style-src 'self' 'unsafe-inline'", "img-src 'self' data: blob:",
  "connect-src 'self' ws: wss:", "frame-ancestors 'none'", "base-uri 'none'", "form-action 'self'", "object-src 'none'",
].join('; ');

/** Serve the built React app at / with an SPA fallback and a strict CSP. */
export async function registerWeb(app: FastifyInstance): Promise<void> {
  if (!existsSync(path.join(WEB_DIST, 'index.html'))) {
    app.log.warn(`web UI not built (${WEB_DIST}); run "npm run build"`);
    return;
  }
  await app.register(fastifyStatic, { root: WEB_DIST, prefix: '/', index: false, wildcard: false, cacheControl: true, maxAge: '1h' });
  app.addHook('onSend', async (req, reply) => {
    if (!req.url.startsWith('/api/')) {
      reply.header('content-security-policy', CSP);
      reply.header('x-frame-options', 'DENY');
      reply.header('referrer-policy', 'same-origin');
      reply.header('x-content-type-options', 'nosniff');
    }
  });
  // SPA fallback (and /) as a wildcard GET route: app.ts owns the not-found handler (Fastify allows one);
  // index.html names the hashed assets of the current build, so it is never cached.
  app.get('/*', { schema: { hide: true } }, (req, reply) => {
    const p = req.url.split('?')[0];
    if (!p.startsWith('/api/') && !path.extname(p)) {
      return reply.header('cache-control', 'no-cache').sendFile('index.html', { cacheControl: false });
    }
    return sendProblem(reply, problem(404, 'ROUTE_NOT_FOUND', `No route ${req.method} ${p}`));
  });
}
