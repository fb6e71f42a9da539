// The literal prefilter: Aho-Corasick answers checked against a naive substring scan, and the rule
// set giving the same hits with and without it (golden cases, and SigmaHQ over real logs).
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { LiteralPrefilter } from '../../engine/compile/prefilter.js';
import { compileRuleSet, parseMapping } from '../../engine/index.js';
import { describeShared, repoRoot, sharedDir } from '../helpers/shared.js';

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('LiteralPrefilter', () => {
  it('finds overlapping and nested literals (the classic he/she/his/hers set)', () => {
    const pf = new LiteralPrefilter([['he'], ['she'], ['his'], ['hers'], null, ['xyz', 'ushe']]);
    pf.scan({ a: 'USHERS' });
    expect([0, 1, 2, 3, 4, 5].map((d) => pf.passes(d))).toEqual([true, true, false, true, true, true]);
    pf.scan({ a: 'hi', b: 's' });
    expect([0, 1, 2, 3, 4, 5].map((d) => pf.passes(d))).toEqual([false, false, false, false, true, false]);
  });

  it('literals never span two values; numbers and booleans are scanned as text; nesting is followed', () => {
    const pf = new LiteralPrefilter([['ab'], ['4688'], ['true'], ['deep']]);
    pf.scan({ x: 'a', y: 'b', EventID: 4688, ok: true, n: { m: [{ k: 'DEEP' }] } });
    expect([0, 1, 2, 3].map((d) => pf.passes(d))).toEqual([false, true, true, true]);
  });

  it('an event too deep to scan lets every detection through', () => {
    let deep: Record<string, unknown> = { v: 'nothing' };
    for (let i = 0; i < 80; i++) deep = { d: deep };
    const pf = new LiteralPrefilter([['needle']]);
    pf.scan(deep);
    expect(pf.passes(0)).toBe(true);
    pf.scan({ v: 'nothing' });
    expect(pf.passes(0)).toBe(false);
  });

  it('agrees with a naive substring scan on random literals and events', () => {
    const rand = prng(7);
    const alphabet = 'abcAB\\.é ';
    const word = (n: number) => Array.from({ length: 1 + Math.floor(rand() * n) }, () => alphabet[Math.floor(rand() * alphabet.length)]).join('');
    const sets = Array.from({ length: 300 }, () => (rand() < 0.1 ? null : Array.from({ length: 1 + Math.floor(rand() * 3) }, () => word(5).toLowerCase())));
    const pf = new LiteralPrefilter(sets);
    const disagreements: string[] = [];
    let passed = 0;
    for (let round = 0; round < 200; round++) {
      const values = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => word(40));
      const event = Object.fromEntries(values.map((v, i) => [`f${i}`, v]));
      pf.scan(event);
      sets.forEach((set, d) => {
        const naive = set === null || set.some((lit) => values.some((v) => v.toLowerCase().includes(lit)));
        if (pf.passes(d) !== naive) disagreements.push(`${JSON.stringify(set)} on ${JSON.stringify(values)}`);
        if (naive) passed++;
      });
    }
    expect(disagreements).toEqual([]);
    // Both answers occur, so the comparison means something.
    expect(passed).toBeGreaterThan(1000);
    expect(passed).toBeLessThan(200 * 300 - 1000);
  });
});

describe('rule set with and without the prefilter', () => {
  it('gives identical hits on every golden case', () => {
    const goldenDir = path.join(repoRoot, 'tests/engine/golden');
    const windows = parseMapping(readFileSync(path.join(repoRoot, 'rules/mappings/windows.yml'), 'utf8'), 'windows.yml').mapping!;
    for (const name of readdirSync(goldenDir)) {
      const dir = path.join(goldenDir, name);
      const expected = JSON.parse(readFileSync(path.join(dir, 'expected.json'), 'utf8')) as { mapping?: string; placeholders?: Record<string, string[]> };
      const sources = [{ file: 'rule.yml', text: readFileSync(path.join(dir, 'rule.yml'), 'utf8') }];
      const options = { mappings: expected.mapping === 'windows' ? [windows] : undefined, placeholders: expected.placeholders };
      const fast = compileRuleSet(sources, options);
      const plain = compileRuleSet(sources, { ...options, prefilter: false });
      const events = readFileSync(path.join(dir, 'events.jsonl'), 'utf8').split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l) as Record<string, unknown>);
      for (const event of events) expect(fast.match(event)).toEqual(plain.match(event));
    }
  });
});

describeShared('SigmaHQ over real logs, with and without the prefilter', () => {
  it('gives identical hits on every 8th real event', async () => {
    const files = ['rules', 'rules-emerging-threats', 'rules-threat-hunting'].flatMap((f) =>
      readdirSync(path.join(sharedDir, 'sigmahq', f), { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile() && e.name.endsWith('.yml'))
        .map((e) => path.join(e.parentPath, e.name)));
    const sources = files.map((file) => ({ file, text: readFileSync(file, 'utf8') }));
    const windows = parseMapping(readFileSync(path.join(repoRoot, 'rules/mappings/windows.yml'), 'utf8'), 'windows.yml').mapping!;
    const fast = compileRuleSet(sources, { mappings: [windows] });
    const plain = compileRuleSet(sources, { mappings: [windows], prefilter: false });
    const logDir = path.join(sharedDir, 'real-logs');
    const logs = readdirSync(logDir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && e.name.endsWith('.jsonl')).map((e) => path.join(e.parentPath, e.name)).sort();
    const events = logs.flatMap((f) => readFileSync(f, 'utf8').split('\n').filter((l) => l.trim())).filter((_, i) => i % 8 === 0).map((l) => JSON.parse(l) as Record<string, unknown>);
    let hits = 0;
    for (const [i, event] of events.entries()) {
      // Yield now and then: a long synchronous loop starves vitest's worker channel.
      if (i % 50 === 0) await new Promise((resolve) => setImmediate(resolve));
      const expected = plain.match(event);
      hits += expected.length;
      expect(fast.match(event)).toEqual(expected);
    }
    console.log(`${events.length} real events, ${hits} hits, identical with and without the prefilter`);
    expect(hits).toBeGreaterThan(50);
  });
});
