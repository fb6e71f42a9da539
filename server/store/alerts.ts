// Alerts of an exercise (written by the replay) and each trainee's queue work on them.
import type { AlertStatus, AlertVerdict, Severity } from '../contract/vocab.js';
import { SEVERITIES } from '../contract/vocab.js';
import type { Db } from './db.js';
import { nowIso } from './time.js';

/** What the replay records when a rule fires on an event of the scenario stream. */
export interface NewAlert {
  exerciseId: number;
  ruleId: string;
  ruleTitle: string;
  severity: Severity;
  eventIndex: number;
  /** ISO-8601, or null when the event has no time. */
  eventTime: string | null;
  host: string | null;
  user: string | null;
  summary: string;
  /** The engine's match explanation, kept for "why did this fire". */
  match?: unknown;
  /** The rule's metadata (level, tags, description, false positives), kept for the alert detail. */
  rule?: unknown;
}

/** What was kept with the alert to explain it (JSON texts; rule is null for alerts recorded without it). */
export interface AlertExplanationRow {
  ruleJson: string | null;
  matchJson: string;
}

/** An alert joined with one trainee's work on it (defaults when the trainee has not touched it). */
export interface AlertRow extends Omit<NewAlert, 'match' | 'rule'> {
  id: number;
  createdAt: string;
  status: AlertStatus;
  ownerId: number | null;
  ownerName: string | null;
  verdict: AlertVerdict | null;
  reason: string | null;
  workUpdatedAt: string | null;
}

