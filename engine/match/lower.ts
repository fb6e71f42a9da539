// Lower-casing of event text for case-insensitive matching. The same CommandLine is tested by many
// rules per event (and by the literal prefilter first), so strings are memoised in a small map keyed
// by the string itself (so it can never go stale). The map is cleared when it holds 256 strings or
// 1M characters, so memory stays bounded even with huge values (PowerShell script blocks).
// Measured on `soclab scan` (SigmaHQ Windows rules, 20k events): memoising every string costs less
// CPU than memoising only strings of 24+ characters (fewer short-lived strings for the GC).
const MEMO_MAX_ENTRIES = 256;
const MEMO_MAX_CHARS = 1_000_000;
const memo = new Map<string, string>();
let memoChars = 0;

export function lowerText(s: string): string {
  let r = memo.get(s);
  if (r === undefined) {
    r = s.toLowerCase();
    if (s.length > MEMO_MAX_CHARS) return r;
    if (memo.size >= MEMO_MAX_ENTRIES || memoChars + s.length > MEMO_MAX_CHARS) {
      memo.clear();
      memoChars = 0;
    }
    memo.set(s, r);
    memoChars += s.length;
  }
  return r;
}
