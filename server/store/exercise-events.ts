// The scenario events of each exercise (imported once per exercise from its generated
// events.jsonl): read in index order by the replay runner, searched by the analyst's pivots.
import type { Db } from './db.js';
import { nowIso } from './time.js';

/** One event as stored, with the columns the pivots search on. */
export interface NewExerciseEvent {
  index: number;
  /** Schedule time (epoch ms): the event time, never earlier than the previous event's. */
  tMs: number;
  /** The event's own time (ISO-8601) or null when it has none. */
  time: string | null;
  host: string | null;
  user: string | null;
  eventId: number | null;
  /** Process creation (Sysmon 1, Security 4688). */
  procCreate: boolean;
  processGuid: string | null;
  parentProcessGuid: string | null;
  pid: number | null;
  ppid: number | null;
  /** The event as JSON (the object the engine matched). */
  json: string;
}

export interface ExerciseEventRow {
  index: number;
  tMs: number;
  time: string | null;
  host: string | null;
  user: string | null;
  eventId: number | null;
  procCreate: number;
  processGuid: string | null;
  parentProcessGuid: string | null;
  pid: number | null;
  ppid: number | null;
  json: string;
}

export interface StreamInfo {
  events: number;
  firstMs: number | null;
  lastMs: number | null;
  generator: string;
  scale: number;
  preparedAt: string;
}

export interface EventSearch {
  /** Only events before this index (what has been replayed so far). */
  before: number;
  fromMs: number;
  toMs: number;
  /** Case-insensitive exact host / user; both null = every event in the window. */
  host: string | null;
  user: string | null;
  /** Case-insensitive substring of the event's JSON text. */
  text: string | null;
  /** JSON path ('$."Name"') of a field and a case-insensitive substring of its value. */
  fieldPath: string | null;
  fieldValue: string | null;
  eventId: number | null;
  limit: number;
  offset: number;
}

const COLUMNS = `idx AS "index", t_ms AS tMs, time, host, user_name AS user, event_id AS eventId,
  proc_create AS procCreate, process_guid AS processGuid, parent_process_guid AS parentProcessGuid, pid, ppid, json`;

const SEARCH_WHERE = `WHERE exercise_id = @exerciseId AND idx < @before AND t_ms BETWEEN @fromMs AND @toMs
  AND (@host IS NULL OR host = @host)
  AND (@user IS NULL OR user_name = @user)
  AND (@eventId IS NULL OR event_id = @eventId)
  AND (@text IS NULL OR instr(lower(json), lower(@text)) > 0)
  AND (@fieldPath IS NULL OR instr(lower(CAST(json_extract(json, @fieldPath) AS TEXT)), lower(@fieldValue)) > 0)`;

export class ExerciseEventStore {
  private readonly insertStmt;
  private readonly streamStmt;
  private readonly setStreamStmt;
  private readonly clearStmt;
  private readonly rangeStmt;
  private readonly byIndexStmt;
  private readonly searchStmt;
  private readonly searchCountStmt;
  private readonly byGuidStmt;
  private readonly childrenByGuidStmt;
  private readonly parentByPidStmt;
  private readonly childrenByPidStmt;
  private readonly nextSamePidStmt;

