// Small shared pieces: error and status messages, labels, time formatting.
import type { ComponentChildren } from 'preact';
import type { Severity } from '../../server/contract/vocab.js';

/** A failed action, shown as text (role=alert so screen readers hear it once). */
export function ErrorNote({ error }: { error: string | null }) {
  if (!error) return null;
  return (
    <p class="error" role="alert">
      {error}
    </p>
  );
}

export function Status({ children }: { children: ComponentChildren }) {
  return (
    <p class="status" role="status">
      {children}
    </p>
  );
}

export const STATUS_LABELS: Record<string, string> = {
  new: 'New',
  in_progress: 'In progress',
  escalated: 'Escalated',
  closed: 'Closed',
};

export const SEVERITY_ORDER: Record<Severity, number> = {
  informational: 0,
  low: 1,
  medium: 2,
  high: 3,
  critical: 4,
};

export function SeverityBadge({ severity }: { severity: Severity }) {
  return <span class={`sev sev-${severity}`}>{severity}</span>;
}

/** "2024-03-05 14:03:10 UTC" from an ISO time; the input itself when it does not parse. */
export function formatTime(iso: string | null): string {
  if (!iso) return '-';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return d.toISOString().replace('T', ' ').replace(/\.\d{3}Z$/, ' UTC');
}

const INVISIBLE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

/**
 * Log text made visible: control characters (ANSI escapes), zero-width and bidirectional override
 * characters become `\uXXXX`, so attacker-controlled text can neither hide nor reorder what it shows.
 * (Still rendered as a text node by the caller: this is about legibility, not HTML safety.)
 */
export function shown(text: string | null | undefined): string {
  if (text === null || text === undefined) return '-';
  return text.replace(INVISIBLE, (c) => '\\u' + c.charCodeAt(0).toString(16).padStart(4, '0'));
}
