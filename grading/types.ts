// The grader's output: a score plus a transparent rubric a human grader confirms or overrides.
import type { FactKind } from '../datasets/answer-key-schema.js';

export type FactStatus = 'found' | 'partial' | 'missing';

/** Where in the report something was found. */
export interface Evidence {
  /** Report field: "summary", "affectedHosts[0]", "indicators[2].value", "timeline[1]", or "text" for a plain report. */
  field: string;
  /** The text that earned (or cost) the points, as written. */
  text: string;
  /** Offsets of `text` in the field's value. */
  start: number;
  end: number;
  /** 1-based line, for plain-text reports. */
  line?: number;
}

export interface RubricItem {
  factId: string;
  kind: FactKind;
  /** The key's model-answer wording. */
  description: string;
  weight: number;
  status: FactStatus;
  points: number;
  evidence: Evidence[];
  /** Why it is partial/missing, e.g. "time off by 14 min", "parent technique T1059 given". */
  note?: string;
}

export type PenaltyReason = 'forbidden' | 'wrong-verdict' | 'unknown-indicator' | 'timeline-order';

export interface Penalty {
  /** The forbidden claim's id, or the reason for the others. */
  id: string;
  reason: PenaltyReason;
  description: string;
  points: number;
  evidence: Evidence[];
}

export interface TimelineSummary {
  /** Timeline facts in the key. */
  expectedSteps: number;
  /** Of those, found or partly found. */
  foundSteps: number;
  /** Entries (structured) or time-stamped lines (text) in the report. */
  reportEntries: number;
  /** Pairs of found steps the report lists in the opposite order to the key. */
  inversions: number;
}

export interface Grade {
  key: { scenarioId: string; scenarioVersion: string; keyVersion: number };
  reportKind: 'structured' | 'text';
  /** 0-100, rounded: points / maxPoints. */
  score: number;
  /** Earned points minus penalties, floored at 0. */
  points: number;
  maxPoints: number;
  earned: number;
  penaltyPoints: number;
  rubric: RubricItem[];
  penalties: Penalty[];
  timeline: TimelineSummary;
  /** The verdict and severity the grader read from the report (undefined when it states none). */
  reported: { verdict?: string; severity?: string };
  /**
   * Indicators the report names that are not in the key; with `knownValues` they are split into
   * those seen in the data and those penalised; without, they are listed here unjudged.
   */
  unmatchedIndicators: { type: string; value: string; inData: boolean | null; evidence: Evidence }[];
}

export interface GradeOptions {
  /**
   * Values present in the scenario's data (see `buildKnownValues`): a reported indicator that is
   * neither in the key nor in the data is penalised. Without it no such penalty applies.
   */
  knownValues?: KnownValues;
  /** Offset from UTC (minutes) for report times written without a zone. Default 0 (UTC). */
  assumeOffsetMinutes?: number;
}

/** Canonical forms of every value in a scenario's data, for "is this indicator in the data?". */
export interface KnownValues {
  has(value: string): boolean;
}
