// Instructor home: every exercise, and a form to create one for a cohort.
import { useEffect, useState } from 'preact/hooks';
import type { Cohort, Exercise, ScenarioSummary } from '../../../server/contract/api.js';
import { api, describeError } from '../api.js';
import { go } from '../router.js';
import { ErrorNote, Status } from '../ui.js';
import { ExerciseTable } from './trainee-home.js';

function CreateExercise({ cohorts, scenarios }: { cohorts: Cohort[]; scenarios: ScenarioSummary[] | null }) {
  const [cohortId, setCohortId] = useState(cohorts[0]?.id ?? 0);
  const [scenarioId, setScenarioId] = useState('');
  const [seed, setSeed] = useState('1');
  const [title, setTitle] = useState('');
  const [error, setError] = useState<string | null>(null);
  const submit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const n = Number(seed);
    if (!Number.isInteger(n) || n < 0) return setError('The seed must be a whole number, 0 or more.');
    try {
      const ex = await api.post<Exercise>('/api/exercises', {
        cohortId,
        scenarioId: scenarioId.trim(),
        seed: n,
        ...(title.trim() ? { title: title.trim() } : {}),
      });
      go(`/exercises/${ex.id}`);
    } catch (err) {
      setError(describeError(err));
    }
  };
  if (cohorts.length === 0) return <Status>Create a cohort first (POST /api/cohorts) to create exercises.</Status>;
  return (
    <form class="panel" onSubmit={submit} aria-labelledby="create-title">
      <h2 id="create-title">New exercise</h2>
      <div class="row">
        <div class="field">
          <label for="x-cohort">Cohort</label>
          <select id="x-cohort" value={cohortId} onChange={(e) => setCohortId(Number(e.currentTarget.value))}>
            {cohorts.map((c) => <option key={c.id} value={c.id}>{c.name}</option>)}
          </select>
        </div>
        <div class="field">
          <label for="x-scenario">Scenario</label>
          {scenarios && scenarios.length > 0 ? (
            <select id="x-scenario" required value={scenarioId} onChange={(e) => setScenarioId(e.currentTarget.value)}>
              <option value="" disabled>Choose…</option>
              {scenarios.map((sc) => <option key={sc.id} value={sc.id}>{sc.title} ({sc.id}, {sc.difficulty})</option>)}
            </select>
          ) : (
            <input id="x-scenario" required value={scenarioId} placeholder="phishing-macro-beacon" onInput={(e) => setScenarioId(e.currentTarget.value)} />
          )}
        </div>
        <div class="field">
          <label for="x-seed">Seed</label>
          <input id="x-seed" inputMode="numeric" required value={seed} onInput={(e) => setSeed(e.currentTarget.value)} />
        </div>
        <div class="field">
          <label for="x-title">Title (optional)</label>
          <input id="x-title" value={title} onInput={(e) => setTitle(e.currentTarget.value)} />
        </div>
      </div>
      <ErrorNote error={error} />
      <button type="submit">Create exercise</button>
    </form>
  );
}

export function InstructorHome() {
  const [exercises, setExercises] = useState<Exercise[] | null>(null);
  const [cohorts, setCohorts] = useState<Cohort[] | null>(null);
  const [scenarios, setScenarios] = useState<ScenarioSummary[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.get<Exercise[]>('/api/exercises').then(setExercises, (err) => setError(describeError(err)));
    api.get<Cohort[]>('/api/cohorts').then(setCohorts, (err) => setError(describeError(err)));
    // Older servers have no scenario list: the form then takes the id as text.
    api.get<ScenarioSummary[]>('/api/scenarios').then(setScenarios, () => setScenarios([]));
  }, []);
  return (
    <section>
      <h1>Exercises</h1>
      <ErrorNote error={error} />
      {exercises ? <ExerciseTable exercises={exercises} link={(e) => `#/exercises/${e.id}`} /> : !error && <Status>Loading…</Status>}
      {cohorts && scenarios && <CreateExercise cohorts={cohorts} scenarios={scenarios} />}
    </section>
  );
}
