// Timestamps as analysts write them: ISO-8601 ("2024-03-05T14:02:11Z", "2024-03-05 14:02 UTC"),
// day/month/year and month/day/year with slashes (resolved by the reference time when ambiguous),
// month names ("5 Mar 2024 2:02 PM", "March 5, 2024 14:02"), and a bare time of day ("14:02",
// "2:02 pm EST") placed on the reference date. Zones: Z, UTC/GMT(+h), numeric offsets and common
// abbreviations; with no zone, `assumeOffsetMinutes` (default 0 = UTC) applies.

export interface TimeContext {
  /** Reference instant (ms since epoch): fills a missing date and settles day/month ambiguity. */
  referenceMs?: number;
  /** Offset from UTC, in minutes, assumed when the text gives no zone. */
  assumeOffsetMinutes?: number;
}

export interface ParsedTime {
  ms: number;
  /** Whether the text carried a zone (else one was assumed). */
  hadZone: boolean;
  hadDate: boolean;
  /** Where the time expression was found in the text. */
  start: number;
  end: number;
}

const ZONES: Record<string, number> = {
  Z: 0, UTC: 0, GMT: 0, UT: 0, WET: 0,
  EST: -300, EDT: -240, CST: -360, CDT: -300, MST: -420, MDT: -360, PST: -480, PDT: -420,
  CET: 60, CEST: 120, BST: 60, WEST: 60, EET: 120, EEST: 180, MSK: 180, JST: 540, AEST: 600, AEDT: 660,
};
const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

const TIME = String.raw`(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?(?:\s?([AaPp])\.?[Mm]\.?)?`;
const ZONE = String.raw`(?:\s?(Z|UTC|GMT|UT|[A-Z]{3,4})(?![A-Za-z]))?(?:\s?([+-])(\d{1,2})(?::?(\d{2}))?(?!\d))?`;
const MON = String.raw`(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?`;

const PATTERNS: { re: RegExp; kind: 'iso' | 'slash' | 'dmy-name' | 'mdy-name' | 'time' }[] = [
  { kind: 'iso', re: new RegExp(String.raw`(\d{4})-(\d{2})-(\d{2})(?:T|[ \t]{1,3}|[ \t]{0,3},[ \t]{0,3})` + TIME + ZONE, 'g') },
  { kind: 'slash', re: new RegExp(String.raw`(\d{1,2})[/.](\d{1,2})[/.](\d{4}),?[ \t]{1,3}` + TIME + ZONE, 'g') },
  { kind: 'dmy-name', re: new RegExp(String.raw`(\d{1,2})[ \t]{1,3}` + MON + String.raw`[ \t]{1,3}(\d{4}),?[ \t]{1,3}` + TIME + ZONE, 'gi') },
  { kind: 'mdy-name', re: new RegExp(MON + String.raw`[ \t]{1,3}(\d{1,2}),?[ \t]{1,3}(\d{4}),?[ \t]{1,3}` + TIME + ZONE, 'gi') },
  { kind: 'time', re: new RegExp(String.raw`(?<![\d:.])` + TIME + ZONE, 'g') },
];

interface Fields {
  y?: number; mo?: number; d?: number; alt?: { mo: number; d: number };
  h: number; mi: number; s: number; frac: number;
}

function zoneOffset(abbr: string | undefined, sign: string | undefined, hh: string | undefined, mm: string | undefined): number | null | undefined {
  // undefined = no zone written; null = something zone-like but unknown (not a zone)
  let off: number | undefined;
  if (abbr) {
    const z = ZONES[abbr.toUpperCase() === abbr ? abbr : abbr.toUpperCase()];
    if (z === undefined || (abbr !== abbr.toUpperCase() && !['utc', 'gmt', 'z'].includes(abbr.toLowerCase()))) return null;
    off = z;
  }
  if (sign && hh) {
    const o = (Number(hh) * 60 + Number(mm ?? 0)) * (sign === '-' ? -1 : 1);
    if (Math.abs(o) > 14 * 60) return null;
    off = (off ?? 0) + o;
  }
  return off;
}

function toMs(y: number, mo: number, d: number, f: Fields, offset: number): number {
  return Date.UTC(y, mo - 1, d, f.h, f.mi, f.s, Math.round(f.frac)) - offset * 60_000;
}

function validDate(y: number, mo: number, d: number): boolean {
  if (mo < 1 || mo > 12 || d < 1 || d > 31) return false;
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}

