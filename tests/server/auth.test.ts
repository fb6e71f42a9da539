// Accounts and auth: scrypt hashing, sessions in httpOnly SameSite=Strict cookies stored hashed,
// CSRF on every state-changing request, login rate limit, first-start demo accounts.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { Client, errorCode, startLab, userClient, type TestLab } from './helpers.js';
import { generatePassword, hashPassword, verifyPassword } from '../../server/auth/password.js';
import { formatDemoSeed } from '../../server/main.js';

describe('password hashing', () => {
  it('salts, verifies, and rejects wrong or malformed hashes', async () => {
    const a = await hashPassword('correct horse');
    const b = await hashPassword('correct horse');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$\d+\$\d+\$\d+\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(a).not.toContain('correct horse');
    expect(await verifyPassword('correct horse', a)).toBe(true);
    expect(await verifyPassword('correct horsf', a)).toBe(false);
    for (const bad of ['', 'plain', 'scrypt$x$8$1$AAAA$AAAA', 'bcrypt$1$2$3$4$5', 'scrypt$16384$8$1$AAAA$']) {
      expect(await verifyPassword('x', bad), bad).toBe(false);
    }
  });

  it('generates distinct passwords', () => {
    const seen = new Set(Array.from({ length: 50 }, generatePassword));
    expect(seen.size).toBe(50);
    for (const p of seen) expect(p).toMatch(/^[A-Za-z0-9_-]{18}$/);
  });
});

describe('login, sessions, logout', () => {
  let lab: TestLab;
  let password: string;
  beforeAll(async () => {
    lab = await startLab();
    ({ password } = await lab.app.soclab.services.accounts.create({ username: 'tess', role: 'trainee', cohort: 'blue' }));
  });
  afterAll(async () => lab.dispose());

  it('stores no plaintext password and no raw session id in the database', async () => {
    const client = new Client(lab.app);
    expect((await client.login('tess', password)).statusCode).toBe(200);
    const token = client.cookies.get('soclab_session')!;
    expect(token).toBeTruthy();
    const store = lab.app.soclab.store;
    store.db.pragma('wal_checkpoint(TRUNCATE)');
    const bytes = readFileSync(lab.dbPath).toString('latin1');
    expect(bytes).not.toContain(password);
    expect(bytes).not.toContain(token);
    const stored = store.db.prepare('SELECT id_hash FROM sessions').all() as { id_hash: string }[];
    expect(stored.map((s) => s.id_hash)).toContain(createHash('sha256').update(token).digest('hex'));
  });

  it('sets an httpOnly SameSite=Strict session cookie and returns the user and a CSRF token', async () => {
    const client = new Client(lab.app);
    const res = await client.login('TESS', password);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.user).toMatchObject({ username: 'tess', role: 'trainee', cohorts: [{ name: 'blue' }] });
    expect(body.csrfToken).toBeTypeOf('string');
    expect(JSON.stringify(body)).not.toMatch(/password|hash/i);
    const cookie = res.cookies.find((c) => c.name === 'soclab_session')!;
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect((await client.get('/api/me')).json().username).toBe('tess');
  });

  it('wrong password and unknown user both give 401 with the same message', async () => {
    const client = new Client(lab.app);
    const wrong = await client.login('tess', 'nope');
    const unknown = await client.login('nobody', 'nope');
    expect([wrong.statusCode, unknown.statusCode]).toEqual([401, 401]);
    expect(wrong.json()).toEqual(unknown.json());
    expect(errorCode(wrong)).toBe('unauthenticated');
    expect(client.cookies.has('soclab_session')).toBe(false);
  });

  it('logout ends the session server-side', async () => {
    const client = new Client(lab.app);
    await client.login('tess', password);
    const token = client.cookies.get('soclab_session')!;
    expect((await client.post('/api/auth/logout')).statusCode).toBe(200);
    expect(client.cookies.has('soclab_session')).toBe(false);
    // Replaying the old cookie does not work either.
    client.cookies.set('soclab_session', token);
    expect((await client.get('/api/me')).statusCode).toBe(401);
  });

  it('a new login replaces the previous session (no fixation)', async () => {
    const client = new Client(lab.app);
    await client.login('tess', password);
    const first = client.cookies.get('soclab_session')!;
    await client.login('tess', password);
    const second = client.cookies.get('soclab_session')!;
    expect(second).not.toBe(first);
    const stale = new Client(lab.app);
    stale.cookies.set('soclab_session', first);
    expect((await stale.get('/api/me')).statusCode).toBe(401);
  });

  it('expired sessions are refused', async () => {
    const client = new Client(lab.app);
    await client.login('tess', password);
    const token = client.cookies.get('soclab_session')!;
    lab.app.soclab.store.db
      .prepare("UPDATE sessions SET expires_at = '2000-01-01T00:00:00.000Z' WHERE id_hash = ?")
      .run(createHash('sha256').update(token).digest('hex'));
    const res = await client.get('/api/me');
    expect(res.statusCode).toBe(401);
    expect(errorCode(res)).toBe('unauthenticated');
  });

  it('a forged session cookie is refused', async () => {
    const client = new Client(lab.app);
    client.cookies.set('soclab_session', 'forged-token');
    expect((await client.get('/api/me')).statusCode).toBe(401);
  });
});

