// Value transformations of the encoding modifiers and |windash. Pure functions on text; no Buffer
// (the engine also runs in the browser).
//
// Byte strings: after |utf16le / |utf16be / |utf16 / |wide a value is a "byte string", one char per
// byte (0-255). That is what an event holding the raw decoded bytes contains (ASCII text then shows
// NUL-interleaved, as in pySigma), and what |base64 / |base64offset encode byte for byte.
// Ordinary text is encoded to UTF-8 before base64.

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function utf8Bytes(s: string): number[] {
  return Array.from(new TextEncoder().encode(s));
}

export function byteStringBytes(s: string): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) out.push(s.charCodeAt(i) & 0xff);
  return out;
}

export function base64(bytes: readonly number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i];
    const b = i + 1 < bytes.length ? bytes[i + 1] : 0;
    const c = i + 2 < bytes.length ? bytes[i + 2] : 0;
    const n = (a << 16) | (b << 8) | c;
    out += B64[(n >> 18) & 63] + B64[(n >> 12) & 63];
    out += i + 1 < bytes.length ? B64[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.length ? B64[n & 63] : '=';
  }
  return out;
}

/**
 * The three |base64offset forms of `bytes`: the stable middle part of its base64 encoding when it
 * starts 0, 1 or 2 bytes into a longer encoded text (pySigma's offsets: the first 0/2/3 characters
 * and, depending on the total length, the last 0/2/3 characters are cut because they depend on
 * the neighbouring bytes).
 */
export function base64Offsets(bytes: readonly number[]): string[] {
  const startCut = [0, 2, 3];
  const endCut = [0, 3, 2]; // indexed by (length + shift) % 3
  const out: string[] = [];
  for (let shift = 0; shift < 3; shift++) {
    const padded = [...Array(shift).fill(0x20), ...bytes];
    const enc = base64(padded);
    const cut = endCut[(bytes.length + shift) % 3];
    out.push(enc.slice(startCut[shift], enc.length - cut));
  }
  return out;
}

/** UTF-16 little-endian code units as a byte string ("cmd" -> "c\0m\0d\0"). */
export function utf16le(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const u = s.charCodeAt(i);
    out += String.fromCharCode(u & 0xff, u >> 8);
  }
  return out;
}

/** UTF-16 big-endian code units as a byte string ("cmd" -> "\0c\0m\0d"). */
export function utf16be(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const u = s.charCodeAt(i);
    out += String.fromCharCode(u >> 8, u & 0xff);
  }
  return out;
}

/** Byte order mark of |utf16 (little-endian, FF FE), as a byte string. */
export const UTF16_BOM = '\xff\xfe';

/** The characters |windash treats as interchangeable: -, /, en dash, em dash, horizontal bar. */
export const WINDASH_CHARS = ['-', '/', '\u2013', '\u2014', '\u2015'] as const;

const WORD = /[\p{L}\p{N}_]/u;

/**
 * Positions in `s` that |windash expands: a dash-like character that starts a word, i.e. is not
 * preceded by a word character and is followed by one (pySigma's `\B[-/]\b`, extended to the
 * spec's five characters). "-a -b" -> [0, 3]; "a-b" -> [].
 */
export function windashPositions(s: string, prevChar = ''): number[] {
  const out: number[] = [];
  for (let i = 0; i < s.length; i++) {
    if (!(WINDASH_CHARS as readonly string[]).includes(s[i])) continue;
    const before = i > 0 ? s[i - 1] : prevChar;
    const after = s[i + 1] ?? '';
    if (before !== '' && WORD.test(before)) continue;
    if (after === '' || !WORD.test(after)) continue;
    out.push(i);
  }
  return out;
}

/** All permutations of `s` with every windash position replaced by each of the five characters. */
export function windashVariants(s: string, positions: number[]): string[] {
  let variants = [s];
  for (const pos of positions) {
    const next: string[] = [];
    for (const v of variants) for (const ch of WINDASH_CHARS) next.push(v.slice(0, pos) + ch + v.slice(pos + 1));
    variants = next;
  }
  return variants;
}
