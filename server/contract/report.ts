// The lab's structured incident report: what a trainee writes, what the API validates, what the
// console edits and what grading/ reads. The limits below become API validation, so they are
// generous for real reports and tight enough to bound storage and grading work.
import { Type, type Static } from 'typebox';
import { LEVELS } from '../../engine/api.js';

/** The verdict on a whole incident (and on one alert), defined once. */
export const INCIDENT_VERDICTS = ['true_positive', 'benign', 'false_positive'] as const;
export type IncidentVerdict = (typeof INCIDENT_VERDICTS)[number];

/** Human labels for the verdicts, for prompts, rubrics and the console. */
export const VERDICT_LABELS: Record<IncidentVerdict, string> = {
  true_positive: 'True positive (incident)',
  benign: 'Benign (real activity, authorised or harmless)',
  false_positive: 'False positive (detection misfired)',
};

/** Indicator types a report (and an answer key) can name. */
export const INDICATOR_TYPES = [
  'ip',
  'domain',
  'url',
  'hash',
  'file',
  'path',
  'registry',
  'account',
  'host',
  'process',
  'email',
] as const;
export type IndicatorType = (typeof INDICATOR_TYPES)[number];

/** Report limits; exported so the console can show counters and the grader can trust sizes. */
export const REPORT_LIMITS = {
  summary: 4_000,
  listItems: 100,
  name: 255,
  indicators: 200,
  indicatorValue: 2_048,
  note: 500,
  timelineEntries: 200,
  timelineTime: 64,
  timelineDescription: 1_000,
  techniques: 50,
  technique: 200,
  actions: 50,
  action: 1_000,
  freeText: 20_000,
} as const;

const L = REPORT_LIMITS;

export const LevelSchema = Type.Enum(LEVELS, { description: 'Severity, lowest first: ' + LEVELS.join(', ') });
export const IncidentVerdictSchema = Type.Enum(INCIDENT_VERDICTS);
export const IndicatorTypeSchema = Type.Enum(INDICATOR_TYPES);

export const ReportIndicatorSchema = Type.Object(
  {
    type: IndicatorTypeSchema,
    /** As the trainee wrote it; defanged forms (hxxp, [.]) are accepted and normalised by the grader. */
    value: Type.String({ minLength: 1, maxLength: L.indicatorValue }),
    note: Type.Optional(Type.String({ maxLength: L.note })),
  },
  { additionalProperties: false },
);
export type ReportIndicator = Static<typeof ReportIndicatorSchema>;

export const TimelineEntrySchema = Type.Object(
  {
    /**
     * When it happened, as the trainee wrote it: ISO-8601 is best ("2024-03-05T14:03:10Z"); common
     * forms such as "2024-03-05 14:03 UTC" or "05/03/2024 15:03 +01:00" are also understood.
     */
    time: Type.String({ minLength: 1, maxLength: L.timelineTime }),
    description: Type.String({ minLength: 1, maxLength: L.timelineDescription }),
  },
  { additionalProperties: false },
);
export type TimelineEntry = Static<typeof TimelineEntrySchema>;

const nameList = (maxItems: number, maxLength: number) =>
  Type.Array(Type.String({ minLength: 1, maxLength }), { maxItems });

export const IncidentReportSchema = Type.Object(
  {
    summary: Type.String({ maxLength: L.summary }),
    verdict: IncidentVerdictSchema,
    severity: LevelSchema,
    /** Host names as seen in the data (short name, FQDN or IP). */
    affectedHosts: nameList(L.listItems, L.name),
    /** Accounts, in any of user, DOMAIN\user, user@domain. */
    affectedUsers: nameList(L.listItems, L.name),
    indicators: Type.Array(ReportIndicatorSchema, { maxItems: L.indicators }),
    timeline: Type.Array(TimelineEntrySchema, { maxItems: L.timelineEntries }),
    /** ATT&CK technique ids ("T1059.001") or names ("PowerShell"). */
    techniques: nameList(L.techniques, L.technique),
    recommendedActions: nameList(L.actions, L.action),
    /** Anything else, Markdown; rendered as text, never as HTML. */
    freeText: Type.String({ maxLength: L.freeText }),
  },
  { additionalProperties: false },
);
export type IncidentReport = Static<typeof IncidentReportSchema>;

/** An empty report, the starting point of the console's editor. */
export function emptyReport(): IncidentReport {
  return {
    summary: '',
    verdict: 'true_positive',
    severity: 'medium',
    affectedHosts: [],
    affectedUsers: [],
    indicators: [],
    timeline: [],
    techniques: [],
    recommendedActions: [],
    freeText: '',
  };
}

// ------------------------------------------------------------------ grades
// The automatic pre-grade (grading/ produces it) and a grader's review of it. Types in grading/
// derive from these schemas, so the API, the console and the grader share one definition.

export const FACT_STATUSES = ['found', 'partial', 'missing'] as const;
export type FactStatus = (typeof FACT_STATUSES)[number];

export const PENALTY_REASONS = ['forbidden', 'wrong-verdict', 'unknown-indicator', 'timeline-order', 'grader'] as const;
export type PenaltyReason = (typeof PENALTY_REASONS)[number];

/** Where in the report something was found. */
export const EvidenceSchema = Type.Object({
  /** Report field: "summary", "affectedHosts[0]", "indicators[2].value", "timeline[1].time", or "text" for a plain report. */
  field: Type.String(),
  /** The text that earned (or cost) the points, as written. */
  text: Type.String(),
  /** Offsets of `text` in the field's value (plain reports: in the whole report). */
  start: Type.Integer({ minimum: 0 }),
  end: Type.Integer({ minimum: 0 }),
  /** 1-based line, for plain-text reports. */
  line: Type.Optional(Type.Integer({ minimum: 1 })),
});

