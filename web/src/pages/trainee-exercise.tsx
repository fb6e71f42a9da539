// A trainee's exercise: the live queue, an alert's detail, or the report. The queue store (and its
// SSE connection) lives as long as the exercise is open, so going back to the queue is instant.
import { useEffect, useMemo } from 'preact/hooks';
import { QueueStore } from '../queue-store.js';
import { idAt } from '../router.js';
import { AlertQueue } from './alert-queue.js';
import { AlertDetailPage } from './alert-detail.js';
import { ReportEditor } from './report-editor.js';
import { shown } from '../ui.js';

export function TraineeExercise({ exerciseId, segments }: { exerciseId: number; segments: string[] }) {
  const store = useMemo(() => new QueueStore(exerciseId), [exerciseId]);
  useEffect(() => {
    store.start();
    return () => store.stop();
  }, [store]);
  const ex = store.exercise.value;
  const alertId = segments[0] === 'alerts' ? idAt(segments, 1) : null;
  const onReport = segments[0] === 'report';
  return (
    <section>
      <div class="bar">
        <h1>{ex ? shown(ex.title) : `Exercise ${exerciseId}`}</h1>
        {ex && <span class="muted">Replay {ex.replay.status} at {ex.replay.speed}x</span>}
      </div>
      <nav class="tabs" aria-label="Exercise">
        <a href={`#/exercises/${exerciseId}`} aria-current={!onReport ? 'page' : undefined}>Alert queue</a>
        <a href={`#/exercises/${exerciseId}/report`} aria-current={onReport ? 'page' : undefined}>Incident report</a>
      </nav>
      {onReport ? <ReportEditor exerciseId={exerciseId} /> : alertId ? <AlertDetailPage alertId={alertId} store={store} /> : <AlertQueue store={store} />}
    </section>
  );
}
