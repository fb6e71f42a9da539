// The store: one object holding the database and a repository per table group. Statements are
// prepared once, when the store opens. Multi-statement writes go through `transaction`.
import type { MigrationResult } from './migrate.js';
import { openDatabase, type Db } from './db.js';
import { AlertStore } from './alerts.js';
import { AuditStore } from './audit.js';
import { CohortStore } from './cohorts.js';
import { ExerciseStore } from './exercises.js';
import { ExerciseEventStore } from './exercise-events.js';
import { ReportStore } from './reports.js';
import { SessionStore } from './sessions.js';
import { SettingsStore } from './settings.js';
import { UserStore } from './users.js';

export class Store {
  readonly users: UserStore;
  readonly sessions: SessionStore;
  readonly cohorts: CohortStore;
  readonly exercises: ExerciseStore;
  /** The replayed scenario events of each exercise (replay runner, pivots). */
  readonly exerciseEvents: ExerciseEventStore;
  readonly alerts: AlertStore;
  readonly reports: ReportStore;
  readonly audit: AuditStore;
  readonly settings: SettingsStore;
  private readonly pingStmt;

  private constructor(
    readonly db: Db,
    readonly migration: MigrationResult,
  ) {
    this.users = new UserStore(db);
    this.sessions = new SessionStore(db);
    this.cohorts = new CohortStore(db);
    this.exercises = new ExerciseStore(db);
    this.exerciseEvents = new ExerciseEventStore(db);
    this.alerts = new AlertStore(db);
    this.reports = new ReportStore(db);
    this.audit = new AuditStore(db);
    this.settings = new SettingsStore(db);
    this.pingStmt = db.prepare('SELECT 1');
  }

  /** Throws when the database cannot answer a query. */
  ping(): void {
    this.pingStmt.get();
  }

  /** Opens (creating and migrating if needed) the database at `path`. */
  static open(path: string): Store {
    const { db, migration } = openDatabase(path);
    try {
      return new Store(db, migration);
    } catch (err) {
      db.close();
      throw err;
    }
  }

  /** Runs `fn` in one transaction (nested calls become savepoints). */
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }

  get schemaVersion(): number {
    return this.migration.version;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}

export type { NewAlert, AlertRow, AlertFilter } from './alerts.js';
export type { ExerciseRow } from './exercises.js';
export type { ExerciseEventRow, NewExerciseEvent, StreamInfo, EventSearch } from './exercise-events.js';
export type { UserRow } from './users.js';
export type { ReportRow } from './reports.js';
