// |re values run on re2js (a pure-JS port of RE2): linear time in the input, so a rule author's
// `(a+)+$` cannot stall the engine on an attacker's event. Inline flags such as `(?i)` are RE2
// syntax and work as written; the |i |m |s sub-modifiers become RE2JS flags.
// Constructs RE2 cannot run in linear time (backreferences, lookaround, atomic groups, possessive
// quantifiers) are reported as UNSAFE_REGEX; other syntax errors as INVALID_VALUE.
import { RE2JS } from 're2js';
import { lowerText } from './lower.js';

export interface RegexFlags {
  i: boolean;
  m: boolean;
  s: boolean;
}

export type RegexCompileResult =
  | { ok: true; test: (s: string) => boolean; requiredLiteral: string | null }
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
    const compiled = RE2JS.compile(source, f);
    // A value shorter than any match skips RE2 (`.{1000,}` is a length check, and RE2's cost grows
    // with the repeat count); a literal every match must contain skips it for most other values.
    const minLength = regexMinLength(pattern);
    const re = minLength > 0 ? { test: (s: string) => s.length >= minLength && compiled.test(s) } : compiled;
    const lit = regexLiteral(pattern, flags.i);
    if (lit === null) return { ok: true, test: (s) => re.test(s), requiredLiteral: null };
    if (!lit.caseInsensitive) {
      const needle = lit.text;
      return { ok: true, test: (s) => s.includes(needle) && re.test(s), requiredLiteral: needle.toLowerCase() };
    }
    // Case-insensitive: RE2 folds s/S/U+017F and k/K/U+212A together, which toLowerCase does not;
    // a value holding those two rare characters always goes to RE2.
    const needle = lit.text.toLowerCase();
    return {
      ok: true,
      test: (s) => (lowerText(s).includes(needle) || ODD_FOLDS.test(s)) && re.test(s),
      requiredLiteral: regexRequiredLiteral(pattern, flags.i),
    };
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    if (unsafe) return { ok: false, code: 'UNSAFE_REGEX', reason: `${unsafe} is not supported by the linear-time engine: ${reason}` };
    return { ok: false, code: 'INVALID_VALUE', reason };
  }
}

const ODD_FOLDS = /[\u017f\u212a]/;

/**
 * For the rule prefilter: a lower-cased string every match of the regex contains, or null. Under
 * case-insensitive matching the literal is cut at s/k (RE2 also folds U+017F and U+212A into them).
 */
export function regexRequiredLiteral(pattern: string, flagI: boolean): string | null {
  const lit = regexLiteral(pattern, flagI);
  if (lit === null) return null;
  const lower = lit.text.toLowerCase();
  if (!lit.caseInsensitive) return lower;
  const piece = longestRun(lower, /[sk]/);
  return piece.length >= 2 ? piece : null;
}

function longestRun(s: string, breaker: RegExp): string {
  let best = '';
  for (const piece of s.split(breaker)) if (piece.length > best.length) best = piece;
  return best;
}

/**
 * A literal that every match of `pattern` must contain, found conservatively: the longest run of
 * plain characters at the top level of the pattern (outside groups and classes, not made optional
 * by a quantifier), or null when the pattern has a top-level alternation or no run of 2+ chars.
 * Under case-insensitive matching (|i or any inline (?i)) only ASCII characters are kept.
 */
export function regexLiteral(pattern: string, flagI: boolean): { text: string; caseInsensitive: boolean } | null {
  const caseInsensitive = flagI || /\(\?[a-zA-Z]*i/.test(pattern);
  const runs: string[] = [];
  let run = '';
  let lastWasLiteral = false; // the previous atom was the last char of `run`
  const endRun = (): void => {
    if (run !== '') runs.push(run);
    run = '';
    lastWasLiteral = false;
  };
  const literal = (c: string): void => {
    if (caseInsensitive && c.charCodeAt(0) > 0x7e) return endRun();
    run += c;
    lastWasLiteral = true;
  };
  const n = pattern.length;
  let i = 0;
  while (i < n) {
    const c = pattern[i];
    if (c === '|') return null;
    let optional = c === '*' || c === '?';
    let atLeastOne = c === '+';
    if (c === '{') {
      const m = /^\{(\d*),?\d*\}/.exec(pattern.slice(i));
      if (!m) {
        endRun(); // not a repetition; treated as a break, conservatively
        i++;
        continue;
      }
      optional = m[1] === '' || Number(m[1]) === 0;
      atLeastOne = !optional;
    }
    if (optional) {
      // The previous atom may be absent: drop it from the run.
      if (lastWasLiteral) run = run.slice(0, /[\uDC00-\uDFFF]$/.test(run) ? -2 : -1);
      endRun();
      i = skipQuantifier(pattern, i);
      continue;
    }
    if (atLeastOne) {
      // The previous char stays, but what follows is not adjacent to it (it may repeat).
      endRun();
      i = skipQuantifier(pattern, i);
      continue;
    }
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      if (next !== '' && !/[0-9A-Za-z]/.test(next)) {
        literal(next); // an escaped punctuation character is itself
        i += 2;
        continue;
      }
      // Classes (\d \pL \p{Greek}), code points (\x41 \x{41} \012), \Q..\E quoting, anchors:
      // none is a plain character, so each ends the run and is skipped whole.
      endRun();
      i = skipEscape(pattern, i);
      continue;
    }
    if (c === '(') {
      endRun();
      const close = skipGroup(pattern, i);
      if (close < 0) return null;
      i = close + 1;
      continue;
    }
    if (c === '[') {
      endRun();
      const close = skipClass(pattern, i);
      if (close < 0) return null;
      i = close + 1;
      continue;
    }
    if (c === '.' || c === '^' || c === '$' || c === ')' || c === ']' || c === '}') {
      endRun();
      i++;
      continue;
    }
    literal(c);
    i++;
  }
  endRun();
  let best = '';
  for (const r of runs) if (r.length > best.length) best = r;
  return best.length >= 2 ? { text: best, caseInsensitive } : null;
}

