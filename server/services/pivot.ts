// Pivots from an alert (or any replayed event) into the exercise's events: the event itself, the
// events around it (same host or user, a time window, free-text and field filters, paging), and the
// process tree around a process (Sysmon 1 by ProcessGuid/ParentProcessGuid, Security 4688 by host
// + pid). Only events already replayed are ever visible: a trainee cannot read ahead of the story.
import type { LogEvent, PivotPage, PivotQuery, PivotScope, ProcessNode, ProcessTree } from '../contract/api.js';
import { ApiError, notFound } from '../errors.js';
import type { ExerciseEventRow, ExerciseRow, Store, UserRow } from '../store/index.js';
import type { ExerciseService } from './exercises.js';

/** Levels walked up and down from the focus process. */
export const TREE_MAX_DEPTH = 16;
/** Processes in one tree at most (ancestors + focus + descendants). */
export const TREE_MAX_NODES = 300;
const DEFAULT_WINDOW_S = 900;

function parseData(row: ExerciseEventRow): Record<string, unknown> {
  try {
    const v = JSON.parse(row.json) as unknown;
    return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {};
  } catch {
    return {};
  }
}

export function logEventView(row: ExerciseEventRow): LogEvent {
  return { index: row.index, time: row.time, host: row.host, user: row.user, eventId: row.eventId, data: parseData(row) };
}

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

function processNode(row: ExerciseEventRow, parent: number | null, depth: number): ProcessNode {
  const d = parseData(row);
  const sysmon = row.eventId === 1;
  return {
    index: row.index,
    parent,
    depth,
    source: sysmon ? 'sysmon' : 'security',
    time: row.time,
    host: row.host,
    user: row.user,
    image: str(sysmon ? d.Image : d.NewProcessName),
    commandLine: str(d.CommandLine),
    pid: row.pid,
    processGuid: row.processGuid,
  };
}

interface Scope {
  exercise: ExerciseRow;
  /** Events with a smaller index have been replayed. */
  visibleBefore: number;
}

export class PivotService {
  constructor(
    private readonly store: Store,
    private readonly exercises: ExerciseService,
  ) {}

  private scope(exerciseId: number, user: UserRow): Scope {
    const exercise = this.exercises.visible(exerciseId, user);
    return { exercise, visibleBefore: exercise.replayPosition };
  }

  /** The alert's exercise and event, if `user` may see the alert (else 404 like an unknown id). */
  private alertEvent(alertId: number, user: UserRow): { scope: Scope; row: ExerciseEventRow } {
    const alert = this.store.alerts.get(alertId, user.id);
    if (!alert) throw notFound(`alert ${alertId}`);
    let scope: Scope;
    try {
      scope = this.scope(alert.exerciseId, user);
    } catch {
      throw notFound(`alert ${alertId}`);
    }
    const row = this.store.exerciseEvents.byIndex(alert.exerciseId, alert.eventIndex);
    if (!row) throw notFound(`event of alert ${alertId}`);
    return { scope, row };
  }

  /** Event `index` of the exercise, if it has been replayed. */
  private indexedEvent(exerciseId: number, index: number, user: UserRow): { scope: Scope; row: ExerciseEventRow } {
    const scope = this.scope(exerciseId, user);
    const row = index < scope.visibleBefore ? this.store.exerciseEvents.byIndex(exerciseId, index) : undefined;
    if (!row) throw notFound(`event ${index} of exercise ${exerciseId}`);
    return { scope, row };
  }

  alertEventView(alertId: number, user: UserRow): LogEvent {
    return logEventView(this.alertEvent(alertId, user).row);
  }

  eventView(exerciseId: number, index: number, user: UserRow): LogEvent {
    return logEventView(this.indexedEvent(exerciseId, index, user).row);
  }

  alertContext(alertId: number, user: UserRow, q: PivotQuery): PivotPage {
    const { scope, row } = this.alertEvent(alertId, user);
    return this.context(scope, row, q);
  }

  eventContext(exerciseId: number, index: number, user: UserRow, q: PivotQuery): PivotPage {
    const { scope, row } = this.indexedEvent(exerciseId, index, user);
    return this.context(scope, row, q);
  }

  alertProcessTree(alertId: number, user: UserRow): ProcessTree {
    const { scope, row } = this.alertEvent(alertId, user);
    return this.tree(scope, row);
  }

  eventProcessTree(exerciseId: number, index: number, user: UserRow): ProcessTree {
    const { scope, row } = this.indexedEvent(exerciseId, index, user);
    return this.tree(scope, row);
  }

