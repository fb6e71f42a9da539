// The HTTP API's request and response shapes as TypeBox schemas. Routes validate with them, the
// OpenAPI description at /docs is generated from them, and the web console imports the static types
// (`import type { Exercise } from '../server/contract/api.js'`), never copying them by hand.
import { Type, type Static, type TSchema } from 'typebox';
import { IncidentReportSchema } from './report.js';
import {
  ALERT_STATUSES,
  ALERT_VERDICTS,
  REPLAY_SPEED,
  REPLAY_STATUSES,
  REPORT_STATUSES,
  ROLES,
  SEVERITIES,
} from './vocab.js';

const strict = { additionalProperties: false } as const;
const Nullable = <T extends TSchema>(schema: T) => Type.Union([schema, Type.Null()]);

export const Id = Type.Integer({ minimum: 1, maximum: Number.MAX_SAFE_INTEGER });
export const IdParams = Type.Object({ id: Id }, strict);
export type IdParams = Static<typeof IdParams>;
/** ISO-8601 UTC timestamp as produced by `new Date().toISOString()`. */
export const Timestamp = Type.String({ format: 'date-time' });

// ---------------------------------------------------------------- errors

/** The one error shape of every API error. `code` is stable (see ERROR_CODES); `message` is for people. */
export const ErrorBody = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    details: Type.Optional(Type.Unknown()),
  }),
});
export type ErrorBody = Static<typeof ErrorBody>;

/** One offending input of a validation error: `path` like "body/seed" or "querystring/limit". */
export const ValidationIssue = Type.Object({ path: Type.String(), message: Type.String() });
export type ValidationIssue = Static<typeof ValidationIssue>;

// ---------------------------------------------------------------- accounts and auth

export const Username = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9._@-]*$' });
export const RoleSchema = Type.Enum(ROLES);

export const CohortRef = Type.Object({ id: Id, name: Type.String() });
export type CohortRef = Static<typeof CohortRef>;

export const UserRef = Type.Object({ id: Id, username: Type.String() });
export type UserRef = Static<typeof UserRef>;

export const Me = Type.Object({
  id: Id,
  username: Type.String(),
  role: RoleSchema,
  /** Cohorts the user is a member of (trainees; instructors see every cohort through /api/cohorts). */
  cohorts: Type.Array(CohortRef),
});
export type Me = Static<typeof Me>;

export const LoginBody = Type.Object(
  { username: Type.String({ minLength: 1, maxLength: 64 }), password: Type.String({ minLength: 1, maxLength: 256 }) },
  strict,
);
export type LoginBody = Static<typeof LoginBody>;

/** The CSRF token to send back in the `x-csrf-token` header of every state-changing request. */
export const CsrfToken = Type.Object({ csrfToken: Type.String() });
export type CsrfToken = Static<typeof CsrfToken>;

export const LoginResponse = Type.Object({ user: Me, csrfToken: Type.String() });
export type LoginResponse = Static<typeof LoginResponse>;

export const Ok = Type.Object({ ok: Type.Boolean() });

/** Minimum length of a password a user chooses (generated ones are 18 characters). */
export const MIN_PASSWORD_LENGTH = 12;
export const ChangePasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 256 }),
    newPassword: Type.String({ minLength: MIN_PASSWORD_LENGTH, maxLength: 256 }),
  },
  strict,
);
export type ChangePasswordBody = Static<typeof ChangePasswordBody>;

export const UserSummary = Type.Object({ id: Id, username: Type.String(), role: RoleSchema, createdAt: Timestamp });
export type UserSummary = Static<typeof UserSummary>;
export const UserList = Type.Array(UserSummary);

export const CreateUserBody = Type.Object(
  { username: Username, role: RoleSchema, cohortId: Type.Optional(Id) },
  strict,
);
export type CreateUserBody = Static<typeof CreateUserBody>;

/** The generated password is in this answer only; it is never shown again. */
export const CreatedUser = Type.Object({ user: UserSummary, password: Type.String() });
export type CreatedUser = Static<typeof CreatedUser>;

export const Health = Type.Object({ status: Type.Literal('ok'), version: Type.String(), schemaVersion: Type.Integer() });
export type Health = Static<typeof Health>;

// ---------------------------------------------------------------- cohorts