/**
 * A lower bound on the length (in UTF-16 code units) of any match of `pattern`, 0 when unsure.
 * Each atom matches at least one character; `*` `?` `{0,n}` make it optional; `{n,..}` repeats it.
 */
export function regexMinLength(pattern: string): number {
  const r = minAlternation(pattern, 0);
  return r !== null && r.end === pattern.length ? r.min : 0;
}

/** Minimum over the alternatives from `i` up to an unmatched `)` or the end; null when unsure. */
function minAlternation(p: string, start: number): { min: number; end: number } | null {
  let best = Infinity;
  let cur = 0;
  let i = start;
  while (i < p.length && p[i] !== ')') {
    const c = p[i];
    if (c === '|') {
      best = Math.min(best, cur);
      cur = 0;
      i++;
      continue;
    }
    let atom: number;
    if (c === '(') {
      let j = i + 1;
      if (p[j] === '?') {
        const flags = /^\?[a-zA-Z-]*([):])/.exec(p.slice(j));
        const named = /^\?P?<[A-Za-z_][A-Za-z0-9_]*>/.exec(p.slice(j));
        if (flags && flags[1] === ')') {
          i = j + flags[0].length; // (?i): a flag setter, matches nothing
          continue;
        }
        if (flags) j += flags[0].length;
        else if (named) j += named[0].length;
        else return null;
      }
      const inner = minAlternation(p, j);
      if (inner === null || p[inner.end] !== ')') return null;
      atom = inner.min;
      i = inner.end + 1;
    } else if (c === '[') {
      const close = skipClass(p, i);
      if (close < 0) return null;
      atom = 1;
      i = close + 1;
    } else if (c === '\\') {
      const next = p[i + 1] ?? '';
      if (next === '') return null;
      if ('bBAzQ'.includes(next)) atom = 0; // zero-width, or \Q..\E (counted as 0, conservatively)
      else atom = 1;
      i = /[0-9A-Za-z]/.test(next) ? skipEscape(p, i) : i + 2;
    } else if (c === '^' || c === '$') {
      atom = 0;
      i++;
    } else if (c === '*' || c === '+' || c === '?' || c === '{') {
      return null; // a quantifier with nothing before it: leave it to RE2
    } else {
      atom = 1;
      i++;
    }
    const q = p[i];
    if (q === '*' || q === '?' || q === '+') {
      if (q !== '+') atom = 0;
      i++;
      if (p[i] === '?') i++;
    } else if (q === '{') {
      const m = /^\{(\d+)(?:,\d*)?\}/.exec(p.slice(i));
      if (!m) return null;
      atom *= Number(m[1]);
      i += m[0].length;
      if (p[i] === '?') i++;
    }
    cur += atom;
  }
  return { min: Math.min(best, cur), end: i };
}

/** Index after the escape sequence starting at `i` (a backslash followed by a letter or digit). */
function skipEscape(p: string, i: number): number {
  const next = p[i + 1] ?? '';
  if (next === 'p' || next === 'P' || next === 'x') {
    if (p[i + 2] === '{') {
      const close = p.indexOf('}', i + 3);
      return close < 0 ? p.length : close + 1;
    }
    return next === 'x' ? i + 4 : i + 3;
  }
  if (next >= '0' && next <= '7') {
    let j = i + 1;
    while (j < p.length && j < i + 4 && p[j] >= '0' && p[j] <= '7') j++;
    return j;
  }
  if (next === 'Q') {
    const close = p.indexOf('\\E', i + 2);
    return close < 0 ? p.length : close + 2;
  }
  return i + 2;
}

/** Index after a quantifier starting at `i` (`*`, `?`, `{n,m}`), including a lazy `?` / possessive `+`. */
function skipQuantifier(p: string, i: number): number {
  let j = i;
  if (p[j] === '{') {
    const close = p.indexOf('}', j);
    j = close < 0 ? j + 1 : close + 1;
  } else j++;
  if (p[j] === '?' || p[j] === '+') j++;
  return j;
}

/** Index of the `)` closing the group opened at `i`, or -1. */
function skipGroup(p: string, i: number): number {
  let depth = 0;
  for (let j = i; j < p.length; j++) {
    const c = p[j];
    if (c === '\\') {
      j++;
      continue;
    }
    if (c === '[') {
      const close = skipClass(p, j);
      if (close < 0) return -1;
      j = close;
      continue;
    }
    if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return j;
  }
  return -1;
}

/** Index of the `]` closing the class opened at `i`, or -1 (`[]a]` and `[^]a]` hold a literal ]). */
function skipClass(p: string, i: number): number {
  let j = i + 1;
  if (p[j] === '^') j++;
  if (p[j] === ']') j++;
  for (; j < p.length; j++) {
    const c = p[j];
    if (c === '\\') {
      j++;
      continue;
    }
    if (c === '[' && p[j + 1] === ':') {
      const close = p.indexOf(':]', j + 2);
      if (close >= 0) {
        j = close + 1;
        continue;
      }
    }
    if (c === ']') return j;
  }
  return -1;
}
