// Lower-casing of event text for case-insensitive matching. The same CommandLine is tested by many
// rules per event, so long strings are memoised in a small map (keyed by the string itself, so it
// can never go stale; cleared when full so memory stays bounded).

const MEMO_MIN_LENGTH = 24;
const MEMO_MAX_ENTRIES = 256;
const memo = new Map<string, string>();

export function lowerText(s: string): string {
  if (s.length < MEMO_MIN_LENGTH) return s.toLowerCase();
  let r = memo.get(s);
  if (r === undefined) {
    if (memo.size >= MEMO_MAX_ENTRIES) memo.clear();
    r = s.toLowerCase();
    memo.set(s, r);
  }
  return r;
}
