// Cohorts and their trainees.
import type { Db } from './db.js';
import { nowIso } from './time.js';

export interface CohortRow {
  id: number;
  name: string;
  createdAt: string;
}

export interface MemberRow {
  id: number;
  username: string;
}

export class CohortStore {
  private readonly insertStmt;
  private readonly byIdStmt;
  private readonly byNameStmt;
  private readonly listStmt;
  private readonly addMemberStmt;
  private readonly traineesStmt;
  private readonly cohortsOfStmt;
  private readonly isMemberStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare<[string, string]>('INSERT INTO cohorts (name, created_at) VALUES (?, ?)');
    const cols = 'id, name, created_at AS createdAt';
    this.byIdStmt = db.prepare<[number], CohortRow>(`SELECT ${cols} FROM cohorts WHERE id = ?`);
    this.byNameStmt = db.prepare<[string], CohortRow>(`SELECT ${cols} FROM cohorts WHERE name = ?`);
    this.listStmt = db.prepare<[], CohortRow>(`SELECT ${cols} FROM cohorts ORDER BY name`);
    this.addMemberStmt = db.prepare<[number, number, string]>(
      'INSERT OR IGNORE INTO memberships (cohort_id, user_id, created_at) VALUES (?, ?, ?)',
    );
    this.traineesStmt = db.prepare<[number], MemberRow>(
      `SELECT u.id, u.username FROM memberships m JOIN users u ON u.id = m.user_id
       WHERE m.cohort_id = ? AND u.role = 'trainee' ORDER BY u.username`,
    );
    this.cohortsOfStmt = db.prepare<[number], CohortRow>(
      `SELECT c.id, c.name, c.created_at AS createdAt FROM memberships m JOIN cohorts c ON c.id = m.cohort_id
       WHERE m.user_id = ? ORDER BY c.name`,
    );
    this.isMemberStmt = db.prepare<[number, number], { one: number }>(
      'SELECT 1 AS one FROM memberships WHERE cohort_id = ? AND user_id = ?',
    );
  }

  /** Throws a SQLITE_CONSTRAINT_UNIQUE error when the name (case-insensitive) exists. */
  insert(name: string): CohortRow {
    const createdAt = nowIso();
    const { lastInsertRowid } = this.insertStmt.run(name, createdAt);
    return { id: Number(lastInsertRowid), name, createdAt };
  }

  byId(id: number): CohortRow | undefined {
    return this.byIdStmt.get(id);
  }

  byName(name: string): CohortRow | undefined {
    return this.byNameStmt.get(name);
  }

  list(): CohortRow[] {
    return this.listStmt.all();
  }

  /** Idempotent: returns false when the user already was a member. */
  addMember(cohortId: number, userId: number): boolean {
    return this.addMemberStmt.run(cohortId, userId, nowIso()).changes > 0;
  }

  trainees(cohortId: number): MemberRow[] {
    return this.traineesStmt.all(cohortId);
  }

  cohortsOf(userId: number): CohortRow[] {
    return this.cohortsOfStmt.all(userId);
  }

  isMember(cohortId: number, userId: number): boolean {
    return this.isMemberStmt.get(cohortId, userId) !== undefined;
  }
}