export const CohortName = Type.String({ minLength: 1, maxLength: 100 });
export const Cohort = Type.Object({
  id: Id,
  name: Type.String(),
  createdAt: Timestamp,
  trainees: Type.Array(UserRef),
});
export type Cohort = Static<typeof Cohort>;
export const CohortList = Type.Array(Cohort);
export const CreateCohortBody = Type.Object({ name: CohortName }, strict);
export type CreateCohortBody = Static<typeof CreateCohortBody>;
export const AddMemberBody = Type.Object({ username: Username }, strict);
export type AddMemberBody = Static<typeof AddMemberBody>;

// ---------------------------------------------------------------- exercises and replay

export const ScenarioId = Type.String({ minLength: 1, maxLength: 100, pattern: '^[a-z0-9][a-z0-9._-]*$' });
export const Seed = Type.Integer({ minimum: 0, maximum: 2 ** 31 - 1 });
export const ReplayStatusSchema = Type.Enum(REPLAY_STATUSES);
export const ReplaySpeed = Type.Number({ minimum: REPLAY_SPEED.min, maximum: REPLAY_SPEED.max });

export const ReplayState = Type.Object({
  status: ReplayStatusSchema,
  /** Multiple of real time. */
  speed: Type.Number(),
  /** Index of the next event to replay (0 before start). */
  position: Type.Integer({ minimum: 0 }),
  updatedAt: Timestamp,
});
export type ReplayState = Static<typeof ReplayState>;

export const Exercise = Type.Object({
  id: Id,
  title: Type.String(),
  scenarioId: Type.String(),
  seed: Type.Integer(),
  cohort: CohortRef,
  replay: ReplayState,
  createdAt: Timestamp,
});
export type Exercise = Static<typeof Exercise>;
export const ExerciseList = Type.Array(Exercise);

export const CreateExerciseBody = Type.Object(
  {
    cohortId: Id,
    scenarioId: ScenarioId,
    seed: Seed,
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
  },
  strict,
);
export type CreateExerciseBody = Static<typeof CreateExerciseBody>;

export const REPLAY_ACTIONS = ['start', 'pause', 'resume', 'restart'] as const;
export type ReplayAction = (typeof REPLAY_ACTIONS)[number];
export const ReplayActionParams = Type.Object({ id: Id, action: Type.Enum(REPLAY_ACTIONS) }, strict);
export const ReplaySpeedBody = Type.Object({ speed: ReplaySpeed }, strict);
export type ReplaySpeedBody = Static<typeof ReplaySpeedBody>;

// ---------------------------------------------------------------- alerts

export const AlertStatusSchema = Type.Enum(ALERT_STATUSES);
export const AlertVerdictSchema = Type.Enum(ALERT_VERDICTS);
export const SeveritySchema = Type.Enum(SEVERITIES);
export const Reason = Type.String({ minLength: 1, maxLength: 2000 });

/** The requesting trainee's work on one alert (every trainee has their own queue). */
export const AlertWork = Type.Object({
  status: AlertStatusSchema,
  /** Who holds the alert while it is in progress; null when nobody does. */
  owner: Nullable(UserRef),
  verdict: Nullable(AlertVerdictSchema),
  reason: Nullable(Type.String()),
  updatedAt: Nullable(Timestamp),
});
export type AlertWork = Static<typeof AlertWork>;

export const Alert = Type.Object({
  id: Id,
  exerciseId: Id,
  ruleId: Type.String(),
  ruleTitle: Type.String(),
  severity: SeveritySchema,
  /** Index of the triggering event in the scenario's event stream. */
  eventIndex: Type.Integer({ minimum: 0 }),
  eventTime: Nullable(Timestamp),
  host: Nullable(Type.String()),
  user: Nullable(Type.String()),
  /** The engine's "why did this fire" one-liner. */
  summary: Type.String(),
  createdAt: Timestamp,
  work: AlertWork,
});
export type Alert = Static<typeof Alert>;

export const AlertPage = Type.Object({ total: Type.Integer(), items: Type.Array(Alert) });
export type AlertPage = Static<typeof AlertPage>;

export const AlertQuery = Type.Object(
  {
    status: Type.Optional(AlertStatusSchema),
    severity: Type.Optional(SeveritySchema),
    /** Minimum severity (inclusive), e.g. "high" gives high and critical. */
    minSeverity: Type.Optional(SeveritySchema),
    rule: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    host: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
    user: Type.Optional(Type.String({ minLength: 1, maxLength: 255 })),
    /** Event time bounds, inclusive, ISO-8601. */
    from: Type.Optional(Timestamp),
    to: Type.Optional(Timestamp),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
    /** Instructors only (and required for them): whose queue to show, a trainee of the exercise's cohort. */
    trainee: Type.Optional(Id),
  },
  strict,
);
export type AlertQuery = Static<typeof AlertQuery>;

