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
