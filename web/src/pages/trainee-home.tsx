// A trainee's exercises (those of their cohorts).
import { useEffect, useState } from 'preact/hooks';
import type { Exercise } from '../../../server/contract/api.js';
import { api, describeError } from '../api.js';
import { ErrorNote, Status } from '../ui.js';

export function ExerciseTable({ exercises, link }: { exercises: Exercise[]; link: (e: Exercise) => string }) {
  if (exercises.length === 0) return <Status>No exercises yet.</Status>;
  return (
    <table class="grid">
      <thead>
        <tr>
          <th scope="col">Exercise</th>
          <th scope="col">Scenario</th>
          <th scope="col">Cohort</th>
          <th scope="col">Replay</th>
        </tr>
      </thead>
      <tbody>
        {exercises.map((e) => (
          <tr key={e.id}>
            <td>
              <a href={link(e)}>{e.title}</a>
            </td>
            <td>{e.scenarioId}</td>
            <td>{e.cohort.name}</td>
            <td>
              {e.replay.status} at {e.replay.speed}x
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function TraineeHome() {
  const [exercises, setExercises] = useState<Exercise[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api.get<Exercise[]>('/api/exercises').then(setExercises, (err) => setError(describeError(err)));
  }, []);
  return (
    <section>
      <h1>My exercises</h1>
      <ErrorNote error={error} />
      {exercises ? <ExerciseTable exercises={exercises} link={(e) => `#/exercises/${e.id}`} /> : !error && <Status>Loading…</Status>}
    </section>
  );
}