export const AlertNote = Type.Object({ id: Id, author: UserRef, body: Type.String(), createdAt: Timestamp });
export type AlertNote = Static<typeof AlertNote>;
export const NoteBody = Type.Object({ body: Type.String({ minLength: 1, maxLength: 4000 }) }, strict);
export type NoteBody = Static<typeof NoteBody>;

/** One value that made a selection match: the rule's field, modifiers and value, and the event's value. */
export const AlertMatchedValue = Type.Object({
  /** Rule field as written (null for a keyword search). */
  field: Nullable(Type.String()),
  modifiers: Type.Array(Type.String()),
  /** The rule value that matched, as written in the rule. */
  pattern: Type.String(),
  /** The event value it matched (stringified; attacker-controlled text). */
  value: Type.String(),
  /** The event field actually read, when a field mapping renamed it. */
  eventField: Type.Optional(Type.String()),
});
export type AlertMatchedValue = Static<typeof AlertMatchedValue>;

/** The engine's structured "why did this fire": the condition and the selections that were true. */
export const AlertMatch = Type.Object({
  condition: Type.String(),
  selections: Type.Array(Type.Object({ name: Type.String(), matches: Type.Array(AlertMatchedValue) })),
});
export type AlertMatch = Static<typeof AlertMatch>;

/** The rule's metadata as it was when the alert was recorded. */
export const AlertRuleInfo = Type.Object({
  id: Type.String(),
  title: Type.String(),
  /** The Sigma level as written (informational ... critical). */
  level: Type.String(),
  /** Sigma tags, e.g. "attack.t1059.001", "attack.execution". */
  tags: Type.Array(Type.String()),
  description: Nullable(Type.String()),
  falsepositives: Type.Array(Type.String()),
});
export type AlertRuleInfo = Static<typeof AlertRuleInfo>;

export const AlertDetail = Type.Object({
  alert: Alert,
  notes: Type.Array(AlertNote),
  /** Null for alerts recorded without the rule's metadata. */
  rule: Nullable(AlertRuleInfo),
  /** Null when no structured explanation was kept. */
  match: Nullable(AlertMatch),
});
export type AlertDetail = Static<typeof AlertDetail>;

export const EscalateBody = Type.Object({ reason: Reason }, strict);
export type EscalateBody = Static<typeof EscalateBody>;
export const CloseBody = Type.Object({ verdict: AlertVerdictSchema, reason: Reason }, strict);
export type CloseBody = Static<typeof CloseBody>;

/** An instructor's overview of an exercise: each trainee's queue counts and report status. */
export const ExerciseProgress = Type.Object({
  exerciseId: Id,
  alertCount: Type.Integer({ minimum: 0 }),
  trainees: Type.Array(
    Type.Object({
      trainee: UserRef,
      counts: Type.Object({
        new: Type.Integer({ minimum: 0 }),
        in_progress: Type.Integer({ minimum: 0 }),
        escalated: Type.Integer({ minimum: 0 }),
        closed: Type.Integer({ minimum: 0 }),
      }),
      report: Nullable(Type.Object({ id: Id, status: Type.Enum(REPORT_STATUSES), version: Type.Integer(), updatedAt: Timestamp })),
    }),
  ),
});
export type ExerciseProgress = Static<typeof ExerciseProgress>;

// ---------------------------------------------------------------- live events (SSE)

/**
 * Events streamed by GET /api/exercises/:id/events (Server-Sent Events; the SSE `event:` field is
 * the `type`). On connect the stream first sends the current replay state.
 */
export const LiveEvent = Type.Union([
  Type.Object({ type: Type.Literal('replay'), exercise: Exercise }),
  Type.Object({ type: Type.Literal('alerts'), exerciseId: Id, added: Type.Integer({ minimum: 1 }), total: Type.Integer({ minimum: 0 }) }),
]);
export type LiveEvent = Static<typeof LiveEvent>;

// ---------------------------------------------------------------- rules

/** A problem in a rule or mapping file, as the engine reports it (engine/api.ts `Diagnostic`). */
export const DiagnosticSchema = Type.Object({
  code: Type.String(),
  severity: Type.Enum(['error', 'warning', 'info'] as const),
  message: Type.String(),
  file: Type.String(),
  path: Type.String(),
  line: Type.Optional(Type.Integer()),
  document: Type.Optional(Type.Integer()),
  rule: Type.Optional(Type.String()),
  hint: Type.Optional(Type.String()),
});

