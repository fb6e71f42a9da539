// Diagnostic codes, defined once. Codes are stable: tests and tools match on them, never on messages.
// Add a code here (with a one-line meaning) before using it anywhere.
import type { Diagnostic } from './api.js';

export const DIAGNOSTIC_CODES = {
  // YAML and document structure
  YAML_SYNTAX: 'the file is not valid YAML',
  NOT_A_MAPPING: 'a rule document is not a YAML mapping',
  MISSING_FIELD: 'a required rule attribute is missing (title, logsource, detection, condition)',
  INVALID_FIELD: 'a rule attribute has the wrong type or value',
  UNKNOWN_LEVEL: 'level is not one of informational, low, medium, high, critical',
  UNKNOWN_STATUS: 'status is not one of the spec values',
  INVALID_ID: 'id is not a UUID',
  DUPLICATE_ID: 'two rules share an id',
  // detection and condition
  EMPTY_DETECTION: 'detection has no search identifiers',
  INVALID_SEARCH: 'a search identifier is neither a map, a list of maps, nor a list of values',
  CONDITION_SYNTAX: 'the condition cannot be parsed',
  UNKNOWN_IDENTIFIER: 'the condition names a search identifier that does not exist',
  NO_IDENTIFIER_MATCH: 'an "x of pattern*" matches no search identifier',
  UNUSED_IDENTIFIER: 'a search identifier is never used by the condition',
  // values and modifiers
  UNKNOWN_MODIFIER: 'a field modifier is not part of the Sigma specification',
  MODIFIER_CONFLICT: 'modifiers that cannot be combined, or in an order the spec does not allow',
  INVALID_VALUE: 'a value cannot be used with its modifiers (bad regex, CIDR, number, ...)',
  UNSAFE_REGEX: 'a regular expression uses a construct that cannot run in linear time',
  UNKNOWN_PLACEHOLDER: 'an |expand placeholder has no value in the configuration',
  // logsource and mappings
  LOGSOURCE_UNMAPPED: 'no mapping entry serves the rule logsource; the rule sees every event',
  INVALID_MAPPING: 'a logsource or field mapping file is malformed',
  // constructs the engine does not run
  UNSUPPORTED: 'a construct of the spec this engine does not support (named in the message)',
  FILTER_UNKNOWN_RULE: 'a Sigma filter refers to a rule id or name that no loaded rule has',
  INTERNAL_ERROR: 'the engine itself failed on this rule (a bug): reported, the rule is skipped, the others load',
  MATCH_FAILED: 'a rule threw while matching an event: reported once per rule, that event counts as no match',
  // correlation rules (engine/correlation)
  CORRELATION_UNKNOWN_RULE: 'a correlation refers to a rule id or name that no loaded rule or correlation has',
  CORRELATION_TIMESPAN: 'a correlation timespan is not <positive integer><s|m|h|d|w|M|y>, e.g. 5m',
  CORRELATION_CONDITION: 'a correlation condition is missing, has an unknown operator or non-number value, or lacks the field its type needs',
  CORRELATION_CYCLE: 'correlation rules refer to each other in a cycle',
  CORRELATION_STATE_LIMIT: 'a correlation hit its memory cap (open groups or events per group) and dropped the oldest state',
  CORRELATION_LATE_EVENT: 'an event arrived later than the out-of-order tolerance allows and was not correlated',
  CORRELATION_NO_TIMESTAMP: 'a hit feeding a correlation has no event time and was not correlated',
  // input
  MALFORMED_EVENT: 'an input line or record is not valid JSON or not an object',
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_CODES;

/** Builds a diagnostic; `code` is checked against the table at compile time. */
export function diag(
  code: DiagnosticCode,
  severity: Diagnostic['severity'],
  message: string,
  where: { file: string; path: string; line?: number; document?: number; rule?: string; hint?: string },
): Diagnostic {
  return { code, severity, message, ...where };
}
