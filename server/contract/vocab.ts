// The server's vocabularies, each defined once as a const array; TypeScript types, TypeBox schemas
// and the SQL CHECK constraints (tested against these arrays) all derive from them.
import { LEVELS, type Level } from '../../engine/api.js';
import { INCIDENT_VERDICTS, type IncidentVerdict } from './report.js';

/** Account roles. An instructor may also grade; a grader only grades. */
export const ROLES = ['trainee', 'instructor', 'grader'] as const;
export type Role = (typeof ROLES)[number];

/** Roles allowed to read and grade submitted reports. */
export const GRADING_ROLES = ['instructor', 'grader'] as const satisfies readonly Role[];

/**
 * A trainee's state of one alert in their queue. Allowed moves (see ALERT_TRANSITIONS):
 * new -> in_progress (take), in_progress -> new (release), in_progress -> escalated | closed.
 */
export const ALERT_STATUSES = ['new', 'in_progress', 'escalated', 'closed'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

export const ALERT_TRANSITIONS: Record<AlertStatus, readonly AlertStatus[]> = {
  new: ['in_progress'],
  in_progress: ['new', 'escalated', 'closed'],
  escalated: [],
  closed: [],
};

/**
 * The verdict on one alert. The same vocabulary as the incident verdict of the report schema
 * (server/contract/report.ts), so grading compares like with like: `benign` is a benign true
 * positive (real, authorised or harmless activity).
 */
export const ALERT_VERDICTS = INCIDENT_VERDICTS;
export type AlertVerdict = IncidentVerdict;

/** Alert severities: the Sigma rule levels, lowest first. */
export const SEVERITIES = LEVELS;
export type Severity = Level;

/** Replay state of an exercise. `idle`: never started; `finished`: every event replayed. */
export const REPLAY_STATUSES = ['idle', 'running', 'paused', 'finished'] as const;
export type ReplayStatus = (typeof REPLAY_STATUSES)[number];

/** Replay speed bounds (multiples of real time). */
export const REPLAY_SPEED = { min: 0.1, max: 1000, default: 1 } as const;

/** A report is a draft (editable, autosaved) until submitted; then it is read-only. */
export const REPORT_STATUSES = ['draft', 'submitted'] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