export const RubricItemSchema = Type.Object({
  factId: Type.String(),
  /** The fact's kind (see FACT_KINDS in datasets/answer-key-schema.ts). */
  kind: Type.String(),
  /** The key's model-answer wording. */
  description: Type.String(),
  weight: Type.Number(),
  status: Type.Enum(FACT_STATUSES),
  points: Type.Number(),
  evidence: Type.Array(EvidenceSchema),
  /** Why it is partial/missing, e.g. "time off by 14 min", "parent technique T1059 given". */
  note: Type.Optional(Type.String()),
});

export const PenaltySchema = Type.Object({
  /** The forbidden claim's id, or the reason for the others. */
  id: Type.String(),
  reason: Type.Enum(PENALTY_REASONS),
  description: Type.String(),
  points: Type.Number({ minimum: 0 }),
  evidence: Type.Array(EvidenceSchema),
});

export const GradeSchema = Type.Object({
  key: Type.Object({ scenarioId: Type.String(), scenarioVersion: Type.String(), keyVersion: Type.Integer() }),
  reportKind: Type.Enum(['structured', 'text']),
  /** 0-100, rounded: points / maxPoints. */
  score: Type.Integer({ minimum: 0, maximum: 100 }),
  /** Earned points minus penalties, floored at 0. */
  points: Type.Number({ minimum: 0 }),
  maxPoints: Type.Number({ minimum: 0 }),
  earned: Type.Number({ minimum: 0 }),
  penaltyPoints: Type.Number({ minimum: 0 }),
  /** Share of a fact's weight a partial match earns (from the key's scoring). */
  partialCredit: Type.Number({ minimum: 0, maximum: 1 }),
  rubric: Type.Array(RubricItemSchema),
  penalties: Type.Array(PenaltySchema),
  timeline: Type.Object({
    /** Timeline facts in the key. */
    expectedSteps: Type.Integer({ minimum: 0 }),
    /** Of those, found or partly found. */
    foundSteps: Type.Integer({ minimum: 0 }),
    /** Entries (structured) or time-stamped lines (text) in the report. */
    reportEntries: Type.Integer({ minimum: 0 }),
    /** Pairs of found steps the report lists in the opposite order to the key. */
    inversions: Type.Integer({ minimum: 0 }),
  }),
  /** The verdict and severity the grader read from the report (absent when it states none). */
  reported: Type.Object({ verdict: Type.Optional(Type.String()), severity: Type.Optional(Type.String()) }),
  /**
   * Indicators the report names that are not in the key; `inData` says whether the scenario's data
   * has them (null when the data was not given, so they were not judged).
   */
  unmatchedIndicators: Type.Array(
    Type.Object({ type: Type.String(), value: Type.String(), inData: Type.Union([Type.Boolean(), Type.Null()]), evidence: EvidenceSchema }),
  ),
});
export type Grade = Static<typeof GradeSchema>;
export type RubricItem = Static<typeof RubricItemSchema>;
export type Penalty = Static<typeof PenaltySchema>;
export type Evidence = Static<typeof EvidenceSchema>;

const Comment = Type.String({ maxLength: 2_000 });

/** A grader's decision on the pre-grade: confirm (no entry) or override facts and penalties. */
export const GradeReviewSchema = Type.Object(
  {
    facts: Type.Array(
      Type.Object(
        {
          factId: Type.String({ minLength: 1, maxLength: 80 }),
          status: Type.Enum(FACT_STATUSES),
          /** Points to award instead of what the status gives (0..weight). */
          points: Type.Optional(Type.Number({ minimum: 0 })),
          comment: Type.Optional(Comment),
        },
        { additionalProperties: false },
      ),
      { maxItems: 500 },
    ),
    penalties: Type.Array(
      Type.Object(
        { id: Type.String({ minLength: 1, maxLength: 80 }), waived: Type.Boolean(), comment: Type.Optional(Comment) },
        { additionalProperties: false },
      ),
      { maxItems: 500 },
    ),
    /** Penalties the grader adds (a wrong claim the key did not foresee). */
    extraPenalties: Type.Array(
      Type.Object({ description: Type.String({ minLength: 1, maxLength: 1_000 }), points: Type.Number({ exclusiveMinimum: 0, maximum: 100 }) }, { additionalProperties: false }),
      { maxItems: 50 },
    ),
    comment: Type.Optional(Type.String({ maxLength: 10_000 })),
  },
  { additionalProperties: false },
);
export type GradeReview = Static<typeof GradeReviewSchema>;

/** The final grade: the pre-grade with the grader's review applied. */
export const ReviewedGradeSchema = Type.Object({
  score: Type.Integer({ minimum: 0, maximum: 100 }),
  points: Type.Number({ minimum: 0 }),
  maxPoints: Type.Number({ minimum: 0 }),
  rubric: Type.Array(Type.Object({ ...RubricItemSchema.properties, overridden: Type.Boolean(), comment: Type.Optional(Type.String()) })),
  penalties: Type.Array(Type.Object({ ...PenaltySchema.properties, waived: Type.Boolean(), comment: Type.Optional(Type.String()) })),
  /** The pre-grade's score, for "the grader changed it by N". */
  autoScore: Type.Integer({ minimum: 0, maximum: 100 }),
  comment: Type.Optional(Type.String()),
});
export type ReviewedGrade = Static<typeof ReviewedGradeSchema>;
