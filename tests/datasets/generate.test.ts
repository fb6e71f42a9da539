// The generator's output contract: deterministic bytes, time order, a timestamp on every event,
// manifest counts that add up, streaming writes in bounded chunks.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { generateScenario, sourceOf } from '../../datasets/generator.js';
import { SCENARIOS, findScenario } from '../../datasets/scenarios/index.js';
import { generateInMemory } from './helpers.js';
import type { Scenario } from '../../datasets/scenarios/types.js';

const phishing = findScenario('phishing-macro-beacon')!;
const sha = (s: string) => createHash('sha256').update(s).digest('hex');

describe('generateScenario', () => {
  it('is deterministic: same seed and scale give the same bytes, another seed differs', async () => {
    const a = await generateInMemory(phishing, 11, 0.2);
    const b = await generateInMemory(phishing, 11, 0.2);
    const c = await generateInMemory(phishing, 12, 0.2);
    expect(a.lines.length).toBeGreaterThan(5000);
    expect(sha(a.text)).toBe(sha(b.text));
    expect(JSON.stringify(a.answerKey)).toBe(JSON.stringify(b.answerKey));
    expect(JSON.stringify(a.manifest)).toBe(JSON.stringify(b.manifest));
    expect(sha(c.text)).not.toBe(sha(a.text));
  });

  it('writes time-ordered JSON lines, each with an ISO timestamp inside the window', async () => {
    const g = await generateInMemory(phishing, 3, 0.2);
    const start = g.manifest.timeRange.start, end = g.manifest.timeRange.end;
    let prev = '';
    const counts: Record<string, number> = {};
    for (const line of g.lines) {
      const ev = JSON.parse(line) as Record<string, unknown>;
      const ts = ev.timestamp as string;
      expect(ts).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      expect(ts >= prev).toBe(true);
      expect(ts >= start && ts < end).toBe(true);
      prev = ts;
      const src = sourceOf(ev);
      counts[src] = (counts[src] ?? 0) + 1;
    }
    expect(g.manifest.events).toBe(g.lines.length);
    expect(g.manifest.counts).toEqual(Object.fromEntries(Object.entries(counts).sort(([x], [y]) => x.localeCompare(y))));
    for (const src of ['sysmon', 'security', 'dns', 'proxy', 'firewall', 'mail', 'linux_auth', 'auditd', 'powershell']) {
      expect(counts[src], src).toBeGreaterThan(0);
    }
  });

  it('Sysmon volume looks real: registry, image loads and network outnumber process creation', async () => {
    const g = await generateInMemory(phishing, 5, 0.3);
    const ids: Record<number, number> = {};
    for (const line of g.lines) {
      const ev = JSON.parse(line);
      if (ev.Channel === 'Microsoft-Windows-Sysmon/Operational') ids[ev.EventID] = (ids[ev.EventID] ?? 0) + 1;
    }
    for (const id of [1, 3, 7, 10, 11, 12, 13, 17, 22]) expect(ids[id], `Sysmon ${id}`).toBeGreaterThan(0);
    expect(ids[7]).toBeGreaterThan(ids[1]);
    expect(ids[13]).toBeGreaterThan(ids[1]);
  });

  it('the manifest lists hosts and users of a few-hundred-person organisation', async () => {
    const g = await generateInMemory(phishing, 3, 0);
    expect(g.manifest.users.length).toBeGreaterThan(200);
    expect(g.manifest.hosts.length).toBeGreaterThan(200);
    expect(g.manifest.hosts.some((h) => h.role === 'domain_controller')).toBe(true);
    expect(g.manifest.hosts.some((h) => h.role === 'mail_gateway')).toBe(true);
    expect(g.manifest.hosts.some((h) => h.role === 'proxy')).toBe(true);
    expect(new Set(g.manifest.users.map((u) => u.sid)).size).toBe(g.manifest.users.length);
    expect(new Set(g.manifest.hosts.map((h) => h.ip)).size).toBe(g.manifest.hosts.length);
  });

  it('streams: the sink gets whole lines in bounded chunks, and an awaited sink is respected', async () => {
    let chunks = 0, maxLines = 0, pendingWrites = 0, maxPending = 0;
    await generateScenario(phishing, { seed: 1, scale: 0.5 }, async (chunk) => {
      pendingWrites++;
      maxPending = Math.max(maxPending, pendingWrites);
      expect(chunk.endsWith('\n')).toBe(true);
      maxLines = Math.max(maxLines, chunk.split('\n').length - 1);
      chunks++;
      await new Promise((r) => setImmediate(r));
      pendingWrites--;
    });
    expect(chunks).toBeGreaterThan(10);
    expect(maxLines).toBeLessThanOrEqual(2000);
    expect(maxPending).toBe(1);
  });

  it('rejects a bad scale and lists every scenario id once', async () => {
    await expect(generateScenario(phishing, { seed: 1, scale: -1 }, () => {})).rejects.toThrow(/scale/);
    expect(new Set(SCENARIOS.map((s) => s.id)).size).toBe(SCENARIOS.length);
  });
});

describe('sliceLength', () => {
  it('keeps 5-minute slices up to scale 10 and shortens them above, never under 5 s', async () => {
    const { sliceLength } = await import('../../datasets/generator.js');
    expect(sliceLength(0)).toBe(300_000);
    expect(sliceLength(10)).toBe(300_000);
    expect(sliceLength(100)).toBe(30_000);
    expect(sliceLength(1e6)).toBe(5000);
  });

  it('a high scale still writes time-ordered lines (short slices)', async () => {
    const quarterHour: Scenario = {
      id: 'quarter-hour', version: '0.0.0', title: 'Fifteen busy minutes', summary: 'Background only, mid-morning.',
      difficulty: 'easy', techniques: [], start: '2026-03-10T10:00:00Z', hours: 0.25,
      build: () => ({ events: [], verdict: 'benign', severity: 'informational', summary: '-', alerts: [], facts: [], forbidden: [] }),
    };
    const g = await generateInMemory(quarterHour, 8, 20);
    expect(g.lines.length).toBeGreaterThan(10_000);
    let prev = '';
    for (const line of g.lines) {
      const ts = JSON.parse(line).timestamp as string;
      expect(ts >= prev).toBe(true);
      prev = ts;
    }
    expect(prev < '2026-03-10T10:15:00').toBe(true);
  });
});
