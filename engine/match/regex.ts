// |re values run on re2js (a pure-JS port of RE2): linear time in the input, so a rule author's
// `(a+)+$` cannot stall the engine on an attacker's event. Inline flags such as `(?i)` are RE2
// syntax and work as written; the |i |m |s sub-modifiers become RE2JS flags.
// Constructs RE2 cannot run in linear time (backreferences, lookaround, atomic groups, possessive
// quantifiers) are reported as UNSAFE_REGEX; other syntax errors as INVALID_VALUE.
import { RE2JS } from 're2js';

export interface RegexFlags {
  i: boolean;
  m: boolean;
  s: boolean;
}

export type RegexCompileResult =
  | { ok: true; test: (s: string) => boolean }
  | { ok: false; code: 'UNSAFE_REGEX' | 'INVALID_VALUE'; reason: string };

/** Names the first construct of `pattern` that needs backtracking, or null. */
export function unsafeConstruct(pattern: string): string | null {
  if (/\\[1-9]/.test(pattern.replace(/\\\\/g, ''))) return 'backreference (\\1..\\9)';
  if (/\\k[<{']/.test(pattern)) return 'named backreference (\\k<name>)';
  if (/\(\?<?[=!]/.test(pattern)) return 'lookaround ((?=, (?!, (?<=, (?<!)';
  if (/\(\?>/.test(pattern)) return 'atomic group ((?>...))';
  if (/[*+?}]\+/.test(pattern.replace(/\\./g, ''))) return 'possessive quantifier (*+, ++, ?+)';
  return null;
}

/**
 * Compiles `pattern` for unanchored search ("matches anywhere", like Python's re.search used by
 * pySigma-based tools). `anchorStart` / `anchorEnd` (from |startswith / |endswith after |re) pin the
 * match to the start / end of the whole value.
 */
export function compileRegex(
  pattern: string,
  flags: RegexFlags,
  anchorStart = false,
  anchorEnd = false,
): RegexCompileResult {
  const unsafe = unsafeConstruct(pattern);
  let source = pattern;
  if (anchorStart || anchorEnd) source = `${anchorStart ? '\\A' : ''}(?:${pattern})${anchorEnd ? '\\z' : ''}`;
  let f = 0;
  if (flags.i) f |= RE2JS.CASE_INSENSITIVE;
  if (flags.m) f |= RE2JS.MULTILINE;
  if (flags.s) f |= RE2JS.DOTALL;
  try {
    const re = RE2JS.compile(source, f);
    return { ok: true, test: (s) => re.test(s) };
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    if (unsafe) return { ok: false, code: 'UNSAFE_REGEX', reason: `${unsafe} is not supported by the linear-time engine: ${reason}` };
    return { ok: false, code: 'INVALID_VALUE', reason };
  }
}
