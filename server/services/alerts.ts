// A trainee's alert queue: listing with filters, take/release, escalate/close with a verdict, notes,
// and the trainee's audit trail. Every trainee works their own copy of the exercise's queue.
import type { Alert, AlertDetail, AlertPage, AlertQuery, AuditEntry } from '../contract/api.js';
import type { AlertStatus, AlertVerdict } from '../contract/vocab.js';
import { ALERT_TRANSITIONS } from '../contract/vocab.js';
import type { AlertRow, NewAlert, Store, UserRow } from '../store/index.js';
import type { LabEvents } from '../events.js';
import type { AuditRow } from '../store/audit.js';
import { ApiError, notFound } from '../errors.js';
import type { ExerciseService } from './exercises.js';
import { matchFromJson, ruleInfoFromJson } from './alert-explanation.js';

export function alertView(a: AlertRow): Alert {
  return {
    id: a.id,
    exerciseId: a.exerciseId,
    ruleId: a.ruleId,
    ruleTitle: a.ruleTitle,
    severity: a.severity,
    eventIndex: a.eventIndex,
    eventTime: a.eventTime,
    host: a.host,
    user: a.user,
    summary: a.summary,
    createdAt: a.createdAt,
    work: {
      status: a.status,
      owner: a.ownerId === null ? null : { id: a.ownerId, username: a.ownerName ?? '' },
      verdict: a.verdict,
      reason: a.reason,
      updatedAt: a.workUpdatedAt,
    },
  };
}

export function auditView(r: AuditRow): AuditEntry {
  return {
    id: r.id,
    at: r.at,
    actor: r.actorId === null ? null : { id: r.actorId, username: r.actorName ?? '' },
    action: r.action,
    targetType: r.targetType,
    targetId: r.targetId,
    details: r.details,
  };
}

type Move =
  | { kind: 'take' }
  | { kind: 'release' }
  | { kind: 'escalate'; reason: string }
  | { kind: 'close'; verdict: AlertVerdict; reason: string };

const TARGET: Record<Move['kind'], AlertStatus> = {
  take: 'in_progress',
  release: 'new',
  escalate: 'escalated',
  close: 'closed',
};

export class AlertService {
  constructor(
    private readonly store: Store,
    private readonly exercises: ExerciseService,
    private readonly events: LabEvents,
  ) {}

  /**
   * Records alerts raised by the replay for one exercise, in one transaction; repeats of an alert
   * (same rule on the same event) are ignored. Announces the new ones to live listeners and
   * returns how many were new.
   */
  record(exerciseId: number, alerts: readonly Omit<NewAlert, 'exerciseId'>[]): number {
    const added = this.store.transaction(() => {
      if (!this.store.exercises.byId(exerciseId)) throw notFound(`exercise ${exerciseId}`);
      let n = 0;
      for (const a of alerts) if (this.store.alerts.insert({ ...a, exerciseId }) !== null) n++;
      return n;
    });
    if (added > 0) {
      this.events.publish(exerciseId, { type: 'alerts', exerciseId, added, total: this.store.alerts.countForExercise(exerciseId) });
    }
    return added;
  }

  /**
   * A trainee's queue. Trainees see their own; instructors name the trainee (`q.trainee`), who must
   * belong to the exercise's cohort.
   */
  queue(exerciseId: number, viewer: UserRow, q: AlertQuery): AlertPage {
    const exercise = this.exercises.visible(exerciseId, viewer);
    let traineeId = viewer.id;
    if (viewer.role === 'trainee') {
      if (q.trainee !== undefined && q.trainee !== viewer.id) throw new ApiError(403, 'forbidden', 'trainees see only their own queue');
    } else {
      if (q.trainee === undefined) {
        throw new ApiError(400, 'bad_request', 'name the trainee whose queue to show: ?trainee=<user id>');
      }
      const member = this.store.users.byId(q.trainee);
      if (!member || member.role !== 'trainee' || !this.store.cohorts.isMember(exercise.cohortId, member.id)) {
        throw notFound(`trainee ${q.trainee} in exercise ${exerciseId}`);
      }
      traineeId = member.id;
    }
    const { total, items } = this.store.alerts.list(exerciseId, traineeId, {
      ...q,
      limit: q.limit ?? 100,
      offset: q.offset ?? 0,
    });
    return { total, items: items.map(alertView) };
  }

  /** The alert as `trainee` sees it, if it belongs to an exercise of their cohorts. */
  private visible(alertId: number, trainee: UserRow): AlertRow {
    const a = this.store.alerts.get(alertId, trainee.id);
    if (!a) throw notFound(`alert ${alertId}`);
    try {
      this.exercises.visible(a.exerciseId, trainee);
    } catch {
      throw notFound(`alert ${alertId}`);
    }
    return a;
  }

  detail(alertId: number, trainee: UserRow): AlertDetail {
    const a = this.visible(alertId, trainee);
    const notes = this.store.alerts.notes(a.id, trainee.id).map((n) => ({
      id: n.id,
      author: { id: n.authorId, username: n.authorName },
      body: n.body,
      createdAt: n.createdAt,
    }));
    const kept = this.store.alerts.explanation(a.id);
    return { alert: alertView(a), notes, rule: ruleInfoFromJson(kept?.ruleJson), match: matchFromJson(kept?.matchJson) };
  }

  /** Moves the alert in the trainee's queue; 409 invalid_transition when the move is not allowed. */
  move(alertId: number, trainee: UserRow, move: Move): Alert {
    return this.store.transaction(() => {
      const a = this.visible(alertId, trainee);
      const to = TARGET[move.kind];
      if (!ALERT_TRANSITIONS[a.status].includes(to)) {
        throw new ApiError(409, 'invalid_transition', `cannot ${move.kind} an alert that is ${a.status}`, {
          from: a.status,
          to,
          allowed: ALERT_TRANSITIONS[a.status],
        });
      }
      this.store.alerts.setWork(a.id, trainee.id, {
        status: to,
        ownerId: to === 'in_progress' ? trainee.id : null,
        verdict: move.kind === 'close' ? move.verdict : null,
        reason: move.kind === 'close' || move.kind === 'escalate' ? move.reason : null,
      });
      const details: Record<string, unknown> = { from: a.status, to };
      if (move.kind === 'close') details.verdict = move.verdict;
      if (move.kind === 'close' || move.kind === 'escalate') details.reason = move.reason;
      this.store.audit.add({ actorId: trainee.id, action: `alert.${move.kind}`, targetType: 'alert', targetId: a.id, details });
      return alertView(this.store.alerts.get(a.id, trainee.id)!);
    });
  }

  addNote(alertId: number, trainee: UserRow, body: string): AlertDetail {
    this.store.transaction(() => {
      const a = this.visible(alertId, trainee);
      const noteId = this.store.alerts.addNote(a.id, trainee.id, trainee.id, body);
      this.store.audit.add({ actorId: trainee.id, action: 'alert.note', targetType: 'alert', targetId: a.id, details: { noteId } });
    });
    return this.detail(alertId, trainee);
  }

  /** The trainee's own actions on the alert, oldest first. */
  audit(alertId: number, trainee: UserRow): AuditEntry[] {
    const a = this.visible(alertId, trainee);
    return this.store.audit.forTarget('alert', a.id, trainee.id).map(auditView);
  }
}
