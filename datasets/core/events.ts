// The generator's event model: every writer produces `GenEvent`s (a time in epoch ms plus the flat
// field object that becomes one JSON line). Scenario events carry a private `key` so the answer key
// can name them; the key is never written into the log.

export type Fields = Record<string, unknown>;

export interface GenEvent {
  /** Event time, epoch milliseconds (UTC). */
  ts: number;
  fields: Fields;
  /** Scenario-private handle for the answer key (not serialised). */
  key?: string;
}

export type Emit = (event: GenEvent) => void;

// Formatting times is on the hot path (several per event): the "YYYY-MM-DDTHH:MM:" prefix is
// cached per minute and only seconds and milliseconds are appended.
const prefixes = new Map<number, string>();

function minutePrefix(ms: number): string {
  const minute = Math.floor(ms / 60_000);
  let p = prefixes.get(minute);
  if (p === undefined) {
    p = new Date(minute * 60_000).toISOString().slice(0, 17);
    if (prefixes.size > 50_000) prefixes.clear();
    prefixes.set(minute, p);
  }
  return p;
}

function secondsPart(ms: number): string {
  const inMinute = ms - Math.floor(ms / 60_000) * 60_000;
  const sec = Math.floor(inMinute / 1000);
  const milli = inMinute - sec * 1000;
  return `${sec < 10 ? '0' : ''}${sec}.${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}`;
}

/** ISO-8601 UTC with milliseconds, e.g. "2026-03-10T09:14:03.123Z". */
export function isoTime(ms: number): string {
  if (!Number.isInteger(ms)) ms = Math.floor(ms);
  return `${minutePrefix(ms)}${secondsPart(ms)}Z`;
}

/** Sysmon's UtcTime form: "2026-03-10 09:14:03.123". */
export function sysmonTime(ms: number): string {
  if (!Number.isInteger(ms)) ms = Math.floor(ms);
  const p = minutePrefix(ms);
  return `${p.slice(0, 10)} ${p.slice(11)}${secondsPart(ms)}`;
}

/** The field every event carries with its ISO-8601 time. */
export const TIMESTAMP_FIELD = 'timestamp';
/** The routing field of every non-Windows event (see rules/mappings/lab.yml). */
export const LOG_SOURCE_FIELD = 'log_source';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
