// The console's API client: same-origin fetch with the session cookie, the CSRF token in the
// `x-csrf-token` header of every state-changing request, and the server's one error shape turned
// into an ApiFailure with a readable message.
import type { ErrorBody } from '../../server/contract/api.js';

/** An API call that failed: `code` is the server's stable error code (or "network"/"bad_response"). */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiFailure';
  }
}

let csrfToken: string | null = null;

/** Remember the token from the login answer (or GET /api/auth/csrf). */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

async function ensureCsrf(): Promise<string> {
  if (csrfToken) return csrfToken;
  const { csrfToken: token } = await request<{ csrfToken: string }>('GET', '/api/auth/csrf');
  csrfToken = token;
  return token;
}

function isErrorBody(v: unknown): v is ErrorBody {
  if (typeof v !== 'object' || v === null || !('error' in v)) return false;
  const e = (v as { error: unknown }).error;
  return typeof e === 'object' && e !== null && typeof (e as { message?: unknown }).message === 'string';
}

/** A message for people from any thrown value. */
export function describeError(err: unknown): string {
  if (err instanceof ApiFailure) return err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}

export async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (method !== 'GET' && method !== 'HEAD') {
    headers['x-csrf-token'] = await ensureCsrf();
  }
  if (body !== undefined) headers['content-type'] = 'application/json';
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers,
      credentials: 'same-origin',
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (err) {
    throw new ApiFailure(0, 'network', `The server could not be reached (${describeError(err)}).`);
  }
  const text = await res.text();
  let parsed: unknown = undefined;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      if (res.ok) throw new ApiFailure(res.status, 'bad_response', `${method} ${url}: the answer is not JSON.`);
    }
  }
  if (!res.ok) {
    if (isErrorBody(parsed)) {
      // A stale CSRF token (e.g. after a server restart): fetch a fresh one and try once more.
      if (res.status === 403 && /csrf/i.test(parsed.error.code) && method !== 'GET' && csrfToken) {
        csrfToken = null;
        return request<T>(method, url, body);
      }
      throw new ApiFailure(res.status, parsed.error.code, parsed.error.message, parsed.error.details);
    }
    throw new ApiFailure(res.status, 'http_' + res.status, `${method} ${url} failed with HTTP ${res.status}.`);
  }
  return parsed as T;
}

export const api = {
  get: <T>(url: string) => request<T>('GET', url),
  post: <T>(url: string, body: unknown = {}) => request<T>('POST', url, body),
  put: <T>(url: string, body: unknown = {}) => request<T>('PUT', url, body),
};

/** A query string from the defined, non-empty values. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? '?' + s : '';
}
