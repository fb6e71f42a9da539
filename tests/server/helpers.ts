// Test helpers: a real app over a real SQLite file in a temp dir, and a small client that keeps
// cookies and the CSRF token like a browser would.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { LightMyRequestResponse } from 'fastify';
import { buildApp, type SoclabApp } from '../../server/app.js';
import type { ServerConfig } from '../../server/config.js';
import type { Role } from '../../server/contract/vocab.js';

export interface TestLab {
  app: SoclabApp;
  dir: string;
  dbPath: string;
  /** Closes the app (and its database). */
  close(): Promise<void>;
  /** Closes and removes the temp dir. */
  dispose(): Promise<void>;
}

export function tempDir(): string {
  return mkdtempSync(join(tmpdir(), 'soclab-server-'));
}

export async function startLab(overrides: Partial<ServerConfig> = {}, dir = tempDir()): Promise<TestLab> {
  const dbPath = join(dir, 'lab.db');
  const app = await buildApp({ dbPath, logLevel: 'silent', seedDemo: false, loadRules: false, ...overrides });
  let closed = false;
  const close = async () => {
    if (!closed) await app.close();
    closed = true;
  };
  return {
    app,
    dir,
    dbPath,
    close,
    dispose: async () => {
      await close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE' | 'PATCH';

/** A browser-like client: remembers cookies, sends the CSRF token on unsafe methods. */
export class Client {
  cookies = new Map<string, string>();
  csrfToken: string | undefined;

  constructor(readonly app: SoclabApp) {}

  async request(
    method: Method,
    url: string,
    body?: unknown,
    opts: { csrf?: boolean; headers?: Record<string, string> } = {},
  ): Promise<LightMyRequestResponse> {
    const headers: Record<string, string> = { ...opts.headers };
    if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (method !== 'GET' && opts.csrf !== false) {
      if (this.csrfToken === undefined) await this.fetchCsrf();
      headers['x-csrf-token'] = this.csrfToken!;
      if (this.cookies.size > 0) headers.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    }
    const res = await this.app.inject({
      method,
      url,
      headers,
      ...(body === undefined ? {} : typeof body === 'string' ? { payload: body } : { payload: body as object }),
    });
    for (const c of res.cookies as { name: string; value: string; maxAge?: number; expires?: Date }[]) {
      const expired = c.maxAge === 0 || (c.expires !== undefined && c.expires.getTime() <= Date.now()) || c.value === '';
      if (expired) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    return res;
  }

  /** The same browser (cookies, CSRF token) talking to another app instance, e.g. after a restart. */
  reconnect(app: SoclabApp): Client {
    const c = new Client(app);
    c.cookies = new Map(this.cookies);
    c.csrfToken = this.csrfToken;
    return c;
  }

  async fetchCsrf(): Promise<string> {
    const res = await this.request('GET', '/api/auth/csrf');
    this.csrfToken = res.json().csrfToken;
    return this.csrfToken!;
  }

  get = (url: string) => this.request('GET', url);
  post = (url: string, body?: unknown) => this.request('POST', url, body ?? {});
  put = (url: string, body?: unknown) => this.request('PUT', url, body ?? {});

  async login(username: string, password: string): Promise<LightMyRequestResponse> {
    const res = await this.post('/api/auth/login', { username, password });
    if (res.statusCode === 200) this.csrfToken = res.json().csrfToken;
    return res;
  }
}

/** Creates a user through the account service and returns a logged-in client. */
export async function userClient(lab: TestLab, username: string, role: Role, cohort?: string) {
  const { user, password } = await lab.app.soclab.services.accounts.create({ username, role, cohort });
  const client = new Client(lab.app);
  const res = await client.login(username, password);
  if (res.statusCode !== 200) throw new Error(`login ${username}: ${res.statusCode} ${res.body}`);
  return { client, user, password };
}

/** Asserts the one API error shape and returns the code. */
export function errorCode(res: LightMyRequestResponse): string {
  const body = res.json() as { error?: { code?: unknown; message?: unknown } };
  if (!body.error || typeof body.error.code !== 'string' || typeof body.error.message !== 'string') {
    throw new Error(`not the API error shape: ${res.body}`);
  }
  return body.error.code;
}
