import { describe, expect, it } from 'vitest';
import { Rng, stableHex } from '../../datasets/core/prng.js';

describe('Rng', () => {
  it('gives the same sequence for the same seed and a different one for another seed', () => {
    const a = new Rng(42), b = new Rng(42), c = new Rng(43);
    const seqA = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(seqA);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(seqA);
  });

  it('forks are independent of draws on the parent', () => {
    const a = new Rng('s'), b = new Rng('s');
    b.next(); b.next();
    expect(a.fork('x').next()).toBe(b.fork('x').next());
    expect(a.fork('x').next()).not.toBe(a.fork('y').next());
  });

  it('int stays in range and covers it; poisson has about the right mean', () => {
    const r = new Rng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) {
      const v = r.int(3, 7);
      expect(v).toBeGreaterThanOrEqual(3);
      expect(v).toBeLessThanOrEqual(7);
      seen.add(v);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
    let sum = 0;
    for (let i = 0; i < 4000; i++) sum += r.poisson(4);
    expect(sum / 4000).toBeGreaterThan(3.7);
    expect(sum / 4000).toBeLessThan(4.3);
  });

  it('stableHex is stable and sized', () => {
    expect(stableHex('x', 64)).toBe(stableHex('x', 64));
    expect(stableHex('x', 64)).toMatch(/^[0-9A-F]{64}$/);
    expect(stableHex('x', 64)).not.toBe(stableHex('y', 64));
  });
});

describe('time formatting', () => {
  it('isoTime and sysmonTime agree with Date for many instants', async () => {
    const { isoTime, sysmonTime } = await import('../../datasets/core/events.js');
    const r = new Rng('times');
    for (let i = 0; i < 5000; i++) {
      const ms = 1_700_000_000_000 + Math.floor(r.next() * 400 * 86_400_000);
      const iso = new Date(ms).toISOString();
      expect(isoTime(ms)).toBe(iso);
      expect(sysmonTime(ms)).toBe(`${iso.slice(0, 10)} ${iso.slice(11, 23)}`);
    }
  });
});
