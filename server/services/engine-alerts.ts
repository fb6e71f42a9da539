// Turns an engine alert (engine/api.ts `Alert`, as produced by the streaming engine and by
// `soclab scan --output jsonl`) into the row the store keeps for an exercise. Used by the replay:
// it knows the index of the event in the scenario stream, the engine does not.
import type { Alert as EngineAlert, SigmaEvent } from '../../engine/api.js';
import { LEVELS } from '../../engine/api.js';
import type { NewAlert } from '../store/index.js';

/** Event fields naming the host, most specific first (Windows, Sysmon, ECS, common exports, the lab's syslog-style `host`). */
export const HOST_FIELDS = ['Computer', 'ComputerName', 'Hostname', 'host.name', 'host.hostname', 'DeviceName', 'hostname', 'host'];
/** Event fields naming the account the activity is about (the target of a logon before its subject; proxy `cs-username` last). */
export const USER_FIELDS = ['TargetUserName', 'User', 'SubjectUserName', 'user.name', 'UserName', 'AccountName', 'username', 'user', 'cs-username'];

/** A field read from a flat ("a.b" as one key) or nested event; only non-empty scalars count. */
function fieldText(event: SigmaEvent, name: string): string | null {
  let value: unknown = event[name];
  if (value === undefined && name.includes('.')) {
    value = name.split('.').reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>)[k] : undefined), event);
  }
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (typeof value !== 'string') return null;
  const text = value.trim();
  // "-" is Windows' placeholder for "no value" in Security events.
  return text === '' || text === '-' ? null : text;
}

export function firstField(event: SigmaEvent, names: readonly string[]): string | null {
  for (const name of names) {
    const v = fieldText(event, name);
    if (v !== null) return v;
  }
  return null;
}

const MAX_TEXT = 1024;
const clip = (s: string | null) => (s === null ? null : s.length > MAX_TEXT ? s.slice(0, MAX_TEXT) : s);

export function alertFromEngine(exerciseId: number, eventIndex: number, alert: EngineAlert): NewAlert {
  const time = alert.timestamp === null ? null : new Date(alert.timestamp);
  return {
    exerciseId,
    eventIndex,
    ruleId: alert.rule.id,
    ruleTitle: clip(alert.rule.title) ?? '',
    severity: LEVELS.includes(alert.rule.level) ? alert.rule.level : 'medium',
    eventTime: time !== null && !Number.isNaN(time.getTime()) ? time.toISOString() : null,
    host: clip(firstField(alert.event, HOST_FIELDS)),
    user: clip(firstField(alert.event, USER_FIELDS)),
    summary: clip(alert.match.summary) ?? '',
    match: alert.match,
    rule: {
      id: alert.rule.id,
      title: alert.rule.title,
      level: alert.rule.level,
      tags: alert.rule.tags,
      ...(alert.rule.description === undefined ? {} : { description: alert.rule.description }),
      ...(alert.rule.falsepositives === undefined ? {} : { falsepositives: alert.rule.falsepositives }),
    },
  };
}
