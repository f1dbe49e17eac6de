import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, type ErrorKind } from '../platform/errors.js';

/** The only place that maps application error kinds to HTTP statuses. */
const STATUS: Record<ErrorKind, number> = {
  validation: 422,
  unprocessable: 422,
  not_found: 404,
  conflict: 409,
  forbidden: 403,
  unauthenticated: 401,
  precondition: 412,
  too_large: 413,
  rate_limited: 429,
  unavailable: 503,
};

const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed', 406: 'Not Acceptable',
  409: 'Conflict', 412: 'Precondition Failed', 413: 'Content Too Large', 415: 'Unsupported Media Type', 422: 'Unprocessable Content',
  428: 'Precondition Required', 429: 'Too Many Requests', 500: 'Internal Server Error', 503: 'Service Unavailable',
};

export interface Problem {
  type: string;
  title: string;
  status: number;
  code: string;
  detail?: string;
  instance?: string;
  errors?: Array<{ path: string; message: string }>;
  [k: string]: unknown;
}

export function problem(status: number, code: string, detail?: string, extra: Record<string, unknown> = {}): Problem {
  return { type: `urn:switchboard:problem:${code.toLowerCase()}`, title: TITLES[status] ?? 'Error', status, code, detail, ...extra };
}

export function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  return reply.code(p.status).type('application/problem+json').send(JSON.stringify(p));
}

// Fastify's own client errors, with stable codes of ours.
const FASTIFY_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'INVALID_JSON',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'EMPTY_BODY',
  FST_ERR_CTP_BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'INVALID_CONTENT_LENGTH',
  FST_ERR_VALIDATION: 'VALIDATION_FAILED',
};

/**
 * PostgreSQL cannot store U+0000 in text or jsonb. Refuse it up front, naming where it is, instead of
 * failing in SQL (a 500). Registered as a preValidation hook; uploads (raw Buffers) are not inspected.
 */
export async function rejectNulCharacters(req: FastifyRequest, reply: FastifyReply): Promise<void> {
  const errors: Array<{ path: string; message: string }> = [];
  const walk = (v: unknown, path: string, depth: number): void => {
    if (errors.length >= 20 || depth > 32) return;
    if (typeof v === 'string') {
      if (v.includes('\u0000')) errors.push({ path, message: 'must not contain NUL (\\u0000) characters' });
    } else if (Array.isArray(v)) {
      v.forEach((x, i) => walk(x, `${path}.${i}`, depth + 1));
    } else if (v !== null && typeof v === 'object' && !Buffer.isBuffer(v)) {
      for (const [k, x] of Object.entries(v)) {
        if (k.includes('\u0000')) errors.push({ path, message: 'keys must not contain NUL (\\u0000) characters' });
        walk(x, `${path}.${k}`, depth + 1);
      }
    }
  };
  walk(req.query, 'querystring', 0);
  walk(req.params, 'params', 0);
  walk(req.body, 'body', 0);
  if (errors.length) {
    await sendProblem(reply, problem(400, 'VALIDATION_FAILED', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { instance: req.url.split('?')[0], errors }));
  }
}

/** PostgreSQL data exceptions that can only come from values a client sent (bad characters, dates out of range). */
const PG_INPUT_ERRORS = new Set(['22021', '22P05', '22007', '22008', '22009']);

export function errorHandler(err: FastifyError | AppError | Error, req: FastifyRequest, reply: FastifyReply): FastifyReply {
  const instance = req.url.split('?')[0];
  if (err instanceof AppError) {
    const extra = err.details === undefined ? {} : typeof err.details === 'object' && err.details !== null && !Array.isArray(err.details) ? (err.details as Record<string, unknown>) : { details: err.details };
    return sendProblem(reply, problem(STATUS[err.kind], err.code, err.message, { instance, ...extra }));
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const errors = err.validation.map((v) => ({
      path: [err.validationContext ?? 'body', ...(v.instancePath ?? '').split('/').filter(Boolean)].join('.'),
      message: v.message ?? 'invalid',
    }));
    return sendProblem(reply, problem(400, 'VALIDATION_FAILED', errors.map((e) => `${e.path}: ${e.message}`).join('; '), { instance, errors }));
  }
  const fe = err as FastifyError & { statusCode?: number };
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    const code = (fe.code && FASTIFY_CODES[fe.code]) ?? (fe.code ? fe.code.replace(/^FST_ERR_/, '') : 'BAD_REQUEST');
    return sendProblem(reply, problem(fe.statusCode, code, fe.message, { instance }));
  }
  const pgCode = (err as { code?: unknown }).code;
  if (typeof pgCode === 'string' && PG_INPUT_ERRORS.has(pgCode)) {
    // A safety net: such input should be refused by validation first; nothing was saved (the transaction rolled back).
    req.log.warn({ err }, 'input rejected by the database');
    return sendProblem(reply, problem(422, 'INVALID_VALUE', 'A value in the request cannot be stored (invalid characters or a date out of range)', { instance }));
  }
  req.log.error({ err }, 'unhandled error');
  return sendProblem(reply, problem(500, 'INTERNAL_ERROR', 'Something went wrong on our side; nothing was saved. The request id is in the X-Request-Id header.', { instance }));
}