describe('CSRF', () => {
  let lab: TestLab;
  let instructor: Client;
  beforeAll(async () => {
    lab = await startLab();
    instructor = (await userClient(lab, 'ivy', 'instructor')).client;
  });
  afterAll(async () => lab.dispose());

  it('refuses a state-changing request without the token', async () => {
    const res = await instructor.request('POST', '/api/cohorts', { name: 'no-token' }, { csrf: false });
    expect(res.statusCode).toBe(403);
    expect(errorCode(res)).toBe('csrf_invalid');
    expect(lab.app.soclab.store.cohorts.byName('no-token')).toBeUndefined();
  });

  it('refuses a wrong token, and a token sent in the body instead of the header', async () => {
    const wrong = await instructor.request('POST', '/api/cohorts', { name: 'w' }, { csrf: false, headers: { 'x-csrf-token': 'abc' } });
    expect(wrong.statusCode).toBe(403);
    expect(errorCode(wrong)).toBe('csrf_invalid');
    const inBody = await instructor.request('POST', '/api/cohorts', { name: 'w', _csrf: instructor.csrfToken }, { csrf: false });
    expect(inBody.statusCode).toBe(403);
  });

  it("refuses another browser's token (tokens are bound to the browser's secret cookie)", async () => {
    const other = new Client(lab.app);
    const foreign = await other.fetchCsrf();
    const res = await instructor.request('POST', '/api/cohorts', { name: 'x' }, { csrf: false, headers: { 'x-csrf-token': foreign } });
    expect(res.statusCode).toBe(403);
  });

  it('protects login and logout too, and accepts the right token', async () => {
    const anon = new Client(lab.app);
    const res = await anon.request('POST', '/api/auth/login', { username: 'ivy', password: 'x' }, { csrf: false });
    expect(res.statusCode).toBe(403);
    expect(errorCode(res)).toBe('csrf_invalid');
    const logout = await instructor.request('POST', '/api/auth/logout', {}, { csrf: false });
    expect(logout.statusCode).toBe(403);
    const ok = await instructor.post('/api/cohorts', { name: 'with-token' });
    expect(ok.statusCode).toBe(201);
  });

  it('the CSRF cookie is signed, httpOnly and SameSite=Strict', async () => {
    const res = await lab.app.inject({ url: '/api/auth/csrf' });
    const c = res.cookies.find((x) => x.name === 'soclab_csrf')!;
    expect(c).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(c.value).toMatch(/\./); // value.signature
  });
});

describe('login rate limit', () => {
  it('answers 429 rate_limited after the allowed attempts, even with the right password', async () => {
    const lab = await startLab({ loginRateLimit: { max: 3, timeWindowMs: 60_000 } });
    try {
      const { password } = await lab.app.soclab.services.accounts.create({ username: 'rita', role: 'trainee' });
      const client = new Client(lab.app);
      for (let i = 0; i < 3; i++) expect((await client.login('rita', 'wrong')).statusCode).toBe(401);
      const limited = await client.login('rita', password);
      expect(limited.statusCode).toBe(429);
      expect(errorCode(limited)).toBe('rate_limited');
      expect(limited.headers['retry-after']).toBeDefined();
      // Other routes are not limited.
      expect((await lab.app.inject({ url: '/api/health' })).statusCode).toBe(200);
    } finally {
      await lab.dispose();
    }
  });
});

describe('login rate limit behind a proxy', () => {
  it('with trustProxy, each forwarded client address has its own budget', async () => {
    const lab = await startLab({ trustProxy: true, loginRateLimit: { max: 2, timeWindowMs: 60_000 } });
    try {
      const a = new Client(lab.app);
      const b = new Client(lab.app);
      const attempt = (c: Client, ip: string) =>
        c.request('POST', '/api/auth/login', { username: 'x', password: 'y' }, { headers: { 'x-forwarded-for': ip } });
      await a.fetchCsrf();
      await b.fetchCsrf();
      expect((await attempt(a, '203.0.113.1')).statusCode).toBe(401);
      expect((await attempt(a, '203.0.113.1')).statusCode).toBe(401);
      expect((await attempt(a, '203.0.113.1')).statusCode).toBe(429);
      expect((await attempt(b, '203.0.113.2')).statusCode).toBe(401);
    } finally {
      await lab.dispose();
    }
  });
});

describe('first start', () => {
  it('creates demo accounts and a demo cohort once, with generated passwords that work', async () => {
    const lab = await startLab({ seedDemo: true });
    try {
      const seed = lab.app.soclab.firstStart!;
      expect(seed.accounts.map((a) => [a.user.username, a.user.role])).toEqual([
        ['trainee', 'trainee'],
        ['instructor', 'instructor'],
        ['grader', 'grader'],
      ]);
      const text = formatDemoSeed(seed);
      for (const a of seed.accounts) expect(text).toContain(a.password);
      const client = new Client(lab.app);
      const res = await client.login('trainee', seed.accounts[0].password);
      expect(res.statusCode).toBe(200);
      expect(res.json().user.cohorts).toEqual([{ id: expect.any(Number), name: 'demo' }]);
      await lab.close();

      // A second start over the same database creates nothing and prints nothing.
      const again = await startLab({ seedDemo: true }, lab.dir);
      expect(again.app.soclab.firstStart).toBeNull();
      expect(again.app.soclab.store.users.count()).toBe(3);
      await again.close();
    } finally {
      await lab.dispose();
    }
  });

  it('passwords differ between installations (none is fixed in code)', async () => {
    const a = await startLab({ seedDemo: true });
    const b = await startLab({ seedDemo: true });
    try {
      const pa = a.app.soclab.firstStart!.accounts.map((x) => x.password);
      const pb = b.app.soclab.firstStart!.accounts.map((x) => x.password);
      for (let i = 0; i < 3; i++) expect(pa[i]).not.toBe(pb[i]);
    } finally {
      await a.dispose();
      await b.dispose();
    }
  });
});
