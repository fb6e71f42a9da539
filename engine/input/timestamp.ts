// The event time of a log event, as ISO-8601 (UTC), from the usual timestamp fields.
import type { SigmaEvent } from '../api.js';

/**
 * Fields read for the event time, in this order; the first one holding a parseable time wins:
 * Windows `TimeCreated` (flattened evtx, or its `{"#attributes":{"SystemTime":..}}` form), Sysmon
 * `UtcTime`, then `@timestamp`, `timestamp`, `time` and `EventTime` (Elastic, generic, NXLog).
 */
export const TIMESTAMP_FIELDS = ['TimeCreated', 'UtcTime', '@timestamp', 'timestamp', 'time', 'EventTime'] as const;

/** ISO-8601 UTC time of the event (millisecond precision), or null when none of TIMESTAMP_FIELDS parses. */
export function eventTimestamp(event: SigmaEvent): string | null {
  for (const field of TIMESTAMP_FIELDS) {
    const iso = toIsoTime(event[field]);
    if (iso !== null) return iso;
  }
  return null;
}

// "2021-10-20 13:39:12.731903", "2025-11-27T07:40:10.165324Z", "2024-01-02T03:04:05+02:00"
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|UTC|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * Converts a time value to ISO-8601 UTC. Strings without a zone are taken as UTC (Windows
 * SystemTime and Sysmon UtcTime are UTC). Numbers are epoch seconds, or milliseconds when above 1e11.
 */
export function toIsoTime(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'object') {
    const attrs = (value as Record<string, unknown>)['#attributes'];
    if (attrs && typeof attrs === 'object') return toIsoTime((attrs as Record<string, unknown>).SystemTime);
    return null;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value <= 0) return null;
    return validIso(value > 1e11 ? value : value * 1000);
  }
  if (typeof value !== 'string') return null;
  const m = DATE_TIME.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h = '0', mi = '0', s = '0', frac = '', zone = 'Z'] = m;
  const ms = frac ? Math.floor(Number(`0.${frac}`) * 1000) : 0;
  let t = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s), ms);
  // Reject impossible dates that Date.UTC would roll over (2021-02-30).
  const check = new Date(t);
  if (check.getUTCDate() !== Number(d) || check.getUTCMonth() !== Number(mo) - 1) return null;
  const z = zone.toUpperCase();
  if (z !== 'Z' && z !== 'UTC') {
    const sign = z[0] === '-' ? -1 : 1;
    const digits = z.slice(1).replace(':', '');
    const offset = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || '0');
    t -= sign * offset * 60_000;
  }
  return validIso(t);
}

function validIso(ms: number): string | null {
  const d = new Date(ms);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
