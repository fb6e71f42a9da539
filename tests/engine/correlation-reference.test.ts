// The streaming Correlator against a plain reference (quadratic, whole stream in memory) on seeded
// random in-order streams: same alerts, same contributing events, for eager (gte) and deferred (lt)
// event_count conditions, with many interleaved groups so that eviction and the group list are exercised.
import { describe, expect, it } from 'vitest';
import { compileRuleSet, type SigmaEvent } from '../../engine/index.js';

/** mulberry32: a small seeded PRNG. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Ev { t: number; g: string; line: number }

function randomStream(seed: number, n: number, groups: number): Ev[] {
  const rnd = prng(seed);
  let t = Date.parse('2024-01-01T00:00:00Z');
  return Array.from({ length: n }, (_, i) => {
    t += Math.floor(rnd() < 0.2 ? rnd() * 30_000 : rnd() * 2_000); // bursts and gaps
    return { t, g: `g${Math.floor(rnd() * groups)}`, line: i + 1 };
  });
}

/** Reference for gte: per group, at each event, the window [t - T, t] over unconsumed events. */
function referenceGte(events: Ev[], T: number, n: number): number[][] {
  const pending = new Map<string, Ev[]>();
  const alerts: number[][] = [];
  for (const e of events) {
    const list = [...(pending.get(e.g) ?? []), e].filter((x) => x.t >= e.t - T);
    if (list.length >= n) {
      alerts.push(list.map((x) => x.line));
      pending.set(e.g, []);
    } else pending.set(e.g, list);
  }
  return alerts;
}

/** Reference for lt: per group, tumbling windows [first, first + T] from the first pending event. */
function referenceLt(events: Ev[], T: number, n: number): number[][] {
  const byGroup = new Map<string, Ev[]>();
  for (const e of events) byGroup.set(e.g, [...(byGroup.get(e.g) ?? []), e]);
  const alerts: { end: number; lines: number[] }[] = [];
  for (const list of byGroup.values()) {
    let i = 0;
    while (i < list.length) {
      const start = list[i].t;
      let j = i;
      while (j < list.length && list[j].t <= start + T) j++;
      if (j - i < n) alerts.push({ end: list[j - 1].t, lines: list.slice(i, j).map((x) => x.line) });
      i = j;
    }
  }
  return alerts.map((a) => a.lines).sort((a, b) => a[0] - b[0]);
}

function runCorrelator(events: Ev[], timespan: string, condition: string, tolerance: number): number[][] {
  const yaml = `title: c
correlation: {type: event_count, rules: [r], group-by: [G], timespan: ${timespan}, condition: ${condition}}
---
title: r
name: r
logsource: {product: test}
detection:
    selection: {K: 1}
    condition: selection
`;
  const set = compileRuleSet([{ file: 'c.yml', text: yaml }]);
  const c = set.correlationSet.createCorrelator({ lateToleranceMs: tolerance });
  const out: number[][] = [];
  for (const e of events) {
    const event: SigmaEvent = { K: 1, G: e.g };
    for (const a of c.pushHits(set.match(event), { ...event, '@timestamp': new Date(e.t).toISOString() }, { file: 'x', line: e.line })) out.push(a.events.map((x) => x.source.line ?? 0));
  }
  for (const a of c.flush()) out.push(a.events.map((x) => x.source.line ?? 0));
  return out;
}

describe('Correlator = reference on random in-order streams', () => {
  for (const seed of [1, 2, 3, 4, 5, 6]) {
    it(`seed ${seed}: gte (eager) and lt (deferred) event_count`, () => {
      const events = randomStream(seed, 1500, 3 + seed * 2);
      const T = 10_000 * seed;
      const n = 2 + (seed % 4);
      const eager = runCorrelator(events, `${T / 1000}s`, `{gte: ${n}}`, seed % 2 ? 0 : 60_000);
      expect(eager).toEqual(referenceGte(events, T, n));
      expect(eager.length).toBeGreaterThan(0);
      const deferred = runCorrelator(events, `${T / 1000}s`, `{lt: ${n}}`, seed % 2 ? 0 : 60_000).sort((a, b) => a[0] - b[0]);
      expect(deferred).toEqual(referenceLt(events, T, n));
      expect(deferred.length).toBeGreaterThan(0);
    });
  }
});
