// Matchers for the non-string value types: numbers, booleans, numeric comparisons (|lt ...),
// CIDR ranges (|cidr) and time parts (|minute ... |year). Each tests one event scalar.
import ipaddr from 'ipaddr.js';
import type { Comparison, TimePart } from './modifiers.js';

export type ScalarTest = (v: unknown) => boolean;

const DECIMAL = /^\s*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?\s*$/;

/** An event scalar as a number: numbers as they are, decimal strings parsed; else null. */
export function eventNumber(v: unknown): number | null {
  if (typeof v === 'number') return Number.isFinite(v) ? v : null;
  if (typeof v !== 'string' || v.length === 0) return null;
  // Number() first: cheap, and rejects most text before the regex runs (it also accepts hex,
  // binary and blank strings, which the regex then refuses).
  const x = Number(v);
  if (!Number.isFinite(x)) return null;
  return DECIMAL.test(v) ? x : null;
}

/** A rule boolean: matches an event boolean or the strings 'true' / 'false' (any case). */
export function booleanEquals(b: boolean): ScalarTest {
  const text = b ? 'true' : 'false';
  return (v) => v === b || (typeof v === 'string' && v.toLowerCase() === text);
}

export function compare(op: Comparison, n: number): ScalarTest {
  switch (op) {
    case 'lt':
      return (v) => { const x = eventNumber(v); return x !== null && x < n; };
    case 'lte':
      return (v) => { const x = eventNumber(v); return x !== null && x <= n; };
    case 'gt':
      return (v) => { const x = eventNumber(v); return x !== null && x > n; };
    case 'gte':
      return (v) => { const x = eventNumber(v); return x !== null && x >= n; };
  }
}

type Address = ipaddr.IPv4 | ipaddr.IPv6;

/** Parses a |cidr rule value ("10.0.0.0/8", "fe80::/10"; a bare address is a single-host range). */
export function parseCidr(text: string): [Address, number] | string {
  const t = text.trim();
  try {
    if (t.includes('/')) return ipaddr.parseCIDR(t);
    const a = ipaddr.parse(t);
    if (a.kind() === 'ipv4' && !ipaddr.IPv4.isValidFourPartDecimal(t)) return `'${text}' is not a dotted IPv4 address`;
    return [a, a.kind() === 'ipv4' ? 32 : 128];
  } catch (e) {
    return e instanceof Error ? e.message : String(e);
  }
}

let lastText = '';
let lastAddr: Address | null = null;

/**
 * An event value as an IP address: dotted-quad IPv4 or IPv6 (IPv4-mapped IPv6 such as
 * ::ffff:10.1.2.3 is read as the IPv4 address); null when it is not one. The last result is
 * memoised, since an item usually tests one event value against several ranges.
 */
export function eventAddress(v: unknown): Address | null {
  if (typeof v !== 'string') return null;
  if (v === lastText) return lastAddr;
  let addr: Address | null = null;
  const t = v.trim();
  if (ipaddr.IPv4.isValidFourPartDecimal(t)) addr = ipaddr.IPv4.parse(t);
  else if (t.includes(':') && ipaddr.IPv6.isValid(t)) addr = ipaddr.process(t);
  lastText = v;
  lastAddr = addr;
  return addr;
}

export function cidrContains(range: [Address, number]): ScalarTest {
  const kind = range[0].kind();
  return (v) => {
    const a = eventAddress(v);
    return a !== null && a.kind() === kind && a.match(range as never);
  };
}

/**
 * Date and time fields as written in the event, without time-zone conversion (the spec: time
 * modifiers are "not designed to handle timezone or format conversions"): ISO 8601 / "YYYY-MM-DD
 * hh:mm:ss" text, or a number of seconds (< 1e11) or milliseconds since the epoch, read as UTC.
 */
export function timeParts(v: unknown): { year: number; month: number; day: number; hour: number; minute: number } | null {
  if (typeof v === 'number' && Number.isFinite(v)) {
    const d = new Date(Math.abs(v) < 1e11 ? v * 1000 : v);
    if (Number.isNaN(d.getTime())) return null;
    return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes() };
  }
  if (typeof v !== 'string') return null;
  const m = /^\s*(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}))?/.exec(v);
  if (!m) return null;
  const parts = { year: +m[1], month: +m[2], day: +m[3], hour: m[4] ? +m[4] : 0, minute: m[5] ? +m[5] : 0 };
  if (parts.month < 1 || parts.month > 12 || parts.day < 1 || parts.day > 31 || parts.hour > 23 || parts.minute > 59) return null;
  return parts;
}

/** ISO 8601 week number (1..53) of a calendar date. */
export function isoWeek(year: number, month: number, day: number): number {
  const d = new Date(Date.UTC(year, month - 1, day));
  const dow = d.getUTCDay() || 7; // Monday = 1 .. Sunday = 7
  d.setUTCDate(d.getUTCDate() + 4 - dow); // the Thursday of this week decides the year
  const yearStart = Date.UTC(d.getUTCFullYear(), 0, 1);
  return Math.ceil(((d.getTime() - yearStart) / 86_400_000 + 1) / 7);
}

export function timePartEquals(part: TimePart, n: number): ScalarTest {
  return (v) => {
    const p = timeParts(v);
    if (p === null) return false;
    const x = part === 'week' ? isoWeek(p.year, p.month, p.day) : p[part];
    return x === n;
  };
}
