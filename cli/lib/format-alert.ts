// Builds alerts from hits and renders them for `soclab scan` (text blocks or JSON lines).
import type { Alert, EventSource, Level, SigmaEvent } from '../../engine/api.js';
import type { CorrelationAlert } from '../../engine/correlation/index.js';
import { clip, escapeForTerminal, safeJsonStringify } from './terminal-text.js';

export { alertsFor, buildAlert } from '../../engine/node/scan-file.js';

export function alertJsonLine(alert: Alert): string {
  return `${safeJsonStringify(alert)}\n`;
}

const LEVEL_COLOUR: Record<Level, string> = {
  informational: '\x1b[2m',
  low: '\x1b[36m',
  medium: '\x1b[33m',
  high: '\x1b[31m',
  critical: '\x1b[1;41;97m',
};
const RESET = '\x1b[0m';

function str(v: unknown): string | undefined {
  if (v === undefined || v === null || v === '') return undefined;
  return typeof v === 'object' ? JSON.stringify(v) : String(v);
}

function nested(event: SigmaEvent, pathParts: string[]): unknown {
  let cur: unknown = event;
  for (const p of pathParts) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}

/** Host of the event: Computer (Windows), then common alternatives. */
export function eventHost(event: SigmaEvent): string | undefined {
  return str(event.Computer) ?? str(event.ComputerName) ?? str(event.Hostname) ?? str(event.hostname) ?? str(nested(event, ['host', 'name']));
}

/** User of the event: Sysmon User, then DOMAIN\SubjectUserName, TargetUserName, common alternatives. */
export function eventUser(event: SigmaEvent): string | undefined {
  const user = str(event.User);
  if (user) return user;
  const subject = str(event.SubjectUserName);
  if (subject && subject !== '-') {
    const domain = str(event.SubjectDomainName);
    return domain && domain !== '-' ? `${domain}\\${subject}` : subject;
  }
  const ecsUser = str(nested(event, ['user', 'name']));
  const ecsDomain = str(nested(event, ['user', 'domain']));
  return (
    str(event.TargetUserName) ??
    str(event.UserName) ??
    str(event.AccountName) ??
    str(nested(event, ['winlog', 'event_data', 'User'])) ??
    (ecsUser && ecsDomain ? `${ecsDomain}\\${ecsUser}` : ecsUser)
  );
}

/** Contributing events named in a correlation alert's text block. */
const CONTRIBUTING_SHOWN = 5;

function sourceText(s: EventSource): string {
  if (s.record !== undefined) return `${s.file} record ${s.record}${s.line !== undefined ? ` (line ${s.line})` : ''}`;
  return s.line !== undefined ? `${s.file}:${s.line}` : s.file;
}

/**
 * A readable block per alert. Every event-derived (and rule-derived) string goes through
 * escapeForTerminal; colour codes are ours only, and only when `colour` is set.
 */
export function alertTextBlock(alert: Alert, colour: boolean): string {
  const e = escapeForTerminal;
  const level = alert.rule.level.toUpperCase();
  const levelText = colour ? `${LEVEL_COLOUR[alert.rule.level] ?? ''}${level}${RESET}` : level;
  const lines = [`${alert.timestamp ?? '(no time)'}  ${levelText}  ${e(alert.rule.title)}`];
  const host = eventHost(alert.event);
  const user = eventUser(alert.event);
  const who = [host ? `host: ${e(clip(host, 200))}` : '', user ? `user: ${e(clip(user, 200))}` : ''].filter(Boolean).join('  ');
  if (who) lines.push(`  ${who}`);
  lines.push(`  match: ${e(clip(alert.match.summary, 2000))}`);
  lines.push(`  rule:  ${e(alert.rule.id)}${alert.rule.tags.length ? `  [${e(alert.rule.tags.join(', '))}]` : ''}`);
  lines.push(`  event: ${e(sourceText(alert.source))}`);
  // Correlation alerts (engine/correlation) also list the contributing events to pivot to.
  const correlation = alert as Partial<CorrelationAlert>;
  const contributing = correlation.events;
  if (contributing?.length) {
    const total = correlation.match?.correlation.eventCount ?? contributing.length;
    const shown = contributing.slice(0, CONTRIBUTING_SHOWN).map((c) => sourceText(c.source));
    lines.push(`  from:  ${total} events: ${e(shown.join(', '))}${total > shown.length ? `, ... (${total - shown.length} more; jsonl lists ${contributing.length})` : ''}`);
  }
  return `${lines.join('\n')}\n\n`;
}
