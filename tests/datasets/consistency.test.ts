// Cross-event consistency of generated data: Sysmon process trees (ProcessGuid/ParentProcessGuid,
// PIDs, images, LogonId), Security 4688 mirroring Sysmon 1, events referring to started processes,
// and a full-size quiet day that raises no alert beyond its answer key.
import { describe, expect, it } from 'vitest';
import { findScenario } from '../../datasets/scenarios/index.js';
import { generateInMemory, loadLabRuleSet } from './helpers.js';

interface Started { pid: number; image: string; ts: string; logonId: string; user: string; computer: string }

describe('generated data consistency', () => {
  it('Sysmon process trees and 4688 agree, and other Sysmon events name started processes correctly', async () => {
    const g = await generateInMemory(findScenario('phishing-macro-beacon')!, 17, 0.3);
    const started = new Map<string, Started>();
    let children = 0, linked = 0, refs = 0, mirrored = 0;
    const sysmon1ByHostPid = new Map<string, string>();
    for (const line of g.lines) {
      const ev = JSON.parse(line);
      if (ev.Channel === 'Microsoft-Windows-Sysmon/Operational' && ev.EventID === 1) {
        expect(ev.ProcessGuid).toMatch(/^\{[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\}$/);
        expect(started.has(ev.ProcessGuid), `GUID reused: ${ev.ProcessGuid}`).toBe(false);
        started.set(ev.ProcessGuid, { pid: ev.ProcessId, image: ev.Image, ts: ev.timestamp, logonId: ev.LogonId, user: ev.User, computer: ev.Computer });
        sysmon1ByHostPid.set(`${ev.Computer}|${ev.ProcessId}|${ev.timestamp.slice(0, 19)}`, ev.Image);
        children++;
        const parent = started.get(ev.ParentProcessGuid);
        if (parent) {
          linked++;
          expect(ev.ParentProcessId).toBe(parent.pid);
          expect(ev.ParentImage).toBe(parent.image);
          expect(ev.Computer).toBe(parent.computer);
          expect(parent.ts <= ev.timestamp).toBe(true);
          if (ev.User === parent.user) expect(ev.LogonId).toBe(parent.logonId);
        }
      } else if (ev.Channel === 'Security' && ev.EventID === 4688) {
        const pid = parseInt(ev.NewProcessId, 16);
        const ts = new Date(Date.parse(ev.timestamp) - 1).toISOString().slice(0, 19);
        const image = sysmon1ByHostPid.get(`${ev.Computer}|${pid}|${ts}`) ?? sysmon1ByHostPid.get(`${ev.Computer}|${pid}|${ev.timestamp.slice(0, 19)}`);
        expect(image, `4688 without its Sysmon 1: ${line.slice(0, 200)}`).toBe(ev.NewProcessName);
        mirrored++;
      } else if (ev.Channel === 'Microsoft-Windows-Sysmon/Operational' && [3, 7, 11, 13, 17, 22].includes(ev.EventID)) {
        const p = started.get(ev.ProcessGuid);
        if (p) {
          refs++;
          expect(ev.ProcessId).toBe(p.pid);
          expect(ev.Image).toBe(p.image);
          expect(ev.Computer).toBe(p.computer);
        }
      }
    }
    expect(children).toBeGreaterThan(1000);
    expect(linked / children).toBeGreaterThan(0.5);
    expect(refs).toBeGreaterThan(1000);
    expect(mirrored).toBeGreaterThan(1000);
  });

  it('a full-size quiet day raises exactly the alerts of its answer key', async () => {
    const g = await generateInMemory(findScenario('quiet-day')!, 'full-day', 1);
    const rules = loadLabRuleSet();
    const fired: string[] = [];
    g.lines.forEach((line, i) => {
      for (const h of rules.match(JSON.parse(line))) fired.push(`${h.rule.id}@${i}`);
    });
    expect(g.lines.length).toBeGreaterThan(50_000);
    expect(fired.sort()).toEqual(g.answerKey.alerts.map((a) => `${a.ruleId}@${a.event.line}`).sort());
  });
});