  constructor(private readonly db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO exercise_events (exercise_id, idx, t_ms, time, host, user_name, event_id, proc_create,
         process_guid, parent_process_guid, pid, ppid, json)
       VALUES (@exerciseId, @index, @tMs, @time, @host, @user, @eventId, @procCreate, @processGuid,
         @parentProcessGuid, @pid, @ppid, @json)`,
    );
    this.streamStmt = db.prepare<[number], StreamInfo>(
      `SELECT events, first_ms AS firstMs, last_ms AS lastMs, generator, scale, prepared_at AS preparedAt
       FROM exercise_streams WHERE exercise_id = ?`,
    );
    this.setStreamStmt = db.prepare(
      `INSERT INTO exercise_streams (exercise_id, events, first_ms, last_ms, generator, scale, prepared_at)
       VALUES (@exerciseId, @events, @firstMs, @lastMs, @generator, @scale, @preparedAt)`,
    );
    this.clearStmt = db.prepare<[number]>('DELETE FROM exercise_events WHERE exercise_id = ?');
    this.rangeStmt = db.prepare<[number, number, number], ExerciseEventRow>(
      `SELECT ${COLUMNS} FROM exercise_events WHERE exercise_id = ? AND idx >= ? ORDER BY idx LIMIT ?`,
    );
    this.byIndexStmt = db.prepare<[number, number], ExerciseEventRow>(
      `SELECT ${COLUMNS} FROM exercise_events WHERE exercise_id = ? AND idx = ?`,
    );
    this.searchStmt = db.prepare(
      `SELECT ${COLUMNS} FROM exercise_events ${SEARCH_WHERE} ORDER BY idx LIMIT @limit OFFSET @offset`,
    );
    this.searchCountStmt = db.prepare(`SELECT count(*) AS n FROM exercise_events ${SEARCH_WHERE}`);
    this.byGuidStmt = db.prepare<[number, string, number], ExerciseEventRow>(
      `SELECT ${COLUMNS} FROM exercise_events
       WHERE exercise_id = ? AND process_guid = ? AND proc_create = 1 AND idx < ? ORDER BY idx LIMIT 1`,
    );
    this.childrenByGuidStmt = db.prepare<[number, string, number, number], ExerciseEventRow>(
      `SELECT ${COLUMNS} FROM exercise_events
       WHERE exercise_id = ? AND parent_process_guid = ? AND proc_create = 1 AND idx < ? ORDER BY idx LIMIT ?`,
    );
    // Security 4688 has no GUIDs: a process is (host, pid) from its creation until the pid is reused.
    this.parentByPidStmt = db.prepare<[number, string, number, number], ExerciseEventRow>(
      `SELECT ${COLUMNS} FROM exercise_events
       WHERE exercise_id = ? AND host = ? AND pid = ? AND proc_create = 1 AND event_id = 4688 AND idx < ?
       ORDER BY idx DESC LIMIT 1`,
    );
    this.childrenByPidStmt = db.prepare<[number, string, number, number, number, number], ExerciseEventRow>(
      `SELECT ${COLUMNS} FROM exercise_events
       WHERE exercise_id = ? AND host = ? AND ppid = ? AND proc_create = 1 AND event_id = 4688 AND idx > ? AND idx < ?
       ORDER BY idx LIMIT ?`,
    );
    this.nextSamePidStmt = db.prepare<[number, string, number, number], { index: number }>(
      `SELECT idx AS "index" FROM exercise_events
       WHERE exercise_id = ? AND host = ? AND pid = ? AND proc_create = 1 AND event_id = 4688 AND idx > ?
       ORDER BY idx LIMIT 1`,
    );
  }

  /** The completed import of the exercise's stream, or undefined when it has not been prepared. */
  stream(exerciseId: number): StreamInfo | undefined {
    return this.streamStmt.get(exerciseId);
  }

  /** Removes a partial import (left by a crash during preparation). */
  clear(exerciseId: number): void {
    this.clearStmt.run(exerciseId);
  }

  /** Inserts a batch of events (call inside a transaction for speed). */
  insertMany(exerciseId: number, events: readonly NewExerciseEvent[]): void {
    for (const e of events) this.insertStmt.run({ exerciseId, ...e, procCreate: e.procCreate ? 1 : 0 });
  }

  /** Marks the import complete. */
  complete(exerciseId: number, info: Omit<StreamInfo, 'preparedAt'>): void {
    this.setStreamStmt.run({ exerciseId, ...info, preparedAt: nowIso() });
  }

  /** Up to `limit` events from index `from`, in order. */
  range(exerciseId: number, from: number, limit: number): ExerciseEventRow[] {
    return this.rangeStmt.all(exerciseId, from, limit);
  }

  byIndex(exerciseId: number, index: number): ExerciseEventRow | undefined {
    return this.byIndexStmt.get(exerciseId, index);
  }

  search(exerciseId: number, s: EventSearch): { total: number; items: ExerciseEventRow[] } {
    const params = {
      exerciseId,
      before: s.before,
      fromMs: s.fromMs,
      toMs: s.toMs,
      host: s.host,
      user: s.user,
      text: s.text,
      fieldPath: s.fieldPath,
      fieldValue: s.fieldValue ?? '',
      eventId: s.eventId,
    };
    const total = (this.searchCountStmt.get(params) as { n: number }).n;
    const items = this.searchStmt.all({ ...params, limit: s.limit, offset: s.offset }) as ExerciseEventRow[];
    return { total, items };
  }

  /** The creation event (Sysmon 1) of the process with this GUID, among events before `before`. */
  creationByGuid(exerciseId: number, guid: string, before: number): ExerciseEventRow | undefined {
    return this.byGuidStmt.get(exerciseId, guid, before);
  }

  /** Processes created (Sysmon 1) by the process with this GUID. */
  childrenByGuid(exerciseId: number, guid: string, before: number, limit: number): ExerciseEventRow[] {
    return this.childrenByGuidStmt.all(exerciseId, guid, before, limit);
  }

  /** The latest 4688 on `host` that created `pid` before event `at` (the parent of a 4688 event). */
  creationByPid(exerciseId: number, host: string, pid: number, at: number): ExerciseEventRow | undefined {
    return this.parentByPidStmt.get(exerciseId, host, pid, at);
  }

  /**
   * Processes a 4688-created process started: 4688 events on the same host whose creator pid is its
   * pid, after its creation and before the pid was given to another process (or `before`).
   */
  childrenByPid(exerciseId: number, creation: ExerciseEventRow, before: number, limit: number): ExerciseEventRow[] {
    if (creation.host === null || creation.pid === null) return [];
    const reuse = this.nextSamePidStmt.get(exerciseId, creation.host, creation.pid, creation.index);
    const end = Math.min(before, reuse?.index ?? Number.MAX_SAFE_INTEGER);
    return this.childrenByPidStmt.all(exerciseId, creation.host, creation.pid, creation.index, end, limit);
  }

  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}
