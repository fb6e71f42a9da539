// The replay runner: plays each running exercise's scenario events on a shifted clock through the
// server's current rule set, records the alerts and announces them over SSE.
//
// The persisted replay state (exercises row: status, speed, position) is the truth; the runner
// follows it. `changed(id)` wakes it after an instructor's action, `resumeRunning()` picks up the
// exercises left running by a previous server process. Each tick is synchronous: it reads the row,
// matches the events now due (at most TICK_BATCH), records their alerts and then persists the new
// position. A crash between those two steps replays a few events again on the next start, which
// raises nothing twice: alerts are unique per exercise + rule + event index.
//
// Scheduling uses event time only: when the replay (re)starts, the next event's time is "now" and
// event time then runs `speed` times as fast as wall time. The timer sleeps until the next event is
// due (never less than MIN_TICK_MS, so at high speed many events share a tick; never a busy loop).
import type { Alert as EngineAlert } from '../../engine/api.js';
import type { RuleSet } from '../../engine/ruleset.js';
import type { LabEvents } from '../events.js';
import type { AlertService } from '../services/alerts.js';
import { alertFromEngine } from '../services/engine-alerts.js';
import { exerciseView } from '../services/exercises.js';
import type { ExerciseEventRow, NewAlert, Store, StreamInfo } from '../store/index.js';
import { ReplayClock } from './clock.js';
import { PrepareCancelled, prepareStream, ScenarioUnknownError } from './prepare.js';

/** Shortest sleep between ticks: events due within it are handled together. */
export const MIN_TICK_MS = 50;
/** Longest sleep: the runner re-reads its state at least this often. */
export const MAX_TICK_MS = 30_000;
/** Most events handled in one tick; a longer backlog continues on the next turn of the event loop. */
export const TICK_BATCH = 2_000;
/** Progress (position) is announced over SSE at most this often while running. */
export const ANNOUNCE_EVERY_MS = 1_000;
/** Retry delay while no rule set is loaded. */
const NO_RULES_RETRY_MS = 1_000;
/** Retry delay after a tick failed. */
const ERROR_RETRY_MS = 5_000;

export interface ReplayLog {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

export interface ReplayRunnerOptions {
  store: Store;
  alerts: AlertService;
  events: LabEvents;
  /** The rule set in use now (reloads apply from the next tick), or null when none is loaded. */
  rules: () => RuleSet | null;
  /** Where per-exercise files go (<dataDir>/exercises/<id>/events.jsonl). */
  dataDir: string;
  /** Generator scale for new exercises' streams. */
  scale: number;
  log: ReplayLog;
  /** Wall clock (ms). */
  now?: () => number;
}

interface Active {
  id: number;
  stream: StreamInfo | null;
  preparing: Promise<void> | null;
  /** Why preparation failed (unknown scenario, generator error); the replay waits for a restart. */
  failed: string | null;
  clock: ReplayClock | null;
  /** The next event index, as last persisted. */
  position: number;
  timer: NodeJS.Timeout | null;
  lastAnnounced: number;
  warnedNoRules: boolean;
}

export class ReplayRunner {
  private readonly active = new Map<number, Active>();
  private closed = false;
  private readonly now: () => number;

  constructor(private readonly o: ReplayRunnerOptions) {
    this.now = o.now ?? Date.now;
  }

  /** True once close() was called (the server is shutting down). */
  get closing(): boolean {
    return this.closed;
  }

  /** Starts the exercises a previous server process left running, from their persisted position. */
  resumeRunning(): void {
    for (const e of this.o.store.exercises.listRunning()) this.changed(e.id);
  }

