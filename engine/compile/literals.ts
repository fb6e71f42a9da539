// Literal sets for a prefilter: "at least one of these lower-cased strings occurs in the event whenever
// this matches", or null when nothing is known. AND keeps the most selective operand's set, OR needs
// every operand's set (their union), NOT knows nothing.

export type LiteralSet = string[] | null;

export function andLiterals(sets: LiteralSet[]): LiteralSet {
  let best: LiteralSet = null;
  for (const set of sets) {
    if (!usable(set)) continue;
    if (best === null || selectivity(set) > selectivity(best)) best = set;
  }
  return best === null ? null : [...new Set(best)].sort();
}

export function orLiterals(sets: LiteralSet[]): LiteralSet {
  const union = new Set<string>();
  for (const set of sets) {
    if (!usable(set)) return null;
    set.forEach((s) => union.add(s));
  }
  return union.size > 0 ? [...union].sort() : null;
}

function usable(set: LiteralSet): set is string[] {
  return set !== null && set.length > 0 && set.every((s) => s.length > 0);
}

/** Longer shortest literal first, then fewer literals. */
function selectivity(set: string[]): number {
  const shortest = Math.min(...set.map((s) => s.length));
  return shortest * 1000 - set.length;
}
