// The demo exercise `soclab start` keeps ready: created once for the demo cohort (found again on
// later starts), its events prepared in advance without starting the replay.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startLab, tempDir, userClient, type TestLab } from './helpers.js';
import { DEMO_SCENARIO, DEMO_SEED, ensureDemoExercise } from '../../server/replay/demo.js';

const dir = tempDir();
let lab: TestLab;
beforeAll(async () => {
  lab = await startLab({ seedDemo: true, exerciseScale: 0 }, dir);
});
afterAll(async () => lab.dispose());

describe('demo exercise', () => {
  it('is created once for the demo cohort and found again after a restart', async () => {
    const first = ensureDemoExercise(lab.app.soclab.store)!;
    expect(first.created).toBe(true);
    expect(first.exercise).toMatchObject({ scenarioId: DEMO_SCENARIO, seed: DEMO_SEED, cohort: { name: 'demo' }, replay: { status: 'idle' } });
    expect(ensureDemoExercise(lab.app.soclab.store)).toEqual({ exercise: first.exercise, created: false });
    await lab.close();
    lab = await startLab({ seedDemo: true, exerciseScale: 0 }, dir);
    expect(lab.app.soclab.firstStart).toBeNull();
    expect(ensureDemoExercise(lab.app.soclab.store)).toEqual({ exercise: first.exercise, created: false });
    expect(lab.app.soclab.store.exercises.listAll()).toHaveLength(1);
  });

  it('warm() prepares its events without starting the replay', async () => {
    const { exercise } = ensureDemoExercise(lab.app.soclab.store)!;
    const stream = await lab.app.soclab.replay.warm(exercise.id);
    expect(stream.events).toBeGreaterThan(100);
    expect(existsSync(join(dir, 'exercises', String(exercise.id), 'events.jsonl'))).toBe(true);
    expect(lab.app.soclab.store.exercises.byId(exercise.id)).toMatchObject({ replayStatus: 'idle', replayPosition: 0 });
    expect(lab.app.soclab.store.alerts.countForExercise(exercise.id)).toBe(0);
  });

  it('a database without the demo cohort gets no demo exercise', async () => {
    const other = await startLab({ seedDemo: false });
    try {
      expect(ensureDemoExercise(other.app.soclab.store)).toBeNull();
    } finally {
      await other.dispose();
    }
  });

  it('an unknown scenario is refused by warm() with its name', async () => {
    const store = lab.app.soclab.store;
    const e = store.exercises.insert({ cohortId: store.cohorts.byName('demo')!.id, scenarioId: 'no-such-scenario', seed: 1, title: 'x', createdBy: null });
    await expect(lab.app.soclab.replay.warm(e.id)).rejects.toThrow(/unknown scenario "no-such-scenario"/);
    const { client: instructor } = await userClient(lab, 'ivan', 'instructor');
    const status = (await instructor.get(`/api/exercises/${e.id}/replay/stream`)).json();
    expect(status).toEqual({ exerciseId: e.id, prepared: false, events: null, preparing: false, problem: 'unknown scenario "no-such-scenario"' });
    const demo = ensureDemoExercise(lab.app.soclab.store)!.exercise;
    const ready = (await instructor.get(`/api/exercises/${demo.id}/replay/stream`)).json();
    expect(ready).toMatchObject({ exerciseId: demo.id, prepared: true, preparing: false, problem: null });
    expect(ready.events).toBe(lab.app.soclab.store.exerciseEvents.stream(demo.id)!.events);
    const { client: trainee } = await userClient(lab, 'tess', 'trainee', 'demo');
    expect((await trainee.get(`/api/exercises/${demo.id}/replay/stream`)).statusCode).toBe(403);
  });

  it('instructors list the scenarios to pick from; trainees may not (the summaries tell the story)', async () => {
    const { client: instructor } = await userClient(lab, 'ines', 'instructor');
    const { client: trainee } = await userClient(lab, 'tina', 'trainee', 'demo');
    const res = await instructor.get('/api/scenarios');
    expect(res.statusCode).toBe(200);
    const ids = (res.json() as { id: string }[]).map((s) => s.id);
    expect(ids).toContain(DEMO_SCENARIO);
    expect(ids.length).toBeGreaterThanOrEqual(9);
    expect((await trainee.get('/api/scenarios')).statusCode).toBe(403);
  });
});