  /**
   * Call after the exercise's replay state changed (start, pause, resume, restart, speed). The runner
   * re-reads the row: running -> (re)anchors the clock at the persisted position and ticks; anything
   * else -> stops its timer. A speed change while running keeps the event time reached so far.
   */
  changed(exerciseId: number): void {
    if (this.closed) return;
    const row = this.o.store.exercises.byId(exerciseId);
    let a = this.active.get(exerciseId);
    if (!row) {
      if (a) this.stop(a);
      this.active.delete(exerciseId);
      return;
    }
    if (!a) {
      a = { id: exerciseId, stream: null, preparing: null, failed: null, clock: null, position: row.replayPosition, timer: null, lastAnnounced: 0, warnedNoRules: false };
      this.active.set(exerciseId, a);
    }
    this.stop(a);
    if (row.replayStatus !== 'running') {
      a.clock = null;
      return;
    }
    const keepClock = a.clock !== null && a.position === row.replayPosition;
    if (keepClock) {
      if (a.clock!.speed !== row.replaySpeed) a.clock!.setSpeed(row.replaySpeed, this.now());
    } else {
      a.clock = null;
      a.position = row.replayPosition;
    }
    a.failed = null;
    this.schedule(a, 0);
  }

  /**
   * Generates and imports the exercise's stream now, without starting the replay (so a later start
   * begins at once). Resolves when the stream is ready; rejects when it cannot be prepared.
   */
  async warm(exerciseId: number): Promise<StreamInfo> {
    const row = this.o.store.exercises.byId(exerciseId);
    if (!row) throw new Error(`exercise ${exerciseId} does not exist`);
    const done = this.o.store.exerciseEvents.stream(exerciseId);
    if (done) return done;
    let a = this.active.get(exerciseId);
    if (!a) {
      a = { id: exerciseId, stream: null, preparing: null, failed: null, clock: null, position: row.replayPosition, timer: null, lastAnnounced: 0, warnedNoRules: false };
      this.active.set(exerciseId, a);
    }
    this.prepare(a, row.scenarioId, row.seed);
    await a.preparing;
    if (a.stream) return a.stream;
    throw new Error(a.failed ?? (this.closed ? 'the server is closing' : `exercise ${exerciseId}: stream not prepared`));
  }

  /**
   * What the runner knows about an exercise's stream: prepared (and how many events), being prepared
   * now, or why it could not be (e.g. an unknown scenario id); the replay waits for a restart then.
   */
  status(exerciseId: number): { prepared: boolean; events: number | null; preparing: boolean; problem: string | null } {
    const stream = this.o.store.exerciseEvents.stream(exerciseId);
    const a = this.active.get(exerciseId);
    return { prepared: stream !== undefined, events: stream?.events ?? null, preparing: a?.preparing != null, problem: a?.failed ?? null };
  }

  /** Stops every timer and waits for preparations in flight to give up. Idempotent. */
  async close(): Promise<void> {
    this.closed = true;
    for (const a of this.active.values()) this.stop(a);
    await Promise.all([...this.active.values()].map((a) => a.preparing));
  }

  private stop(a: Active): void {
    if (a.timer) clearTimeout(a.timer);
    a.timer = null;
  }

  private schedule(a: Active, delayMs: number): void {
    if (this.closed) return;
    this.stop(a);
    a.timer = setTimeout(() => {
      a.timer = null;
      try {
        this.tick(a);
      } catch (err) {
        // A failing tick (e.g. the database busy or gone) must not take the server down: log it
        // and try again later from the persisted position.
        if (this.closed) return;
        this.o.log.error({ err, exerciseId: a.id }, 'replay tick failed; retrying');
        this.schedule(a, ERROR_RETRY_MS);
      }
    }, delayMs);
  }

  private prepare(a: Active, scenarioId: string, seed: number): void {
    if (a.preparing) return;
    a.preparing = prepareStream(a.id, scenarioId, seed, {
      store: this.o.store,
      dataDir: this.o.dataDir,
      scale: this.o.scale,
      cancelled: () => this.closed,
    })
      .then((stream) => {
        a.stream = stream;
        this.o.log.info({ exerciseId: a.id, events: stream.events }, 'replay stream ready');
        if (this.o.store.exercises.byId(a.id)?.replayStatus === 'running') this.schedule(a, 0);
      })
      .catch((err: unknown) => {
        if (err instanceof PrepareCancelled || this.closed) return;
        a.failed = err instanceof Error ? err.message : String(err);
        const level = err instanceof ScenarioUnknownError ? 'warn' : 'error';
        this.o.log[level]({ exerciseId: a.id, scenarioId, err }, `replay cannot run: ${a.failed}`);
      })
      .finally(() => {
        a.preparing = null;
      });
  }

