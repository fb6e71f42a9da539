// Incident reports: one per trainee per exercise, a draft until submitted.
import type { ReportStatus } from '../contract/vocab.js';
import type { Db } from './db.js';
import { nowIso } from './time.js';

export interface ReportRow {
  id: number;
  exerciseId: number;
  traineeId: number;
  traineeName: string;
  status: ReportStatus;
  body: unknown;
  version: number;
  createdAt: string;
  updatedAt: string;
  submittedAt: string | null;
}

export type ReportSummaryRow = Omit<ReportRow, 'body' | 'createdAt'>;

type RawReportRow = Omit<ReportRow, 'body'> & { bodyJson: string };

const COLUMNS = `r.id, r.exercise_id AS exerciseId, r.trainee_id AS traineeId, u.username AS traineeName, r.status,
  r.version, r.created_at AS createdAt, r.updated_at AS updatedAt, r.submitted_at AS submittedAt`;

export class ReportStore {
  private readonly insertStmt;
  private readonly byIdStmt;
  private readonly byOwnerStmt;
  private readonly updateStmt;
  private readonly submitStmt;
  private readonly listStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare<[number, number, string, string, string]>(
      `INSERT INTO reports (exercise_id, trainee_id, body_json, created_at, updated_at) VALUES (?, ?, ?, ?, ?)`,
    );
    const select = `SELECT ${COLUMNS}, r.body_json AS bodyJson FROM reports r JOIN users u ON u.id = r.trainee_id`;
    this.byIdStmt = db.prepare<[number], RawReportRow>(`${select} WHERE r.id = ?`);
    this.byOwnerStmt = db.prepare<[number, number], RawReportRow>(
      `${select} WHERE r.exercise_id = ? AND r.trainee_id = ?`,
    );
    // The version and status conditions make the update a compare-and-set: 0 changes means a lost race.
    this.updateStmt = db.prepare<[string, string, number, number]>(
      `UPDATE reports SET body_json = ?, updated_at = ?, version = version + 1
       WHERE id = ? AND version = ? AND status = 'draft'`,
    );
    this.submitStmt = db.prepare<[string, string, number, number]>(
      `UPDATE reports SET status = 'submitted', submitted_at = ?, updated_at = ?, version = version + 1
       WHERE id = ? AND version = ? AND status = 'draft'`,
    );
    this.listStmt = db.prepare(
      `SELECT ${COLUMNS} FROM reports r JOIN users u ON u.id = r.trainee_id
       WHERE (@exerciseId IS NULL OR r.exercise_id = @exerciseId) AND (@status IS NULL OR r.status = @status)
       ORDER BY r.exercise_id, u.username`,
    );
  }

  private static parse({ bodyJson, ...r }: RawReportRow): ReportRow {
    return { ...r, body: JSON.parse(bodyJson) as unknown };
  }

  insert(exerciseId: number, traineeId: number, body: unknown): ReportRow {
    const now = nowIso();
    const { lastInsertRowid } = this.insertStmt.run(exerciseId, traineeId, JSON.stringify(body), now, now);
    return this.byId(Number(lastInsertRowid))!;
  }

  byId(id: number): ReportRow | undefined {
    const row = this.byIdStmt.get(id);
    return row && ReportStore.parse(row);
  }

  forTrainee(exerciseId: number, traineeId: number): ReportRow | undefined {
    const row = this.byOwnerStmt.get(exerciseId, traineeId);
    return row && ReportStore.parse(row);
  }

  /** Saves a draft if it is still at `version`; returns false otherwise (conflict or submitted). */
  update(id: number, version: number, body: unknown): boolean {
    return this.updateStmt.run(JSON.stringify(body), nowIso(), id, version).changes === 1;
  }

  /** Submits a draft if it is still at `version`; returns false otherwise. */
  submit(id: number, version: number): boolean {
    const now = nowIso();
    return this.submitStmt.run(now, now, id, version).changes === 1;
  }

  list(filter: { exerciseId?: number; status?: ReportStatus }): ReportSummaryRow[] {
    return this.listStmt.all({
      exerciseId: filter.exerciseId ?? null,
      status: filter.status ?? null,
    }) as ReportSummaryRow[];
  }
}
