// Malformed rules never throw: a seeded generator builds odd detections and conditions; every rule
// either loads or fails with at least one error diagnostic, and matching a loaded rule never throws.
import yaml from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { compileRuleSet } from '../../engine/index.js';

function prng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

describe('rule robustness', () => {
  it('500 generated odd rules: no throw, failures always explained', () => {
    const rand = prng(42);
    const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
    const scalars = ['a', '', null, 0, 4688, -1.5, true, '*', '\\', 'x*y?', '%p%', '0x10'];
    const keys = ['Image', 'Image|endswith', 'CommandLine|contains|all', '|all', '', 'F|re', 'F|cidr', 'F|exists', 'F|bogus', 'F|', 'a.b', 'F|base64offset|contains', 'F|expand'];
    const value = (depth: number): unknown => {
      const r = rand();
      if (depth > 2 || r < 0.45) return pick(scalars);
      if (r < 0.7) return Array.from({ length: Math.floor(rand() * 3) }, () => value(depth + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(rand() * 3) }, () => [pick(keys), value(depth + 1)]));
    };
    const words = ['sel', 'filter', 'and', 'or', 'not', '(', ')', '1 of', 'all of', 'them', 'sel*', '_x', '|', 'AND'];
    const sources = Array.from({ length: 500 }, (_, i) => {
      const detection: Record<string, unknown> = {};
      for (const name of ['sel', 'filter', '_x'].slice(0, 1 + Math.floor(rand() * 3))) detection[name] = value(0);
      const r = rand();
      detection.condition = r < 0.1 ? value(1) : r < 0.6 ? pick(['sel', '1 of them', 'sel and not filter', 'all of sel*', 'not sel']) : Array.from({ length: 1 + Math.floor(rand() * 4) }, () => pick(words)).join(' ');
      const doc = { title: rand() < 0.9 ? `r${i}` : value(1), logsource: rand() < 0.9 ? { product: 'windows' } : value(1), level: pick(['high', 'low', 'bad', undefined]), detection };
      return { file: `gen${i}.yml`, text: yaml.dump(doc) };
    });
    const set = compileRuleSet(sources);
    expect(set.loaded + set.failed).toBe(500);
    expect(set.loaded).toBeGreaterThan(10);
    expect(set.failed).toBeGreaterThan(10);
    const withError = new Set(set.diagnostics.filter((d) => d.severity === 'error').map((d) => d.file));
    expect(withError.size).toBe(set.failed);
    const events = [{}, { Image: 'C:\\a.exe', CommandLine: 'a b', F: '10.0.0.1' }, { F: null, a: { b: 1 } }, { Image: ['x', 'y'], F: { n: 1 } }];
    for (const event of events) expect(() => set.match(event)).not.toThrow();
    console.log(`generated rules: ${set.loaded} loaded, ${set.failed} failed`);
  });
});
