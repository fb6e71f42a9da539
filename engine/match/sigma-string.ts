// Sigma string values: literal text with `*` / `?` wildcards, `\` escapes and (under |expand)
// `%name%` placeholders, parsed into segments once at compile time.
//
// Escape rules (Sigma spec, "Escape Character"; same algorithm as pySigma's SigmaString):
//   `\*` -> literal `*`, `\?` -> literal `?`, `\\` -> literal `\`;
//   a backslash before any other character stays a literal backslash (`\p` -> `\p`);
//   a trailing lone backslash is a literal backslash.
// So `\\*` is a backslash followed by a wildcard, `\\\*` a backslash and a literal star, and three or
// four backslashes both give two literal backslashes.
// Under |expand, `%` is special too: `\%` is a literal `%` and `%name%` is a placeholder.

/** Matches any run of characters (possibly empty). */
export const ANY = Symbol('*');
/** Matches exactly one character (one UTF-16 code unit). */
export const ONE = Symbol('?');

export interface PlaceholderSeg {
  placeholder: string;
}

export type Segment = string | typeof ANY | typeof ONE | PlaceholderSeg;

export function isPlaceholder(s: Segment): s is PlaceholderSeg {
  return typeof s === 'object';
}

/** Parses a rule value into segments; adjacent literal characters are merged into one string. */
export function parseSigmaString(text: string, withPlaceholders = false): Segment[] {
  const out: Segment[] = [];
  let acc = '';
  const flush = (): void => {
    if (acc !== '') out.push(acc);
    acc = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      const next = text[i + 1];
      if (next === '*' || next === '?' || next === '\\' || (withPlaceholders && next === '%')) {
        acc += next;
        i++;
      } else {
        acc += '\\';
      }
    } else if (c === '*') {
      flush();
      out.push(ANY);
    } else if (c === '?') {
      flush();
      out.push(ONE);
    } else if (withPlaceholders && c === '%') {
      const m = /^%(\w+)%/.exec(text.slice(i));
      if (m) {
        flush();
        out.push({ placeholder: m[1] });
        i += m[0].length - 1;
      } else {
        acc += c;
      }
    } else {
      acc += c;
    }
  }
  flush();
  return normalise(out);
}

/** Merges adjacent literals and collapses runs of `*` (which never change what matches). */
export function normalise(segs: Segment[]): Segment[] {
  const out: Segment[] = [];
  for (const s of segs) {
    if (s === '') continue;
    const last = out[out.length - 1];
    if (typeof s === 'string' && typeof last === 'string') out[out.length - 1] = last + s;
    else if (s === ANY && last === ANY) continue;
    else out.push(s);
  }
  return out;
}

export function hasWildcards(segs: readonly Segment[]): boolean {
  return segs.some((s) => s === ANY || s === ONE);
}

export function hasPlaceholders(segs: readonly Segment[]): boolean {
  return segs.some(isPlaceholder);
}

/** The plain text of a segment list without wildcards or placeholders. */
export function plainText(segs: readonly Segment[]): string {
  return segs.filter((s): s is string => typeof s === 'string').join('');
}

/** Lower-cases the literal parts (wildcards and placeholders unchanged). */
export function lowerSegments(segs: readonly Segment[]): Segment[] {
  return segs.map((s) => (typeof s === 'string' ? s.toLowerCase() : s));
}

/** Maps each literal part through `fn` (used by the encoding modifiers). */
export function mapLiterals(segs: readonly Segment[], fn: (s: string) => string): Segment[] {
  return normalise(segs.map((s) => (typeof s === 'string' ? fn(s) : s)));
}
