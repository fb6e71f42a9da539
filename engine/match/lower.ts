// Lower-casing of event text for case-insensitive matching. The same CommandLine is tested by many
// rules per event, so long strings are memoised in a small map keyed by the string itself (so it
// can never go stale). The map is cleared when it holds 256 strings or 1M characters, so memory
// stays bounded even with huge values (PowerShell script blocks).

const MEMO_MIN_LENGTH = 24;
const MEMO_MAX_ENTRIES = 256;
const MEMO_MAX_CHARS = 1_000_000;
const memo = new Map<string, string>();
let memoChars = 0;

export function lowerText(s: string): string {
  if (s.length < MEMO_MIN_LENGTH) return s.toLowerCase();
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
