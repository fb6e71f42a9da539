// Pivots from an alert into the exercise's events, on a real replay of a generated scenario with
// the real rules: the alert's event, the events around it (scope, window, text and field filters,
// paging), process trees (Sysmon 1 by GUID, Security 4688 by host + pid), and who may see what:
// another cohort's trainee gets 404, and events not yet replayed do not exist for anyone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, errorCode, startLab, userClient, type TestLab } from './helpers.js';
import { waitFor } from './replay-helpers.js';
import type { Alert, LogEvent, PivotPage, ProcessTree } from '../../server/contract/api.js';

let lab: TestLab;
let instructor: Client;
let tara: Client;
let tom: Client;
let exerciseId: number;
let idleId: number;
let alerts: Alert[];

beforeAll(async () => {
  lab = await startLab({ loadRules: true, rulesDir: 'rules', exerciseScale: 0 });
  instructor = (await userClient(lab, 'ines', 'instructor')).client;
  tara = (await userClient(lab, 'tara', 'trainee', 'red')).client;
  tom = (await userClient(lab, 'tom', 'trainee', 'blue')).client;
  const store = lab.app.soclab.store;
  const create = async (cohort: string) =>
    (await instructor.post('/api/exercises', { cohortId: store.cohorts.byName(cohort)!.id, scenarioId: 'runkey-schtask-persistence', seed: 3 })).json().id as number;
  exerciseId = await create('red');
  idleId = await create('blue');
  await instructor.put(`/api/exercises/${exerciseId}/replay/speed`, { speed: 1000 });
  await instructor.post(`/api/exercises/${exerciseId}/replay/start`);
  await waitFor(lab.app, exerciseId, (e) => e.replayStatus === 'finished', 'finished');
  alerts = ((await tara.get(`/api/exercises/${exerciseId}/alerts`)).json() as { items: Alert[] }).items;
});
afterAll(async () => lab.dispose());

const image = (e: LogEvent) => String(e.data.Image ?? e.data.NewProcessName ?? '');
const byRuleOnEvent = (title: RegExp, eventId: number) =>
  alerts.find((a) => title.test(a.ruleTitle) && lab.app.soclab.store.exerciseEvents.byIndex(exerciseId, a.eventIndex)!.eventId === eventId)!;

describe('the alert’s event', () => {
  it('returns the event the alert fired on, as logged', async () => {
    const a = alerts[0];
    const res = await tara.get(`/api/alerts/${a.id}/event`);
    expect(res.statusCode).toBe(200);
    const ev = res.json() as LogEvent;
    expect(ev.index).toBe(a.eventIndex);
    expect(ev.host).toBe(a.host);
    expect(ev.data.timestamp).toBe(a.eventTime);
  });

  it('another cohort’s trainee gets 404 for every pivot of the alert and for the exercise’s events', async () => {
    const a = alerts[0];
    for (const url of [`/api/alerts/${a.id}/event`, `/api/alerts/${a.id}/context`, `/api/alerts/${a.id}/process-tree`,
      `/api/exercises/${exerciseId}/log/${a.eventIndex}`, `/api/exercises/${exerciseId}/log/0/context`]) {
      const res = await tom.get(url);
      expect(res.statusCode, url).toBe(404);
      expect(errorCode(res)).toBe('not_found');
    }
    expect((await tara.get('/api/alerts/999999/event')).statusCode).toBe(404);
  });

  it('events not yet replayed do not exist, even for instructors', async () => {
    expect((await instructor.get(`/api/exercises/${idleId}/log/0`)).statusCode).toBe(404);
    expect((await instructor.get(`/api/exercises/${exerciseId}/log/0`)).statusCode).toBe(200);
    expect((await instructor.get(`/api/exercises/${exerciseId}/log/47`)).statusCode).toBe(404);
  });
});

