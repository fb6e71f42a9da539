// Incident reports: draft, autosave with optimistic locking, submit (then read-only), graders' view.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startLab, type TestLab } from './helpers.js';
import { createLab, sampleReport, type LabFixture } from './fixtures.js';
import { emptyReport } from '../../server/contract/report.js';

let lab: TestLab;
let f: LabFixture;
let url: string;
beforeAll(async () => {
  lab = await startLab({ bodyLimitBytes: 64 * 1024 });
  f = await createLab(lab);
  url = `/api/exercises/${f.red.id}/report`;
});
afterAll(async () => lab.dispose());

describe('drafts', () => {
  it('404 before the first save', async () => {
    const res = await f.tara.get(url);
    expect(res.statusCode).toBe(404);
    expect(errorCode(res)).toBe('not_found');
  });

  it('first save creates version 1; each save names its base version', async () => {
    const first = await f.tara.put(url, { body: emptyReport() });
    expect(first.statusCode).toBe(200);
    expect(first.json()).toMatchObject({ status: 'draft', version: 1, submittedAt: null, trainee: { username: 'tara' } });
    const second = await f.tara.put(url, { body: sampleReport(), baseVersion: 1 });
    expect(second.statusCode).toBe(200);
    expect(second.json().version).toBe(2);
    expect(second.json().body).toEqual(sampleReport());
    expect(Date.parse(second.json().updatedAt)).toBeGreaterThanOrEqual(Date.parse(first.json().updatedAt));
    expect((await f.tara.get(url)).json().body.summary).toBe(sampleReport().summary);
  });

  it('a stale save is 409 version_conflict and changes nothing', async () => {
    const res = await f.tara.put(url, { body: sampleReport('stale tab'), baseVersion: 1 });
    expect(res.statusCode).toBe(409);
    expect(errorCode(res)).toBe('version_conflict');
    expect(res.json().error.details).toEqual({ currentVersion: 2, status: 'draft' });
    const missingBase = await f.tara.put(url, { body: sampleReport('no base') });
    expect(missingBase.statusCode).toBe(409);
    expect((await f.tara.get(url)).json()).toMatchObject({ version: 2, body: { summary: sampleReport().summary } });
  });

  it('validates the body against the report schema, naming the paths', async () => {
    const bad = { ...sampleReport(), verdict: 'probably', indicators: [{ type: 'ip' }], timeline: 'none', extra: 1 };
    const res = await f.tara.put(url, { body: bad, baseVersion: 2 });
    expect(res.statusCode).toBe(400);
    const paths = (res.json().error.details.issues as { path: string }[]).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['body/body/verdict', 'body/body/indicators/0/value', 'body/body/timeline']));
    const tooLong = await f.tara.put(url, { body: { ...sampleReport(), summary: 'x'.repeat(4001) }, baseVersion: 2 });
    expect(tooLong.statusCode).toBe(400);
    const huge = await f.tara.put(url, { body: { ...sampleReport(), freeText: 'x'.repeat(70_000) }, baseVersion: 2 });
    expect(huge.statusCode).toBe(413);
  });
});

describe('submission', () => {
  it('submitting needs the current version; then the report is read-only', async () => {
    const stale = await f.tara.post(`${url}/submit`, { baseVersion: 1 });
    expect(stale.statusCode).toBe(409);
    expect(errorCode(stale)).toBe('version_conflict');
    const res = await f.tara.post(`${url}/submit`, { baseVersion: 2 });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'submitted', version: 3 });
    expect(res.json().submittedAt).toBeTypeOf('string');

    const edit = await f.tara.put(url, { body: sampleReport('after submit'), baseVersion: 3 });
    expect(edit.statusCode).toBe(409);
    expect(errorCode(edit)).toBe('conflict');
    expect((await f.tara.post(`${url}/submit`, { baseVersion: 3 })).statusCode).toBe(409);
    expect((await f.tara.get(url)).json().body.summary).toBe(sampleReport().summary);
  });

  it('submitting without a draft is 404', async () => {
    const res = await f.theo.post(`${url}/submit`, { baseVersion: 1 });
    expect(res.statusCode).toBe(404);
  });

  it('records creation and submission in the audit trail', async () => {
    const report = lab.app.soclab.store.reports.forTrainee(f.red.id, lab.app.soclab.store.users.byUsername('tara')!.id)!;
    const actions = lab.app.soclab.store.audit.forTarget('report', report.id).map((a) => a.action);
    expect(actions).toEqual(['report.create', 'report.submit']);
  });
});

describe('schema evolution', () => {
  it('a stored body that no longer fits the current schema is still served as stored', async () => {
    const store = lab.app.soclab.store;
    const tara = store.users.byUsername('tara')!;
    const id = store.reports.forTrainee(f.red.id, tara.id)!.id;
    store.db.prepare("UPDATE reports SET body_json = json_set(json_remove(body_json, '$.summary'), '$.legacyField', 'x') WHERE id = ?").run(id);
    const res = await f.tara.get(url);
    expect(res.statusCode).toBe(200);
    expect(res.json().body).not.toHaveProperty('summary');
    expect(res.json().body.legacyField).toBe('x');
    store.db.prepare("UPDATE reports SET body_json = ? WHERE id = ?").run(JSON.stringify(sampleReport()), id);
  });
});

describe('staff view', () => {
  it('graders list and read submitted reports; instructors also see drafts', async () => {
    await f.theo.put(url, { body: sampleReport('theo draft') });
    const graderList = (await f.grader.get('/api/reports')).json() as { trainee: { username: string }; status: string; id: number }[];
    expect(graderList.map((r) => [r.trainee.username, r.status])).toEqual([['tara', 'submitted']]);
    expect((await f.grader.get('/api/reports?status=draft')).json()).toEqual([]);
    const full = await f.grader.get(`/api/reports/${graderList[0].id}`);
    expect(full.statusCode).toBe(200);
    expect(full.json().body).toEqual(sampleReport());

    const all = (await f.instructor.get(`/api/reports?exerciseId=${f.red.id}`)).json() as { trainee: { username: string } }[];
    expect(all.map((r) => r.trainee.username)).toEqual(['tara', 'theo']);
    expect((await f.instructor.get(`/api/reports?exerciseId=${f.blue.id}`)).json()).toEqual([]);
    expect((await f.grader.get('/api/reports/9999')).statusCode).toBe(404);
  });
});
