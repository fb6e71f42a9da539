// Incident reports: a trainee's draft (autosaved with optimistic locking), submission (then
// read-only), and the graders' view. Bodies follow the report schema of server/contract/report.ts,
// validated by the routes.
import type { Report, ReportSummary } from '../contract/api.js';
import type { IncidentReport } from '../contract/report.js';
import type { ReportStatus } from '../contract/vocab.js';
import type { ReportRow, Store, UserRow } from '../store/index.js';
import type { ReportSummaryRow } from '../store/reports.js';
import { ApiError, forbidden, notFound } from '../errors.js';
import type { ExerciseService } from './exercises.js';

function reportView(r: ReportRow): Report {
  return {
    id: r.id,
    exerciseId: r.exerciseId,
    trainee: { id: r.traineeId, username: r.traineeName },
    status: r.status,
    body: r.body as IncidentReport,
    version: r.version,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    submittedAt: r.submittedAt,
  };
}

function summaryView(r: ReportSummaryRow): ReportSummary {
  return {
    id: r.id,
    exerciseId: r.exerciseId,
    trainee: { id: r.traineeId, username: r.traineeName },
    status: r.status,
    version: r.version,
    updatedAt: r.updatedAt,
    submittedAt: r.submittedAt,
  };
}

const versionConflict = (current: ReportRow) =>
  new ApiError(409, 'version_conflict', `the report changed since you loaded it (now version ${current.version})`, {
    currentVersion: current.version,
    status: current.status,
  });

const alreadySubmitted = () => new ApiError(409, 'conflict', 'the report is submitted and read-only');

export class ReportService {
  constructor(
    private readonly store: Store,
    private readonly exercises: ExerciseService,
  ) {}

  /** The trainee's own report for the exercise. */
  own(exerciseId: number, trainee: UserRow): Report {
    this.exercises.visible(exerciseId, trainee);
    const r = this.store.reports.forTrainee(exerciseId, trainee.id);
    if (!r) throw notFound(`report for exercise ${exerciseId}`);
    return reportView(r);
  }

  /**
   * Creates (no `baseVersion`) or updates (matching `baseVersion`) the trainee's draft.
   * 409 version_conflict when another save came first; 409 conflict once submitted.
   */
  saveDraft(exerciseId: number, trainee: UserRow, body: IncidentReport, baseVersion: number | undefined): Report {
    return this.store.transaction(() => {
      this.exercises.visible(exerciseId, trainee);
      const current = this.store.reports.forTrainee(exerciseId, trainee.id);
      if (!current) {
        if (baseVersion !== undefined) throw notFound(`report for exercise ${exerciseId}`);
        const created = this.store.reports.insert(exerciseId, trainee.id, body);
        this.store.audit.add({ actorId: trainee.id, action: 'report.create', targetType: 'report', targetId: created.id });
        return reportView(created);
      }
      if (current.status === 'submitted') throw alreadySubmitted();
      if (baseVersion !== current.version || !this.store.reports.update(current.id, current.version, body)) {
        throw versionConflict(current);
      }
      // Autosaves are frequent: the audit trail records creation and submission, not every save.
      return reportView(this.store.reports.byId(current.id)!);
    });
  }

  submit(exerciseId: number, trainee: UserRow, baseVersion: number): Report {
    return this.store.transaction(() => {
      this.exercises.visible(exerciseId, trainee);
      const current = this.store.reports.forTrainee(exerciseId, trainee.id);
      if (!current) throw notFound(`report for exercise ${exerciseId}`);
      if (current.status === 'submitted') throw alreadySubmitted();
      if (baseVersion !== current.version || !this.store.reports.submit(current.id, current.version)) {
        throw versionConflict(current);
      }
      this.store.audit.add({
        actorId: trainee.id,
        action: 'report.submit',
        targetType: 'report',
        targetId: current.id,
        details: { version: current.version + 1 },
      });
      return reportView(this.store.reports.byId(current.id)!);
    });
  }

  /** Staff view. Graders see submitted reports only; instructors also see drafts in progress. */
  list(staff: UserRow, filter: { exerciseId?: number; status?: ReportStatus }): ReportSummary[] {
    if (staff.role === 'grader') {
      if (filter.status === 'draft') return [];
      return this.store.reports.list({ ...filter, status: 'submitted' }).map(summaryView);
    }
    if (staff.role !== 'instructor') throw forbidden();
    return this.store.reports.list(filter).map(summaryView);
  }

  get(id: number, staff: UserRow): Report {
    const r = this.store.reports.byId(id);
    if (!r || (staff.role === 'grader' && r.status !== 'submitted')) throw notFound(`report ${id}`);
    if (staff.role === 'trainee') throw forbidden();
    return reportView(r);
  }
}
