// Cohorts and exercises (instructor), replay state changes.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, errorCode, startLab, userClient, type TestLab } from './helpers.js';

let lab: TestLab;
let instructor: Client;
beforeAll(async () => {
  lab = await startLab();
  instructor = (await userClient(lab, 'ines', 'instructor')).client;
  await lab.app.soclab.services.accounts.create({ username: 'tina', role: 'trainee' });
  await lab.app.soclab.services.accounts.create({ username: 'gale', role: 'grader' });
});
afterAll(async () => lab.dispose());

describe('cohorts', () => {
  let cohortId: number;

  it('creates, lists and reads a cohort', async () => {
    const res = await instructor.post('/api/cohorts', { name: 'Spring 2026' });
    expect(res.statusCode).toBe(201);
    cohortId = res.json().id;
    expect(res.json()).toMatchObject({ name: 'Spring 2026', trainees: [] });
    const list = (await instructor.get('/api/cohorts')).json() as { name: string }[];
    expect(list.map((c) => c.name)).toContain('Spring 2026');
    expect((await instructor.get(`/api/cohorts/${cohortId}`)).json().name).toBe('Spring 2026');
  });

  it('duplicate names (any case) are 409 conflict', async () => {
    const res = await instructor.post('/api/cohorts', { name: 'spring 2026' });
    expect(res.statusCode).toBe(409);
    expect(errorCode(res)).toBe('conflict');
  });

  it('adds trainees idempotently; refuses staff and unknown users', async () => {
    const add = await instructor.post(`/api/cohorts/${cohortId}/trainees`, { username: 'tina' });
    expect(add.statusCode).toBe(200);
    expect(add.json().trainees).toEqual([{ id: expect.any(Number), username: 'tina' }]);
    const again = await instructor.post(`/api/cohorts/${cohortId}/trainees`, { username: 'tina' });
    expect(again.json().trainees).toHaveLength(1);
    const grader = await instructor.post(`/api/cohorts/${cohortId}/trainees`, { username: 'gale' });
    expect(grader.statusCode).toBe(400);
    expect(errorCode(grader)).toBe('bad_request');
    const unknown = await instructor.post(`/api/cohorts/${cohortId}/trainees`, { username: 'ghost' });
    expect(unknown.statusCode).toBe(404);
    const noCohort = await instructor.post('/api/cohorts/9999/trainees', { username: 'tina' });
    expect(noCohort.statusCode).toBe(404);
  });

  it('bad input names the field', async () => {
    for (const body of [{ name: '' }, { name: 5 }, { name: 'x'.repeat(101) }, { name: 'ok', other: 1 }]) {
      const res = await instructor.post('/api/cohorts', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(res.json().error.details.issues[0].path).toMatch(/^body/);
    }
  });
});

describe('exercises and replay state', () => {
  let exerciseId: number;

  it('creates an exercise for a cohort with a default title', async () => {
    const cohort = (await instructor.post('/api/cohorts', { name: 'ex-cohort' })).json();
    const res = await instructor.post('/api/exercises', { cohortId: cohort.id, scenarioId: 'ransomware-02', seed: 42 });
    expect(res.statusCode).toBe(201);
    exerciseId = res.json().id;
    expect(res.json()).toMatchObject({
      title: 'ransomware-02 (seed 42)',
      scenarioId: 'ransomware-02',
      seed: 42,
      cohort: { id: cohort.id, name: 'ex-cohort' },
      replay: { status: 'idle', speed: 1, position: 0 },
    });
    const audit = lab.app.soclab.store.audit.forTarget('exercise', exerciseId);
    expect(audit.map((a) => [a.action, a.actorName])).toEqual([['exercise.create', 'ines']]);
  });

  it('unknown cohort is 404; wrong types and out-of-range seeds are 400', async () => {
    expect((await instructor.post('/api/exercises', { cohortId: 9999, scenarioId: 'x', seed: 1 })).statusCode).toBe(404);
    for (const body of [
      { cohortId: 1, scenarioId: 'x', seed: '1' },
      { cohortId: 1, scenarioId: 'x', seed: 1.5 },
      { cohortId: 1, scenarioId: 'x', seed: 2 ** 31 },
      { cohortId: 1, scenarioId: '../etc', seed: 1 },
      { cohortId: 1, seed: 1 },
    ]) {
      const res = await instructor.post('/api/exercises', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(errorCode(res)).toBe('validation_failed');
    }
  });

  const replay = (action: string) => instructor.post(`/api/exercises/${exerciseId}/replay/${action}`);

  it('follows the replay state machine and refuses other moves with 409 invalid_transition', async () => {
    const steps: [string, number, string | undefined][] = [
      ['pause', 409, undefined],
      ['resume', 409, undefined],
      ['start', 200, 'running'],
      ['start', 409, undefined],
      ['pause', 200, 'paused'],
      ['pause', 409, undefined],
      ['resume', 200, 'running'],
      ['restart', 200, 'running'],
    ];
    for (const [action, status, state] of steps) {
      const res = await replay(action);
      expect(res.statusCode, action).toBe(status);
      if (state) expect(res.json().replay.status).toBe(state);
      else expect(errorCode(res)).toBe('invalid_transition');
    }
    expect((await replay('jump')).statusCode).toBe(400);
  });

  it('restart rewinds the position; speed is validated and persisted', async () => {
    lab.app.soclab.store.exercises.updateReplay(exerciseId, { status: 'finished', speed: 1, position: 500 });
    const res = await replay('restart');
    expect(res.json().replay).toMatchObject({ status: 'running', position: 0 });
    const speed = await instructor.put(`/api/exercises/${exerciseId}/replay/speed`, { speed: 8 });
    expect(speed.statusCode).toBe(200);
    expect(speed.json().replay.speed).toBe(8);
    for (const bad of [0, -1, 1001, 'fast']) {
      const r = await instructor.put(`/api/exercises/${exerciseId}/replay/speed`, { speed: bad });
      expect(r.statusCode, String(bad)).toBe(400);
    }
    expect((await instructor.get(`/api/exercises/${exerciseId}`)).json().replay).toMatchObject({ speed: 8, status: 'running' });
    expect((await instructor.put('/api/exercises/9999/replay/speed', { speed: 2 })).statusCode).toBe(404);
    expect((await instructor.post('/api/exercises/9999/replay/start')).statusCode).toBe(404);
  });
});

describe('restart of the server', () => {
  it('cohorts, exercises, replay state and sessions survive closing and reopening', async () => {
    const l = await startLab();
    const { client, password } = await userClient(l, 'ivan', 'instructor');
    const cohort = (await client.post('/api/cohorts', { name: 'durable' })).json();
    const ex = (await client.post('/api/exercises', { cohortId: cohort.id, scenarioId: 'apt', seed: 3 })).json();
    await client.post(`/api/exercises/${ex.id}/replay/start`);
    await client.put(`/api/exercises/${ex.id}/replay/speed`, { speed: 16 });
    await l.close();

    const again = await startLab({}, l.dir);
    try {
      // The old browser session still works after the restart (sessions live in the database).
      const reconnected = client.reconnect(again.app);
      const res = await reconnected.get(`/api/exercises/${ex.id}`);
      expect(res.statusCode).toBe(200);
      expect(res.json()).toMatchObject({ scenarioId: 'apt', seed: 3, cohort: { name: 'durable' }, replay: { status: 'running', speed: 16 } });
      // So does the CSRF token: the cookie secret was kept in the database.
      expect((await reconnected.post('/api/cohorts', { name: 'after-restart' })).statusCode).toBe(201);
      // And the password still logs in.
      const fresh = new Client(again.app);
      expect((await fresh.login('ivan', password)).statusCode).toBe(200);
    } finally {
      await again.dispose();
    }
  });
});
