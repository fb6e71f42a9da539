// Exercises: creating them for a cohort, listing what a user may see, and the replay controls.
// The replay controls only change the persisted state here; the replay runner (a later part) reads
// that state, feeds the scenario's events through the engine and writes alerts.
import type { Exercise, ExerciseProgress, ReplayAction } from '../contract/api.js';
import type { ReplayStatus } from '../contract/vocab.js';
import type { ExerciseRow, Store, UserRow } from '../store/index.js';
import { ApiError, notFound } from '../errors.js';
import type { LabEvents } from '../events.js';

/** Which replay action is allowed from which status, and where it leads. */
export const REPLAY_MOVES: Record<ReplayAction, { from: readonly ReplayStatus[]; to: ReplayStatus }> = {
  start: { from: ['idle'], to: 'running' },
  pause: { from: ['running'], to: 'paused' },
  resume: { from: ['paused'], to: 'running' },
  // Restart replays from the first event with a clean slate: the exercise's alerts are deleted, and
  // with them every trainee's queue work and notes on them. Reports (drafts and submitted) and the
  // audit log stay.
  restart: { from: ['idle', 'running', 'paused', 'finished'], to: 'running' },
};

export function exerciseView(e: ExerciseRow): Exercise {
  return {
    id: e.id,
    title: e.title,
    scenarioId: e.scenarioId,
    seed: e.seed,
    cohort: { id: e.cohortId, name: e.cohortName },
    replay: { status: e.replayStatus, speed: e.replaySpeed, position: e.replayPosition, updatedAt: e.replayUpdatedAt },
    createdAt: e.createdAt,
  };
}

/** Called after an exercise's replay state changed (the replay runner follows it). */
export type ReplayListener = (exerciseId: number, change: ReplayAction | 'speed') => void;

export class ExerciseService {
  private readonly replayListeners: ReplayListener[] = [];

  constructor(
    private readonly store: Store,
    private readonly events: LabEvents,
  ) {}

  /**
   * The exercise if `user` may see it: staff see every exercise, a trainee only those of their
   * cohorts. Anything else is reported as not found, so ids of other cohorts' exercises leak nothing.
   */
  visible(id: number, user: UserRow): ExerciseRow {
    const e = this.store.exercises.byId(id);
    if (!e || (user.role === 'trainee' && !this.store.cohorts.isMember(e.cohortId, user.id))) {
      throw notFound(`exercise ${id}`);
    }
    return e;
  }

  get(id: number, user: UserRow): Exercise {
    return exerciseView(this.visible(id, user));
  }

  list(user: UserRow): Exercise[] {
    const rows = user.role === 'trainee' ? this.store.exercises.listForMember(user.id) : this.store.exercises.listAll();
    return rows.map(exerciseView);
  }

  /** Staff overview: every trainee of the exercise's cohort, their queue counts and report status. */
  progress(id: number, staff: UserRow): ExerciseProgress {
    const e = this.visible(id, staff);
    const alertCount = this.store.alerts.countForExercise(id);
    const work = this.store.alerts.workCounts(id);
    const reports = new Map(this.store.reports.list({ exerciseId: id }).map((r) => [r.traineeId, r]));
    const trainees = this.store.cohorts.trainees(e.cohortId).map((t) => {
      const counts = { new: 0, in_progress: 0, escalated: 0, closed: 0 };
      for (const w of work) if (w.traineeId === t.id) counts[w.status] += w.n;
      counts.new = alertCount - counts.in_progress - counts.escalated - counts.closed;
      const r = reports.get(t.id);
      return {
        trainee: t,
        counts,
        report: r ? { id: r.id, status: r.status, version: r.version, updatedAt: r.updatedAt } : null,
      };
    });
    return { exerciseId: id, alertCount, trainees };
  }

  create(input: { cohortId: number; scenarioId: string; seed: number; title?: string }, actor: UserRow): Exercise {
    return this.store.transaction(() => {
      if (!this.store.cohorts.byId(input.cohortId)) throw notFound(`cohort ${input.cohortId}`);
      const e = this.store.exercises.insert({
        cohortId: input.cohortId,
        scenarioId: input.scenarioId,
        seed: input.seed,
        title: input.title ?? `${input.scenarioId} (seed ${input.seed})`,
        createdBy: actor.id,
      });
      this.store.audit.add({
        actorId: actor.id,
        action: 'exercise.create',
        targetType: 'exercise',
        targetId: e.id,
        details: { cohortId: e.cohortId, scenarioId: e.scenarioId, seed: e.seed },
      });
      return exerciseView(e);
    });
  }

  /** Registers a listener for replay state changes (called after the change is committed). */
  onReplayChange(listener: ReplayListener): void {
    this.replayListeners.push(listener);
  }

  private notify(id: number, change: ReplayAction | 'speed'): void {
    for (const l of this.replayListeners) l(id, change);
  }

  replay(id: number, action: ReplayAction, actor: UserRow): Exercise {
    const result = this.store.transaction(() => {
      const e = this.visible(id, actor);
      const move = REPLAY_MOVES[action];
      if (!move.from.includes(e.replayStatus)) {
        throw new ApiError(409, 'invalid_transition', `cannot ${action} a replay that is ${e.replayStatus}`, {
          from: e.replayStatus,
          action,
          allowedFrom: move.from,
        });
      }
      const position = action === 'restart' ? 0 : e.replayPosition;
      const cleared = action === 'restart' ? this.store.alerts.deleteForExercise(id) : 0;
      const updated = this.store.exercises.updateReplay(id, { status: move.to, speed: e.replaySpeed, position })!;
      this.store.audit.add({
        actorId: actor.id,
        action: `replay.${action}`,
        targetType: 'exercise',
        targetId: id,
        details: action === 'restart' ? { from: e.replayStatus, to: move.to, alertsCleared: cleared } : { from: e.replayStatus, to: move.to },
      });
      return this.announce(exerciseView(updated));
    });
    this.notify(id, action);
    return result;
  }

  private announce(exercise: Exercise): Exercise {
    this.events.publish(exercise.id, { type: 'replay', exercise });
    return exercise;
  }

  setSpeed(id: number, speed: number, actor: UserRow): Exercise {
    const result = this.store.transaction(() => {
      const e = this.visible(id, actor);
      const updated = this.store.exercises.updateReplay(id, {
        status: e.replayStatus,
        speed,
        position: e.replayPosition,
      })!;
      this.store.audit.add({
        actorId: actor.id,
        action: 'replay.speed',
        targetType: 'exercise',
        targetId: id,
        details: { from: e.replaySpeed, to: speed },
      });
      return this.announce(exerciseView(updated));
    });
    this.notify(id, 'speed');
    return result;
  }
}
