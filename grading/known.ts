// "Known data values": the canonical forms of every value in a scenario's events, so the grader can
// tell an indicator copied from the data from one the trainee made up. Strings inside values
// (a URL inside a command line) count too.
import { extractIndicators } from './extract.js';
import { canonicalForms } from './normalise/index.js';
import type { KnownValues } from './types.js';

/** Builds the set from raw strings (e.g. every string field of every event). */
export function buildKnownValues(values: Iterable<string>): KnownValues {
  const unique = new Set<string>();
  for (const v of values) if (typeof v === 'string' && v) unique.add(v.length > 10_000 ? v.slice(0, 10_000) : v);
  const set = new Set<string>();
  for (const s of unique) {
    for (const f of canonicalForms(s)) set.add(f);
    // values made of several tokens (command lines, messages) carry indicators inside them
    if (/[\s=,;"'|]/.test(s)) for (const x of extractIndicators(s)) for (const f of canonicalForms(x.value)) set.add(f);
  }
  return { has: (value: string) => canonicalForms(value).some((f) => set.has(f)) };
}

/** Every string leaf of a parsed JSON value (an event), for `buildKnownValues`. */
export function* stringLeaves(value: unknown, depth = 0): Generator<string> {
  if (depth > 32) return;
  if (typeof value === 'string') yield value;
  else if (typeof value === 'number') yield String(value);
  else if (Array.isArray(value)) for (const v of value) yield* stringLeaves(v, depth + 1);
  else if (value && typeof value === 'object') for (const v of Object.values(value)) yield* stringLeaves(v, depth + 1);
}