/** Every time expression in `text`, in order, without overlaps (a dated form wins over a bare time inside it). */
export function findTimes(text: string, ctx: TimeContext = {}): ParsedTime[] {
  const found: ParsedTime[] = [];
  for (const { re, kind } of PATTERNS) {
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) {
      const parsed = interpret(kind, m, ctx);
      if (!parsed) continue;
      if (found.some((f) => parsed.start < f.end && parsed.end > f.start)) continue;
      found.push(parsed);
    }
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Finds and parses the first time expression in `text`. */
export function findTime(text: string, ctx: TimeContext = {}): ParsedTime | null {
  return findTimes(text, ctx)[0] ?? null;
}

/** Parses a whole string as a time (e.g. a timeline entry's time field). */
export function parseTime(text: string, ctx: TimeContext = {}): ParsedTime | null {
  return findTime(text.trim(), ctx);
}

function interpret(kind: string, m: RegExpMatchArray, ctx: TimeContext): ParsedTime | null {
  const g = m.slice(1);
  let f: Fields;
  let timeAt: number;
  const mon = (s: string) => MONTHS.indexOf(s.toLowerCase().slice(0, 3)) + 1;
  switch (kind) {
    case 'iso':
      f = { y: +g[0], mo: +g[1], d: +g[2], h: 0, mi: 0, s: 0, frac: 0 };
      timeAt = 3;
      break;
    case 'slash': {
      const a = +g[0];
      const b = +g[1];
      f = { y: +g[2], mo: b, d: a, h: 0, mi: 0, s: 0, frac: 0 };
      if (a > 12) f = { ...f, mo: b, d: a };
      else if (b > 12) f = { ...f, mo: a, d: b };
      else if (a !== b) f.alt = { mo: a, d: b };
      timeAt = 3;
      break;
    }
    case 'dmy-name':
      f = { y: +g[2], mo: mon(g[1]), d: +g[0], h: 0, mi: 0, s: 0, frac: 0 };
      timeAt = 3;
      break;
    case 'mdy-name':
      f = { y: +g[2], mo: mon(g[0]), d: +g[1], h: 0, mi: 0, s: 0, frac: 0 };
      timeAt = 3;
      break;
    default:
      f = { h: 0, mi: 0, s: 0, frac: 0 };
      timeAt = 0;
  }
  const [hh, mi, ss, frac, ampm, abbr, sign, oh, om] = g.slice(timeAt, timeAt + 9);
  f.h = +hh;
  f.mi = +mi;
  f.s = ss ? +ss : 0;
  f.frac = frac ? Number(`0.${frac}`) * 1000 : 0;
  if (ampm) {
    if (f.h < 1 || f.h > 12) return null;
    const pm = ampm.toLowerCase() === 'p';
    f.h = (f.h % 12) + (pm ? 12 : 0);
  }
  if (f.h > 23 || f.mi > 59 || f.s > 60) return null;
  let zone = zoneOffset(abbr, sign, oh, om);
  let end = (m.index ?? 0) + m[0].length;
  if (zone === null) {
    // a capitalised word after the time that is not a zone ("14:02 DNS query"): not part of the time
    zone = undefined;
    end = (m.index ?? 0) + m[0].slice(0, m[0].lastIndexOf(abbr)).trimEnd().length;
  }
  const hadZone = zone !== undefined;
  const offset = zone ?? ctx.assumeOffsetMinutes ?? 0;
  const start = m.index ?? 0;
  if (f.y !== undefined && f.mo !== undefined && f.d !== undefined) {
    const options = [{ mo: f.mo, d: f.d }, ...(f.alt ? [f.alt] : [])].filter((o) => validDate(f.y!, o.mo, o.d));
    if (!options.length) return null;
    const times = options.map((o) => toMs(f.y!, o.mo, o.d, f, offset));
    const ms = ctx.referenceMs === undefined ? times[0] : nearest(times, ctx.referenceMs);
    return { ms, hadZone, hadDate: true, start, end };
  }
  if (ctx.referenceMs === undefined) return null;
  // bare time: the reference's calendar day in the written/assumed zone, or the day before/after
  const local = new Date(ctx.referenceMs + offset * 60_000);
  const base = toMs(local.getUTCFullYear(), local.getUTCMonth() + 1, local.getUTCDate(), f, offset);
  const ms = nearest([base - 86_400_000, base, base + 86_400_000], ctx.referenceMs);
  return { ms, hadZone, hadDate: false, start, end };
}

function nearest(candidates: number[], ref: number): number {
  return candidates.reduce((a, b) => (Math.abs(b - ref) < Math.abs(a - ref) ? b : a));
}
