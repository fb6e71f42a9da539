// The engine's public contract: the types every other part (CLI, server, web, datasets, grading)
// builds against. Implementation modules live beside this file; `engine/index.ts` re-exports them.
// The engine core is pure TypeScript: no node:* imports outside engine/node/, so it also runs in
// the browser.

/** A log event as read from input: a flat or nested JSON object. */
export type SigmaEvent = Record<string, unknown>;

/** Severity vocabulary, lowest first; defined once, types derive from it. */
export const LEVELS = ['informational', 'low', 'medium', 'high', 'critical'] as const;
export type Level = (typeof LEVELS)[number];

export const STATUSES = ['stable', 'test', 'experimental', 'deprecated', 'unsupported'] as const;
export type Status = (typeof STATUSES)[number];

/**
 * A problem found in a rule, a mapping or an input. Errors are data: loading returns every problem
 * at once, and tests assert `code` and `path`, never message text.
 */
export interface Diagnostic {
  /** Stable code, e.g. "UNKNOWN_MODIFIER", "UNSUPPORTED", "YAML_SYNTAX", "CONDITION_SYNTAX". */
  code: string;
  severity: 'error' | 'warning' | 'info';
  message: string;
  /** File the rule came from (as given), or "<input>" for in-memory text. */
  file: string;
  /** Rule path, e.g. "detection.selection.Image|endswth", "logsource", "condition". */
  path: string;
  /** 1-based line in `file` where known. */
  line?: number;
  /** Index of the YAML document within a multi-document file (0-based). */
  document?: number;
  /** The rule id or title, when the problem belongs to a rule. */
  rule?: string;
  hint?: string;
}

/** What an alert says about its rule. */
export interface RuleMeta {
  id: string;
  title: string;
  level: Level;
  status?: Status;
  tags: string[];
  description?: string;
  author?: string;
  references?: string[];
  falsepositives?: string[];
  logsource: { category?: string; product?: string; service?: string };
  /** The file the rule was loaded from. */
  file: string;
}

/** One matched value inside a selection: the "why did this fire" a trainee reads. */
export interface MatchedValue {
  /** Rule field as written (null for a keyword search). */
  field: string | null;
  /** Modifiers as written, e.g. ["contains", "all"]. */
  modifiers: string[];
  /** The rule value that matched, as written in the rule. */
  pattern: string;
  /** The event value it matched (stringified). */
  value: string;
  /** The event field actually read, when a field mapping renamed it (e.g. NewProcessName). */
  eventField?: string;
}

export interface MatchExplanation {
  /** The condition as written. */
  condition: string;
  /** Search identifiers that evaluated true for this event, with their matched values. */
  selections: { name: string; matches: MatchedValue[] }[];
  /** Stable human-readable one-liner, e.g. "selection: Image endswith '\\powershell.exe' (C:\\...)". */
  summary: string;
}

/** A rule fired on an event. */
export interface Hit {
  rule: RuleMeta;
  match: MatchExplanation;
}

/** Where an event came from. */
export interface EventSource {
  file: string;
  /** 1-based line for JSON lines; record index (0-based) for JSON arrays and evtx JSON. */
  line?: number;
  record?: number;
}

/** An alert as emitted by `soclab scan --output jsonl` and consumed by the server. */
export interface Alert {
  rule: Pick<RuleMeta, 'id' | 'title' | 'level' | 'tags'> & Partial<RuleMeta>;
  /** ISO-8601 event time when the event has one, else null. */
  timestamp: string | null;
  event: SigmaEvent;
  match: MatchExplanation;
  source: EventSource;
}

/** A rule file's text and its name for diagnostics. */
export interface RuleSource {
  file: string;
  text: string;
}
