// Shared pieces of the load benchmarks (bench/load-*.mjs): a lab server in a child process on
// 127.0.0.1, a cookie-keeping HTTP client with CSRF, and percentiles.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Starts the server (a fresh database in a temp dir); resolves with its address and demo accounts. */
export async function spawnLab(overrides = {}) {
  if (!existsSync(join(root, 'dist/server/main.js'))) throw new Error('dist/server/main.js is missing: run `npm run build` first');
  const dir = mkdtempSync(join(tmpdir(), 'soclab-bench-'));
  const config = { port: 0, dbPath: join(dir, 'soclab.db'), rulesDir: join(root, 'rules'), logLevel: 'warn', ...overrides };
  const child = spawn(process.execPath, [join(root, 'bench/load-server.mjs'), JSON.stringify(config)], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const first = await new Promise((resolve, reject) => {
    const lines = createInterface({ input: child.stdout });
    lines.once('line', (l) => resolve(JSON.parse(l)));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return {
    ...first,
    dir,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A browser-like client over fetch: keeps cookies, sends the CSRF token on unsafe methods. */
export class Http {
  cookies = new Map();
  csrf = undefined;
  constructor(base, timeoutMs = 15_000) {
    this.base = base;
    this.timeoutMs = timeoutMs;
  }
  headers(method, json) {
    const h = {};
    if (this.cookies.size) h.cookie = [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    if (method !== 'GET' && this.csrf) h['x-csrf-token'] = this.csrf;
    if (json) h['content-type'] = 'application/json';
    return h;
  }
  keep(res) {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const i = pair.indexOf('=');
      this.cookies.set(pair.slice(0, i), pair.slice(i + 1));
    }
  }
  async request(method, path, body) {
    if (method !== 'GET' && !this.csrf) this.csrf = (await this.request('GET', '/api/auth/csrf')).body.csrfToken;
    const res = await fetch(this.base + path, {
      method,
      headers: this.headers(method, body !== undefined),
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    this.keep(res);
    const text = await res.text();
    let parsed = null;
    try { parsed = text ? JSON.parse(text) : null; } catch { parsed = text; }
    return { status: res.status, body: parsed };
  }
  async login(username, password) {
    const r = await this.request('POST', '/api/auth/login', { username, password });
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
    this.csrf = r.body.csrfToken;
    return r.body;
  }
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

export function summary(ms) {
  const s = [...ms].sort((a, b) => a - b);
  return { n: s.length, p50: +percentile(s, 50).toFixed(1), p99: +percentile(s, 99).toFixed(1), max: +(s.at(-1) ?? NaN).toFixed(1) };
}
