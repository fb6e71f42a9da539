// The app skeleton: health, the one error shape, security headers, body limits, OpenAPI docs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, errorCode, startLab, userClient, type TestLab } from './helpers.js';
import { resolveConfig } from '../../server/config.js';
import { MIGRATIONS } from '../../server/store/migrations/index.js';

let lab: TestLab;
let instructor: Client;
beforeAll(async () => {
  lab = await startLab({ bodyLimitBytes: 4096 });
  instructor = (await userClient(lab, 'ingrid', 'instructor')).client;
});
afterAll(async () => lab.dispose());

describe('health', () => {
  it('answers without a session, with the schema version', async () => {
    const res = await lab.app.inject({ url: '/api/health' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', version: '0.1.0', schemaVersion: MIGRATIONS.length });
  });
});

describe('error shape', () => {
  it('unknown routes give 404 not_found in the error shape', async () => {
    const res = await instructor.get('/api/nope?x=1');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: { code: 'not_found', message: 'no route GET /api/nope' } });
  });

  it('unknown ids give 404 not_found in the error shape', async () => {
    for (const url of ['/api/cohorts/999', '/api/exercises/999']) {
      const res = await instructor.get(url);
      expect(res.statusCode, url).toBe(404);
      expect(errorCode(res)).toBe('not_found');
    }
  });

  it('validation errors list every offending path', async () => {
    const res = await instructor.post('/api/exercises', { cohortId: 'one', scenarioId: 'Bad Id!', seed: -1, extra: true });
    expect(res.statusCode).toBe(400);
    const body = res.json();
    expect(body.error.code).toBe('validation_failed');
    const paths = (body.error.details.issues as { path: string }[]).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['body/cohortId', 'body/scenarioId', 'body/seed']));
    expect(body.error.details.issues.some((i: { message: string }) => i.message.includes('extra'))).toBe(true);
  });

  it('a missing required property is named in the path', async () => {
    const res = await instructor.post('/api/cohorts', {});
    expect(res.statusCode).toBe(400);
    expect(res.json().error.details.issues.map((i: { path: string }) => i.path)).toContain('body/name');
  });

  it('bad path parameters are validation errors, not 500s', async () => {
    for (const url of ['/api/cohorts/abc', '/api/cohorts/0', '/api/cohorts/1.5', '/api/cohorts/99999999999999999999']) {
      const res = await instructor.get(url);
      expect(res.statusCode, url).toBe(400);
      expect(errorCode(res)).toBe('validation_failed');
      expect(res.json().error.details.issues[0].path).toMatch(/^params\/id/);
    }
  });

  it('malformed JSON is a 400 in the error shape', async () => {
    const res = await instructor.request('POST', '/api/cohorts', '{"name": ', { headers: { 'content-type': 'application/json' } });
    expect(res.statusCode).toBe(400);
    expect(errorCode(res)).toBe('bad_request');
  });

  it('oversized bodies are refused with 413 payload_too_large', async () => {
    const res = await instructor.post('/api/cohorts', { name: 'x'.repeat(5000) });
    expect(res.statusCode).toBe(413);
    expect(errorCode(res)).toBe('payload_too_large');
  });

  it('unsupported content types are refused with 415', async () => {
    const res = await instructor.request('POST', '/api/cohorts', 'name=x', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.statusCode).toBe(415);
    expect(errorCode(res)).toBe('unsupported_media_type');
  });

  it('5xx responses carry no details, only a generic message; the cause goes to the log', async () => {
    const lines: string[] = [];
    const logged = await startLab({ logLevel: 'error', logStream: { write: (l: string) => void lines.push(l) } });
    try {
      const { client } = await userClient(logged, 'ina', 'instructor');
      logged.app.soclab.store.db.exec('ALTER TABLE cohorts RENAME TO cohorts_gone');
      const res = await client.get('/api/cohorts');
      expect(res.statusCode).toBe(500);
      expect(res.json()).toEqual({ error: { code: 'internal_error', message: 'internal error; see the server log' } });
      expect(res.body).not.toMatch(/cohorts|sqlite|SQL/i);
      const errors = lines.map((l) => JSON.parse(l) as { level: number; err?: { message: string } });
      expect(errors.some((e) => e.level === 50 && /no such table: cohorts/.test(e.err?.message ?? ''))).toBe(true);
    } finally {
      await logged.dispose();
    }
  });

  it('logs never contain passwords, session cookies or CSRF tokens', async () => {
    const lines: string[] = [];
    const logged = await startLab({ logLevel: 'trace', logStream: { write: (l: string) => void lines.push(l) } });
    try {
      const { client, password } = await userClient(logged, 'lou', 'instructor');
      await client.post('/api/cohorts', { name: 'logged' });
      await client.login('lou', 'wrong-password-123');
      const all = lines.join('\n');
      expect(lines.length).toBeGreaterThan(0);
      expect(all).not.toContain(password);
      expect(all).not.toContain('wrong-password-123');
      expect(all).not.toContain(client.cookies.get('soclab_session')!);
      expect(all).not.toContain(client.csrfToken!);
    } finally {
      await logged.dispose();
    }
  });
});

describe('security headers', () => {
  it('sends a strict Content-Security-Policy without inline script', async () => {
    const res = await lab.app.inject({ url: '/api/health' });
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('OpenAPI', () => {
  it('describes the API at /docs/json and serves Swagger UI under the same CSP', async () => {
    const spec = await lab.app.inject({ url: '/docs/json' });
    expect(spec.statusCode).toBe(200);
    const doc = spec.json();
    expect(doc.openapi).toMatch(/^3\./);
    for (const p of ['/api/auth/login', '/api/exercises', '/api/exercises/{id}/alerts', '/api/alerts/{id}/close', '/api/reports']) {
      expect(Object.keys(doc.paths), p).toContain(p);
    }
    expect(doc.paths['/api/health'].get.security).toEqual([]);
    expect(doc.paths['/api/auth/login'].post.security).toEqual([{ csrf: [] }]);
    expect(doc.security).toEqual([{ session: [], csrf: [] }]);
    const ui = await lab.app.inject({ url: '/docs/' });
    expect(ui.statusCode).toBe(200);
    expect(ui.body).not.toMatch(/<script>(?!\s*<\/script>)/);
    expect(String(ui.headers['content-security-policy'])).not.toContain('unsafe-inline');
  });
});

describe('config', () => {
  it('rejects bad values with a message naming the option', () => {
    expect(() => resolveConfig({ port: 70000 })).toThrow(/port/);
    expect(() => resolveConfig({ cookieSecret: 'short' })).toThrow(/cookieSecret/);
  });
});