describe('events around an alert', () => {
  it('same host by default, within the window, in stream order', async () => {
    const a = byRuleOnEvent(/Scheduled Task/, 1);
    const page = (await tara.get(`/api/alerts/${a.id}/context?before=3600&after=3600`)).json() as PivotPage;
    expect(page.scope).toBe('host');
    expect(page.anchor.index).toBe(a.eventIndex);
    expect(page.total).toBe(page.items.length);
    expect(page.items.map((e) => e.index)).toContain(a.eventIndex);
    const t = Date.parse(a.eventTime!);
    for (const e of page.items) {
      expect(e.host?.toLowerCase()).toBe(a.host!.toLowerCase());
      expect(Math.abs(Date.parse(e.time!) - t)).toBeLessThanOrEqual(3_600_000);
    }
    const indexes = page.items.map((e) => e.index);
    expect(indexes).toEqual([...indexes].sort((x, y) => x - y));
    // PDFViewerSetup ran on this host seconds before: Sysmon 1 + 4688, file, registry events.
    expect(page.items.some((e) => image(e).endsWith('PDFViewerSetup.exe'))).toBe(true);
  });

  it('text, field and EventID filters, paging; a lone field is a 400', async () => {
    const a = byRuleOnEvent(/Scheduled Task/, 1);
    const url = `/api/alerts/${a.id}/context?scope=all&before=86400&after=86400`;
    const all = (await tara.get(url)).json() as PivotPage;
    expect(all.total).toBe(47);
    const text = (await tara.get(`${url}&q=pdfupdater`)).json() as PivotPage;
    expect(text.total).toBeGreaterThan(0);
    expect(text.total).toBeLessThan(47);
    for (const e of text.items) expect(JSON.stringify(e.data).toLowerCase()).toContain('pdfupdater');
    const field = (await tara.get(`${url}&field=Image&value=SCHTASKS`)).json() as PivotPage;
    expect(field.total).toBeGreaterThan(0);
    for (const e of field.items) expect(String(e.data.Image).toLowerCase()).toContain('schtasks');
    const creations = (await tara.get(`${url}&eventId=4688`)).json() as PivotPage;
    expect(creations.total).toBe(5);
    expect(creations.items.every((e) => e.eventId === 4688)).toBe(true);
    const page2 = (await tara.get(`${url}&limit=10&offset=10`)).json() as PivotPage;
    expect(page2.total).toBe(47);
    expect(page2.items.map((e) => e.index)).toEqual(all.items.slice(10, 20).map((e) => e.index));
    const lone = await tara.get(`${url}&field=Image`);
    expect(lone.statusCode).toBe(400);
    expect((await tara.get(`${url}&field=bad%20name&value=x`)).statusCode).toBe(400);
  });

  it('same user', async () => {
    const a = byRuleOnEvent(/Scheduled Task/, 4688);
    const page = (await tara.get(`/api/alerts/${a.id}/context?scope=user&before=86400&after=86400`)).json() as PivotPage;
    expect(page.total).toBeGreaterThan(1);
    for (const e of page.items) expect(e.user?.toLowerCase()).toBe(page.anchor.user!.toLowerCase());
  });
});

describe('process trees', () => {
  const names = (t: ProcessTree) => t.nodes.map((n) => `${n.depth}:${n.image!.split('\\').pop()}`);

  it('Sysmon 1: the ProcessGuid chain up from the alerting process', async () => {
    const a = byRuleOnEvent(/Scheduled Task/, 1);
    const tree = (await tara.get(`/api/alerts/${a.id}/process-tree`)).json() as ProcessTree;
    expect(tree.focus).toBe(a.eventIndex);
    expect(names(tree)).toEqual(['-1:PDFViewerSetup.exe', '0:schtasks.exe']);
    expect(tree.nodes.every((n) => n.source === 'sysmon')).toBe(true);
    expect(tree.nodes[1].parent).toBe(tree.nodes[0].index);
  });

  it('Security 4688: the same chain by host + process id', async () => {
    const a = byRuleOnEvent(/Scheduled Task/, 4688);
    const tree = (await tara.get(`/api/alerts/${a.id}/process-tree`)).json() as ProcessTree;
    expect(names(tree)).toEqual(['-1:PDFViewerSetup.exe', '0:schtasks.exe']);
    expect(tree.nodes.every((n) => n.source === 'security')).toBe(true);
  });

  it('children down from the parent, and from a non-process Sysmon event to its process', async () => {
    const a = byRuleOnEvent(/Scheduled Task/, 1);
    const parentIndex = ((await tara.get(`/api/alerts/${a.id}/process-tree`)).json() as ProcessTree).nodes[0].index;
    const tree = (await tara.get(`/api/exercises/${exerciseId}/log/${parentIndex}/process-tree`)).json() as ProcessTree;
    expect(names(tree)).toEqual(['0:PDFViewerSetup.exe', '1:schtasks.exe', '1:pdfupdater.exe']);
    expect(tree.nodes.slice(1).every((n) => n.parent === parentIndex)).toBe(true);
    // The Run-key alert is a Sysmon 13 registry event written by the installer: its process is the focus.
    const runKey = alerts.find((x) => /Run Key/.test(x.ruleTitle))!;
    const fromRegistry = (await tara.get(`/api/alerts/${runKey.id}/process-tree`)).json() as ProcessTree;
    expect(fromRegistry.event.index).toBe(runKey.eventIndex);
    expect(fromRegistry.focus).not.toBeNull();
    expect(fromRegistry.focus).not.toBe(runKey.eventIndex);
  });

  it('an event without a process gives an empty tree', async () => {
    const a = alerts[0];
    const all = (await tara.get(`/api/alerts/${a.id}/context?scope=all&before=86400&after=86400&limit=500`)).json() as PivotPage;
    const plain = all.items.find((e) => e.data.ProcessGuid === undefined && e.eventId !== 4688)!;
    expect(plain).toBeDefined();
    const tree = (await tara.get(`/api/exercises/${exerciseId}/log/${plain.index}/process-tree`)).json() as ProcessTree;
    expect(tree).toMatchObject({ event: { index: plain.index }, focus: null, nodes: [], truncated: false });
  });
});
