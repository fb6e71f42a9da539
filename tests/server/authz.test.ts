// Authorisation tables: every route x (anonymous, trainee, instructor, grader), plus the "must not
// appear" checks: a trainee never sees another cohort's exercise or another trainee's work.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, errorCode, startLab, type TestLab } from './helpers.js';
import { createLab, sampleReport, type LabFixture } from './fixtures.js';
import type { Role } from '../../server/contract/vocab.js';

let lab: TestLab;
let f: LabFixture;
beforeAll(async () => {
  lab = await startLab();
  f = await createLab(lab);
});
afterAll(async () => lab.dispose());

type Method = 'GET' | 'POST' | 'PUT';
interface RouteCase {
  method: Method;
  url: () => string;
  body?: () => unknown;
  roles: readonly Role[];
}

const ALL: readonly Role[] = ['trainee', 'instructor', 'grader'];
const ROUTES: RouteCase[] = [
  { method: 'GET', url: () => '/api/me', roles: ALL },
  { method: 'GET', url: () => '/api/users', roles: ['instructor'] },
  { method: 'POST', url: () => '/api/users', body: () => ({ username: `u${Math.random().toString(36).slice(2, 10)}`, role: 'trainee' }), roles: ['instructor'] },
  { method: 'GET', url: () => '/api/cohorts', roles: ['instructor'] },
  { method: 'POST', url: () => '/api/cohorts', body: () => ({ name: `c-${Math.random()}` }), roles: ['instructor'] },
  { method: 'GET', url: () => `/api/cohorts/1`, roles: ['instructor'] },
  { method: 'POST', url: () => `/api/cohorts/1/trainees`, body: () => ({ username: 'tara' }), roles: ['instructor'] },
  { method: 'GET', url: () => '/api/exercises', roles: ALL },
  { method: 'POST', url: () => '/api/exercises', body: () => ({ cohortId: 1, scenarioId: 'x', seed: 1 }), roles: ['instructor'] },
  { method: 'GET', url: () => `/api/exercises/${f.red.id}`, roles: ALL },
  { method: 'GET', url: () => `/api/exercises/${f.red.id}/progress`, roles: ['instructor'] },
  // Restart clears the exercise's alerts: aimed at blue, so red's alerts stay for the tests below.
  { method: 'POST', url: () => `/api/exercises/${f.blue.id}/replay/restart`, roles: ['instructor'] },
  { method: 'PUT', url: () => `/api/exercises/${f.red.id}/replay/speed`, body: () => ({ speed: 2 }), roles: ['instructor'] },
  { method: 'GET', url: () => `/api/exercises/${f.red.id}/alerts`, roles: ['trainee', 'instructor'] },
  { method: 'GET', url: () => `/api/alerts/${f.redAlerts[0]}`, roles: ['trainee'] },
  { method: 'POST', url: () => `/api/alerts/${f.redAlerts[0]}/take`, roles: ['trainee'] },
  { method: 'POST', url: () => `/api/alerts/${f.redAlerts[0]}/release`, roles: ['trainee'] },
  { method: 'POST', url: () => `/api/alerts/${f.redAlerts[1]}/escalate`, body: () => ({ reason: 'r' }), roles: ['trainee'] },
  { method: 'POST', url: () => `/api/alerts/${f.redAlerts[2]}/close`, body: () => ({ verdict: 'benign', reason: 'r' }), roles: ['trainee'] },
  { method: 'POST', url: () => `/api/alerts/${f.redAlerts[0]}/notes`, body: () => ({ body: 'n' }), roles: ['trainee'] },
  { method: 'GET', url: () => `/api/alerts/${f.redAlerts[0]}/audit`, roles: ['trainee'] },
  { method: 'GET', url: () => `/api/exercises/${f.red.id}/report`, roles: ['trainee'] },
  { method: 'PUT', url: () => `/api/exercises/${f.red.id}/report`, body: () => ({ body: sampleReport() }), roles: ['trainee'] },
  { method: 'POST', url: () => `/api/exercises/${f.red.id}/report/submit`, body: () => ({ baseVersion: 1 }), roles: ['trainee'] },
  { method: 'GET', url: () => '/api/reports', roles: ['instructor', 'grader'] },
  { method: 'GET', url: () => '/api/reports/1', roles: ['instructor', 'grader'] },
];

const clientFor = (role: Role): Client => ({ trainee: f.tara, instructor: f.instructor, grader: f.grader })[role];

