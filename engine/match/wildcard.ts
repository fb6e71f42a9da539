// Compiles a wildcard pattern (segments of literals, `*` and `?`) into the cheapest matcher:
// equality, startsWith, endsWith, includes, or a bounded left-to-right scan of `*`-separated parts.
// No backtracking regex is ever built, so attacker-written event values cannot stall matching:
// the general case costs at most O(value length x pattern length).
import { ANY, ONE, type Segment } from './sigma-string.js';

export type StringTest = (s: string) => boolean;

/** One `*`-free piece of a pattern: literal characters and `?` (stored as null). */
type Part = (string | null)[];

function splitOnAny(segs: readonly Segment[]): Part[] {
  const parts: Part[] = [[]];
  for (const s of segs) {
    if (s === ANY) parts.push([]);
    else if (s === ONE) parts[parts.length - 1].push(null);
    else if (typeof s === 'string') for (const ch of splitChars(s)) parts[parts.length - 1].push(ch);
    else throw new Error('placeholder left in a pattern');
  }
  return parts;
}

function splitChars(s: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) out.push(s[i]);
  return out;
}

function partIsLiteral(p: Part): p is string[] {
  return p.every((c) => c !== null);
}

/** A part compiled for scanning: its literal text when it has no `?`. */
interface ScanPart {
  length: number;
  literal: string | null;
  chars: Part;
}

function scanPart(p: Part): ScanPart {
  return { length: p.length, literal: partIsLiteral(p) ? p.join('') : null, chars: p };
}

/** Does `part` match `s` at position `at`? */
function partAt(part: ScanPart, s: string, at: number): boolean {
  if (at + part.length > s.length) return false;
  if (part.literal !== null) return s.startsWith(part.literal, at);
  const chars = part.chars;
  for (let k = 0; k < chars.length; k++) {
    const c = chars[k];
    if (c !== null && s[at + k] !== c) return false;
  }
  return true;
}

/** Leftmost position >= from where `part` matches, or -1. */
function findPart(part: ScanPart, s: string, from: number): number {
  if (part.literal !== null) return s.indexOf(part.literal, from);
  for (let at = from; at + part.length <= s.length; at++) if (partAt(part, s, at)) return at;
  return -1;
}

/**
 * The cheapest form of a pattern: whole-value equality, prefix, suffix, substring, "anything", or a
 * general test. Values must be normalised the same way as the pattern (both lower-cased for
 * case-insensitive matching).
 */
export type TextShape =
  | { kind: 'eq' | 'prefix' | 'suffix' | 'infix'; needle: string }
  | { kind: 'any' }
  | { kind: 'fn'; test: StringTest };

export function wildcardShape(segs: readonly Segment[]): TextShape {
  const quick = simpleShape(segs);
  if (quick !== null) return quick;
  const parts = splitOnAny(segs);
  if (parts.length === 1) {
    const only = parts[0];
    if (partIsLiteral(only)) return { kind: 'eq', needle: only.join('') };
    const whole = scanPart(only);
    return { kind: 'fn', test: (s) => s.length === whole.length && partAt(whole, s, 0) };
  }
  const first = parts[0];
  const last = parts[parts.length - 1];
  const middle = parts.slice(1, -1).filter((p) => p.length > 0);
  const allLiteral = partIsLiteral(first) && partIsLiteral(last) && middle.every(partIsLiteral);
  if (allLiteral && middle.length <= 1) {
    const head = first.join('');
    const tail = last.join('');
    const mid = middle.length === 1 ? (middle[0] as string[]).join('') : '';
    if (mid === '') {
      if (head === '' && tail === '') return { kind: 'any' };
      if (tail === '') return { kind: 'prefix', needle: head };
      if (head === '') return { kind: 'suffix', needle: tail };
      return { kind: 'fn', test: (s) => s.length >= head.length + tail.length && s.startsWith(head) && s.endsWith(tail) };
    }
    if (head === '' && tail === '') return { kind: 'infix', needle: mid };
  }
  // General case: the first part anchors at the start, the last at the end, and the middle parts
  // are found leftmost-first in order (greedy leftmost is exact for `*`-separated parts).
  const head = scanPart(first);
  const tail = scanPart(last);
  const mids = middle.map(scanPart);
  return {
    kind: 'fn',
    test: (s) => {
      if (s.length < head.length + tail.length) return false;
      if (!partAt(head, s, 0)) return false;
      const end = s.length - tail.length;
      if (!partAt(tail, s, end)) return false;
      let pos = head.length;
      for (const p of mids) {
        const at = findPart(p, s, pos);
        if (at < 0 || at + p.length > end) return false;
        pos = at + p.length;
      }
      return true;
    },
  };
}

/** The common shapes (`lit`, `lit*`, `*lit`, `*lit*`, `*`) without splitting into characters. */
function simpleShape(segs: readonly Segment[]): TextShape | null {
  const n = segs.length;
  const lead = n > 0 && segs[0] === ANY;
  const trail = n > 1 && segs[n - 1] === ANY;
  const inner = segs.slice(lead ? 1 : 0, trail ? n - 1 : n);
  if (inner.length === 0) return lead ? { kind: 'any' } : { kind: 'eq', needle: '' };
  if (inner.length !== 1 || typeof inner[0] !== 'string') return null;
  const needle = inner[0];
  if (lead && trail) return { kind: 'infix', needle };
  if (lead) return { kind: 'suffix', needle };
  if (trail) return { kind: 'prefix', needle };
  return { kind: 'eq', needle };
}

/** The pattern as a plain test function. */
export function compileWildcard(segs: readonly Segment[]): StringTest {
  const shape = wildcardShape(segs);
  switch (shape.kind) {
    case 'eq': { const n = shape.needle; return (s) => s === n; }
    case 'prefix': { const n = shape.needle; return (s) => s.startsWith(n); }
    case 'suffix': { const n = shape.needle; return (s) => s.endsWith(n); }
    case 'infix': { const n = shape.needle; return (s) => s.includes(n); }
    case 'any': return () => true;
    case 'fn': return shape.test;
  }
}

/**
 * The longest literal run of the pattern (what must occur in any value it matches), or null when
 * the pattern has no literal character (e.g. `*`, `?`, or the empty string).
 */
export function longestLiteral(segs: readonly Segment[]): string | null {
  let best = '';
  for (const s of segs) if (typeof s === 'string' && s.length > best.length) best = s;
  return best === '' ? null : best;
}
