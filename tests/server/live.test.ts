// Live events over SSE on a real listening server: the current replay state on connect, replay
// changes, new alerts recorded by the replay; visibility rules; shutdown with streams open.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { rmSync } from 'node:fs';
import { startServer, type RunningServer } from '../../server/main.js';
import { Client, tempDir } from './helpers.js';
import { RED_ALERTS } from './fixtures.js';

let dir: string;
let server: RunningServer;
let instructor: Client;
let trainee: Client;
let outsider: Client;
let exerciseId: number;

async function login(username: string, role: 'trainee' | 'instructor', cohort?: string): Promise<Client> {
  const { password } = await server.app.soclab.services.accounts.create({ username, role, cohort });
  const c = new Client(server.app);
  expect((await c.login(username, password)).statusCode).toBe(200);
  return c;
}

beforeAll(async () => {
  dir = tempDir();
  const quiet = { write: () => true } as unknown as NodeJS.WritableStream;
  server = await startServer({ dbPath: join(dir, 'lab.db'), port: 0, logLevel: 'silent', seedDemo: false }, quiet);
  instructor = await login('ines', 'instructor');
  trainee = await login('tara', 'trainee', 'red');
  outsider = await login('tom', 'trainee', 'blue');
  const cohortId = server.app.soclab.store.cohorts.byName('red')!.id;
  exerciseId = (await instructor.post('/api/exercises', { cohortId, scenarioId: 'live', seed: 1 })).json().id;
});
afterAll(async () => {
  await server.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** Opens the SSE stream with the client's cookies; `until` reads until the text contains a marker. */
async function openStream(client: Client, id = exerciseId) {
  const controller = new AbortController();
  const res = await fetch(`${server.address}/api/exercises/${id}/events`, {
    headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
    signal: controller.signal,
  });
  let text = '';
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  const until = async (marker: string) => {
    while (!text.includes(marker)) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`stream ended before "${marker}": ${text}`);
      text += decoder.decode(value, { stream: true });
    }
    return text;
  };
  return { res, until, close: () => controller.abort(), text: () => text };
}

function events(text: string): { event: string; data: Record<string, unknown> }[] {
  return text
    .split('\n\n')
    .filter((block) => block.startsWith('event: '))
    .map((block) => {
      const [e, d] = block.split('\n');
      return { event: e.slice('event: '.length), data: JSON.parse(d.slice('data: '.length)) };
    });
}

describe('SSE live events', () => {
  it('sends the current state, then replay changes and new alerts', async () => {
    const stream = await openStream(trainee);
    expect(stream.res.status).toBe(200);
    expect(stream.res.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    expect(stream.res.headers.get('content-security-policy')).toContain("default-src 'self'");
    await stream.until('"status":"idle"');

    expect((await instructor.post(`/api/exercises/${exerciseId}/replay/start`)).statusCode).toBe(200);
    await stream.until('"status":"running"');

    const added = server.app.soclab.services.alerts.record(exerciseId, RED_ALERTS.slice(0, 2));
    expect(added).toBe(2);
    // Repeats are ignored and announce nothing; the next real batch says added 1, total 3.
    expect(server.app.soclab.services.alerts.record(exerciseId, RED_ALERTS.slice(0, 2))).toBe(0);
    server.app.soclab.services.alerts.record(exerciseId, RED_ALERTS.slice(2, 3));
    await stream.until('"total":3');
    stream.close();

    const got = events(stream.text());
    expect(got.map((e) => e.event)).toEqual(['replay', 'replay', 'alerts', 'alerts']);
    expect(got[2].data).toEqual({ type: 'alerts', exerciseId, added: 2, total: 2 });
    expect(got[3].data).toEqual({ type: 'alerts', exerciseId, added: 1, total: 3 });
  });

  it('the stream carries no trainee work (nothing private is published)', async () => {
    const stream = await openStream(instructor);
    await stream.until('event: replay');
    const [alertId] = (await trainee.get(`/api/exercises/${exerciseId}/alerts`)).json().items.map((a: { id: number }) => a.id);
    expect((await trainee.post(`/api/alerts/${alertId}/take`)).statusCode).toBe(200);
    await instructor.put(`/api/exercises/${exerciseId}/replay/speed`, { speed: 3 });
    await stream.until('"speed":3');
    stream.close();
    expect(stream.text()).not.toMatch(/tara|in_progress/);
  });

  it('refuses anonymous users (401) and other cohorts (404) with the error shape', async () => {
    const anon = await fetch(`${server.address}/api/exercises/${exerciseId}/events`);
    expect(anon.status).toBe(401);
    expect((await anon.json()).error.code).toBe('unauthenticated');
    const other = await openStream(outsider);
    expect(other.res.status).toBe(404);
    expect(JSON.parse(await other.until('}}')).error.code).toBe('not_found');
  });

  it('unsubscribes when the browser goes away', async () => {
    const stream = await openStream(trainee);
    await stream.until('event: replay');
    expect(server.app.soclab.events.listenerCount(exerciseId)).toBeGreaterThan(0);
    stream.close();
    await expect.poll(() => server.app.soclab.events.listenerCount(exerciseId)).toBe(0);
  });

  it('shutting down ends open streams instead of waiting for them', async () => {
    const dir2 = tempDir();
    const quiet = { write: () => true } as unknown as NodeJS.WritableStream;
    const s2 = await startServer({ dbPath: join(dir2, 'lab.db'), port: 0, logLevel: 'silent', seedDemo: false }, quiet);
    try {
      const { password } = await s2.app.soclab.services.accounts.create({ username: 'i2', role: 'instructor' });
      const c = new Client(s2.app);
      await c.login('i2', password);
      const cohortId = (await c.post('/api/cohorts', { name: 'x' })).json().id;
      const id = (await c.post('/api/exercises', { cohortId, scenarioId: 's', seed: 1 })).json().id;
      const res = await fetch(`${s2.address}/api/exercises/${id}/events`, {
        headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ') },
      });
      const reader = res.body!.getReader();
      await reader.read();
      await s2.stop();
      // The stream ends (rather than hanging the close): reading drains to done.
      let done = false;
      while (!done) done = (await reader.read()).done;
      expect(s2.app.soclab.store.db.open).toBe(false);
    } finally {
      rmSync(dir2, { recursive: true, force: true });
    }
  });
});
