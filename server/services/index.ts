// The use-case layer the routes call. One instance per app, built over its store.
import type { Store } from '../store/index.js';
import type { LabEvents } from '../events.js';
import { AccountService } from './accounts.js';
import { AlertService } from './alerts.js';
import { CohortService } from './cohorts.js';
import { ExerciseService } from './exercises.js';
import { ReportService } from './reports.js';
import { PivotService } from './pivot.js';

export interface Services {
  accounts: AccountService;
  cohorts: CohortService;
  exercises: ExerciseService;
  alerts: AlertService;
  reports: ReportService;
  /** Events around an alert and process trees (server/services/pivot.ts). */
  pivot: PivotService;
}

export function createServices(store: Store, events: LabEvents): Services {
  const exercises = new ExerciseService(store, events);
  return {
    accounts: new AccountService(store),
    cohorts: new CohortService(store),
    exercises,
    alerts: new AlertService(store, exercises, events),
    reports: new ReportService(store, exercises),
    pivot: new PivotService(store, exercises),
  };
}
