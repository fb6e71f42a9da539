// Exercises (a scenario replay for a cohort) and their replay state.
import type { ReplayStatus } from '../contract/vocab.js';
import type { Db } from './db.js';
import { nowIso } from './time.js';

export interface ExerciseRow {
  id: number;
  cohortId: number;
  cohortName: string;
  scenarioId: string;
  seed: number;
  title: string;
  createdBy: number | null;
  createdAt: string;
  replayStatus: ReplayStatus;
  replaySpeed: number;
  replayPosition: number;
  replayUpdatedAt: string;
}

export interface NewExercise {
  cohortId: number;
  scenarioId: string;
  seed: number;
  title: string;
  createdBy: number | null;
}

export interface ReplayUpdate {
  status: ReplayStatus;
  speed: number;
  position: number;
}

const SELECT = `SELECT e.id, e.cohort_id AS cohortId, c.name AS cohortName, e.scenario_id AS scenarioId, e.seed,
  e.title, e.created_by AS createdBy, e.created_at AS createdAt, e.replay_status AS replayStatus,
  e.replay_speed AS replaySpeed, e.replay_position AS replayPosition, e.replay_updated_at AS replayUpdatedAt
  FROM exercises e JOIN cohorts c ON c.id = e.cohort_id`;

export class ExerciseStore {
  private readonly insertStmt;
  private readonly byIdStmt;
  private readonly listStmt;
  private readonly listForMemberStmt;
  private readonly replayStmt;
  private readonly positionStmt;
  private readonly runningStmt;

  constructor(db: Db) {
    this.insertStmt = db.prepare(
      `INSERT INTO exercises (cohort_id, scenario_id, seed, title, created_by, created_at, replay_updated_at)
       VALUES (@cohortId, @scenarioId, @seed, @title, @createdBy, @now, @now)`,
    );
    this.byIdStmt = db.prepare<[number], ExerciseRow>(`${SELECT} WHERE e.id = ?`);
    this.listStmt = db.prepare<[], ExerciseRow>(`${SELECT} ORDER BY e.id DESC`);
    this.listForMemberStmt = db.prepare<[number], ExerciseRow>(
      `${SELECT} WHERE e.cohort_id IN (SELECT cohort_id FROM memberships WHERE user_id = ?) ORDER BY e.id DESC`,
    );
    this.replayStmt = db.prepare(
      `UPDATE exercises SET replay_status = @status, replay_speed = @speed, replay_position = @position,
       replay_updated_at = @now WHERE id = @id`,
    );
    this.positionStmt = db.prepare<[number, number]>('UPDATE exercises SET replay_position = ? WHERE id = ?');
    this.runningStmt = db.prepare<[], ExerciseRow>(`${SELECT} WHERE e.replay_status = 'running' ORDER BY e.id`);
  }

  /**
   * Moves only the replay position (the runner's progress), leaving status and speed as they are, so
   * a progress write never undoes an instructor's concurrent pause or speed change.
   */
  setReplayPosition(id: number, position: number): void {
    this.positionStmt.run(position, id);
  }

  /** Exercises whose replay is running (resumed by the replay runner at start-up). */
  listRunning(): ExerciseRow[] {
    return this.runningStmt.all();
  }

  insert(e: NewExercise): ExerciseRow {
    const { lastInsertRowid } = this.insertStmt.run({ ...e, now: nowIso() });
    return this.byId(Number(lastInsertRowid))!;
  }

  byId(id: number): ExerciseRow | undefined {
    return this.byIdStmt.get(id);
  }

  listAll(): ExerciseRow[] {
    return this.listStmt.all();
  }

  /** Exercises of the cohorts the user belongs to. */
  listForMember(userId: number): ExerciseRow[] {
    return this.listForMemberStmt.all(userId);
  }

  updateReplay(id: number, r: ReplayUpdate): ExerciseRow | undefined {
    this.replayStmt.run({ id, ...r, now: nowIso() });
    return this.byId(id);
  }
}
