// Instructor view of one exercise: replay controls (start, pause, resume, restart, speed) and each
// trainee's progress, re-read when the server announces new alerts or a replay change (no timers).
import { useEffect, useState } from 'preact/hooks';
import type { Exercise, ExerciseProgress, LiveEvent, ReplayStreamStatus } from '../../../server/contract/api.js';
import { REPLAY_SPEED } from '../../../server/contract/vocab.js';
import { api, describeError } from '../api.js';
import { ErrorNote, formatTime, Status } from '../ui.js';

export function InstructorExercise({ exerciseId }: { exerciseId: number }) {
  const [exercise, setExercise] = useState<Exercise | null>(null);
  const [progress, setProgress] = useState<ExerciseProgress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [speed, setSpeed] = useState('');
  const [busy, setBusy] = useState(false);
  const [stream, setStream] = useState<ReplayStreamStatus | null>(null);
  // The prepared stream (or why it could not be prepared), read with the progress.
  const loadStream = () => api.get<ReplayStreamStatus>(`/api/exercises/${exerciseId}/replay/stream`).then(setStream, () => setStream(null));

  const loadProgress = () => {
    void loadStream();
    return api.get<ExerciseProgress>(`/api/exercises/${exerciseId}/progress`).then(setProgress, (err) => setError(describeError(err)));
  };

  useEffect(() => {
    api.get<Exercise>(`/api/exercises/${exerciseId}`).then((e) => {
      setExercise(e);
      setSpeed(String(e.replay.speed));
    }, (err) => setError(describeError(err)));
    void loadProgress();
    const source = new EventSource(`/api/exercises/${exerciseId}/events`);
    source.addEventListener('replay', (ev) => {
      try {
        const data = JSON.parse((ev as MessageEvent<string>).data) as LiveEvent;
        if (data.type === 'replay') {
          setExercise(data.exercise);
          void loadStream();
        }
      } catch {
        /* ignored: the next event carries the full state */
      }
    });
    source.addEventListener('alerts', () => void loadProgress());
    return () => source.close();
  }, [exerciseId]);

  const act = async (action: 'start' | 'pause' | 'resume' | 'restart') => {
    if (action === 'restart' && !confirm('Restart the replay? Every trainee’s alerts and their work on them are deleted.')) return;
    setBusy(true);
    setError(null);
    try {
      setExercise(await api.post<Exercise>(`/api/exercises/${exerciseId}/replay/${action}`));
      void loadProgress();
    } catch (err) {
      setError(describeError(err));
    } finally {
      setBusy(false);
    }
  };

  const changeSpeed = async (e: Event) => {
    e.preventDefault();
    const n = Number(speed);
    if (!(n >= REPLAY_SPEED.min && n <= REPLAY_SPEED.max)) return setError(`Speed must be between ${REPLAY_SPEED.min} and ${REPLAY_SPEED.max}.`);
    setError(null);
    try {
      setExercise(await api.put<Exercise>(`/api/exercises/${exerciseId}/replay/speed`, { speed: n }));
    } catch (err) {
      setError(describeError(err));
    }
  };

  if (!exercise) return error ? <ErrorNote error={error} /> : <Status>Loading exercise…</Status>;
  const s = exercise.replay.status;
  return (
    <section>
      <a href="#/">← All exercises</a>
      <h1>{exercise.title}</h1>
      <dl class="facts">
        <dt>Scenario</dt><dd>{exercise.scenarioId} (seed {exercise.seed})</dd>
        <dt>Cohort</dt><dd>{exercise.cohort.name}</dd>
        <dt>Replay</dt><dd id="replay-status">{s} at {exercise.replay.speed}x, next event {exercise.replay.position}</dd>
        {stream && (
          <>
            <dt>Events</dt>
            <dd id="stream-status">
              {stream.problem ? `Not prepared: ${stream.problem}` : stream.preparing ? 'Being generated and imported…' : stream.prepared ? `${stream.events ?? 0} events prepared` : 'Generated when the replay starts'}
            </dd>
          </>
        )}
      </dl>
      <div class="panel">
        <h2>Replay controls</h2>
        <ErrorNote error={error} />
        <div class="buttons">
          <button type="button" disabled={busy || s !== 'idle'} onClick={() => void act('start')}>Start</button>
          <button type="button" disabled={busy || s !== 'running'} onClick={() => void act('pause')}>Pause</button>
          <button type="button" disabled={busy || s !== 'paused'} onClick={() => void act('resume')}>Resume</button>
          <button type="button" class="secondary" disabled={busy || s === 'idle'} onClick={() => void act('restart')}>Restart…</button>
        </div>
        <form class="filters" onSubmit={changeSpeed}>
          <label>
            Speed (times real time){' '}
            <input inputMode="decimal" value={speed} onInput={(e) => setSpeed(e.currentTarget.value)} />
          </label>
          <button type="submit">Set speed</button>
        </form>
      </div>
      <div class="bar">
        <h2>Trainee progress</h2>
        <button type="button" onClick={() => void loadProgress()}>Refresh</button>
      </div>
      {progress && (
        <>
          <p class="muted">{progress.alertCount} alerts raised so far.</p>
          {progress.trainees.length === 0 ? <Status>No trainees in this cohort.</Status> : (
            <table class="grid">
              <thead>
                <tr><th scope="col">Trainee</th><th scope="col">New</th><th scope="col">In progress</th><th scope="col">Escalated</th><th scope="col">Closed</th><th scope="col">Report</th></tr>
              </thead>
              <tbody>
                {progress.trainees.map((t) => (
                  <tr key={t.trainee.id}>
                    <td>{t.trainee.username}</td>
                    <td>{t.counts.new}</td>
                    <td>{t.counts.in_progress}</td>
                    <td>{t.counts.escalated}</td>
                    <td>{t.counts.closed}</td>
                    <td>{t.report ? `${t.report.status} (v${t.report.version}, ${formatTime(t.report.updatedAt)})` : 'not started'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </>
      )}
    </section>
  );
}
