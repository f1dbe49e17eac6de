import type { FastifyInstance } from 'fastify';
import client from 'prom-client';
import type { ServerDeps } from '../deps.js';

export function registerHealthRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const requests = new client.Histogram({
    name: 'switchboard_http_request_duration_seconds',
    help: 'HTTP request duration',
    labelNames: ['method', 'route', 'status'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  app.addHook('onResponse', async (req, reply) => {
    requests.observe({ method: req.method, route: req.routeOptions.url ?? 'unknown', status: reply.statusCode }, reply.elapsedTime / 1000);
  });

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    try {
      await deps.db.query('SELECT 1');
      const pending = await deps.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM event_deliveries WHERE status = 'pending'`);
      return { status: 'ready', db: deps.db.kind, pending_event_deliveries: pending.n };
    } catch (e) {
      return reply.code(503).type('application/problem+json').send({ type: 'urn:switchboard:problem:not_ready', title: 'Service Unavailable', status: 503, code: 'NOT_READY', detail: String(e) });
    }
  });
  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) => reply.type(registry.contentType).send(await registry.metrics()));
}
