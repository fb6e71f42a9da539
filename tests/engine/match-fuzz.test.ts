// Seeded random cross-checks of the optimised matchers against independent reference
// implementations written here: Sigma wildcards translated to a JS RegExp by the spec's escape
// rules, and |re patterns run by V8's RegExp (same semantics for the constructs generated).
import { describe, expect, test } from 'vitest';
import { compileItem } from '../../engine/match/index.js';
import { regexMinLength } from '../../engine/match/regex.js';

/** Small deterministic PRNG (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function pick<T>(r: () => number, xs: readonly T[]): T {
  return xs[Math.floor(r() * xs.length)];
}

function randomString(r: () => number, alphabet: readonly string[], maxLen: number): string {
  const n = Math.floor(r() * (maxLen + 1));
  let s = '';
  for (let i = 0; i < n; i++) s += pick(r, alphabet);
  return s;
}

/** The spec's escape rules, as a RegExp source (reference implementation). */
function sigmaToRegex(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i];
    if (c === '\\') {
      const next = value[i + 1];
      if (next === '*' || next === '?' || next === '\\') {
        out += '\\' + next;
        i++;
      } else out += '\\\\';
    } else if (c === '*') out += '[\\s\\S]*';
    else if (c === '?') out += '[\\s\\S]';
    else out += c.replace(/[.+^${}()|[\]\\/-]/g, '\\$&');
  }
  return out;
}

function matches(modifiers: string[], values: unknown[], value: string): boolean {
  const r = compileItem({ field: 'F', modifiers, values, path: 'p' }, { file: 'f' });
  if (!r.item) throw new Error(JSON.stringify(r.diagnostics));
  return r.item.test({ F: value }) !== null;
}

describe('wildcards agree with a RegExp reference', () => {
  const patternAlphabet = ['a', 'b', 'A', '*', '?', '\\', 'ab'];
  const valueAlphabet = ['a', 'b', 'B', '*', '?', '\\'];
  const cases: { mods: string[]; wrap: (re: string) => string }[] = [
    { mods: [], wrap: (re) => `^${re}$` },
    { mods: ['contains'], wrap: (re) => re },
    { mods: ['startswith'], wrap: (re) => `^${re}` },
    { mods: ['endswith'], wrap: (re) => `${re}$` },
  ];
  for (const { mods, wrap } of cases) {
    test(`modifiers ${JSON.stringify(mods)}: 3000 random pattern/value pairs`, () => {
      const r = rng(mods.length * 7919 + 17);
      let positives = 0;
      for (let k = 0; k < 3000; k++) {
        const pattern = randomString(r, patternAlphabet, 6);
        const value = randomString(r, valueAlphabet, 8);
        const expected = new RegExp(wrap(sigmaToRegex(pattern)), 'i').test(value);
        if (expected) positives++;
        expect(matches(mods, [pattern], value), `${JSON.stringify(pattern)} on ${JSON.stringify(value)}`).toBe(expected);
      }
      expect(positives).toBeGreaterThan(150); // the sample exercises both outcomes
    });
  }
  test('cased: 2000 random pairs', () => {
    const r = rng(99);
    for (let k = 0; k < 2000; k++) {
      const pattern = randomString(r, patternAlphabet, 5);
      const value = randomString(r, ['a', 'A', 'b', 'B'], 6);
      const expected = new RegExp(`^${sigmaToRegex(pattern)}$`).test(value);
      expect(matches(['cased'], [pattern], value), `${pattern} on ${value}`).toBe(expected);
    }
  });
});

describe('|re (with the literal shortcut) agrees with V8 RegExp on generated patterns', () => {
  const atoms = ['a', 'b', 'ab', 'ba', '[ab]', '.', '(a|b)', '(?:ab)', '\\.', 'c', '\\d', '\\w', '\\x61', '\\p{L}', '1'];
  const quantifiers = ['', '', '', '*', '+', '?', '{2}', '{0,2}', '{1,}', '*?'];
  test('3000 random patterns x values', () => {
    const r = rng(4242);
    let positives = 0;
    for (let k = 0; k < 3000; k++) {
      let pattern = r() < 0.2 ? '^' : '';
      const n = 1 + Math.floor(r() * 5);
      for (let i = 0; i < n; i++) pattern += pick(r, atoms) + pick(r, quantifiers);
      if (r() < 0.1) pattern += '|' + pick(r, atoms);
      if (r() < 0.2) pattern += '$';
      const flagI = r() < 0.3;
      const value = randomString(r, ['a', 'b', 'A', 'B', 'c', '.', '\n', '1'], 10);
      const found = new RegExp(pattern, flagI ? 'iu' : 'u').exec(value);
      const expected = found !== null;
      if (expected) positives++;
      if (found) expect(found[0].length, `min length of /${pattern}/`).toBeGreaterThanOrEqual(regexMinLength(pattern));
      const mods = flagI ? ['re', 'i'] : ['re'];
      expect(matches(mods, [pattern], value), `/${pattern}/${flagI ? 'i' : ''} on ${JSON.stringify(value)}`).toBe(expected);
    }
    expect(positives).toBeGreaterThan(300);
    expect(positives).toBeLessThan(2700);
  });
});
