// One-line rendering of a Diagnostic: `file:line: severity CODE path: message (hint)`.
import type { Diagnostic } from '../../engine/api.js';
import { escapeForTerminal } from './terminal-text.js';

export function formatDiagnostic(d: Diagnostic): string {
  const where = d.line !== undefined ? `${d.file}:${d.line}` : d.file;
  const path = d.path ? ` ${d.path}` : '';
  const hint = d.hint ? ` (${d.hint})` : '';
  return escapeForTerminal(`${where}: ${d.severity} ${d.code}${path}: ${d.message}${hint}`);
}
