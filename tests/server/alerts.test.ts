// A trainee's alert queue: filters, ownership, status transitions with verdicts, notes, audit.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startLab, type TestLab } from './helpers.js';
import { createLab, RED_ALERTS, type LabFixture } from './fixtures.js';
import type { Alert, AlertPage } from '../../server/contract/api.js';

let lab: TestLab;
let f: LabFixture;
beforeAll(async () => {
  lab = await startLab();
  f = await createLab(lab);
});
afterAll(async () => lab.dispose());

const queue = async (query = '') => {
  const res = await f.tara.get(`/api/exercises/${f.red.id}/alerts${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as AlertPage;
};
const ids = (p: AlertPage) => p.items.map((a) => a.id);

describe('queue filters', () => {
  it('lists every alert of the exercise, oldest event first, undated last', async () => {
    const page = await queue();
    expect(page.total).toBe(RED_ALERTS.length);
    expect(page.items.map((a) => a.eventIndex)).toEqual([1, 3, 9, 20, 25]);
    expect(page.items[0]).toMatchObject({
      ruleId: 'r-logon',
      ruleTitle: 'Failed Logon Burst',
      severity: 'low',
      host: 'DC01',
      user: 'bob',
      eventTime: '2024-03-05T13:59:00.000Z',
      work: { status: 'new', owner: null, verdict: null, reason: null },
    });
  });

  const r = (i: number) => () => f.redAlerts[i];
  const cases: [string, () => number[]][] = [
    ['?severity=high', () => [r(0)(), r(3)()]],
    ['?minSeverity=high', () => [r(0)(), r(1)(), r(3)()]],
    ['?rule=r-ps', () => [r(0)(), r(3)()]],
    ['?rule=lsass', () => [r(1)()]],
    ['?host=ws01', () => [r(0)(), r(1)()]],
    ['?user=ALICE', () => [r(0)()]],
    ['?from=2024-03-05T14:00:00Z', () => [r(0)(), r(1)(), r(3)()]],
    ['?from=2024-03-05T15:03:10%2B01:00&to=2024-03-05T14:05:00Z', () => [r(0)(), r(1)()]],
    ['?host=WS01&severity=critical', () => [r(1)()]],
    ['?host=nowhere', () => []],
    ['?limit=2', () => [r(2)(), r(0)()]],
    ['?limit=2&offset=2', () => [r(1)(), r(3)()]],
  ];
  for (const [query, expected] of cases) {
    it(query, async () => {
      const page = await queue(query);
      expect(ids(page)).toEqual(expected());
      if (!query.includes('limit')) expect(page.total).toBe(expected().length);
      else expect(page.total).toBe(RED_ALERTS.length);
    });
  }

  it('rejects bad filters with the offending query parameter', async () => {
    for (const q of ['?severity=urgent', '?status=done', '?limit=0', '?limit=501', '?from=yesterday', '?offset=-1', '?limit=1.5', '?bogus=1']) {
      const res = await f.tara.get(`/api/exercises/${f.red.id}/alerts${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(errorCode(res)).toBe('validation_failed');
      expect(res.json().error.details.issues[0].path, q).toMatch(/^querystring/);
    }
  });

  it('unknown exercise is 404', async () => {
    expect((await f.tara.get('/api/exercises/9999/alerts')).statusCode).toBe(404);
    expect((await f.tara.get('/api/alerts/9999')).statusCode).toBe(404);
  });
});

