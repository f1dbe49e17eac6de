/**
 * The one fetch wrapper of the web UI: same-origin, cookie session, CSRF header on unsafe methods,
 * RFC 9457 problems turned into ApiError with the server's `code` and `detail`.
 */
export interface Problem {
  type?: string;
  title?: string;
  status: number;
  code: string;
  detail?: string;
  errors?: Array<{ path: string; message: string }>;
  [k: string]: unknown;
}

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly problem: Problem;

  constructor(p: Problem) {
    super(p.detail ?? p.title ?? p.code);
    this.name = 'ApiError';
    this.status = p.status;
    this.code = p.code;
    this.problem = p;
  }
}

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request comes back 401 for a signed-in user (session expired): the app shows the login page. */
export function setUnauthenticatedHandler(fn: (() => void) | null): void {
  onUnauthenticated = fn;
}

export interface RequestOptions {
  body?: unknown;
  /** Raw body (uploads); sent as is with `contentType`. */
  raw?: Blob;
  contentType?: string;
  headers?: Record<string, string>;
  idempotencyKey?: string;
  signal?: AbortSignal;
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export async function request<T>(method: string, url: string, opts: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...opts.headers };
  let body: BodyInit | undefined;
  if (opts.raw) {
    body = opts.raw;
    headers['content-type'] = opts.contentType || 'application/octet-stream';
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] = 'application/json';
  }
  if (UNSAFE.has(method) && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (opts.idempotencyKey) headers['idempotency-key'] = opts.idempotencyKey;

  let res: Response;
  try {
    res = await fetch(url, { method, headers, body, credentials: 'same-origin', signal: opts.signal });
  } catch (err) {
    if ((err as Error).name === 'AbortError') throw err;
    throw new ApiError({ status: 0, code: 'NETWORK_ERROR', detail: 'Cannot reach the Switchboard server. Check your connection and try again.' });
  }
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const p = isProblem(data) ? data : { status: res.status, code: `HTTP_${res.status}`, detail: res.statusText || 'Request failed' };
    if (res.status === 401 && url !== '/api/v1/auth/login' && url !== '/api/v1/me') onUnauthenticated?.();
    throw new ApiError({ ...p, status: res.status });
  }
  return data as T;
}

function isProblem(v: unknown): v is Problem {
  return typeof v === 'object' && v !== null && typeof (v as Problem).code === 'string';
}

export const api = {
  get: <T>(url: string, signal?: AbortSignal) => request<T>('GET', url, { signal }),
  post: <T>(url: string, body?: unknown, opts: Omit<RequestOptions, 'body'> = {}) => request<T>('POST', url, { ...opts, body }),
  patch: <T>(url: string, body: unknown) => request<T>('PATCH', url, { body }),
  del: <T>(url: string) => request<T>('DELETE', url),
};

/** Human text for any error thrown by a query or mutation. */
export function errorText(err: unknown): string {
  if (err instanceof ApiError) {
    if (err.code === 'VERSION_CONFLICT') return 'Someone else changed this ticket — reload to see their changes.';
    return err.problem.detail ?? err.problem.title ?? err.code;
  }
  if (err instanceof Error) return err.message;
  return 'Something went wrong';
}

/** Build a query string, leaving out empty values. */
export function qs(params: Record<string, string | number | undefined | null>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') sp.set(k, String(v));
  const s = sp.toString();
  return s ? `?${s}` : '';
}
