// Input formats the readers understand, and auto-detection from the first bytes of a stream.

/** Container formats, defined once; `auto` is resolved by `detectFormat`. */
export const INPUT_FORMATS = ['jsonl', 'json', 'evtx-json'] as const;
export type InputFormat = (typeof INPUT_FORMATS)[number];
export type InputFormatOption = InputFormat | 'auto';

export function isInputFormatOption(value: string): value is InputFormatOption {
  return value === 'auto' || (INPUT_FORMATS as readonly string[]).includes(value);
}

/** How many characters of a stream `detectFormat` may need before it can decide. */
export const DETECT_WINDOW = 64 * 1024;

/**
 * Decides the container format from the start of a stream (BOM already removed), or returns
 * `undefined` when `prefix` is too short to tell and more text may follow (`final` false).
 *
 * - first non-blank character `[`: a JSON array (`json`);
 * - first non-blank line is `{` alone or ends with `{`, `[` or `,` (an object continuing on later
 *   lines), or is an evtx_dump `Record N` header: concatenated pretty-printed objects (`evtx-json`);
 * - other lines starting with `{` (a whole object, or a broken one): JSON lines (`jsonl`);
 * - anything else: `jsonl`, so that each bad line is reported with its number.
 */
export function detectFormat(prefix: string, final: boolean): InputFormat | undefined {
  let i = 0;
  while (i < prefix.length && isSpace(prefix.charCodeAt(i))) i++;
  // Only blank so far: wait, but not forever (a huge run of blank lines is JSON lines' blank lines).
  if (i === prefix.length) return final || prefix.length >= DETECT_WINDOW ? 'jsonl' : undefined;
  const first = prefix[i];
  if (first === '[') return 'json';
  let end = prefix.indexOf('\n', i);
  if (end < 0) {
    if (!final && prefix.length - i < DETECT_WINDOW) return undefined;
    end = prefix.length;
  }
  const line = prefix.slice(i, end).trim();
  if (first === '{') {
    // A pretty-printed object opens with `{` alone, or with a key whose value continues on the next
    // line; anything else (a whole object, or a broken first line) is JSON lines.
    return line === '{' || /[{[,]$/.test(line) ? 'evtx-json' : 'jsonl';
  }
  if (/^Record \d+$/.test(line)) return 'evtx-json';
  return 'jsonl';
}

export function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}
