// Text helpers shared by the matchers: folding for comparison and phrase search that reports the
// span it found, so every rubric line can show its evidence.

/** Lower-case, collapse whitespace, trim. */
export function fold(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

export interface Span {
  start: number;
  end: number;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const WORD = /[\p{L}\p{N}_]/u;

/**
 * Finds `phrase` in `text` case-insensitively, whitespace-insensitively, on word boundaries (a
 * boundary is only required where the phrase itself starts/ends with a word character, so
 * "ws-042" matches inside "ws-042.corp.local" but "dc" does not match inside "dcom").
 */
export function findPhrase(text: string, phrase: string): Span | null {
  const re = phraseRegExp(phrase);
  if (!re) return null;
  const m = re.exec(text);
  return m ? { start: m.index, end: m.index + m[0].length } : null;
}

const PHRASE_CACHE = new Map<string, RegExp | null>();
const PHRASE_CACHE_MAX = 5_000;

/** Compiled once per phrase: the same key phrases are looked for in every sentence. */
function phraseRegExp(phrase: string): RegExp | null {
  let re = PHRASE_CACHE.get(phrase);
  if (re !== undefined) return re;
  const p = phrase.trim();
  if (!p) re = null;
  else {
    const body = p.split(/\s+/).map(escapeRe).join('\\s+');
    const pre = WORD.test(p[0]) ? '(?<![\\p{L}\\p{N}_])' : '';
    const post = WORD.test(p[p.length - 1]) ? '(?![\\p{L}\\p{N}_])' : '';
    re = new RegExp(pre + body + post, 'iu');
  }
  if (PHRASE_CACHE.size >= PHRASE_CACHE_MAX) PHRASE_CACHE.clear();
  PHRASE_CACHE.set(phrase, re);
  return re;
}

/** A piece of report text with where it came from. */
export interface TextUnit {
  /** Report field, e.g. "summary", "recommendedActions[1]", "timeline[0].description", "text". */
  field: string;
  text: string;
  /** Offset of `text` within the field's full text. */
  offset: number;
  /** 1-based line within the field (text reports). */
  line?: number;
}

/** Splits text into sentences/lines (units small enough for "this sentence says X about Y"). */
export function sentences(field: string, text: string, firstLine = 1): TextUnit[] {
  const out: TextUnit[] = [];
  let lineStart = 0;
  const lines = text.split('\n');
  lines.forEach((lineText, li) => {
    // split on sentence punctuation followed by whitespace, keeping dotted tokens (IPs, FQDNs) whole
    let start = 0;
    for (let i = 0; i <= lineText.length; i++) {
      const atEnd = i === lineText.length;
      const ch = lineText[i];
      const boundary = (ch === '.' || ch === '!' || ch === '?' || ch === ';') && /\s/.test(lineText[i + 1] ?? ' ');
      if (atEnd || boundary) {
        const piece = lineText.slice(start, atEnd ? i : i + 1);
        if (piece.trim()) out.push({ field, text: piece, offset: lineStart + start, line: firstLine + li });
        start = i + 1;
      }
    }
    lineStart += lineText.length + 1;
  });
  return out;
}

/** Words that, in the same sentence, turn a mention into "this one is fine". */
const EXCULPATORY =
  /\b(?:not|no|never|none|benign|legitimate|legit|authori[sz]ed|approved|expected|clean|unaffected|false[\s-]positive|ruled\s+out|excluded|whitelisted|allow-?listed|known[\s-]good|harmless|sanctioned|change\s+(?:ticket|request)|CHG-?\d+)\b/i;

/** True when the sentence clears rather than accuses what it mentions. */
export function isExculpatory(sentence: string): boolean {
  return EXCULPATORY.test(sentence);
}
