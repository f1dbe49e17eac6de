import { setTimeout as sleep } from 'node:timers/promises';
import { AppError, type ErrorKind } from '../../platform/errors.js';

const KIND: Record<number, ErrorKind> = {
  400: 'validation', 401: 'unauthenticated', 403: 'forbidden', 404: 'not_found', 409: 'conflict', 412: 'precondition',
  413: 'too_large', 422: 'validation', 429: 'rate_limited', 503: 'unavailable',
};

export interface HttpResult<T> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * The CLI's client for a running Switchboard server (used while the server holds the embedded
 * database). Problems come back as AppError with the server's stable code; 429s are retried.
 */
export class HttpClient {
  readonly baseUrl: string;

  constructor(url: string, private readonly token: string) {
    let u: URL;
    try {
      u = new URL(url);
    } catch {
      throw new AppError('INVALID_URL', `"${url}" is not a URL (expected e.g. http://127.0.0.1:3000)`);
    }
    if (!/^https?:$/.test(u.protocol)) throw new AppError('INVALID_URL', `"${url}" must start with http:// or https://`);
    this.baseUrl = u.toString().replace(/\/+$/, '');
  }

  async request<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<HttpResult<T>> {
    for (let attempt = 0; ; attempt++) {
      let res: Response;
      try {
        res = await fetch(`${this.baseUrl}${path}`, {
          method,
          headers: {
            authorization: `Bearer ${this.token}`,
            accept: 'application/json',
            'user-agent': 'switchboard-cli',
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
            ...headers,
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      } catch (e) {
        const cause = (e as { cause?: { code?: string; message?: string } }).cause;
        throw new AppError('SERVER_UNREACHABLE', `Cannot reach ${this.baseUrl} (${cause?.code ?? cause?.message ?? (e as Error).message})`, 'unavailable');
      }
      if (res.status === 429 && attempt < 20) {
        const wait = Number(res.headers.get('retry-after') ?? res.headers.get('ratelimit-reset') ?? 1);
        await res.arrayBuffer();
        await sleep(Math.min(Math.max(Number.isFinite(wait) ? wait : 1, 0.2), 60) * 1000);
        continue;
      }
      const text = await res.text();
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        parsed = text;
      }
      if (!res.ok) {
        const p = (parsed && typeof parsed === 'object' ? parsed : {}) as { code?: string; detail?: string; title?: string };
        const code = p.code ?? `HTTP_${res.status}`;
        const detail = p.detail ?? p.title ?? (typeof parsed === 'string' && parsed ? parsed.slice(0, 200) : res.statusText);
        const hint = res.status === 401 ? ' — check --token (an API token from Admin → API tokens)' : '';
        throw new AppError(code, `${detail}${hint}`, KIND[res.status] ?? 'unavailable', p);
      }
      return { status: res.status, body: parsed as T, headers: res.headers };
    }
  }

  async get<T>(path: string): Promise<T> {
    return (await this.request<T>('GET', path)).body;
  }
}
