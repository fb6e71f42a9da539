// The use-case layer the routes call. One instance per app, built over its store.
import type { Store } from '../store/index.js';
import { AccountService } from './accounts.js';
import { AlertService } from './alerts.js';
import { CohortService } from './cohorts.js';
import { ExerciseService } from './exercises.js';
import { ReportService } from './reports.js';

export interface Services {
  accounts: AccountService;
  cohorts: CohortService;
  exercises: ExerciseService;
  alerts: AlertService;
  reports: ReportService;
}

export function createServices(store: Store): Services {
  const exercises = new ExerciseService(store);
  return {
    accounts: new AccountService(store),
    cohorts: new CohortService(store),
    exercises,
    alerts: new AlertService(store, exercises),
    reports: new ReportService(store, exercises),
  };
}