export interface AlertFilter {
  status?: AlertStatus;
  severity?: Severity;
  minSeverity?: Severity;
  /** Exact rule id, or a case-insensitive substring of the rule title. */
  rule?: string;
  /** Case-insensitive exact host. */
  host?: string;
  /** Case-insensitive exact user. */
  user?: string;
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

export interface WorkUpdate {
  status: AlertStatus;
  ownerId: number | null;
  verdict: AlertVerdict | null;
  reason: string | null;
}

export interface NoteRow {
  id: number;
  authorId: number;
  authorName: string;
  body: string;
  createdAt: string;
}

const severityRank = `CASE a.severity ${SEVERITIES.map((s, i) => `WHEN '${s}' THEN ${i}`).join(' ')} END`;

const SELECT = `SELECT a.id, a.exercise_id AS exerciseId, a.rule_id AS ruleId, a.rule_title AS ruleTitle,
  a.severity, a.event_index AS eventIndex, a.event_time AS eventTime, a.host, a.user_name AS user, a.summary,
  a.created_at AS createdAt, coalesce(w.status, 'new') AS status, w.owner_id AS ownerId, o.username AS ownerName,
  w.verdict, w.reason, w.updated_at AS workUpdatedAt
  FROM alerts a
  LEFT JOIN alert_work w ON w.alert_id = a.id AND w.trainee_id = @traineeId
  LEFT JOIN users o ON o.id = w.owner_id`;

// Every filter is optional: "(@x IS NULL OR ...)" keeps one statement prepared once for all combinations.
const WHERE = `WHERE a.exercise_id = @exerciseId
  AND (@status IS NULL OR coalesce(w.status, 'new') = @status)
  AND (@severity IS NULL OR a.severity = @severity)
  AND (@minRank IS NULL OR ${severityRank} >= @minRank)
  AND (@rule IS NULL OR a.rule_id = @rule OR instr(lower(a.rule_title), lower(@rule)) > 0)
  AND (@host IS NULL OR a.host = @host COLLATE NOCASE)
  AND (@user IS NULL OR a.user_name = @user COLLATE NOCASE)
  AND (@from IS NULL OR a.event_time >= @from)
  AND (@to IS NULL OR a.event_time <= @to)`;

export class AlertStore {
  private readonly insertStmt;
  private readonly getStmt;
  private readonly listStmt;
  private readonly countStmt;
  private readonly upsertWorkStmt;
  private readonly addNoteStmt;
  private readonly notesStmt;
  private readonly countForExerciseStmt;
  private readonly workCountsStmt;
  private readonly deleteForExerciseStmt;
  private readonly explanationStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO alerts (exercise_id, rule_id, rule_title, severity, event_index, event_time, host, user_name,
         summary, match_json, rule_json, created_at)
       VALUES (@exerciseId, @ruleId, @ruleTitle, @severity, @eventIndex, @eventTime, @host, @user, @summary,
         @matchJson, @ruleJson, @now)
       ON CONFLICT (exercise_id, rule_id, event_index) DO NOTHING`,
    );
    this.getStmt = db.prepare(`${SELECT} WHERE a.id = @id`);
    this.listStmt = db.prepare(
      `${SELECT} ${WHERE} ORDER BY a.event_time IS NULL, a.event_time, a.id LIMIT @limit OFFSET @offset`,
    );
    this.countStmt = db.prepare(
      `SELECT count(*) AS n FROM alerts a
       LEFT JOIN alert_work w ON w.alert_id = a.id AND w.trainee_id = @traineeId ${WHERE}`,
    );
    this.upsertWorkStmt = db.prepare(
      `INSERT INTO alert_work (alert_id, trainee_id, status, owner_id, verdict, reason, updated_at)
       VALUES (@alertId, @traineeId, @status, @ownerId, @verdict, @reason, @now)
       ON CONFLICT (alert_id, trainee_id) DO UPDATE SET status = excluded.status, owner_id = excluded.owner_id,
         verdict = excluded.verdict, reason = excluded.reason, updated_at = excluded.updated_at`,
    );
    this.addNoteStmt = db.prepare<[number, number, number, string, string]>(
      'INSERT INTO alert_notes (alert_id, trainee_id, author_id, body, created_at) VALUES (?, ?, ?, ?, ?)',
    );
    this.notesStmt = db.prepare<[number, number], NoteRow>(
      `SELECT n.id, n.author_id AS authorId, u.username AS authorName, n.body, n.created_at AS createdAt
       FROM alert_notes n JOIN users u ON u.id = n.author_id WHERE n.alert_id = ? AND n.trainee_id = ? ORDER BY n.id`,
    );
    this.countForExerciseStmt = db.prepare<[number], { n: number }>('SELECT count(*) AS n FROM alerts WHERE exercise_id = ?');
    this.workCountsStmt = db.prepare<[number], { traineeId: number; status: AlertStatus; n: number }>(
      `SELECT w.trainee_id AS traineeId, w.status, count(*) AS n FROM alert_work w JOIN alerts a ON a.id = w.alert_id
       WHERE a.exercise_id = ? GROUP BY w.trainee_id, w.status`,
    );
    this.deleteForExerciseStmt = db.prepare<[number]>('DELETE FROM alerts WHERE exercise_id = ?');
    this.explanationStmt = db.prepare<[number], AlertExplanationRow>(
      'SELECT rule_json AS ruleJson, match_json AS matchJson FROM alerts WHERE id = ?',
    );
  }

  /**
   * Deletes every alert of the exercise (a replay restart); their per-trainee work and notes go with
   * them (ON DELETE CASCADE). Returns how many alerts were deleted.
   */
  deleteForExercise(exerciseId: number): number {
    return this.deleteForExerciseStmt.run(exerciseId).changes;
  }

  countForExercise(exerciseId: number): number {
    return this.countForExerciseStmt.get(exerciseId)!.n;
  }

  /** Per trainee and status, how many alerts of the exercise they have touched (untouched = new). */
  workCounts(exerciseId: number): { traineeId: number; status: AlertStatus; n: number }[] {
    return this.workCountsStmt.all(exerciseId);
  }

  /** Records an alert; returns its id, or null when this rule already fired on this event. */
  insert(a: NewAlert): number | null {
    const r = this.insertStmt.run({
      exerciseId: a.exerciseId,
      ruleId: a.ruleId,
      ruleTitle: a.ruleTitle,
      severity: a.severity,
      eventIndex: a.eventIndex,
      eventTime: a.eventTime === null ? null : new Date(a.eventTime).toISOString(),
      host: a.host,
      user: a.user,
      summary: a.summary,
      matchJson: JSON.stringify(a.match ?? {}),
      ruleJson: a.rule === undefined ? null : JSON.stringify(a.rule),
      now: nowIso(),
    });
    return r.changes > 0 ? Number(r.lastInsertRowid) : null;
  }

  /** The rule metadata and match explanation kept with the alert (callers check visibility first). */
  explanation(id: number): AlertExplanationRow | undefined {
    return this.explanationStmt.get(id);
  }

  /** The alert as seen by one trainee. */
  get(id: number, traineeId: number): AlertRow | undefined {
    return this.getStmt.get({ id, traineeId }) as AlertRow | undefined;
  }

  list(exerciseId: number, traineeId: number, f: AlertFilter): { total: number; items: AlertRow[] } {
    const params = {
      exerciseId,
      traineeId,
      status: f.status ?? null,
      severity: f.severity ?? null,
      minRank: f.minSeverity === undefined ? null : SEVERITIES.indexOf(f.minSeverity),
      rule: f.rule ?? null,
      host: f.host ?? null,
      user: f.user ?? null,
      from: f.from === undefined ? null : new Date(f.from).toISOString(),
      to: f.to === undefined ? null : new Date(f.to).toISOString(),
    };
    const total = (this.countStmt.get(params) as { n: number }).n;
    const items = this.listStmt.all({ ...params, limit: f.limit, offset: f.offset }) as AlertRow[];
    return { total, items };
  }

  setWork(alertId: number, traineeId: number, w: WorkUpdate): void {
    this.upsertWorkStmt.run({ alertId, traineeId, ...w, now: nowIso() });
  }

  addNote(alertId: number, traineeId: number, authorId: number, body: string): number {
    return Number(this.addNoteStmt.run(alertId, traineeId, authorId, body, nowIso()).lastInsertRowid);
  }

  notes(alertId: number, traineeId: number): NoteRow[] {
    return this.notesStmt.all(alertId, traineeId);
  }
}