  private context(scope: Scope, anchor: ExerciseEventRow, q: PivotQuery): PivotPage {
    // Default: the host when the event names one, else the user, else every event in the window.
    const kind: PivotScope = q.scope ?? (anchor.host !== null ? 'host' : anchor.user !== null ? 'user' : 'all');
    if (kind === 'host' && anchor.host === null) throw new ApiError(400, 'bad_request', `event ${anchor.index} names no host; use scope=user or scope=all`);
    if (kind === 'user' && anchor.user === null) throw new ApiError(400, 'bad_request', `event ${anchor.index} names no user; use scope=host or scope=all`);
    if ((q.field === undefined) !== (q.value === undefined)) {
      throw new ApiError(400, 'bad_request', 'a field filter needs both "field" and "value"');
    }
    const fromMs = anchor.tMs - (q.before ?? DEFAULT_WINDOW_S) * 1000;
    const toMs = anchor.tMs + (q.after ?? DEFAULT_WINDOW_S) * 1000;
    const { total, items } = this.store.exerciseEvents.search(scope.exercise.id, {
      before: scope.visibleBefore,
      fromMs,
      toMs,
      host: kind === 'host' ? anchor.host : null,
      user: kind === 'user' ? anchor.user : null,
      text: q.q ?? null,
      // The field name is a JSON object key; quoted, so dotted names ("host.name") stay one key.
      fieldPath: q.field === undefined ? null : `$."${q.field}"`,
      fieldValue: q.value ?? null,
      eventId: q.eventId ?? null,
      limit: q.limit ?? 100,
      offset: q.offset ?? 0,
    });
    return {
      anchor: logEventView(anchor),
      scope: kind,
      window: { from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString() },
      total,
      items: items.map(logEventView),
    };
  }

  /** The creation event of the process an event belongs to: itself, or found by its ProcessGuid. */
  private creationOf(exerciseId: number, row: ExerciseEventRow, before: number): ExerciseEventRow | undefined {
    if (row.procCreate) return row;
    if (row.processGuid !== null) return this.store.exerciseEvents.creationByGuid(exerciseId, row.processGuid, before);
    return undefined;
  }

  private parentOf(exerciseId: number, p: ExerciseEventRow, before: number): ExerciseEventRow | undefined {
    const events = this.store.exerciseEvents;
    if (p.eventId === 1) return p.parentProcessGuid === null ? undefined : events.creationByGuid(exerciseId, p.parentProcessGuid, before);
    if (p.host === null || p.ppid === null) return undefined;
    return events.creationByPid(exerciseId, p.host, p.ppid, p.index);
  }

  private childrenOf(exerciseId: number, p: ExerciseEventRow, before: number, limit: number): ExerciseEventRow[] {
    const events = this.store.exerciseEvents;
    if (p.eventId === 1) return p.processGuid === null ? [] : events.childrenByGuid(exerciseId, p.processGuid, before, limit);
    return events.childrenByPid(exerciseId, p, before, limit);
  }

  private tree(scope: Scope, row: ExerciseEventRow): ProcessTree {
    const exerciseId = scope.exercise.id;
    const before = scope.visibleBefore;
    const focus = this.creationOf(exerciseId, row, before);
    if (!focus) return { event: logEventView(row), focus: null, nodes: [], truncated: false };
    const seen = new Set<number>([focus.index]);
    let truncated = false;

    const ancestors: ExerciseEventRow[] = [];
    for (let cur = focus; ; ) {
      const parent = this.parentOf(exerciseId, cur, before);
      if (!parent || seen.has(parent.index)) break;
      if (ancestors.length >= TREE_MAX_DEPTH) {
        truncated = true;
        break;
      }
      seen.add(parent.index);
      ancestors.push(parent);
      cur = parent;
    }
    const nodes: ProcessNode[] = [];
    ancestors.reverse().forEach((a, i) => nodes.push(processNode(a, i === 0 ? null : ancestors[i - 1].index, i - ancestors.length)));
    nodes.push(processNode(focus, ancestors.length ? ancestors[ancestors.length - 1].index : null, 0));

    let level: ExerciseEventRow[] = [focus];
    for (let depth = 1; level.length > 0; depth++) {
      const next: ExerciseEventRow[] = [];
      for (const p of level) {
        const room = TREE_MAX_NODES - nodes.length;
        if (room <= 0 || depth > TREE_MAX_DEPTH) {
          truncated = true;
          break;
        }
        // One more than the room tells whether anything was cut.
        const children = this.childrenOf(exerciseId, p, before, room + 1);
        for (const c of children) {
          if (seen.has(c.index)) continue;
          if (nodes.length >= TREE_MAX_NODES) {
            truncated = true;
            break;
          }
          seen.add(c.index);
          nodes.push(processNode(c, p.index, depth));
          next.push(c);
        }
      }
      if (truncated) break;
      level = next;
    }
    return { event: logEventView(row), focus: focus.index, nodes, truncated };
  }
}
