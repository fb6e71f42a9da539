// Scans one log input with a compiled rule set: events in, alerts out, with bounded memory.
// Shared by `soclab scan` (in the main thread) and engine/node/scan-worker.ts (one file per task).
import type { Alert, EventSource, Hit, SigmaEvent } from '../api.js';
import { eventTimestamp, type InputFormatOption, type InputProblem } from '../input/index.js';
import type { RuleSet } from '../ruleset.js';
import { InputError } from './open-input.js';
import { openEventFile } from './read-event-file.js';

/** The alert of one hit (the shape `soclab scan --output jsonl` prints and the server ingests). */
export function buildAlert(hit: Hit, event: SigmaEvent, source: EventSource, timestamp: string | null): Alert {
  const { id, title, level, tags, status, logsource, file } = hit.rule;
  const rule: Alert['rule'] = { id, title, level, tags, logsource, file };
  if (status !== undefined) rule.status = status;
  return { rule, timestamp, event, match: hit.match, source };
}

/** The alerts of one event; its timestamp is computed once, only when something fired. */
export function alertsFor(hits: Hit[], event: SigmaEvent, source: EventSource): Alert[] {
  const timestamp = eventTimestamp(event);
  return hits.map((h) => buildAlert(h, event, source, timestamp));
}

export interface ScanFileOptions {
  format?: InputFormatOption;
  onProblem?: (problem: InputProblem) => void;
  /** Called about every 1,024 events with the raw bytes read so far in this file. */
  onProgress?: (bytesRead: number, events: number) => void;
  /** Checked after each alerting event and every 1,024 events; true stops the scan of this file (stdout closed, Ctrl-C). */
  shouldStop?: () => boolean;
}

export interface ScanFileResult {
  name: string;
  events: number;
  malformed: number;
  alerts: number;
  /** Raw bytes read (compressed size for gzip). */
  bytes: number;
  stopped: boolean;
  /** Set when reading failed part-way (corrupt gzip, I/O error); the counts cover what was read. */
  error?: string;
}

/**
 * Reads `file` ("-": stdin) and hands each alert to `onAlert`, awaiting it when it returns a
 * promise (output backpressure). A missing or unusable path throws InputError before any
 * reading; a read error part-way (corrupt gzip, I/O) ends the file with `error` set.
 */
export async function scanEventFile(
  file: string,
  ruleSet: Pick<RuleSet, 'match'>,
  onAlert: (alert: Alert) => void | Promise<void>,
  options: ScanFileOptions = {},
): Promise<ScanFileResult> {
  const { input, parser, records } = await openEventFile(file, { format: options.format, onProblem: options.onProblem });
  const result: ScanFileResult = { name: input.name, events: 0, malformed: 0, alerts: 0, bytes: 0, stopped: false };
  try {
    for await (const { event, source } of records) {
      result.events++;
      const hits = ruleSet.match(event);
      if (hits.length) {
        for (const alert of alertsFor(hits, event, source)) {
          result.alerts++;
          const pending = onAlert(alert);
          if (pending) await pending;
        }
        if (options.shouldStop?.()) {
          result.stopped = true;
          break;
        }
      }
      if ((result.events & 1023) === 0) {
        options.onProgress?.(input.bytesRead(), result.events);
        if (options.shouldStop?.()) {
          result.stopped = true;
          break;
        }
      }
    }
  } catch (err) {
    result.error = err instanceof InputError ? err.message : `${input.name}: read failed: ${(err as Error).message}`;
  } finally {
    result.malformed = parser.stats.malformed;
    result.bytes = input.bytesRead();
  }
  return result;
}
