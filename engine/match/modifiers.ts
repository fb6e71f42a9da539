// The modifier vocabulary, defined once (Sigma spec v2.1 appendix "Modifiers", plus pySigma's long
// aliases of the regex flags).

export const MODIFIERS = [
  // generic
  'all', 'startswith', 'endswith', 'contains', 'exists', 'cased', 'neq',
  // strings
  'windash', 're', 'i', 'm', 's', 'ignorecase', 'multiline', 'dotall',
  'base64', 'base64offset', 'utf16le', 'utf16be', 'utf16', 'wide',
  // numbers
  'lt', 'lte', 'gt', 'gte',
  // time parts
  'minute', 'hour', 'day', 'week', 'month', 'year',
  // ip
  'cidr',
  // specific
  'expand', 'fieldref',
] as const;

export type Modifier = (typeof MODIFIERS)[number];

const KNOWN = new Set<string>(MODIFIERS);

export function isModifier(name: string): name is Modifier {
  return KNOWN.has(name);
}

export const TIME_PARTS = ['minute', 'hour', 'day', 'week', 'month', 'year'] as const;
export type TimePart = (typeof TIME_PARTS)[number];

export const COMPARISONS = ['lt', 'lte', 'gt', 'gte'] as const;
export type Comparison = (typeof COMPARISONS)[number];

function editDistance(a: string, b: string): number {
  const prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diag = prev[0];
    prev[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = prev[j];
      prev[j] = Math.min(prev[j] + 1, prev[j - 1] + 1, diag + (a[i - 1] === b[j - 1] ? 0 : 1));
      diag = tmp;
    }
  }
  return prev[b.length];
}

/** The known modifier closest to a misspelt one ("endswth" -> "endswith"), or null if none is near. */
export function closestModifier(name: string): Modifier | null {
  const lower = name.toLowerCase();
  if (isModifier(lower)) return lower;
  let best: Modifier | null = null;
  let bestDist = Infinity;
  for (const m of MODIFIERS) {
    if (m.length < 2) continue; // one-letter regex flags would "match" any short typo
    const d = editDistance(lower, m);
    if (d < bestDist) {
      best = m;
      bestDist = d;
    }
  }
  return best !== null && bestDist <= Math.max(1, Math.floor(best.length / 3)) ? best : null;
}