  private tick(a: Active): void {
    if (this.closed) return;
    const row = this.o.store.exercises.byId(a.id);
    if (!row || row.replayStatus !== 'running') return;
    if (!a.stream) {
      a.stream = this.o.store.exerciseEvents.stream(a.id) ?? null;
      if (!a.stream) return this.prepare(a, row.scenarioId, row.seed);
    }
    const ruleSet = this.o.rules();
    if (!ruleSet) {
      if (!a.warnedNoRules) this.o.log.warn({ exerciseId: a.id }, 'replay waits: no rule set is loaded');
      a.warnedNoRules = true;
      return this.schedule(a, NO_RULES_RETRY_MS);
    }
    if (row.replayPosition !== a.position) {
      // Moved by someone else (a restart): follow the row.
      a.position = row.replayPosition;
      a.clock = null;
    }
    const events = this.o.store.exerciseEvents;
    if (a.position >= a.stream.events) return this.finish(a);
    const wall = this.now();
    if (a.clock === null) {
      const next = events.range(a.id, a.position, 1)[0];
      a.clock = new ReplayClock(next.tMs, wall, row.replaySpeed);
    } else if (a.clock.speed !== row.replaySpeed) {
      a.clock.setSpeed(row.replaySpeed, wall);
    }
    const eventNow = a.clock.eventNow(wall);
    const batch = events.range(a.id, a.position, TICK_BATCH);
    let due = 0;
    while (due < batch.length && batch[due].tMs <= eventNow) due++;
    if (due > 0) {
      const alerts = this.match(a.id, batch.slice(0, due), ruleSet);
      if (alerts.length) this.o.alerts.record(a.id, alerts);
      a.position += due;
      this.o.store.exercises.setReplayPosition(a.id, a.position);
    }
    if (a.position >= a.stream.events) return this.finish(a);
    if (wall - a.lastAnnounced >= ANNOUNCE_EVERY_MS && due > 0) this.announce(a);
    if (due === batch.length) return this.schedule(a, 0);
    const delay = a.clock.wallDelay(batch[due].tMs, wall);
    this.schedule(a, Math.min(MAX_TICK_MS, Math.max(MIN_TICK_MS, Math.ceil(delay))));
  }

  /** The alerts the rule set raises on these events (never throws: RuleSet.match does not). */
  private match(exerciseId: number, rows: ExerciseEventRow[], ruleSet: RuleSet): Omit<NewAlert, 'exerciseId'>[] {
    const out: Omit<NewAlert, 'exerciseId'>[] = [];
    for (const r of rows) {
      let event: Record<string, unknown>;
      try {
        event = JSON.parse(r.json) as Record<string, unknown>;
      } catch {
        continue;
      }
      const hits = ruleSet.match(event);
      for (const hit of hits) {
        const engineAlert: EngineAlert = { rule: hit.rule, timestamp: r.time, event, match: hit.match, source: { file: 'events.jsonl', line: r.index + 1 } };
        const { exerciseId: _ignored, ...alert } = alertFromEngine(exerciseId, r.index, engineAlert);
        out.push(alert);
      }
    }
    return out;
  }

  private announce(a: Active): void {
    const row = this.o.store.exercises.byId(a.id);
    if (!row) return;
    a.lastAnnounced = this.now();
    this.o.events.publish(a.id, { type: 'replay', exercise: exerciseView(row) });
  }

  private finish(a: Active): void {
    const row = this.o.store.exercises.byId(a.id);
    if (!row || row.replayStatus !== 'running') return;
    this.o.store.exercises.updateReplay(a.id, { status: 'finished', speed: row.replaySpeed, position: a.position });
    a.clock = null;
    this.o.log.info({ exerciseId: a.id, events: a.position }, 'replay finished');
    this.announce(a);
  }
}
