import type { FastifyRequest } from 'fastify';
import type { Db, Tx } from '../platform/db/index.js';
import type { Clock } from '../platform/clock.js';
import type { Config } from '../platform/config.js';
import type { FileStore } from '../platform/files.js';
import type { Logger } from '../platform/logger.js';
import type { Actor, Ctx } from '../domain/kernel/index.js';
import { AppError } from '../platform/errors.js';

export interface ServerDeps {
  db: Db;
  clock: Clock;
  config: Config;
  files: FileStore;
  log: Logger;
}

declare module 'fastify' {
  interface FastifyRequest {
    actor?: Actor;
    authKind?: 'session' | 'token';
    csrfToken?: string;
  }
}

export function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new AppError('UNAUTHENTICATED', 'Sign in or send a bearer API token', 'unauthenticated');
  return req.actor;
}

export function metaOf(req: FastifyRequest) {
  return {
    ip: req.ip,
    userAgent: req.headers['user-agent'] ?? null,
    requestId: String(req.id),
    channel: req.authKind === 'token' ? 'api' : 'web',
  };
}

/** One transaction per command: build the context, run, commit (or roll back on any error). */
export function inTx<T>(deps: ServerDeps, req: FastifyRequest, fn: (ctx: Ctx) => Promise<T>): Promise<T> {
  const actor = actorOf(req);
  return deps.db.transaction((tx: Tx) => fn({ actor, tx, clock: deps.clock, meta: metaOf(req) }));
}
