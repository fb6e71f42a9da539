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

/** ISO-8601 UTC with milliseconds, e.g. "2026-03-10T09:14:03.123Z". */
export function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

/** Sysmon's UtcTime form: "2026-03-10 09:14:03.123". */
export function sysmonTime(ms: number): string {
  const s = new Date(ms).toISOString();
  return `${s.slice(0, 10)} ${s.slice(11, 23)}`;
}

/** The field every event carries with its ISO-8601 time. */
export const TIMESTAMP_FIELD = 'timestamp';
/** The lab's opaque per-event reference, assigned in file order when events.jsonl is written. */
export const EVENT_ID_FIELD = 'event_uid';
/** The routing field of every non-Windows event (see rules/mappings/lab.yml). */
export const LOG_SOURCE_FIELD = 'log_source';

export const MINUTE = 60_000;
export const HOUR = 3_600_000;
