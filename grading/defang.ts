// Refanging: analysts write indicators "defanged" so nobody clicks them. A fair grader reads
// hxxp://evil[.]com, 10[.]0[.]0[.]1, user[@]example(dot)com and evil[:]//... as the live values.
// One linear scan; the offset map lets extractors report spans in the text as written.

const TOKEN =
  /\bh(?:xx|XX|Xx|xX|\*\*)p(?=s?(?:\[?:|\[:\/\/\]))|\bfxp(?=\[?:)|\[:\/\/\]|\[:\]|\[\/\]|\s?[[({]\s?(?:\.|dot)\s?[\])}]\s?|\s?[[({]\s?(?:@|at)\s?[\])}]\s?|\\\.(?=[a-z0-9])/gi;

function replacement(token: string): string {
  const t = token.trim().toLowerCase();
  if (t.startsWith('h')) return 'http';
  if (t.startsWith('f')) return 'ftp';
  if (t === '[://]') return '://';
  if (t === '[:]') return ':';
  if (t === '[/]') return '/';
  if (t === '\\.') return '.';
  return /@|at/.test(t) ? '@' : '.';
}

export interface Refanged {
  text: string;
  /** map[i] = offset in the original text of refanged character i (length text.length + 1). */
  map: number[];
}

/** Refangs `text` and keeps, for each output character, where it came from. */
export function refangWithMap(text: string): Refanged {
  let out = '';
  const map: number[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    const at = m.index;
    for (let i = last; i < at; i++) map.push(i);
    out += text.slice(last, at);
    const rep = replacement(m[0]);
    for (let i = 0; i < rep.length; i++) map.push(at);
    out += rep;
    last = at + m[0].length;
  }
  for (let i = last; i < text.length; i++) map.push(i);
  out += text.slice(last);
  map.push(text.length);
  return { text: out, map };
}

/** Turns defanged notation back into the live value; other text is unchanged. */
export function refang(text: string): string {
  return text.replace(TOKEN, replacement);
}

/** True when `text` contains any defanging notation. */
export function isDefanged(text: string): boolean {
  TOKEN.lastIndex = 0;
  const r = TOKEN.test(text);
  TOKEN.lastIndex = 0;
  return r;
}
