// The replay runner end to end, on a real SQLite file, the real generator and the real rules/:
// two exercises replayed at 1000x raise exactly the alerts `soclab scan` raises on the same events;
// pause stops new alerts, resume continues; the server is closed mid-replay (with a report draft
// open) and a new app on the same database resumes, losing and duplicating nothing; restart clears
// the exercise's alerts and trainee work and replays from the first event.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client, startLab, tempDir, userClient, type TestLab } from './helpers.js';
import { scanKeys, storedKeys, waitFor } from './replay-helpers.js';
import { sampleReport } from './fixtures.js';
import type { ServerConfig } from '../../server/config.js';

const dir = tempDir();
const config: Partial<ServerConfig> = { loadRules: true, rulesDir: 'rules', exerciseScale: 0 };
let lab: TestLab;
let instructor: Client;
let tara: Client;
let persistence: number;
let phishing: number;
let cohortId: number;

beforeAll(async () => {
  lab = await startLab(config, dir);
  instructor = (await userClient(lab, 'ines', 'instructor')).client;
  tara = (await userClient(lab, 'tara', 'trainee', 'red')).client;
  cohortId = lab.app.soclab.store.cohorts.byName('red')!.id;
  const mk = async (scenarioId: string) => {
    const res = await instructor.post('/api/exercises', { cohortId, scenarioId, seed: 3 });
    expect(res.statusCode).toBe(201);
    const id = res.json().id as number;
    expect((await instructor.put(`/api/exercises/${id}/replay/speed`, { speed: 1000 })).statusCode).toBe(200);
    return id;
  };
  persistence = await mk('runkey-schtask-persistence');
  phishing = await mk('phishing-macro-beacon');
});
afterAll(async () => lab.dispose());

const eventsFile = (id: number) => join(dir, 'exercises', String(id), 'events.jsonl');

