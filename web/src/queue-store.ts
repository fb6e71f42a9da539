// One exercise's live alert queue for the signed-in trainee: the whole queue is fetched in pages of
// 500 (the server orders by event time), kept in a signal, and re-fetched when the server announces
// new alerts over SSE or after the EventSource reconnects (so nothing announced while offline is lost).
import { signal } from '@preact/signals';
import type { Alert, AlertPage, Exercise, LiveEvent } from '../../server/contract/api.js';
import { api, describeError, query } from './api.js';

const PAGE = 500;

export class QueueStore {
  readonly alerts = signal<Alert[]>([]);
  readonly exercise = signal<Exercise | null>(null);
  readonly error = signal<string | null>(null);
  readonly loaded = signal(false);
  /** "live", "connecting" or "offline (reconnecting)": shown in the header of the queue. */
  readonly connection = signal('connecting');
  private source: EventSource | null = null;
  private loading: Promise<void> | null = null;
  private again = false;
  private everOpened = false;

  constructor(readonly exerciseId: number) {}

  start(): void {
    void this.refresh();
    void api.get<Exercise>(`/api/exercises/${this.exerciseId}`).then(
      (e) => (this.exercise.value = e),
      (err) => (this.error.value = describeError(err)),
    );
    const source = new EventSource(`/api/exercises/${this.exerciseId}/events`);
    this.source = source;
    source.onopen = () => {
      this.connection.value = 'live';
      // A reconnect: alerts announced while we were away are fetched now.
      if (this.everOpened) void this.refresh();
      this.everOpened = true;
    };
    source.onerror = () => {
      this.connection.value = source.readyState === EventSource.CLOSED ? 'offline' : 'offline (reconnecting)';
    };
    source.addEventListener('alerts', () => void this.refresh());
    source.addEventListener('replay', (ev) => {
      try {
        const data = JSON.parse((ev as MessageEvent<string>).data) as LiveEvent;
        if (data.type === 'replay') this.exercise.value = data.exercise;
      } catch {
        /* a malformed event is ignored; the next one carries the full state again */
      }
    });
  }

  stop(): void {
    this.source?.close();
    this.source = null;
  }

  /** Re-fetches the whole queue; calls during a fetch are folded into one more fetch after it. */
  refresh(): Promise<void> {
    if (this.loading) {
      this.again = true;
      return this.loading;
    }
    this.loading = (async () => {
      do {
        this.again = false;
        try {
          const all: Alert[] = [];
          for (let offset = 0; ; offset += PAGE) {
            const page = await api.get<AlertPage>(`/api/exercises/${this.exerciseId}/alerts${query({ limit: PAGE, offset })}`);
            all.push(...page.items);
            if (page.items.length < PAGE || all.length >= page.total) break;
          }
          this.alerts.value = all;
          this.error.value = null;
          this.loaded.value = true;
        } catch (err) {
          this.error.value = `The alert queue could not be loaded: ${describeError(err)}`;
        }
      } while (this.again);
      this.loading = null;
    })();
    return this.loading;
  }

  /** Replaces one alert after an action on it. */
  update(alert: Alert): void {
    this.alerts.value = this.alerts.value.map((a) => (a.id === alert.id ? alert : a));
  }
}
