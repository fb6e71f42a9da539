// The grader's output: a score plus a transparent rubric a human grader confirms or overrides.

// The shapes are defined once, as TypeBox schemas in server/contract/report.ts (the API serves them).
export type { FactStatus, Evidence, RubricItem, Penalty, PenaltyReason, Grade, GradeReview, ReviewedGrade } from '../server/contract/report.js';
import type { Grade } from '../server/contract/report.js';

export type TimelineSummary = Grade['timeline'];

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