describe('replay at 1000x', () => {
  it('starts: the stream is generated, imported and replayed', async () => {
    expect((await instructor.post(`/api/exercises/${persistence}/replay/start`)).statusCode).toBe(200);
    expect((await instructor.post(`/api/exercises/${phishing}/replay/start`)).statusCode).toBe(200);
    await waitFor(lab.app, persistence, (e) => e.replayPosition > 0, 'first events replayed');
    expect(existsSync(eventsFile(persistence))).toBe(true);
    expect(lab.app.soclab.store.exerciseEvents.stream(persistence)!.events).toBe(47);
  });

  it('pause stops new alerts and progress; resume continues', async () => {
    const paused = await instructor.post(`/api/exercises/${persistence}/replay/pause`);
    expect(paused.json().replay.status).toBe('paused');
    const at = lab.app.soclab.store.exercises.byId(persistence)!.replayPosition;
    const alerts = lab.app.soclab.store.alerts.countForExercise(persistence);
    // 1000x makes a minute of event time pass every 60 ms: a paused replay would have moved.
    await sleep(1500);
    expect(lab.app.soclab.store.exercises.byId(persistence)!.replayPosition).toBe(at);
    expect(lab.app.soclab.store.alerts.countForExercise(persistence)).toBe(alerts);
    expect(at).toBeLessThan(47);
    expect((await instructor.post(`/api/exercises/${persistence}/replay/resume`)).json().replay.status).toBe('running');
    await waitFor(lab.app, persistence, (e) => e.replayPosition > at, 'progress after resume');
  });

  it('survives a server restart mid-replay (with a report draft open): nothing lost, nothing doubled', async () => {
    const draft = await tara.put(`/api/exercises/${phishing}/report`, { body: sampleReport('draft written mid-replay') });
    expect(draft.statusCode).toBe(200);
    const before = await waitFor(lab.app, phishing, (e) => e.replayPosition > 0, 'phishing under way');
    expect(before.replayStatus).toBe('running');
    await lab.close();

    lab = await startLab(config, dir);
    const reopened = lab.app.soclab.store.exercises.byId(phishing)!;
    expect(reopened.replayStatus).not.toBe('idle');
    expect(reopened.replayPosition).toBeGreaterThanOrEqual(before.replayPosition);
    tara = tara.reconnect(lab.app);
    instructor = instructor.reconnect(lab.app);

    for (const id of [persistence, phishing]) {
      const done = await waitFor(lab.app, id, (e) => e.replayStatus === 'finished', 'finished');
      expect(done.replayPosition).toBe(lab.app.soclab.store.exerciseEvents.stream(id)!.events);
      const expected = await scanKeys('rules', eventsFile(id));
      expect(expected.length).toBeGreaterThan(0);
      expect(storedKeys(lab.app, id)).toEqual(expected);
    }
    const report = await tara.get(`/api/exercises/${phishing}/report`);
    expect(report.statusCode).toBe(200);
    expect(report.json()).toMatchObject({ status: 'draft', version: 1, body: { summary: 'draft written mid-replay' } });
  });

  it('the alerts reach the trainee’s queue with the event’s host, user and time', async () => {
    const page = (await tara.get(`/api/exercises/${phishing}/alerts?limit=500`)).json() as { total: number; items: { eventIndex: number; host: string | null; eventTime: string | null }[] };
    expect(page.total).toBe(storedKeys(lab.app, phishing).length);
    for (const a of page.items) {
      const ev = lab.app.soclab.store.exerciseEvents.byIndex(phishing, a.eventIndex)!;
      expect(a.host).toBe(ev.host);
      expect(a.eventTime).toBe(ev.time);
    }
  });

  it('restart clears the exercise’s alerts and trainee work, then replays the same alerts again', async () => {
    const first = (await tara.get(`/api/exercises/${persistence}/alerts`)).json().items[0] as { id: number };
    expect((await tara.post(`/api/alerts/${first.id}/take`)).statusCode).toBe(200);
    const expected = storedKeys(lab.app, persistence);
    const res = await instructor.post(`/api/exercises/${persistence}/replay/restart`);
    expect(res.json().replay).toMatchObject({ status: 'running', position: 0 });
    expect((await tara.get(`/api/alerts/${first.id}`)).statusCode).toBe(404);
    await waitFor(lab.app, persistence, (e) => e.replayStatus === 'finished', 'finished again');
    expect(storedKeys(lab.app, persistence)).toEqual(expected);
    const queue = (await tara.get(`/api/exercises/${persistence}/alerts`)).json() as { items: { work: { status: string } }[] };
    expect(queue.items.every((a) => a.work.status === 'new')).toBe(true);
    const audit = lab.app.soclab.store.audit.forTarget('exercise', persistence).map((a) => a.action);
    expect(audit).toContain('replay.restart');
  });

  it('a crash between recording alerts and saving the position re-processes events without doubling alerts', async () => {
    const store = lab.app.soclab.store;
    const expected = storedKeys(lab.app, persistence);
    const lastAlertEvent = Math.max(...expected.map((k) => Number(k.split('@')[1])));
    const ids = () => store.db.prepare('SELECT id FROM alerts WHERE exercise_id = ? ORDER BY id').all(persistence);
    const idsBefore = ids();
    let announced = 0;
    const unsubscribe = lab.app.soclab.events.subscribe(persistence, (ev) => {
      if (ev.type === 'alerts') announced++;
    });
    // As if the process died after the alerts of these events were stored but before the position was.
    store.exercises.updateReplay(persistence, { status: 'running', speed: 1000, position: lastAlertEvent - 2 });
    lab.app.soclab.replay.changed(persistence);
    const done = await waitFor(lab.app, persistence, (e) => e.replayStatus === 'finished', 'finished after rewind');
    unsubscribe();
    expect(done.replayPosition).toBe(47);
    expect(storedKeys(lab.app, persistence)).toEqual(expected);
    // The same rows (no delete and re-insert), and nothing announced as new.
    expect(ids()).toEqual(idsBefore);
    expect(announced).toBe(0);
  });
});
