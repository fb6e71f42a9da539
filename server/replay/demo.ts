// The demo exercise `soclab start` keeps ready: a scenario with its seed, assigned to the demo
// cohort that the first start creates. Created once (found again by title on later starts).
import type { Exercise } from '../contract/api.js';
import { DEMO_COHORT } from '../services/accounts.js';
import { exerciseView } from '../services/exercises.js';
import type { Store } from '../store/index.js';

export const DEMO_SCENARIO = 'phishing-macro-beacon';
export const DEMO_SEED = 1;
const DEMO_TITLE_PREFIX = 'Demo: ';

/**
 * The demo cohort's demo exercise, created when missing. Null when there is no demo cohort (a
 * database set up without the first-start demo accounts).
 */
export function ensureDemoExercise(store: Store, scenarioId = DEMO_SCENARIO, seed = DEMO_SEED): { exercise: Exercise; created: boolean } | null {
  const cohort = store.cohorts.byName(DEMO_COHORT);
  if (!cohort) return null;
  return store.transaction(() => {
    const existing = store.exercises
      .listAll()
      .find((e) => e.cohortId === cohort.id && e.title.startsWith(DEMO_TITLE_PREFIX) && e.scenarioId === scenarioId && e.seed === seed);
    if (existing) return { exercise: exerciseView(existing), created: false };
    const e = store.exercises.insert({
      cohortId: cohort.id,
      scenarioId,
      seed,
      title: `${DEMO_TITLE_PREFIX}${scenarioId} (seed ${seed})`,
      createdBy: null,
    });
    store.audit.add({ actorId: null, action: 'exercise.create', targetType: 'exercise', targetId: e.id, details: { cohortId: cohort.id, scenarioId, seed, demo: true } });
    return { exercise: exerciseView(e), created: true };
  });
}
