import Fastify, { type FastifyInstance } from 'fastify';
import cookie from '@fastify/cookie';
import swagger from '@fastify/swagger';
import websocket from '@fastify/websocket';
import { jsonSchemaTransform, jsonSchemaTransformObject, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { randomUUID } from 'node:crypto';
import { registerAuth } from './auth.js';
import type { ServerDeps } from './deps.js';
import { errorHandler, problem, rejectNulCharacters, sendProblem } from './problem.js';
import { registerRateLimit } from './rate-limit.js';
import { registerAdminRoutes } from './routes/admin.js';
import { registerAuthRoutes } from './routes/auth.js';
import { registerCustomerRoutes } from './routes/customers.js';
import { registerDocsRoutes } from './routes/docs.js';
import { registerHealthRoutes } from './routes/health.js';
import { registerMessageRoutes } from './routes/messages.js';
import { registerSearchRoutes } from './routes/search.js';
import { registerTicketRoutes } from './routes/tickets.js';
import { registerViewRoutes } from './routes/views.js';
import { registerRealtime, type Realtime } from './realtime.js';
import { registerWeb } from './web.js';
import { MODULE_ROUTES } from './modules.js';

export interface AppOptions {
  realtime?: Realtime;
  serveWeb?: boolean;
}

/** Build the HTTP app: auth → rate limit → validate (zod) → transaction → policy → command → present. */
export async function buildApp(deps: ServerDeps, opts: AppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.log.child({ component: 'http' }),
    bodyLimit: deps.config.MAX_BODY_BYTES,
    trustProxy: false,
    genReqId: (req) => (typeof req.headers['x-request-id'] === 'string' && /^[\w.-]{1,100}$/.test(req.headers['x-request-id']) ? req.headers['x-request-id'] : randomUUID()),
    routerOptions: { ignoreTrailingSlash: true },
    ajv: { customOptions: { removeAdditional: false } },
    // many route plugins register at boot; on a busy 2-core machine the 10 s default can run out
    pluginTimeout: 120_000,
  }) as unknown as FastifyInstance;
  // The API speaks JSON only: without this, Fastify's built-in text/plain parser lets a text body reach
  // validation (400) instead of being refused as an unsupported media type (415). Uploads have their own parser.
  app.removeContentTypeParser('text/plain');
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.addHook('preValidation', rejectNulCharacters);
  app.setNotFoundHandler((req, reply) => sendProblem(reply, problem(404, 'ROUTE_NOT_FOUND', `No route ${req.method} ${req.url.split('?')[0]}`)));
  app.addHook('onSend', async (req, reply) => {
    reply.header('x-request-id', String(req.id));
  });

  await app.register(cookie);
  await registerRateLimit(app, deps);
  registerAuth(app, deps);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'Switchboard API', version: '1', description: 'Customer-support operations platform. JSON in snake_case, errors as RFC 9457 problems.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, session: { type: 'apiKey', in: 'cookie', name: 'sb_session' } } },
      security: [{ bearer: [] }, { session: [] }],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });

  registerHealthRoutes(app, deps);
  registerAuthRoutes(app, deps);
  registerTicketRoutes(app, deps);
  registerMessageRoutes(app, deps);
  registerSearchRoutes(app, deps);
  registerCustomerRoutes(app, deps);
  registerAdminRoutes(app, deps);
  registerViewRoutes(app, deps);
  for (const register of MODULE_ROUTES) await register(app, deps);
  registerDocsRoutes(app);
  if (opts.realtime) registerRealtime(app, deps, opts.realtime);
  if (opts.serveWeb !== false) await registerWeb(app);
  return app;
}