export const RULE_RELOAD_TRIGGERS = ['start', 'manual', 'watch'] as const;
export type RuleReloadTrigger = (typeof RULE_RELOAD_TRIGGERS)[number];

export const RuleLibraryStatus = Type.Object({
  rulesDir: Type.String(),
  /** The rule set in use; null when no load has succeeded yet. */
  loaded: Nullable(Type.Object({ at: Timestamp, rules: Type.Integer(), failed: Type.Integer(), files: Type.Integer() })),
  lastReload: Nullable(
    Type.Object({
      at: Timestamp,
      trigger: Type.Enum(RULE_RELOAD_TRIGGERS),
      /** False when the previous set was kept (errors in the new one, or an unreadable folder). */
      swapped: Type.Boolean(),
      message: Nullable(Type.String()),
      errors: Type.Integer(),
      warnings: Type.Integer(),
      /** The first diagnostics (up to 200); `errors`/`warnings` count them all. */
      diagnostics: Type.Array(DiagnosticSchema),
    }),
  ),
  watching: Type.Boolean(),
});
export type RuleLibraryStatus = Static<typeof RuleLibraryStatus>;

// ---------------------------------------------------------------- audit

export const AuditEntry = Type.Object({
  id: Id,
  at: Timestamp,
  actor: Nullable(UserRef),
  action: Type.String(),
  targetType: Type.String(),
  targetId: Nullable(Type.Integer()),
  details: Type.Unknown(),
});
export type AuditEntry = Static<typeof AuditEntry>;
export const AuditList = Type.Array(AuditEntry);

// ---------------------------------------------------------------- reports

export const ReportStatusSchema = Type.Enum(REPORT_STATUSES);

/**
 * A stored report body in answers. Bodies are validated against IncidentReportSchema when saved;
 * answers send them as stored (typed as IncidentReport), so a report saved under an older version
 * of the schema can still be read instead of failing serialisation.
 */
export const StoredReportBody = Type.Unsafe<Static<typeof IncidentReportSchema>>({
  type: 'object',
  additionalProperties: true,
  description: 'An incident report (IncidentReportSchema, server/contract/report.ts) as saved',
});

export const Report = Type.Object({
  id: Id,
  exerciseId: Id,
  trainee: UserRef,
  status: ReportStatusSchema,
  body: StoredReportBody,
  /** Incremented by every save; a save names the version it started from (optimistic locking). */
  version: Type.Integer({ minimum: 1 }),
  createdAt: Timestamp,
  updatedAt: Timestamp,
  submittedAt: Nullable(Timestamp),
});
export type Report = Static<typeof Report>;

export const ReportSummary = Type.Object({
  id: Id,
  exerciseId: Id,
  trainee: UserRef,
  status: ReportStatusSchema,
  version: Type.Integer(),
  updatedAt: Timestamp,
  submittedAt: Nullable(Timestamp),
});
export type ReportSummary = Static<typeof ReportSummary>;
export const ReportSummaryList = Type.Array(ReportSummary);

export const SaveReportBody = Type.Object(
  {
    body: IncidentReportSchema,
    /** The version this edit started from; omit only for the first save. Mismatch -> 409 version_conflict. */
    baseVersion: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  strict,
);
export type SaveReportBody = Static<typeof SaveReportBody>;

export const ReportListQuery = Type.Object(
  { exerciseId: Type.Optional(Id), status: Type.Optional(ReportStatusSchema) },
  strict,
);
export type ReportListQuery = Static<typeof ReportListQuery>;

// ---------------------------------------------------------------- pivots (scenario events around an alert)

/** One scenario event of an exercise, as replayed (only events already replayed are ever shown). */
export const LogEvent = Type.Object({
  /** 0-based index in the exercise's stream (an alert's `eventIndex`). */
  index: Type.Integer({ minimum: 0 }),
  /** The event's own time, ISO-8601, or null when it has none. */
  time: Nullable(Type.String()),
  host: Nullable(Type.String()),
  user: Nullable(Type.String()),
  /** Windows EventID when the event has one. */
  eventId: Nullable(Type.Integer()),
  /** The event's fields as logged (attacker-controlled text: render as text, never as HTML). `user` is the account without its domain. */
  data: Type.Record(Type.String(), Type.Unknown()),
});
export type LogEvent = Static<typeof LogEvent>;

export const LogEventParams = Type.Object({ id: Id, index: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }) }, strict);
export type LogEventParams = Static<typeof LogEventParams>;