describe('working an alert', () => {
  const act = (id: number, action: string, body?: unknown) => f.tara.post(`/api/alerts/${id}/${action}`, body);

  it('take -> release -> take -> close with a verdict and a reason', async () => {
    const id = f.redAlerts[0];
    const taken = await act(id, 'take');
    expect(taken.statusCode).toBe(200);
    expect((taken.json() as Alert).work).toMatchObject({ status: 'in_progress', owner: { username: 'tara' } });
    expect(ids(await queue('?status=in_progress'))).toEqual([id]);

    const released = await act(id, 'release');
    expect((released.json() as Alert).work).toMatchObject({ status: 'new', owner: null });

    await act(id, 'take');
    const closed = await act(id, 'close', { verdict: 'true_positive', reason: 'Payload download from a phishing link' });
    expect(closed.statusCode).toBe(200);
    expect((closed.json() as Alert).work).toMatchObject({
      status: 'closed',
      owner: null,
      verdict: 'true_positive',
      reason: 'Payload download from a phishing link',
    });
    expect(ids(await queue('?status=closed'))).toEqual([id]);
  });

  it('closing requires a verdict from the vocabulary and a non-empty reason', async () => {
    const id = f.redAlerts[1];
    await act(id, 'take');
    for (const body of [{}, { verdict: 'true_positive' }, { reason: 'x' }, { verdict: 'maybe', reason: 'x' }, { verdict: 'benign', reason: '' }]) {
      const res = await act(id, 'close', body);
      expect(res.statusCode, JSON.stringify(body)).toBe(400);
      expect(errorCode(res)).toBe('validation_failed');
    }
    const escalated = await act(id, 'escalate', { reason: 'Credential dumping on WS01' });
    expect(escalated.json().work).toMatchObject({ status: 'escalated', verdict: null, reason: 'Credential dumping on WS01' });
  });

  it('refuses moves the state machine does not allow with 409 invalid_transition', async () => {
    const closed = f.redAlerts[0];
    const fresh = f.redAlerts[2];
    const cases: [number, string, unknown][] = [
      [fresh, 'release', undefined],
      [fresh, 'close', { verdict: 'benign', reason: 'r' }],
      [fresh, 'escalate', { reason: 'r' }],
      [closed, 'take', undefined],
      [closed, 'close', { verdict: 'benign', reason: 'r' }],
      [f.redAlerts[1], 'release', undefined], // escalated
    ];
    for (const [id, action, body] of cases) {
      const res = await act(id, action, body);
      expect(res.statusCode, `${action} ${id}`).toBe(409);
      expect(errorCode(res)).toBe('invalid_transition');
      expect(res.json().error.details).toHaveProperty('from');
    }
    await act(fresh, 'take');
    expect((await act(fresh, 'take')).statusCode).toBe(409);
  });

  it('each trainee works their own queue', async () => {
    const theoView = await f.theo.get(`/api/alerts/${f.redAlerts[0]}`);
    expect(theoView.json().alert.work.status).toBe('new');
    expect((await f.theo.post(`/api/alerts/${f.redAlerts[0]}/take`)).statusCode).toBe(200);
  });

  it('notes are kept in order with their author', async () => {
    const id = f.redAlerts[3];
    await act(id, 'notes', { body: 'first look: encoded command' });
    const res = await act(id, 'notes', { body: '<script>alert(1)</script> stays text' });
    expect(res.statusCode).toBe(201);
    const notes = res.json().notes as { body: string; author: { username: string } }[];
    expect(notes.map((n) => [n.author.username, n.body])).toEqual([
      ['tara', 'first look: encoded command'],
      ['tara', '<script>alert(1)</script> stays text'],
    ]);
    expect((await act(id, 'notes', { body: '' })).statusCode).toBe(400);
    expect((await act(id, 'notes', { body: 'x'.repeat(4001) })).statusCode).toBe(400);
  });

  it('the audit trail records who did what, oldest first', async () => {
    const res = await f.tara.get(`/api/alerts/${f.redAlerts[0]}/audit`);
    expect(res.statusCode).toBe(200);
    const entries = res.json() as { action: string; actor: { username: string }; details: Record<string, unknown> }[];
    expect(entries.map((e) => e.action)).toEqual(['alert.take', 'alert.release', 'alert.take', 'alert.close']);
    expect(entries.every((e) => e.actor.username === 'tara')).toBe(true);
    expect(entries[3].details).toEqual({ from: 'in_progress', to: 'closed', verdict: 'true_positive', reason: 'Payload download from a phishing link' });
  });

  it("the instructor's progress view counts each trainee's queue", async () => {
    const res = await f.instructor.get(`/api/exercises/${f.red.id}/progress`);
    expect(res.statusCode).toBe(200);
    const p = res.json() as { alertCount: number; trainees: { trainee: { username: string }; counts: Record<string, number>; report: unknown }[] };
    expect(p.alertCount).toBe(RED_ALERTS.length);
    const by = Object.fromEntries(p.trainees.map((t) => [t.trainee.username, t]));
    expect(Object.keys(by).sort()).toEqual(['tara', 'theo']);
    // tara: closed r0, escalated r1, took r2; theo: took r0.
    expect(by.tara.counts).toEqual({ new: 2, in_progress: 1, escalated: 1, closed: 1 });
    expect(by.theo.counts).toEqual({ new: 4, in_progress: 1, escalated: 0, closed: 0 });
    expect(by.tara.report).toBeNull();
    expect((await f.instructor.get('/api/exercises/9999/progress')).statusCode).toBe(404);
  });

  it("instructors see a named trainee's queue; trainees only their own", async () => {
    const store = lab.app.soclab.store;
    const taraId = store.users.byUsername('tara')!.id;
    const tomId = store.users.byUsername('tom')!.id;
    const res = await f.instructor.get(`/api/exercises/${f.red.id}/alerts?trainee=${taraId}&status=closed`);
    expect(res.statusCode).toBe(200);
    expect((res.json() as AlertPage).items.map((a) => [a.id, a.work.verdict])).toEqual([[f.redAlerts[0], 'true_positive']]);

    const missing = await f.instructor.get(`/api/exercises/${f.red.id}/alerts`);
    expect(missing.statusCode).toBe(400);
    expect(errorCode(missing)).toBe('bad_request');
    const outsider = await f.instructor.get(`/api/exercises/${f.red.id}/alerts?trainee=${tomId}`);
    expect(outsider.statusCode).toBe(404);
    const theoId = store.users.byUsername('theo')!.id;
    const peek = await f.tara.get(`/api/exercises/${f.red.id}/alerts?trainee=${theoId}`);
    expect(peek.statusCode).toBe(403);
    expect((await f.tara.get(`/api/exercises/${f.red.id}/alerts?trainee=${taraId}`)).statusCode).toBe(200);
    expect((await f.grader.get(`/api/exercises/${f.red.id}/alerts?trainee=${taraId}`)).statusCode).toBe(403);
  });

  it('work survives a restart', async () => {
    await lab.close();
    const again = await startLab({}, lab.dir);
    try {
      const res = await f.tara.reconnect(again.app).get(`/api/alerts/${f.redAlerts[0]}`);
      expect(res.json().alert.work).toMatchObject({ status: 'closed', verdict: 'true_positive' });
    } finally {
      await again.close();
    }
  });
});