describe('authorisation table', () => {
  for (const r of ROUTES) {
    const name = `${r.method} ${r.url.toString().replace(/^\(\) => /, '')}`;
    it(`${name}: anonymous -> 401`, async () => {
      const anon = new Client(lab.app);
      const res = await anon.request(r.method, r.url(), r.body?.() ?? (r.method === 'GET' ? undefined : {}));
      expect(res.statusCode).toBe(401);
      expect(errorCode(res)).toBe('unauthenticated');
    });
    for (const role of ALL) {
      const allowed = r.roles.includes(role);
      it(`${name}: ${role} -> ${allowed ? 'allowed' : '403'}`, async () => {
        const res = await clientFor(role).request(r.method, r.url(), r.body?.() ?? (r.method === 'GET' ? undefined : {}));
        if (allowed) {
          expect([401, 403], res.body).not.toContain(res.statusCode);
        } else {
          expect(res.statusCode, res.body).toBe(403);
          expect(errorCode(res)).toBe('forbidden');
        }
      });
    }
  }
});

describe('a trainee never sees another cohort', () => {
  it('lists only their cohort’s exercises', async () => {
    const blue = (await f.tom.get('/api/exercises')).json() as { id: number; cohort: { name: string } }[];
    expect(blue.map((e) => e.id)).toEqual([f.blue.id]);
    const red = (await f.tara.get('/api/exercises')).json() as { id: number; cohort: { name: string } }[];
    expect(red.map((e) => e.id)).toContain(f.red.id);
    expect(red.map((e) => e.id)).not.toContain(f.blue.id);
    expect(new Set(red.map((e) => e.cohort.name))).toEqual(new Set(['red']));
    const all = (await f.instructor.get('/api/exercises')).json() as { id: number }[];
    expect(all.map((e) => e.id)).toEqual(expect.arrayContaining([f.red.id, f.blue.id]));
  });

  it('another cohort’s exercise, alerts and report are 404, exactly like unknown ids', async () => {
    for (const url of [`/api/exercises/${f.red.id}`, `/api/exercises/${f.red.id}/alerts`, `/api/alerts/${f.redAlerts[0]}`, `/api/exercises/${f.red.id}/report`]) {
      const res = await f.tom.get(url);
      expect(res.statusCode, url).toBe(404);
      expect(errorCode(res)).toBe('not_found');
    }
    for (const [url, body] of [
      [`/api/alerts/${f.redAlerts[3]}/take`, {}],
      [`/api/alerts/${f.redAlerts[3]}/notes`, { body: 'x' }],
      [`/api/exercises/${f.red.id}/report`, { body: sampleReport() }],
    ] as const) {
      const res = await f.tom.request(url.endsWith('report') ? 'PUT' : 'POST', url, body);
      expect(res.statusCode, url).toBe(404);
    }
    expect(lab.app.soclab.store.reports.list({ exerciseId: f.red.id }).map((r) => r.traineeName)).not.toContain('tom');
  });
});

describe('a trainee never sees another trainee’s work', () => {
  it('reports: only their own, and never by id', async () => {
    const saved = await f.theo.put(`/api/exercises/${f.red.id}/report`, { body: sampleReport('THEO-SECRET-SUMMARY') });
    expect(saved.statusCode).toBe(200);
    const theoReportId = saved.json().id;
    const mine = await f.tara.get(`/api/exercises/${f.red.id}/report`);
    expect(mine.body).not.toContain('THEO-SECRET-SUMMARY');
    const byId = await f.tara.get(`/api/reports/${theoReportId}`);
    expect(byId.statusCode).toBe(403);
    expect(byId.body).not.toContain('THEO-SECRET-SUMMARY');
  });

  it('alert work, notes and audit stay with the trainee who did them', async () => {
    const alert = f.redAlerts[3];
    expect((await f.theo.post(`/api/alerts/${alert}/take`)).statusCode).toBe(200);
    expect((await f.theo.post(`/api/alerts/${alert}/notes`, { body: 'THEO-NOTE' })).statusCode).toBe(201);
    const seenByTara = await f.tara.get(`/api/alerts/${alert}`);
    expect(seenByTara.json().alert.work).toEqual({ status: 'new', owner: null, verdict: null, reason: null, updatedAt: null });
    expect(seenByTara.json().notes).toEqual([]);
    const audit = await f.tara.get(`/api/alerts/${alert}/audit`);
    expect(audit.body).not.toContain('theo');
    const queue = await f.tara.get(`/api/exercises/${f.red.id}/alerts`);
    expect(queue.body).not.toMatch(/theo|THEO-NOTE/);
  });

  it('graders never see drafts', async () => {
    const list = (await f.grader.get('/api/reports')).json() as { status: string }[];
    expect(list.every((r) => r.status === 'submitted')).toBe(true);
    const draft = lab.app.soclab.store.reports.list({ status: 'draft' })[0];
    expect(draft).toBeDefined();
    expect((await f.grader.get(`/api/reports/${draft.id}`)).statusCode).toBe(404);
    expect((await f.instructor.get(`/api/reports/${draft.id}`)).statusCode).toBe(200);
  });
});