export const PIVOT_SCOPES = ['host', 'user', 'all'] as const;
export type PivotScope = (typeof PIVOT_SCOPES)[number];

export const PivotQuery = Type.Object(
  {
    /** Events of the same host, the same user, or every event in the window (default: host, else user, else all). */
    scope: Type.Optional(Type.Enum(PIVOT_SCOPES)),
    /** Seconds before and after the pivot event's time (default 900 each, at most one day). */
    before: Type.Optional(Type.Integer({ minimum: 0, maximum: 86_400 })),
    after: Type.Optional(Type.Integer({ minimum: 0, maximum: 86_400 })),
    /** Free text: a case-insensitive substring of any field name or value. */
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    /** Field filter: `field` names an event field, `value` is a case-insensitive substring of it. */
    field: Type.Optional(Type.String({ minLength: 1, maxLength: 100, pattern: '^[A-Za-z0-9_.@-]+$' })),
    value: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    eventId: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000 })),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 500, default: 100 })),
    offset: Type.Optional(Type.Integer({ minimum: 0, default: 0 })),
  },
  strict,
);
export type PivotQuery = Static<typeof PivotQuery>;

export const PivotPage = Type.Object({
  /** The event the pivot is around. */
  anchor: LogEvent,
  scope: Type.Enum(PIVOT_SCOPES),
  /** The time window searched, ISO-8601, inclusive. */
  window: Type.Object({ from: Type.String(), to: Type.String() }),
  total: Type.Integer({ minimum: 0 }),
  /** In stream order. */
  items: Type.Array(LogEvent),
});
export type PivotPage = Static<typeof PivotPage>;

/** A process in a process tree: its creation event (Sysmon 1 or Security 4688). */
export const ProcessNode = Type.Object({
  /** Index of the creation event in the stream. */
  index: Type.Integer({ minimum: 0 }),
  /** Index of the parent's creation event, null at the top of the tree. */
  parent: Nullable(Type.Integer({ minimum: 0 })),
  /** 0 = the focus process; negative = ancestors (-1 parent), positive = descendants. */
  depth: Type.Integer(),
  source: Type.Enum(['sysmon', 'security'] as const),
  time: Nullable(Type.String()),
  host: Nullable(Type.String()),
  user: Nullable(Type.String()),
  image: Nullable(Type.String()),
  commandLine: Nullable(Type.String()),
  pid: Nullable(Type.Integer()),
  processGuid: Nullable(Type.String()),
});
export type ProcessNode = Static<typeof ProcessNode>;

export const ProcessTree = Type.Object({
  /** The event asked about. */
  event: LogEvent,
  /** Index of the focus process's creation event (the event itself, or the creation of its process), null when not found. */
  focus: Nullable(Type.Integer({ minimum: 0 })),
  /** Ancestors (top first), the focus, then descendants breadth-first; rebuild the tree with `parent`. */
  nodes: Type.Array(ProcessNode),
  /** True when the tree was cut at the depth or size limit. */
  truncated: Type.Boolean(),
});
export type ProcessTree = Static<typeof ProcessTree>;

// ---------------------------------------------------------------- scenarios (instructors pick one for an exercise)

/** A training scenario the generator knows (its story stays on the server: no answer key here). */
export const ScenarioSummary = Type.Object({
  id: Type.String(),
  version: Type.String(),
  title: Type.String(),
  /** Instructor-facing one-liner of the story (a spoiler for trainees, hence instructors only). */
  summary: Type.String(),
  difficulty: Type.String(),
  techniques: Type.Array(Type.String()),
});
export type ScenarioSummary = Static<typeof ScenarioSummary>;
export const ScenarioList = Type.Array(ScenarioSummary);

/** The replay runner's view of an exercise's event stream (instructors). */
export const ReplayStreamStatus = Type.Object({
  exerciseId: Id,
  /** The scenario's events are generated and imported. */
  prepared: Type.Boolean(),
  events: Nullable(Type.Integer({ minimum: 0 })),
  /** Being generated/imported right now (a full day takes tens of seconds). */
  preparing: Type.Boolean(),
  /** Why the stream could not be prepared (e.g. an unknown scenario id), else null. */
  problem: Nullable(Type.String()),
});
export type ReplayStreamStatus = Static<typeof ReplayStreamStatus>;
