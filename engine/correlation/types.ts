// Types of the correlation engine: compiled correlation rules, the alerts they raise, and the
// options bounding the streaming state. Vocabularies are defined once as const arrays.
import type { Alert, EventSource, MatchExplanation, RuleMeta } from '../api.js';

/** Correlation types of the Sigma correlation specification v2.1. */
export const CORRELATION_TYPES = [
  'event_count', 'value_count', 'temporal', 'temporal_ordered', 'value_sum', 'value_avg', 'value_percentile',
] as const;
export type CorrelationType = (typeof CORRELATION_TYPES)[number];

/** Condition operators (a map of one or more of them, AND-ed: `{gt: 100, lte: 200}` is a range). */
export const CONDITION_OPERATORS = ['gt', 'gte', 'lt', 'lte', 'eq', 'neq'] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

/** Types whose condition needs a `field` (the value counted, summed, averaged or ranked). */
export const FIELD_TYPES: readonly CorrelationType[] = ['value_count', 'value_sum', 'value_avg', 'value_percentile'];
/** Types where the condition is optional (default: every referenced rule, i.e. `gte: <number of rules>`). */
export const TEMPORAL_TYPES: readonly CorrelationType[] = ['temporal', 'temporal_ordered'];

export interface CorrelationCondition {
  /** The comparisons, AND-ed. */
  tests: { op: ConditionOperator; value: number }[];
  /** `field` of the condition (value_* types); a list for value_count counts distinct combinations. */
  fields: string[];
  /**
   * True when the condition has only lower bounds (gt, gte) on a value that cannot shrink as events
   * are added (counts, distinct counts, sums): it is decided as soon as it holds ("eager"). Otherwise
   * (lt, lte, eq, neq, averages, percentiles) it is decided when the window closes ("deferred").
   */
  eager: boolean;
  /** Stable text, e.g. "gte 10" or "gt 100 and lte 200". */
  text: string;
}

/** A rule a correlation refers to: a detection rule or another correlation. */
export type CorrelationInput =
  | { kind: 'rule'; meta: RuleMeta; ref: string; keys: string[] }
  | { kind: 'correlation'; rule: CompiledCorrelation; ref: string; keys: string[] };
// `ref` is the reference as written in correlation.rules; `keys` every id/name the rule is known by
// (what `aliases` may name it by).

/** One correlation rule, validated and resolved. Stateless: a Correlator holds the state. */
export interface CompiledCorrelation {
  meta: RuleMeta;
  name?: string;
  type: CorrelationType;
  /** Referenced rules in the order written (the order matters for temporal_ordered). */
  inputs: CorrelationInput[];
  /** Group-by names as written (aliases resolved per input at run time). */
  groupBy: string[];
  /** alias -> (referenced rule name or id) -> event field. */
  aliases: Map<string, Map<string, string>>;
  timespanMs: number;
  timespanText: string;
  condition: CorrelationCondition;
  /** Whether the referenced rules also raise their own alerts (spec default: false). */
  generate: boolean;
}

/** A contributing event, enough for a trainee to pivot to it. */
export interface ContributingEvent {
  /** Id of the detection rule that matched the event. */
  rule: string;
  /** ISO-8601 event time. */
  timestamp: string;
  source: EventSource;
}

/** What a correlation alert says about its match (extends the detection explanation). */
export interface CorrelationExplanation extends MatchExplanation {
  correlation: {
    type: CorrelationType;
    /** Group-by name -> value read from the events. */
    groupBy: Record<string, string>;
    /** The aggregated value the condition was tested on (count, distinct count, sum, average, share %). */
    value: number;
    /** The value of `field` this alert is about (value_percentile only). */
    fieldValue?: string;
    /** Times of the first and last contributing events (ISO-8601). */
    windowStart: string;
    windowEnd: string;
    timespan: string;
    /** Distinct ids of the rules (detection or correlation) that contributed, in first-seen order. */
    rules: string[];
    /** Number of contributing detection events (may exceed `events.length`, which is capped). */
    eventCount: number;
  };
}

/**
 * A correlation rule fired. Like an Alert: `rule` is the correlation rule's meta, `event`/`source` are
 * the last contributing event, `timestamp` is the window end; `events` lists the contributing events
 * (at most CorrelatorOptions.maxEventsPerAlert, oldest first; a correlation of correlations lists the
 * detection events underneath).
 */
export interface CorrelationAlert extends Alert {
  kind: 'correlation';
  match: CorrelationExplanation;
  events: ContributingEvent[];
}

export interface CorrelatorOptions {
  /**
   * Open groups (distinct group-by values with state) kept per correlation rule; when a new group
   * would exceed it, the least recently updated group is dropped and a CORRELATION_STATE_LIMIT
   * warning is reported (once per rule). Default 100,000.
   */
  maxGroups?: number;
  /** Events kept per group; the oldest is dropped beyond it (warning once per rule). Default 10,000. */
  maxEventsPerGroup?: number;
  /**
   * How far (ms) an event may be older than the newest event seen by that correlation and still be
   * correlated. Later ones are not correlated (counted; CORRELATION_LATE_EVENT warning once per rule).
   * Default 60,000 (1 minute).
   */
  lateToleranceMs?: number;
  /** Contributing events listed per alert (the count is always exact). Default 100. */
  maxEventsPerAlert?: number;
}

export interface CorrelatorStats {
  /** Hits accepted into some correlation window. */
  accepted: number;
  /** Hits without a parseable event time (not correlated). */
  noTimestamp: number;
  /** Hits lacking a group-by field (or the condition field), not correlated. */
  missingField: number;
  /** Hits older than the late tolerance allows. */
  late: number;
  /** Groups dropped because of maxGroups. */
  droppedGroups: number;
  /** Events dropped because of maxEventsPerGroup. */
  droppedEvents: number;
  /** Correlation alerts raised. */
  alerts: number;
}
