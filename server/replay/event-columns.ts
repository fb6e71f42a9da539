// The searchable columns of a scenario event (exercise_events): schedule time, host, user, and the
// process identity of process-creation events (Sysmon 1 by GUID, Security 4688 by host + pid).
import type { SigmaEvent } from '../../engine/api.js';
import { eventTimestamp } from '../../engine/input/timestamp.js';
import { firstField, HOST_FIELDS, USER_FIELDS } from '../services/engine-alerts.js';
import type { NewExerciseEvent } from '../store/index.js';

const SYSMON_CHANNEL = 'Microsoft-Windows-Sysmon/Operational';

/** A process id as a number: Sysmon writes decimal numbers, Security 4688 hex strings ("0x1a2b"). */
export function processId(value: unknown): number | null {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : null;
  if (typeof value !== 'string') return null;
  const text = value.trim();
  const n = /^0x[0-9a-f]{1,12}$/i.test(text) ? Number.parseInt(text.slice(2), 16) : /^\d{1,15}$/.test(text) ? Number(text) : NaN;
  return Number.isSafeInteger(n) ? n : null;
}

/**
 * The account name without its domain ("NBL\\sbrown", "sbrown@nbl.local" -> "sbrown"), so a user pivot
 * finds the same person across Sysmon (DOMAIN\\user), Security (bare name), proxy and mail logs.
 */
export function accountName(user: string | null): string | null {
  if (user === null) return null;
  const bare = user.slice(user.lastIndexOf('\\') + 1).split('@')[0].trim();
  return bare === '' ? user : bare;
}

function text(value: unknown): string | null {
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
}

function eventIdOf(event: SigmaEvent): number | null {
  const v = event.EventID;
  const n = typeof v === 'number' ? v : typeof v === 'string' && /^\d{1,9}$/.test(v.trim()) ? Number(v) : NaN;
  return Number.isInteger(n) ? n : null;
}

/**
 * The row of event `index`. `previousMs` is the schedule time of the event before (null for the
 * first): events without a parseable time, or earlier than their predecessor, are scheduled with it.
 */
export function eventColumns(event: SigmaEvent, index: number, previousMs: number | null): NewExerciseEvent {
  const time = eventTimestamp(event);
  const ms = time === null ? NaN : Date.parse(time);
  const tMs = Number.isNaN(ms) ? (previousMs ?? 0) : previousMs === null ? ms : Math.max(ms, previousMs);
  const eventId = eventIdOf(event);
  const sysmonCreate = eventId === 1 && event.Channel === SYSMON_CHANNEL;
  const securityCreate = eventId === 4688 && event.Channel === 'Security';
  return {
    index,
    tMs,
    time,
    host: firstField(event, HOST_FIELDS),
    user: accountName(firstField(event, USER_FIELDS)),
    eventId,
    procCreate: sysmonCreate || securityCreate,
    processGuid: text(event.ProcessGuid),
    parentProcessGuid: sysmonCreate ? text(event.ParentProcessGuid) : null,
    pid: sysmonCreate ? processId(event.ProcessId) : securityCreate ? processId(event.NewProcessId) : null,
    ppid: sysmonCreate ? processId(event.ParentProcessId) : securityCreate ? processId(event.ProcessId) : null,
    json: JSON.stringify(event),
  };
}
